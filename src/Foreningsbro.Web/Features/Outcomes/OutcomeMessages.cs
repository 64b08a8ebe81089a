using Foreningsbro.Web.Data;
using Foreningsbro.Web.Features.Citizens;
using Foreningsbro.Web.Features.Messages;
using Foreningsbro.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Foreningsbro.Web.Features.Outcomes;

/// <summary>Questionnaires to the citizen as a link, through the outbox, only with the questionnaire consent.</summary>
public static class OutcomeMessages
{
    /// <summary>The one reminder comes this long after the invitation, unless the citizen has answered by then.</summary>
    public static readonly TimeSpan ReminderAfter = TimeSpan.FromDays(7);

    public static async Task<Outcome> SendQuestionnaireAsync(AppDbContext db, IQueryable<Citizen> citizen, string publicBase, string by, DateTimeOffset now, CancellationToken ct)
    {
        var c = await citizen.AsNoTracking().Select(x => new
        {
            x.Id,
            x.FirstName,
            x.Phone,
            x.Email,
            x.PreferredChannel,
            Municipality = x.Department.Municipality.Name,
            Consent = x.Consents.AsQueryable().Any(ConsentRules.ActiveFor(ConsentPurpose.Questionnaires)),
        }).SingleOrDefaultAsync(ct);
        if (c is null)
        {
            return Outcome.Missing;
        }

        if (!c.Consent)
        {
            return Outcome.Bad("consent", "Borgeren har ikke givet samtykke til spørgeskemaer. Der sendes intet link.");
        }

        if (Outbox.CitizenAddress(c.PreferredChannel, c.Phone, c.Email) is not { } to)
        {
            return Outcome.Bad("channel", "Borgeren kan ikke få SMS eller e-mail: vælg kontaktform SMS eller e-mail med et nummer eller en adresse.");
        }

        if (await OutcomeSchedule.DueForAsync(db, citizen, DanishTime.Today(now), ct) is null)
        {
            return Outcome.Bad("months", "Der er ingen spørgeskemaer, der skal besvares nu.");
        }

        var sinceUtc = now.UtcDateTime.AddDays(-1);
        if (await db.OutboxMessages.AnyAsync(m => m.CitizenId == c.Id && m.Kind == MessageKind.QuestionnaireInvitation && m.CreatedAtUtc > sinceUtc, ct))
        {
            // A double click, or a second professional the same day: the citizen hears once.
            return Outcome.Done(c.Id);
        }

        var link = CitizenLinks.Url(publicBase, CitizenLinks.Add(db, c.Id, now, by));
        var (subject, body) = Outbox.Questionnaire(c.FirstName, c.Municipality, link, reminder: false);
        db.OutboxMessages.Add(Outbox.ToCitizen(to.Channel, MessageKind.QuestionnaireInvitation, to.To, subject, body, c.Id, ConsentPurpose.Questionnaires, now, now));
        var (rs, rb) = Outbox.Questionnaire(c.FirstName, c.Municipality, link, reminder: true);
        db.OutboxMessages.Add(Outbox.ToCitizen(to.Channel, MessageKind.QuestionnaireReminder, to.To, rs, rb, c.Id, ConsentPurpose.Questionnaires, now, now + ReminderAfter));
        await db.SaveChangesAsync(ct);
        return Outcome.Done(c.Id);
    }
}
