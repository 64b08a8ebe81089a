using Foreningsbro.Web.Data;
using Foreningsbro.Web.Features.Catalogue;
using Foreningsbro.Web.Infrastructure;

namespace Foreningsbro.Web.Features.Referrals;

/// <summary>The Danish words for the bridging enums, used by pages, messages and API errors alike.</summary>
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

    public static string Danish(this ConsentMethod m) => m == ConsentMethod.Written ? "Skriftligt" : "Mundtligt";

    public static string Danish(this ConversationKind k) => k == ConversationKind.FollowUp ? "Opfølgende samtale" : "Afklarende samtale";

    public static string Danish(this Company c) => c switch
    {
        Company.Alone => "Alene",
        Company.WithOthers => "Sammen med andre",
        _ => "Ligegyldigt",
    };

    public static string Danish(this Barriers b) => b switch
    {
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
        Intensity.Light => "let",
        Intensity.Moderate => "moderat",
        Intensity.Hard => "hård",
        _ => i.ToString(),
    };

    public static string Danish(this TimeOfDay t) => t switch
    {
        TimeOfDay.Morning => "formiddag",
        TimeOfDay.Afternoon => "eftermiddag",
        _ => "aften",
    };

    public static string Danish(this DayOfWeek d) => Localization.Danish.DateTimeFormat.GetDayName(d);

    public static string Danish(this MessageStatus s) => s switch
    {
        MessageStatus.Pending => "Venter",
        MessageStatus.Sent => "Sendt",
        MessageStatus.Failed => "Fejlet",
        _ => "Annulleret",
    };

    public static string Danish(this MessageKind k) => k switch
    {
        MessageKind.VisitConfirmation => "Bekræftelse af besøg",
        MessageKind.VisitReminder => "Påmindelse dagen før",
        _ => "Besked til foreningen",
    };

    /// <summary>"tirsdag 17. nov. kl. 10.00" in Danish local time.</summary>
    public static string DanishDateTime(DateTime utc) =>
        DanishTime.ToDanish(utc).ToString("dddd d. MMM yyyy 'kl.' HH.mm", Localization.Danish);

    public static string DanishDate(DateTime utc) =>
        DanishTime.ToDanish(utc).ToString("d. MMM yyyy", Localization.Danish);
}
