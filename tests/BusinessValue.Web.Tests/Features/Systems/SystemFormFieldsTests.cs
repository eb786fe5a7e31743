using System.Globalization;
using Bunit;
using BusinessValue.Domain.Systems;
using BusinessValue.Web.Features.Forms;
using BusinessValue.Web.Features.Systems;
using MudBlazor;

namespace BusinessValue.Web.Tests.Features.Systems;

public sealed class SystemFormFieldsTests : MudComponentTest
{
    // The demo ERP: 220,000 + 80,000 + 100,000 + 0 = 400,000 a year.
    private static SystemForm Erp(string currency = "USD") => new()
    {
        Name = "ERP",
        Category = "Enterprise resource planning",
        Vendor = "SAP",
        Lifecycle = Lifecycle.PhaseOut,
        StrategicFit = StrategicFit.MaintainsStatusQuo,
        Licences = 220_000m,
        Infrastructure = 80_000m,
        SupportStaff = 100_000m,
        Other = 0m,
        ExpectedAnnualBenefit = 500_000m,
        IntendedUsers = 1_400,
        RequiredRecoveryHours = 8m,
        Currency = currency,
    };

    /// <summary>Renders as a reader with this culture would see it (the request's culture, as request localisation sets it).</summary>
    private IRenderedComponent<SystemFormFields> RenderFor(SystemForm form, string culture = "en-US", FieldProblems? problems = null)
    {
        var (before, uiBefore) = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        try
        {
            CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(culture);
            Context.Render<MudPopoverProvider>();
            return Context.Render<SystemFormFields>(p => p.Add(c => c.Form, form).Add(c => c.Problems, problems ?? FieldProblems.None));
        }
        finally
        {
            (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = (before, uiBefore);
        }
    }

    private static string? ValueOf(IRenderedComponent<SystemFormFields> fields, string id) => fields.Find($"input#{id}").GetAttribute("value");

    private static string LabelOf(IRenderedComponent<SystemFormFields> fields, string id) => fields.Find($"label[for={id}]").TextContent.Trim();

    [Fact]
    public void Render_SystemThatMaintainsTheStatusQuo_ShowsTheChoicesInWords()
    {
        var fields = RenderFor(Erp());

        var shown = fields.FindAll("input").Select(i => i.GetAttribute("value")).ToList();
        shown.Should().Contain("Maintains the status quo").And.Contain("Being phased out");
        fields.Markup.Should().NotContain("MaintainsStatusQuo").And.NotContain("PhaseOut");
    }

    [Fact]
    public void Render_LicencesOf220000_ShowsThemGroupedWithTheCurrencyAndTheTotalCostOfOwnership()
    {
        var fields = RenderFor(Erp());

        ValueOf(fields, "cost-licences").Should().Be("220,000");
        LabelOf(fields, "cost-licences").Should().Be("Licences per year (USD)");
        ValueOf(fields, "cost-other").Should().Be("0");
        ValueOf(fields, "expected-benefit").Should().Be("500,000");
        LabelOf(fields, "expected-benefit").Should().Contain("(USD)");
        fields.Find("[data-testid=total-cost-of-ownership]").TextContent.Should().Contain("400,000 USD");
        ValueOf(fields, "intended-users").Should().Be("1,400");
        ValueOf(fields, "required-recovery").Should().Be("8");
        fields.Find("input#cost-licences").GetAttribute("aria-valuetext").Should().Be("220,000", "a screen reader says it as it is shown");
        fields.Markup.Should().NotContain("220000.0");
    }

    [Fact]
    public void Render_GermanReaderAndEuros_GroupsDigitsTheGermanWay()
    {
        var fields = RenderFor(Erp("EUR"), "de-DE");

        ValueOf(fields, "cost-licences").Should().Be("220.000");
        LabelOf(fields, "cost-licences").Should().Be("Licences per year (EUR)");
        fields.Find("[data-testid=total-cost-of-ownership]").TextContent.Should().Contain("400.000 EUR");
    }

    [Theory]
    [InlineData("250,000")]
    [InlineData("250000")]
    [InlineData(" 250,000.00 ")]
    public void Change_LicencesTypedWithOrWithoutGrouping_AreReadBackAndTheTotalFollows(string typed)
    {
        var form = Erp();
        var fields = RenderFor(form);

        fields.Find("input#cost-licences").Change(typed);

        // 250,000 + 80,000 + 100,000 + 0 = 430,000
        form.Licences.Should().Be(250_000m);
        fields.Find("[data-testid=total-cost-of-ownership]").TextContent.Should().Contain("430,000 USD");
        ValueOf(fields, "cost-licences").Should().Be("250,000");
    }

    [Fact]
    public void Change_CostWithCents_KeepsTheCents()
    {
        var form = Erp();
        var fields = RenderFor(form);

        fields.Find("input#cost-other").Change("1,234.5");

        form.Other.Should().Be(1_234.5m);
        ValueOf(fields, "cost-other").Should().Be("1,234.5");
        fields.Find("[data-testid=total-cost-of-ownership]").TextContent.Should().Contain("401,234.5 USD");
    }

    [Fact]
    public void Change_UsersTypedWithGrouping_AreReadBack()
    {
        var form = Erp();
        var fields = RenderFor(form);

        fields.Find("input#intended-users").Change("2,500");

        form.IntendedUsers.Should().Be(2_500);
        ValueOf(fields, "intended-users").Should().Be("2,500");
    }

    [Fact]
    public void Render_ServerRefusedTheNameAndTheLicences_ShowsEachMessageBesideItsOwnFieldOnly()
    {
        var problems = new FieldProblems()
            .Add(nameof(SystemForm.Name), "Another system is already called \"CRM\"; system names are unique.")
            .Add(nameof(SystemForm.Licences), "Must be zero or more (it is -5).");

        var fields = RenderFor(Erp(), problems: problems);

        string Beside(string id) => fields.Find($"input#{id}").Closest(".mud-input-control")!.QuerySelector(".mud-input-helper-text")?.TextContent.Trim() ?? string.Empty;
        Beside("system-name").Should().Be("Another system is already called \"CRM\"; system names are unique.");
        Beside("cost-licences").Should().Be("Must be zero or more (it is -5).");
        Beside("system-category").Should().BeEmpty();
        Beside("cost-other").Should().BeEmpty();
        fields.Find("input#cost-licences").Closest(".mud-input-control")!.QuerySelector(".mud-input-error").Should().NotBeNull("the field is marked as wrong, not only described");
    }
}
