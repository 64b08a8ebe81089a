using System.Globalization;
using Foreningsbro.Web.Features.Catalogue;
using Foreningsbro.Web.Infrastructure;

namespace Foreningsbro.Web.Data;

/// <summary>
/// The one Danish label of every enum member the interface shows, used by pages, messages and API
/// errors alike. English lives in Resources/SharedResource.en.resx keyed by the Danish label, so a page
/// writes <c>L[x.Danish()]</c> (LabelsTests checks every member has both).
/// </summary>
/// <remarks>
/// Capitalisation: a label is written as it reads on its own — an option, a table cell, a value after a
/// colon — so it begins with a capital letter ("Moderat"). Inside a sentence, <see cref="InSentence"/>
/// lower-cases the first letter ("moderat intensitet"), but not an abbreviation's ("SMS"). Weekdays are
/// the exception: their names are the Danish culture's, which writes them in lower case ("tirsdag kl. 10"),
/// and <see cref="Capitalized"/> makes an option of one ("Tirsdag").
/// </remarks>
public static class Labels
{
    public static string Danish(this ReferralStatus s) => s switch
    {
        ReferralStatus.Referred => "Henvist",
        ReferralStatus.VisitScheduled => "Besøg aftalt",
        ReferralStatus.Visited => "Besøgt",
        ReferralStatus.NoShow => "Udeblevet",
        ReferralStatus.Member => "Tilmeldt",
        ReferralStatus.Active3Months => "Aktiv efter 3 mdr.",
        ReferralStatus.Active6Months => "Aktiv efter 6 mdr.",
        ReferralStatus.Closed => "Afsluttet",
        _ => s.ToString(),
    };

    public static string Danish(this VisitMode m) => m switch
    {
        VisitMode.Alone => "Alene",
        VisitMode.WithProfessional => "Med en fagperson",
        VisitMode.WithBuddy => "Med en makker",
        VisitMode.WithProgrammeGroup => "Med sit forløbshold",
        _ => m.ToString(),
    };

    public static string Danish(this CitizenTargetGroup g) => g switch
    {
        CitizenTargetGroup.OutsideLabourMarketAtRisk => "Uden for arbejdsmarkedet i risiko for livsstilssygdom",
        CitizenTargetGroup.ChronicIllnessWeakAttachment => "Kronisk sygdom med svag tilknytning til arbejdsmarkedet",
        CitizenTargetGroup.Other => "Andet",
        _ => g.ToString(),
    };

    public static string Danish(this ContactChannel c) => c switch
    {
        ContactChannel.Sms => "SMS",
        ContactChannel.Email => "E-mail",
        ContactChannel.Phone => "Telefon",
        ContactChannel.DoNotContact => "Må ikke kontaktes",
        _ => c.ToString(),
    };

    public static string Danish(this ConsentPurpose p) => p switch
    {
        ConsentPurpose.ShareWithClub => "Dele fornavn, telefon og behov med foreningen",
        ConsentPurpose.Reminders => "Bekræftelser og påmindelser på SMS/e-mail",
        ConsentPurpose.Questionnaires => "Spørgeskemaer",
        _ => p.ToString(),
    };

    public static string Danish(this ConsentMethod m) => m switch
    {
        ConsentMethod.Verbal => "Mundtligt",
        ConsentMethod.Written => "Skriftligt",
        _ => m.ToString(),
    };

    public static string Danish(this ConversationKind k) => k switch
    {
        ConversationKind.Clarifying => "Afklarende samtale",
        ConversationKind.FollowUp => "Opfølgende samtale",
        _ => k.ToString(),
    };

    public static string Danish(this Company c) => c switch
    {
        Company.Alone => "Alene",
        Company.WithOthers => "Sammen med andre",
        Company.NoPreference => "Ligegyldigt",
        _ => c.ToString(),
    };

    public static string Danish(this Barriers b) => b switch
    {
        Barriers.None => "Ingen",
        Barriers.Transport => "Transport",
        Barriers.Money => "Økonomi",
        Barriers.NewPeople => "Nervøs for nye mennesker",
        Barriers.HealthLimits => "Helbredsmæssige begrænsninger",
        Barriers.Time => "Tid",
        _ => b.ToString(),
    };

    public static readonly Barriers[] AllBarriers = [Barriers.Transport, Barriers.Money, Barriers.NewPeople, Barriers.HealthLimits, Barriers.Time];

    public static string Danish(this Intensity i) => i switch
    {
        Intensity.Light => "Let",
        Intensity.Moderate => "Moderat",
        Intensity.Hard => "Hård",
        _ => i.ToString(),
    };

    public static string Danish(this GenderMix g) => g switch
    {
        GenderMix.Mixed => "Både kvinder og mænd",
        GenderMix.MostlyWomen => "Flest kvinder",
        GenderMix.MostlyMen => "Flest mænd",
        GenderMix.WomenOnly => "Kun kvinder",
        GenderMix.MenOnly => "Kun mænd",
        _ => g.ToString(),
    };

    public static string Danish(this TeamStatus s) => s switch
    {
        TeamStatus.Active => "Aktivt",
        TeamStatus.Paused => "På pause",
        TeamStatus.Archived => "Arkiveret",
        _ => s.ToString(),
    };

    public static string Danish(this TimeOfDay t) => t switch
    {
        TimeOfDay.Morning => "Formiddag",
        TimeOfDay.Afternoon => "Eftermiddag",
        TimeOfDay.Evening => "Aften",
        _ => t.ToString(),
    };

    /// <summary>"mandag": the Danish culture's name, in lower case (see the remarks).</summary>
    public static string Danish(this DayOfWeek d) => Localization.Danish.DateTimeFormat.GetDayName(d);

    public static string Danish(this MessageChannel c) => c switch
    {
        MessageChannel.Email => "E-mail",
        MessageChannel.Sms => "SMS",
        _ => c.ToString(),
    };

    public static string Danish(this MessageStatus s) => s switch
    {
        MessageStatus.Pending => "Venter",
        MessageStatus.Sent => "Sendt",
        MessageStatus.Failed => "Fejlet",
        MessageStatus.Cancelled => "Annulleret",
        _ => s.ToString(),
    };

    public static string Danish(this DepartmentKind k) => k switch
    {
        DepartmentKind.Jobcenter => "Jobcenter (beskæftigelse)",
        DepartmentKind.Sundhedscenter => "Sundhedscenter (sundhed og forebyggelse)",
        DepartmentKind.Other => "Anden afdeling",
        _ => k.ToString(),
    };

    public static string Danish(this MessageKind k) => k switch
    {
        MessageKind.VisitConfirmation => "Bekræftelse af besøg",
        MessageKind.VisitReminder => "Påmindelse dagen før",
        MessageKind.ClubNotice => "Besked til foreningen",
        MessageKind.StaffInvitation => "Invitation til en medarbejder",
        MessageKind.PasswordReset => "Nulstilling af adgangskode",
        MessageKind.CitizenLink => "Link til borgerens side",
        MessageKind.QuestionnaireInvitation => "Spørgeskema til borgeren",
        MessageKind.QuestionnaireReminder => "Påmindelse om spørgeskema",
        MessageKind.CantComeNotice => "Afbud fra en deltager",
        _ => k.ToString(),
    };

    public static string Danish(this ResponseSource s) => s switch
    {
        ResponseSource.Professional => "Udfyldt med fagperson",
        ResponseSource.CitizenLink => "Besvaret af borgeren",
        _ => s.ToString(),
    };

    public static string Danish(this CitizenRequestKind k) => k switch
    {
        CitizenRequestKind.CantCome => "Kan ikke komme",
        CitizenRequestKind.CallMe => "Vil gerne ringes op",
        CitizenRequestKind.Rating => "Vurdering",
        _ => k.ToString(),
    };

    public static string Danish(this ProgrammeKind k) => k switch
    {
        ProgrammeKind.TrainingProgramme => "Træningsforløb",
        ProgrammeKind.CourseProgramme => "Forløbsprogram",
        ProgrammeKind.LifestyleGroup => "Livsstilshold",
        ProgrammeKind.Other => "Andet forløb",
        _ => k.ToString(),
    };

    public static string Danish(this EnrolmentEndReason r) => r switch
    {
        EnrolmentEndReason.Job => "Fået job",
        EnrolmentEndReason.Education => "Startet på uddannelse",
        EnrolmentEndReason.JoinedClub => "Startet i en forening",
        EnrolmentEndReason.Health => "Helbred",
        EnrolmentEndReason.StoppedComing => "Stoppet med at komme",
        EnrolmentEndReason.Other => "Anden grund",
        _ => r.ToString(),
    };

    public static string Danish(this AttendanceStatus s) => s switch
    {
        AttendanceStatus.Present => "Mødt",
        AttendanceStatus.AbsentWithNotice => "Afbud",
        AttendanceStatus.Absent => "Udeblevet",
        _ => s.ToString(),
    };

    /// <summary>A label inside a sentence: "Moderat" → "moderat", "Med en makker" → "med en makker"; "SMS" stays.</summary>
    public static string InSentence(this string label) =>
        label.Length > 0 && char.IsUpper(label[0]) && !(label.Length > 1 && char.IsUpper(label[1]))
            ? char.ToLowerInvariant(label[0]) + label[1..]
            : label;

    /// <summary>A word on its own, as an option or a heading: "tirsdag" → "Tirsdag".</summary>
    public static string Capitalized(this string word) =>
        word.Length > 0 ? char.ToUpperInvariant(word[0]) + word[1..] : word;

    /// <summary>
    /// A moment as the interface shows it, in Danish local time and the request's language: "tirsdag 17. nov.
    /// 2026 kl. 10.00", "Tuesday 17 Nov 2026 at 10:00". Messages to citizens and clubs use <see cref="DanishDateTime"/>.
    /// </summary>
    public static string DateTimeText(DateTime utc) => IsDanish
        ? DanishDateTime(utc)
        : DanishTime.ToDanish(utc).ToString("dddd d MMM yyyy 'at' HH:mm", CultureInfo.CurrentCulture);

    /// <summary>"17. nov. 2026", "17 Nov 2026".</summary>
    public static string DateText(DateTime utc) => IsDanish
        ? DanishDate(utc)
        : DanishTime.ToDanish(utc).ToString("d MMM yyyy", CultureInfo.CurrentCulture);

    /// <summary>A day as the interface shows it: "17. nov. 2026", "17 Nov 2026".</summary>
    public static string DateText(DateOnly date) => date.ToString(IsDanish ? "d. MMM yyyy" : "d MMM yyyy", CultureInfo.CurrentCulture);

    /// <summary>A day with its weekday: "tirsdag 17. nov. 2026", "Tuesday 17 Nov 2026".</summary>
    public static string DayText(DateOnly date) => date.ToString(IsDanish ? "dddd d. MMM yyyy" : "dddd d MMM yyyy", CultureInfo.CurrentCulture);

    /// <summary>
    /// A clock time as the interface shows it, in the request's language: "10.00" (Danish writes the clock with a
    /// full stop), "10:00". The one place a time of day is written for a reader; input fields keep "10:00"
    /// (Infrastructure/Forms.Time), and messages to citizens and clubs use <see cref="DanishClock"/>.
    /// </summary>
    public static string ClockText(TimeOnly time) => IsDanish ? DanishClock(time) : time.ToString("HH':'mm", CultureInfo.InvariantCulture);

    /// <summary>"10.00": in Danish whatever the request's language (messages, Danish texts that are the localizer's keys).</summary>
    public static string DanishClock(TimeOnly time) => time.ToString("HH'.'mm", CultureInfo.InvariantCulture);

    private static bool IsDanish => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "da";

    /// <summary>"tirsdag 17. nov. kl. 10.00" in Danish local time.</summary>
    public static string DanishDateTime(DateTime utc) =>
        DanishTime.ToDanish(utc).ToString("dddd d. MMM yyyy 'kl.' HH.mm", Localization.Danish);

    public static string DanishDate(DateTime utc) =>
        DanishTime.ToDanish(utc).ToString("d. MMM yyyy", Localization.Danish);
}
