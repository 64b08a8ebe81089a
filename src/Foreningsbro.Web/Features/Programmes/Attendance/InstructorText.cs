using Foreningsbro.Web.Data;
using Foreningsbro.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc.Localization;

namespace Foreningsbro.Web.Features.Programmes;

/// <summary>The words and faces of the instructor's and the kiosk's pages.</summary>
public static class InstructorText
{
    /// <summary>"tirsdag 17. november", "Tuesday 17 November": in the request's language.</summary>
    public static string Day(DateOnly date) =>
        date.ToString(System.Globalization.CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "da" ? "dddd d. MMMM" : "dddd d MMMM", System.Globalization.CultureInfo.CurrentCulture);

    public static LocalizedHtmlString Status(IHtmlLocalizer l, AttendanceStatus? status) =>
        status is { } s ? l[s.Danish()] : l["Ikke registreret"];

    /// <summary>The five faces of the check-in, each with its words (the face alone is not enough for a screen reader or everyone's eyes).</summary>
    public static IReadOnlyList<(int Value, string Face, LocalizedHtmlString Label)> Moods(IHtmlLocalizer l) =>
    [
        (1, "😞", l["Rigtig dårligt"]),
        (2, "🙁", l["Dårligt"]),
        (3, "😐", l["Midt imellem"]),
        (4, "🙂", l["Godt"]),
        (5, "😄", l["Rigtig godt"]),
    ];

    public static IReadOnlyList<(int Value, string Face, LocalizedHtmlString Label)> Ratings(IHtmlLocalizer l) =>
    [
        (1, "1", l["Rigtig dårlig"]),
        (2, "2", l["Dårlig"]),
        (3, "3", l["OK"]),
        (4, "4", l["God"]),
        (5, "5", l["Rigtig god"]),
    ];
}
