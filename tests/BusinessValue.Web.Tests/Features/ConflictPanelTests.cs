using Bunit;
using BusinessValue.Web.Features;

namespace BusinessValue.Web.Tests.Features;

public sealed class ConflictPanelTests : MudComponentTest
{
    [Fact]
    public void Render_SomeoneChangedTheHeadcount_ShowsBothVersionsAndMarksOnlyThatField()
    {
        var outcome = SaveOutcome.Conflicted([("Name", "Sales"), ("Headcount", "202")], [("Name", "Sales"), ("Headcount", "101")], theirVersion: 3);

        var panel = Context.Render<ConflictPanel>(p => p.Add(c => c.Outcome, outcome));

        var rows = panel.FindAll("[data-testid=conflict-fields] tbody tr");
        rows.Should().HaveCount(2);
        rows[1].TextContent.Should().Contain("Headcount").And.Contain("202").And.Contain("101");
        rows.Select(r => r.GetAttribute("data-differs")).Should().Equal("false", "true");
        panel.Markup.Should().Contain("nothing of yours was saved");
    }

    [Fact]
    public void Click_SaveMine_CallsBackSoThePageSavesOverTheirVersion()
    {
        var saved = false;
        var outcome = SaveOutcome.Conflicted([("Headcount", "2")], [("Headcount", "1")], theirVersion: 3);
        var panel = Context.Render<ConflictPanel>(p => p.Add(c => c.Outcome, outcome).Add(c => c.OnSaveMine, () => saved = true));

        panel.Find("[data-testid=conflict-save-mine]").Click();

        saved.Should().BeTrue();
        outcome.TheirVersion.Should().Be(3);
    }
}
