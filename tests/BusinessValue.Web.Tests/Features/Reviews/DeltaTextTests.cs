using System.Globalization;
using BusinessValue.Domain.Engine;
using BusinessValue.Domain.Reviews;
using BusinessValue.Web.Features.Reviews;

namespace BusinessValue.Web.Tests.Features.Reviews;

public sealed class DeltaTextTests
{
    private static readonly CultureInfo English = CultureInfo.GetCultureInfo("en-US");

    [Theory]
    [InlineData("Technology spend", 472_500, 422_500, "▲ +50,000 EUR (worse)")]
    [InlineData("Net value delivered", 1_387_304, 1_361_417, "▲ +25,887 EUR (better)")]
    [InlineData("Waste ratio", 0.498, 0.606, "▼ −10.8 pts (better)")]
    [InlineData("Revenue processed per hour", 31_000, 30_000, "▲ +1,000 EUR per hour")]
    [InlineData("Technical health", 94.72, 94.70, "= unchanged")]
    [InlineData("Business value", 57.0, 50.8, "▲ +6.2 (better)")]
    public void Change_OfAFigure_InItsUnitWithArrowAndVerdict(string label, double now, double before, string expected)
    {
        var delta = new FigureDelta(label, (decimal)now, (decimal)before);

        DeltaText.Change(delta, "EUR", English).Should().Be(expected);
    }

    [Fact]
    public void Change_WithoutAPreviousValue_IsADashAndNoVerdict()
    {
        var delta = new FigureDelta(FigureCatalogue.Portfolio.ValueLeaks.Label, 100m, null);

        DeltaText.Change(delta, "EUR", English).Should().Be("—");
        DeltaText.Verdict(delta).Should().BeNull();
        DeltaText.CssClass(delta).Should().Be("delta");
    }

    [Fact]
    public void Value_OfAMoneyFigure_IsInTheOrganisationsCurrency()
    {
        DeltaText.Value(1_388_842m, FigureCatalogue.Portfolio.NetValue.Label, "EUR", English).Should().Be("1.39 M EUR");
    }
}
