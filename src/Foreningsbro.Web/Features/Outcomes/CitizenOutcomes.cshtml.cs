using Foreningsbro.Web.Data;
using Foreningsbro.Web.Features.Account;
using Foreningsbro.Web.Features.Citizens;
using Foreningsbro.Web.Features.Messages;
using Foreningsbro.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Foreningsbro.Web.Features.Outcomes;

/// <summary>
/// A citizen's measurements: every answer with its instrument's version, the change per instrument, and the
/// citizen's personal link (send it, send the due questionnaires, close every link). Every view is access-logged.
/// </summary>
[Authorize(Policy = Policies.WorksWithCitizens)]
public class CitizenOutcomesModel(AppDbContext db, TimeProvider time, IConfiguration config) : PageModel
{
    public int CitizenId { get; private set; }
    public string CitizenName { get; private set; } = "";
    public List<ResponseRow> Responses { get; private set; } = [];
    public List<InstrumentChange> Changes { get; private set; } = [];
    public Timepoint? Due { get; private set; }
    public bool QuestionnaireConsent { get; private set; }
    public bool CanMessage { get; private set; }
    public int OpenLinks { get; private set; }

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }

        await AccessLog.WriteViewAsync(db, User, time.GetUtcNow(), id, "Målinger: svar", ct);
        return Page();
    }

    /// <summary>Sends the citizen a new link to their page (only with the consent to messages).</summary>
    public async Task<IActionResult> OnPostSendLinkAsync(int id, CancellationToken ct)
    {
        var c = await TargetAsync(id, ct);
        if (c is null)
        {
            return NotFound();
        }

        if (!c.Value.Reminders || c.Value.To is not { } to)
        {
            return await RefusedAsync(id, "Borgeren har ikke givet samtykke til beskeder, eller der mangler telefon eller e-mail til den valgte kontaktform.", ct);
        }

        var now = time.GetUtcNow();
        var link = CitizenLinks.Url(UserAdministration.BaseUrl(config, Request), CitizenLinks.Add(db, id, now, User.DisplayName()));
        var (subject, body) = Outbox.LinkOnly(c.Value.FirstName, c.Value.Municipality, link);
        db.OutboxMessages.Add(Outbox.ToCitizen(to.Channel, MessageKind.CitizenLink, to.To, subject, body, id, ConsentPurpose.Reminders, now, now));
        await db.SaveChangesAsync(ct);
        TempData.SetMessage("Linket til borgerens side er sendt.");
        return Redirect($"/borgere/{id}/maalinger");
    }

    /// <summary>Sends the due questionnaires as a link, with one reminder a week later (only with the questionnaire consent).</summary>
    public async Task<IActionResult> OnPostSendQuestionnaireAsync(int id, CancellationToken ct)
    {
        var c = await TargetAsync(id, ct);
        if (c is null)
        {
            return NotFound();
        }

        var now = time.GetUtcNow();
        var outcome = await OutcomeMessages.SendQuestionnaireAsync(db, db.Citizens.VisibleTo(User).Where(x => x.Id == id), UserAdministration.BaseUrl(config, Request), User.DisplayName(), now, ct);
        if (outcome.Kind != OutcomeKind.Ok)
        {
            return await RefusedAsync(id, outcome.Message!, ct);
        }

        TempData.SetMessage("Spørgeskemaet er sendt til borgeren som et link. Der kommer én påmindelse om en uge, hvis det ikke er besvaret.");
        return Redirect($"/borgere/{id}/maalinger");
    }

    /// <summary>Closes every open link of the citizen at once (a lost phone, a link sent to the wrong number).</summary>
    public async Task<IActionResult> OnPostRevokeAsync(int id, CancellationToken ct)
    {
        if (!await db.Citizens.VisibleTo(User).AnyAsync(x => x.Id == id, ct))
        {
            return NotFound();
        }

        var n = await CitizenLinks.RevokeAllAsync(db, id, time.GetUtcNow(), ct);
        TempData.SetMessage("Borgerens links er lukket ({0}). Et nyt link kan sendes.", n);
        return Redirect($"/borgere/{id}/maalinger");
    }

    private async Task<(string FirstName, string Municipality, bool Reminders, (MessageChannel Channel, string To)? To)?> TargetAsync(int id, CancellationToken ct)
    {
        var c = await db.Citizens.AsNoTracking().VisibleTo(User).Where(x => x.Id == id)
            .Select(x => new
            {
                x.FirstName,
                x.Phone,
                x.Email,
                x.PreferredChannel,
                Municipality = x.Department.Municipality.Name,
                Reminders = x.Consents.AsQueryable().Any(ConsentRules.ActiveFor(ConsentPurpose.Reminders)),
            }).SingleOrDefaultAsync(ct);
        return c is null ? null : (c.FirstName, c.Municipality, c.Reminders, Outbox.CitizenAddress(c.PreferredChannel, c.Phone, c.Email));
    }

    private async Task<IActionResult> RefusedAsync(int id, string message, CancellationToken ct)
    {
        await LoadAsync(id, ct);
        ModelState.AddModelError("link", message);
        return Page();
    }

    private async Task<bool> LoadAsync(int id, CancellationToken ct)
    {
        var citizen = await db.Citizens.AsNoTracking().VisibleTo(User).Where(c => c.Id == id)
            .Select(c => new
            {
                c.Id,
                c.FirstName,
                c.LastName,
                c.Phone,
                c.Email,
                c.PreferredChannel,
                Questionnaires = c.Consents.AsQueryable().Any(ConsentRules.ActiveFor(ConsentPurpose.Questionnaires)),
                Reminders = c.Consents.AsQueryable().Any(ConsentRules.ActiveFor(ConsentPurpose.Reminders)),
            })
            .SingleOrDefaultAsync(ct);
        if (citizen is null)
        {
            return false;
        }

        var now = time.GetUtcNow();
        CitizenId = citizen.Id;
        CitizenName = $"{citizen.FirstName} {citizen.LastName}";
        QuestionnaireConsent = citizen.Questionnaires;
        CanMessage = Outbox.CitizenAddress(citizen.PreferredChannel, citizen.Phone, citizen.Email) is not null;
        Responses = await OutcomeSummary.ResponsesAsync(db, id, ct);
        Changes = OutcomeSummary.Changes(Responses);
        Due = (await OutcomeSchedule.DueForAsync(db, db.Citizens.VisibleTo(User).Where(c => c.Id == id), DanishTime.Today(now), ct))?.Point;
        var at = now.UtcDateTime;
        OpenLinks = await db.CitizenLinks.CountAsync(l => l.CitizenId == id && l.RevokedAtUtc == null && l.ExpiresAtUtc > at, ct);
        return true;
    }
}
