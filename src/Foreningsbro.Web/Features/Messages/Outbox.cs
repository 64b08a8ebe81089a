using System.Globalization;
using System.Text;

using Foreningsbro.Web.Data;

using Foreningsbro.Web.Infrastructure;

namespace Foreningsbro.Web.Features.Messages;

/// <summary>
/// The messages a referral causes, written into the outbox in the same SaveChanges as the referral
/// itself. Bodies are plain Danish and never carry health information: no target group, barriers,
/// conversation notes or the reason for the referral.
/// </summary>
public static class Outbox
{
    public sealed record VisitFacts(
        string FirstName, string? Phone, string? Email, ContactChannel Channel, string DepartmentName, string MunicipalityName,
        int TeamId, string TeamTitle, string ClubName, string VenueName, string? VenueAddress, string PostalCode, string Town,
        string? ContactName, string? ContactEmail, string? FirstTime, string? VideoUrl,
        VisitMode Mode, DateTime VisitAtUtc, string? NeedsForClub, bool SharesWithClub, bool AllowsReminders,
        string PublicBase, string? CantComeContact);

    /// <summary>
    /// How a message to a club is signed: by the municipality, never the department. "Jobcenter …" would
    /// tell the club that the citizen is out of work, which the citizen has not agreed to share (issue 13).
    /// </summary>
    public static string MunicipalitySignature(string municipalityName) => $"Venlig hilsen {municipalityName} Kommune";

    /// <summary>The club's visit list, for the link in its messages.</summary>
    public static string ClubVisitsUrl(string publicBase) => $"{publicBase.TrimEnd('/')}/min-forening/besoeg";

    /// <summary>
    /// The citizen's "can't come?" contact: the referring professional's name and one way to reach them
    /// (phone, else e-mail) — their work contact, nothing about the citizen.
    /// </summary>
    public static string? CantComeContact(string? name, string? phone, string? email) =>
        (string.IsNullOrWhiteSpace(phone) ? email : phone) is { Length: > 0 } how
            ? string.IsNullOrWhiteSpace(name) ? how : $"{name}, {how}"
            : null;

    public static void AddForNewReferral(AppDbContext db, Referral referral, VisitFacts f, DateTimeOffset now)
    {
        var when = Labels.DanishDateTime(f.VisitAtUtc);
        var citizenTarget = CitizenAddress(f);
        if (f.AllowsReminders && citizenTarget is { } target)
        {
            var body = CitizenBody(f, when, reminder: false);
            db.OutboxMessages.Add(New(target.Channel, MessageKind.VisitConfirmation, target.To, $"Dit besøg på {f.TeamTitle}", body, referral, ConsentPurpose.Reminders, now, now));

            // The reminder goes out at 10 o'clock the day before the visit. A visit booked later than
            // that has just had its confirmation, so a reminder would only repeat it.
            var visitLocal = DanishTime.ToDanish(f.VisitAtUtc);
            var dayBefore = DateOnly.FromDateTime(visitLocal).AddDays(-1).ToDateTime(new TimeOnly(10, 0));
            var dayBeforeUtc = new DateTimeOffset(DanishTime.ToUtc(dayBefore));
            if (dayBeforeUtc > now)
            {
                db.OutboxMessages.Add(New(target.Channel, MessageKind.VisitReminder, target.To, $"Husk: {f.TeamTitle} i morgen", CitizenBody(f, when, reminder: true), referral, ConsentPurpose.Reminders, now, dayBeforeUtc));
            }
        }

        if (!string.IsNullOrWhiteSpace(f.ContactEmail))
        {
            var sb = new StringBuilder();
            sb.AppendLine(CultureInfo.InvariantCulture, $"Hej {f.ContactName}");
            sb.AppendLine();
            if (f.SharesWithClub)
            {
                sb.AppendLine(CultureInfo.InvariantCulture, $"{f.FirstName} kommer på et første besøg på {f.TeamTitle} {when}.");
                if (!string.IsNullOrWhiteSpace(f.Phone))
                {
                    sb.AppendLine(CultureInfo.InvariantCulture, $"Telefon: {f.Phone}");
                }

                if (!string.IsNullOrWhiteSpace(f.NeedsForClub))
                {
                    sb.AppendLine(CultureInfo.InvariantCulture, $"Godt at vide: {f.NeedsForClub}");
                }
            }
            else
            {
                sb.AppendLine(CultureInfo.InvariantCulture, $"En ny deltager kommer på et første besøg på {f.TeamTitle} {when}.");
            }

            sb.AppendLine(CultureInfo.InvariantCulture, $"Besøget: {f.Mode.Danish().InSentence()}.");
            sb.AppendLine();
            sb.AppendLine(CultureInfo.InvariantCulture, $"Se og bekræft dine besøg: {ClubVisitsUrl(f.PublicBase)}");
            sb.AppendLine();
            sb.AppendLine(MunicipalitySignature(f.MunicipalityName));
            db.OutboxMessages.Add(New(MessageChannel.Email, MessageKind.ClubNotice, f.ContactEmail, $"Ny deltager på {f.TeamTitle}", sb.ToString(), referral,
                f.SharesWithClub ? ConsentPurpose.ShareWithClub : null, now, now));
        }
    }

    private static (MessageChannel Channel, string To)? CitizenAddress(VisitFacts f) => f.Channel switch
    {
        ContactChannel.Sms when !string.IsNullOrWhiteSpace(f.Phone) => (MessageChannel.Sms, f.Phone),
        ContactChannel.Email when !string.IsNullOrWhiteSpace(f.Email) => (MessageChannel.Email, f.Email),
        _ => null,
    };

    private static string CitizenBody(VisitFacts f, string when, bool reminder)
    {
        var sb = new StringBuilder();
        sb.AppendLine(CultureInfo.InvariantCulture, $"Hej {f.FirstName}");
        sb.AppendLine();
        sb.AppendLine(reminder
            ? $"Husk dit første besøg på holdet {f.TeamTitle} hos {f.ClubName} i morgen."
            : $"Du er meldt til et første besøg på holdet {f.TeamTitle} hos {f.ClubName}.");
        sb.AppendLine(CultureInfo.InvariantCulture, $"Tid: {when}");
        sb.AppendLine(CultureInfo.InvariantCulture, $"Sted: {f.VenueName}, {(string.IsNullOrWhiteSpace(f.VenueAddress) ? "" : f.VenueAddress + ", ")}{f.PostalCode} {f.Town}");
        var meets = f.Mode == VisitMode.WithProfessional ? $"{f.ContactName} fra foreningen og din kontaktperson fra kommunen" : f.ContactName;
        if (!string.IsNullOrWhiteSpace(meets))
        {
            sb.AppendLine(CultureInfo.InvariantCulture, $"Hvem tager imod dig: {meets}");
        }

        if (!string.IsNullOrWhiteSpace(f.FirstTime))
        {
            sb.AppendLine(CultureInfo.InvariantCulture, $"Første gang: {f.FirstTime}");
        }

        if (!string.IsNullOrWhiteSpace(f.VideoUrl))
        {
            sb.AppendLine(CultureInfo.InvariantCulture, $"Se en kort video om holdet: {f.VideoUrl}");
        }

        sb.AppendLine(CultureInfo.InvariantCulture, $"Om holdet: {f.PublicBase.TrimEnd('/')}/hold/{f.TeamId.ToString(CultureInfo.InvariantCulture)}");
        if (f.CantComeContact is { } contact)
        {
            sb.AppendLine(CultureInfo.InvariantCulture, $"Kan du ikke komme? Giv besked til {contact}.");
        }

        sb.AppendLine();
        sb.AppendLine(CultureInfo.InvariantCulture, $"Venlig hilsen {f.DepartmentName}");
        return sb.ToString();
    }

    private static OutboxMessage New(MessageChannel channel, MessageKind kind, string to, string subject, string body, Referral referral, ConsentPurpose? consent, DateTimeOffset now, DateTimeOffset notBefore) => new()
    {
        Channel = channel,
        Kind = kind,
        To = to,
        Subject = subject,
        Body = body.Length > Limits.Text ? body[..Limits.Text] : body,
        CitizenId = referral.CitizenId,
        Referral = referral,
        RequiresConsent = consent,
        Status = MessageStatus.Pending,
        CreatedAtUtc = now.UtcDateTime,
        NotBeforeUtc = notBefore.UtcDateTime,
        NextAttemptAtUtc = notBefore.UtcDateTime,
    };
}
