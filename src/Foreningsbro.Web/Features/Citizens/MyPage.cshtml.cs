using Foreningsbro.Web.Data;
using Foreningsbro.Web.Features.Account;
using Foreningsbro.Web.Features.Outcomes;
using Foreningsbro.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace Foreningsbro.Web.Features.Citizens;

/// <summary>
/// The citizen's own page, opened from the personal link in an SMS or e-mail: no account, phone first. An
/// unknown, expired or revoked link gets the same friendly page, which says nothing about whether the
/// citizen exists. Rate-limited per client address (CitizenLinks.RateLimit); never cached.
/// </summary>
[AllowAnonymous]
[EnableRateLimiting(CitizenLinks.RateLimit)]
public class MyPageModel(AppDbContext db, TimeProvider time, IConfiguration config) : PageModel
{
    public bool Invalid { get; private set; }
    public string Token { get; private set; } = "";
    public MyPage.Facts Facts { get; private set; } = null!;
    public List<Appointment> Appointments { get; private set; } = [];
    public List<Rateable> Rateables { get; private set; } = [];
    public Timepoint? Due { get; private set; }
    /// <summary>The citizen's own answers as a change per instrument: their own data, shown to whoever holds their link.</summary>
    public List<InstrumentChange> Changes { get; private set; } = [];
    public string? Done { get; private set; }

    [BindProperty]
    public int? Rating { get; set; }

    [BindProperty]
    public string? Reason { get; set; }

    public async Task<IActionResult> OnGetAsync(string token, string? sagt, CancellationToken ct)
    {
        if (await CitizenAsync(token, ct) is not { } citizenId)
        {
            return Page();
        }

        Done = sagt switch
        {
            "afbud" => "Tak. Vi har givet besked om, at du ikke kan komme. Din kontaktperson ringer til dig om en ny aftale.",
            "ring" => "Tak. Din kontaktperson ringer til dig, så snart det kan lade sig gøre.",
            "tak" => "Tak for din vurdering.",
            _ => null,
        };
        await LoadAsync(citizenId, ct);
        return Page();
    }

    public async Task<IActionResult> OnGetCalendarAsync(string token, string? kind, int id, CancellationToken ct)
    {
        if (await CitizenAsync(token, ct) is not { } citizenId)
        {
            return Page();
        }

        var a = (await MyPage.AppointmentsAsync(db, citizenId, time.GetUtcNow(), ct)).FirstOrDefault(x => x.Kind == kind && x.Id == id);
        return a is null ? NotFound() : File(System.Text.Encoding.UTF8.GetBytes(MyPage.Ics(a, UserAdministration.BaseUrl(config, Request))), "text/calendar; charset=utf-8", $"{a.Kind}.ics");
    }

    public async Task<IActionResult> OnPostCantComeAsync(string token, string? kind, int id, CancellationToken ct)
    {
        if (await CitizenAsync(token, ct) is not { } citizenId)
        {
            return Page();
        }

        return await MyPage.CantComeAsync(db, citizenId, kind, id, UserAdministration.BaseUrl(config, Request), time.GetUtcNow(), ct)
            ? Redirect($"/mig/{token}?sagt=afbud")
            : NotFound();
    }

    public async Task<IActionResult> OnPostCallMeAsync(string token, CancellationToken ct)
    {
        if (await CitizenAsync(token, ct) is not { } citizenId)
        {
            return Page();
        }

        await MyPage.CallMeAsync(db, citizenId, time.GetUtcNow(), ct);
        return Redirect($"/mig/{token}?sagt=ring");
    }

    public async Task<IActionResult> OnPostRateAsync(string token, string? kind, int id, CancellationToken ct)
    {
        if (await CitizenAsync(token, ct) is not { } citizenId)
        {
            return Page();
        }

        var outcome = await MyPage.RateAsync(db, citizenId, kind, id, Rating, Reason, time.GetUtcNow(), ct);
        if (outcome.Kind == OutcomeKind.NotFound)
        {
            return NotFound();
        }

        if (outcome.Kind == OutcomeKind.Invalid)
        {
            ModelState.AddModelError($"{outcome.Field}-{kind}-{id}", outcome.Message!);
            await LoadAsync(citizenId, ct);
            return Page();
        }

        return Redirect($"/mig/{token}?sagt=tak#vurder");
    }

    private async Task<int?> CitizenAsync(string token, CancellationToken ct)
    {
        // The page holds personal data for whoever has the link: never kept by a browser or proxy, never indexed.
        Response.Headers.CacheControl = "no-store";
        Response.Headers["X-Robots-Tag"] = "noindex";
        Token = token;
        var id = await CitizenLinks.CitizenAsync(db, token, time.GetUtcNow(), ct);
        Invalid = id is null;
        return id;
    }

    private async Task LoadAsync(int citizenId, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        Facts = await MyPage.FactsAsync(db, citizenId, DanishTime.Today(now), ct);
        Appointments = await MyPage.AppointmentsAsync(db, citizenId, now, ct);
        Rateables = await MyPage.RateablesAsync(db, citizenId, now, ct);
        // Withdrawn consent: no questionnaire is offered, from the next request on.
        Due = Facts.Questionnaires
            ? (await OutcomeSchedule.DueForAsync(db, db.Citizens.Where(c => c.Id == citizenId), DanishTime.Today(now), ct))?.Point
            : null;
        Changes = OutcomeSummary.Changes(await OutcomeSummary.ResponsesAsync(db, citizenId, ct));
    }
}
