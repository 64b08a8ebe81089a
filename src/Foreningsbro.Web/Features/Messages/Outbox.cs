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
        string PublicBase, string? CantComeContact, string? CitizenLink = null);

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

    /// <summary>Messages whose body holds a personal link: never shown on /udbakke, blanked once sent (the link's token is stored nowhere else).</summary>
    public static bool CarriesLink(MessageKind kind) => kind is MessageKind.StaffInvitation or MessageKind.PasswordReset
        or MessageKind.CitizenLink or MessageKind.QuestionnaireInvitation or MessageKind.QuestionnaireReminder
        or MessageKind.VisitConfirmation or MessageKind.VisitReminder;

    public static void AddForNewReferral(AppDbContext db, Referral referral, VisitFacts f, DateTimeOffset now)
    {
        var citizenTarget = CitizenAddress(f.Channel, f.Phone, f.Email);
        if (f.AllowsReminders && citizenTarget is { } target)
        {
            var (subject, body) = VisitToCitizen(f, target.Channel, reminder: false);
            db.OutboxMessages.Add(New(target.Channel, MessageKind.VisitConfirmation, target.To, subject, body, referral, ConsentPurpose.Reminders, now, now));

            // The reminder goes out at 10 o'clock the day before the visit. A visit booked later than
            // that has just had its confirmation, so a reminder would only repeat it.
            var visitLocal = DanishTime.ToDanish(f.VisitAtUtc);
            var dayBefore = DateOnly.FromDateTime(visitLocal).AddDays(-1).ToDateTime(new TimeOnly(10, 0));
            var dayBeforeUtc = new DateTimeOffset(DanishTime.ToUtc(dayBefore));
            if (dayBeforeUtc > now)
            {
                var (rs, rb) = VisitToCitizen(f, target.Channel, reminder: true);
                db.OutboxMessages.Add(New(target.Channel, MessageKind.VisitReminder, target.To, rs, rb, referral, ConsentPurpose.Reminders, now, dayBeforeUtc));
            }
        }

        if (!string.IsNullOrWhiteSpace(f.ContactEmail))
        {
            var (subject, body) = VisitToClub(f);
            db.OutboxMessages.Add(New(MessageChannel.Email, MessageKind.ClubNotice, f.ContactEmail, subject, body, referral,
                f.SharesWithClub ? ConsentPurpose.ShareWithClub : null, now, now));
        }
    }

    /// <summary>
    /// The club's notice of a new participant. It names neither the team nor what the professional wrote for
    /// the club: a team's title can name a condition ("… for parkinsonramte"), and beside a first name in an
    /// e-mail that is health data about a person (issue 15). The visit list shows both, with consent.
    /// </summary>
    public static (string Subject, string Body) VisitToClub(VisitFacts f)
    {
        var when = Labels.DanishDateTime(f.VisitAtUtc);
        var sb = new StringBuilder();
        sb.AppendLine(CultureInfo.InvariantCulture, $"Hej {f.ContactName}");
        sb.AppendLine();
        sb.AppendLine(f.SharesWithClub
            ? $"{f.FirstName} kommer på et første besøg på et af jeres hold {when}."
            : $"En ny deltager kommer på et første besøg på et af jeres hold {when}.");
        sb.AppendLine(CultureInfo.InvariantCulture, $"Besøget: {f.Mode.Danish().InSentence()}.");
        sb.AppendLine();
        sb.AppendLine(CultureInfo.InvariantCulture, $"Se hvilket hold, hvad I skal vide, og bekræft besøget: {ClubVisitsUrl(f.PublicBase)}");
        sb.AppendLine();
        sb.AppendLine(MunicipalitySignature(f.MunicipalityName));
        return ("Ny deltager på vej", sb.ToString());
    }

    /// <summary>
    /// The citizen's confirmation and reminder. An SMS is the time and the citizen's link, which shows the
    /// rest (place, who meets them, what to bring, a map, the calendar, "jeg kan ikke komme"): it fits in
    /// two SMS. An e-mail has room for the place and who meets them too. Neither names the team: its title
    /// can name a condition, and an SMS or a subject line is read over shoulders and on lock screens.
    /// </summary>
    public static (string Subject, string Body) VisitToCitizen(VisitFacts f, MessageChannel channel, bool reminder)
    {
        var when = Labels.DanishDateTime(f.VisitAtUtc);
        var signature = $"Venlig hilsen {f.MunicipalityName} Kommune";
        var subject = reminder ? "Husk dit besøg i morgen" : "Dit første besøg";
        if (channel == MessageChannel.Sms)
        {
            var lead = reminder ? $"Hej {f.FirstName}. Husk dit besøg i morgen, {when}." : $"Hej {f.FirstName}. Du er meldt til et første besøg {when}.";
            var rest = f.CitizenLink is { } link
                ? $" Se sted, hvem der tager imod dig, og sig til, hvis du ikke kan komme: {link}"
                : f.CantComeContact is { } contact ? $" Kan du ikke komme? Giv besked til {contact}." : "";
            return (subject, $"{lead}{rest}\n{signature}");
        }

        var sb = new StringBuilder();
        sb.AppendLine(CultureInfo.InvariantCulture, $"Hej {f.FirstName}");
        sb.AppendLine();
        sb.AppendLine(reminder ? $"Husk dit første besøg hos {f.ClubName} i morgen." : $"Du er meldt til et første besøg hos {f.ClubName}.");
        sb.AppendLine(CultureInfo.InvariantCulture, $"Tid: {when}");
        sb.AppendLine(CultureInfo.InvariantCulture, $"Sted: {f.VenueName}, {(string.IsNullOrWhiteSpace(f.VenueAddress) ? "" : f.VenueAddress + ", ")}{f.PostalCode} {f.Town}");
        var meets = f.Mode == VisitMode.WithProfessional ? $"{f.ContactName} fra foreningen og din kontaktperson fra kommunen" : f.ContactName;
        if (!string.IsNullOrWhiteSpace(meets))
        {
            sb.AppendLine(CultureInfo.InvariantCulture, $"Hvem tager imod dig: {meets}");
        }

        if (f.CitizenLink is { } page)
        {
            sb.AppendLine();
            sb.AppendLine(CultureInfo.InvariantCulture, $"Din side med alt om besøget (hvad du skal have med, kort, kalender, og hvis du ikke kan komme): {page}");
        }

        if (f.CantComeContact is { } c)
        {
            sb.AppendLine(CultureInfo.InvariantCulture, $"Kan du ikke komme? Giv besked til {c}.");
        }

        sb.AppendLine();
        sb.AppendLine(signature);
        return (subject, sb.ToString());
    }

    /// <summary>Questionnaires are due: a short message with the link (and the one reminder a week later).</summary>
    public static (string Subject, string Body) Questionnaire(string firstName, string municipalityName, string link, bool reminder)
    {
        var lead = reminder
            ? $"Hej {firstName}. Husk de korte spørgsmål om, hvordan du har det. Det tager 5 minutter:"
            : $"Hej {firstName}. Vi vil gerne høre, hvordan du har det. Svar på nogle korte spørgsmål (5 minutter):";
        return (reminder ? "Påmindelse: korte spørgsmål" : "Korte spørgsmål om, hvordan du har det", $"{lead} {link}\nVenlig hilsen {municipalityName} Kommune");
    }

    /// <summary>The citizen's link on its own (sent from the citizen page).</summary>
    public static (string Subject, string Body) LinkOnly(string firstName, string municipalityName, string link) =>
        ("Din side i Foreningsbro", $"Hej {firstName}. Her er din side med dine aftaler: {link}\nVenlig hilsen {municipalityName} Kommune");

    /// <summary>
    /// "Jeg kan ikke komme", to the club contact (a visit) or the instructor (a training). The first name only with
    /// the consent to share it with the club (instructors see first names anyway); never the team's title.
    /// </summary>
    public static (string Subject, string Body) CantCome(string? contactName, string? firstName, string when, bool training, string link, string municipalityName)
    {
        var sb = new StringBuilder();
        sb.AppendLine(string.IsNullOrWhiteSpace(contactName) ? "Hej" : $"Hej {contactName}");
        sb.AppendLine();
        var who = firstName ?? "En deltager";
        sb.AppendLine(training ? $"{who} kan ikke komme til træningen {when}." : $"{who} kan ikke komme til det første besøg {when}.");
        sb.AppendLine("Kommunen tager kontakt til deltageren om en ny aftale.");
        sb.AppendLine();
        sb.AppendLine(CultureInfo.InvariantCulture, $"Se det i Foreningsbro: {link}");
        sb.AppendLine();
        sb.AppendLine(MunicipalitySignature(municipalityName));
        return ("Afbud", sb.ToString());
    }

    public static (MessageChannel Channel, string To)? CitizenAddress(ContactChannel channel, string? phone, string? email) => channel switch
    {
        ContactChannel.Sms when !string.IsNullOrWhiteSpace(phone) => (MessageChannel.Sms, phone),
        ContactChannel.Email when !string.IsNullOrWhiteSpace(email) => (MessageChannel.Email, email),
        _ => null,
    };

    private static OutboxMessage New(MessageChannel channel, MessageKind kind, string to, string subject, string body, Referral referral, ConsentPurpose? consent, DateTimeOffset now, DateTimeOffset notBefore)
    {
        var m = ToCitizen(channel, kind, to, subject, body, referral.CitizenId, consent, now, notBefore);
        m.Referral = referral;
        return m;
    }

    /// <summary>A message about a citizen, pending from <paramref name="notBefore"/>.</summary>
    public static OutboxMessage ToCitizen(MessageChannel channel, MessageKind kind, string to, string subject, string body, int citizenId, ConsentPurpose? consent, DateTimeOffset now, DateTimeOffset notBefore) => new()
    {
        Channel = channel,
        Kind = kind,
        To = to,
        Subject = subject,
        Body = body.Length > Limits.Text ? body[..Limits.Text] : body,
        CitizenId = citizenId,
        RequiresConsent = consent,
        Status = MessageStatus.Pending,
        CreatedAtUtc = now.UtcDateTime,
        NotBeforeUtc = notBefore.UtcDateTime,
        NextAttemptAtUtc = notBefore.UtcDateTime,
    };
}
