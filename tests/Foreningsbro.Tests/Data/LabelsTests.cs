using System.Reflection;
using Foreningsbro.Tests.Infrastructure;
using Foreningsbro.Web.Data;

namespace Foreningsbro.Tests.Data;

/// <summary>Data/Labels is the one place for the enums' words: every member has one, in Danish and English.</summary>
public class LabelsTests
{
    // Words that are the same in Danish as the member's C# name, checked by hand.
    private static readonly HashSet<(Type, string)> SameAsName = [(typeof(Barriers), "Transport")];

    public static IEnumerable<MethodInfo> LabelMethods() =>
        typeof(Labels).GetMethods(BindingFlags.Public | BindingFlags.Static)
            .Where(m => m.Name == nameof(Labels.Danish) && m.GetParameters() is [{ ParameterType.IsEnum: true }]);

    [Fact]
    public void Every_member_of_every_labelled_enum_has_a_danish_label_that_is_not_its_name_and_an_english_translation()
    {
        var translated = Sources.EnglishTranslations();
        var labelled = LabelMethods().ToList();
        labelled.Select(m => m.GetParameters()[0].ParameterType).ShouldBe(
        [
            typeof(ReferralStatus), typeof(VisitMode), typeof(CitizenTargetGroup), typeof(ContactChannel), typeof(ConsentPurpose),
            typeof(ConsentMethod), typeof(ConversationKind), typeof(Company), typeof(Barriers), typeof(Intensity), typeof(GenderMix),
            typeof(TeamStatus), typeof(DepartmentKind), typeof(Web.Features.Catalogue.TimeOfDay), typeof(DayOfWeek), typeof(MessageChannel), typeof(MessageStatus),
            typeof(MessageKind), typeof(ProgrammeKind), typeof(EnrolmentEndReason), typeof(AttendanceStatus), typeof(ResponseSource), typeof(CitizenRequestKind),
        ], ignoreOrder: true);

        var problems = new List<string>();
        foreach (var method in labelled)
        {
            var type = method.GetParameters()[0].ParameterType;
            foreach (var member in Enum.GetValues(type))
            {
                var label = (string?)method.Invoke(null, [member]);
                var name = $"{type.Name}.{member}";
                if (string.IsNullOrWhiteSpace(label))
                {
                    problems.Add($"{name} has no label");
                }
                else if (label == member.ToString() && !SameAsName.Contains((type, label)))
                {
                    problems.Add($"{name} is labelled with its C# name");
                }
                else if (!translated.Contains(label))
                {
                    problems.Add($"{name}: \"{label}\" has no English translation in Resources/SharedResource.en.resx");
                }
            }
        }

        problems.ShouldBeEmpty();
    }

    [Fact]
    public void The_words_that_disagreed_now_have_one_label_each()
    {
        Intensity.Moderate.Danish().ShouldBe("Moderat");
        GenderMix.Mixed.Danish().ShouldBe("Både kvinder og mænd");
    }

    [Theory]
    [InlineData("Moderat", "moderat")]
    [InlineData("Med en makker", "med en makker")]
    [InlineData("SMS", "SMS")]
    [InlineData("E-mail", "e-mail")]
    [InlineData("", "")]
    public void A_label_inside_a_sentence_starts_in_lower_case_unless_it_is_an_abbreviation(string label, string inSentence) =>
        label.InSentence().ShouldBe(inSentence);

    [Fact]
    public void A_weekday_on_its_own_is_capitalized() => DayOfWeek.Tuesday.Danish().Capitalized().ShouldBe("Tirsdag");
}
