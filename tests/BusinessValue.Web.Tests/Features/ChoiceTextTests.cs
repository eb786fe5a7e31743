using System.Reflection;
using System.Text.RegularExpressions;
using BusinessValue.Domain.Engine;
using BusinessValue.Domain.Integrations;
using BusinessValue.Domain.Processes;
using BusinessValue.Domain.Reviews;
using BusinessValue.Domain.Systems;
using BusinessValue.Domain.Workarounds;
using BusinessValue.Web.Features;

namespace BusinessValue.Web.Tests.Features;

public sealed partial class ChoiceTextTests
{
    /// <summary>Every enum ChoiceText speaks for; a new one is added here with its Describe overload.</summary>
    public static TheoryData<Type> Choices =>
    [
        typeof(Lifecycle), typeof(StrategicFit), typeof(WorkaroundKind), typeof(WorkaroundStatus),
        typeof(IntegrationMode), typeof(StrategicImportance), typeof(RecoveryReadiness),
        typeof(TranslationRequestStatus), typeof(ReviewStatus), typeof(ActionItemStatus), typeof(AgendaItemKind), typeof(TimeDecision),
    ];

    [Theory, MemberData(nameof(Choices))]
    public void Describe_EveryDeclaredValue_HasWordsNotItsCodeName(Type choice)
    {
        var describe = typeof(ChoiceText).GetMethod(nameof(ChoiceText.Describe), BindingFlags.Public | BindingFlags.Static, [choice]);
        describe.Should().NotBeNull($"ChoiceText needs a Describe({choice.Name})");

        var words = Enum.GetValues(choice).Cast<object>().ToDictionary(v => v, v => (string)describe!.Invoke(null, [v])!);

        foreach (var (value, text) in words)
        {
            text.Should().NotBeNullOrWhiteSpace();
            char.IsUpper(text[0]).Should().BeTrue($"'{text}' opens a field or a cell");
            CodeName().IsMatch(text).Should().BeFalse($"'{text}' ({choice.Name}.{value}) reads like a code name");
            if (CodeName().IsMatch(value.ToString()!))
            {
                text.Should().NotBe(value.ToString(), "a name joined from several words is spelt out");
            }
        }

        words.Values.Should().OnlyHaveUniqueItems($"two {choice.Name} choices must not read the same");
    }

    [Theory]
    [InlineData(Lifecycle.Planned, "Planned")]
    [InlineData(Lifecycle.Active, "Active")]
    [InlineData(Lifecycle.PhaseOut, "Being phased out")]
    [InlineData(Lifecycle.Retired, "Retired")]
    public void Describe_Lifecycle_ReadsAsTheIssueAsks(Lifecycle lifecycle, string expected) =>
        ChoiceText.Describe(lifecycle).Should().Be(expected);

    [Theory]
    [InlineData(StrategicFit.SupportsStrategy, "Supports the strategy")]
    [InlineData(StrategicFit.MaintainsStatusQuo, "Maintains the status quo")]
    [InlineData(StrategicFit.Legacy, "Legacy")]
    public void Describe_StrategicFit_ReadsAsTheIssueAsks(StrategicFit fit, string expected) =>
        ChoiceText.Describe(fit).Should().Be(expected);

    [Fact]
    public void Describe_UndeclaredValue_IsRefusedRatherThanShownAsANumber()
    {
        var describe = () => ChoiceText.Describe((StrategicFit)42);

        describe.Should().Throw<ArgumentOutOfRangeException>().WithMessage("*StrategicFit*");
    }

    // A lower-case letter followed by a capital, as in MaintainsStatusQuo.
    [GeneratedRegex("[a-z][A-Z]")]
    private static partial Regex CodeName();
}
