using System.Security.Claims;
using Foreningsbro.Web.Data;
using Foreningsbro.Web.Features.Citizens;
using Foreningsbro.Web.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Foreningsbro.Web.Features.Outcomes;

public sealed record InstrumentOptionDto(int Value, string Text);

public sealed record InstrumentDto(
    string Code, int Version, string Name, string Intro, IReadOnlyList<string> Items, IReadOnlyList<InstrumentOptionDto> Options,
    string ScoreText, string MissingRule, double? Min, double? Max, bool HigherIsBetter, bool IsStatus, double? MeaningfulChange);

public sealed record OutcomeResponseDto(long Id, string Instrument, int Version, int Months, DateTime AnsweredAtUtc, string Source, string EnteredBy, IReadOnlyList<int?> Answers, double? Score);

public sealed record OutcomeChangeDto(string Instrument, double? Baseline, double? Latest, int? LatestMonths, double? Change, string? Direction);

public sealed record OutcomeDueDto(int Months, DateOnly DueFrom, DateOnly OpenUntil, IReadOnlyList<string> Missing);

public sealed record CitizenOutcomesDto(int CitizenId, bool QuestionnaireConsent, IReadOnlyList<OutcomeResponseDto> Responses, IReadOnlyList<OutcomeChangeDto> Changes, OutcomeDueDto? Due);

/// <summary>Answers a professional entered with the citizen: the point (0 = baseline, then months) and per instrument code one value per item (null: not answered).</summary>
public sealed record OutcomeCreateDto(int? Months, Dictionary<string, int?[]>? Answers);

/// <summary>
/// The outcomes API (issue 15): the instruments, a citizen's answers and change, and answers entered by a
/// professional, through the same command and the same rules as the page. Reading answers is access-logged;
/// the policy is the citizen pages' (professionals and coordinators), so instructors and club contacts get 403.
/// </summary>
public static class OutcomesApi
{
    public static void MapOutcomesApi(this WebApplication app)
    {
        app.MapGet("/api/v1/instruments", ListInstruments).RequireAuthorization(Policies.Api(Policies.WorksWithCitizens)).WithTags("Målinger")
            .WithName("ListInstruments").WithSummary("Spørgeskemaerne (WHO-5, GSE, UCLA-3, selvvurderet helbred, Saltin-Grimby, arbejdsmarked) med ordlyd, svarskala og scoring.");

        var api = app.MapGroup("/api/v1/citizens/{id}/outcomes").RequireAuthorization(Policies.Api(Policies.WorksWithCitizens)).WithTags("Målinger");
        api.MapGet("", GetOutcomes).WithName("GetCitizenOutcomes")
            .WithSummary("En borgers svar, ændringen fra start til seneste måling pr. spørgeskema, og hvad der er til besvarelse nu. Skriver i adgangsloggen.");
        api.MapPost("", PostOutcomes).WithName("CreateCitizenOutcomes")
            .WithSummary("Svar, som en fagperson har udfyldt med borgeren, ved et måletidspunkt (0 = start). Kræver samtykke til spørgeskemaer. Et spørgeskema, der allerede er besvaret ved tidspunktet, beholder det første svar.");
    }

    private static Ok<List<InstrumentDto>> ListInstruments() =>
        TypedResults.Ok(Instruments.Current.Select(i => new InstrumentDto(
            i.Code, i.Version, i.Name, i.Intro, i.Items, [.. i.Options.Select(o => new InstrumentOptionDto(o.Value, o.Text))],
            i.ScoreText, i.MissingRule, i.Range?.Min, i.Range?.Max, i.HigherIsBetter, i.IsStatus, i.MeaningfulChange)).ToList());

    private static async Task<Results<Ok<CitizenOutcomesDto>, ValidationProblem, ProblemHttpResult>> GetOutcomes(string id, ClaimsPrincipal user, AppDbContext db, TimeProvider time, CancellationToken ct)
    {
        if (ApiInput.Id(id) is not { } citizenId)
        {
            return Problems.Invalid("id", ApiInput.IdMessage);
        }

        if (await LoadAsync(db, user, citizenId, time.GetUtcNow(), ct) is not { } dto)
        {
            return Problems.NotFound("Borgeren");
        }

        await AccessLog.WriteViewAsync(db, user, time.GetUtcNow(), citizenId, "API: målinger", ct);
        return TypedResults.Ok(dto);
    }

    private static async Task<Results<Created<CitizenOutcomesDto>, Ok<CitizenOutcomesDto>, ValidationProblem, ProblemHttpResult>> PostOutcomes(
        string id, OutcomeCreateDto body, ClaimsPrincipal user, AppDbContext db, TimeProvider time, CancellationToken ct)
    {
        if (ApiInput.Id(id) is not { } citizenId)
        {
            return Problems.Invalid("id", ApiInput.IdMessage);
        }

        // Someone else's citizen is a 404 before anything about the body is said (ADR 0013).
        if (!await db.Citizens.AsNoTracking().VisibleTo(user).AnyAsync(c => c.Id == citizenId, ct))
        {
            return Problems.NotFound("Borgeren");
        }

        if (body.Answers is null)
        {
            return Problems.Invalid("answers", "Send svarene som answers: { \"who5\": [3, 4, 2, 5, 3], … }.");
        }

        var answers = body.Answers.ToDictionary(a => a.Key, a => (IReadOnlyList<int?>)(a.Value ?? []), StringComparer.OrdinalIgnoreCase);
        var now = time.GetUtcNow();
        var outcome = await OutcomeCommands.SaveAsync(db, db.Citizens.VisibleTo(user).Where(c => c.Id == citizenId), body.Months, answers, Answerer.Of(user), now, ct);
        if (outcome.ToProblem("Borgeren") is { } failure)
        {
            return failure is ValidationProblem invalid ? invalid : (ProblemHttpResult)failure;
        }

        var dto = await LoadAsync(db, user, citizenId, now, ct);
        if (dto is null)
        {
            return Problems.NotFound("Borgeren");
        }

        await AccessLog.WriteViewAsync(db, user, now, citizenId, "API: målinger gemt", ct);
        // Nothing new (every instrument was answered at the point before): the first answers stand, and 200 says so.
        return outcome.Id > 0 ? TypedResults.Created($"/api/v1/citizens/{citizenId}/outcomes", dto) : TypedResults.Ok(dto);
    }

    private static async Task<CitizenOutcomesDto?> LoadAsync(AppDbContext db, ClaimsPrincipal user, int citizenId, DateTimeOffset now, CancellationToken ct)
    {
        var citizen = db.Citizens.AsNoTracking().VisibleTo(user).Where(c => c.Id == citizenId);
        var consent = await citizen.Select(c => (bool?)c.Consents.AsQueryable().Any(ConsentRules.ActiveFor(ConsentPurpose.Questionnaires))).SingleOrDefaultAsync(ct);
        if (consent is null)
        {
            return null;
        }

        var responses = await OutcomeSummary.ResponsesAsync(db, citizenId, ct);
        var due = (await OutcomeSchedule.DueForAsync(db, citizen, DanishTime.Today(now), ct))?.Point;
        return new CitizenOutcomesDto(
            citizenId, consent.Value,
            [.. responses.Select(r => new OutcomeResponseDto(r.Id, r.Instrument, r.Version, r.Months, r.AnsweredAtUtc, r.Source.ToString(), r.EnteredBy, r.Answers, r.Score))],
            [.. OutcomeSummary.Changes(responses).Select(c => new OutcomeChangeDto(c.Instrument.Code, c.Baseline, c.Latest, c.LatestMonths, c.Change, c.Direction))],
            due is null ? null : new OutcomeDueDto(due.Months, due.DueFrom, due.OpenUntil, due.Missing));
    }
}
