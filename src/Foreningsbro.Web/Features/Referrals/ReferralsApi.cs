using System.Security.Claims;
using Foreningsbro.Web.Data;
using Foreningsbro.Web.Features.Catalogue;
using Foreningsbro.Web.Features.Catalogue.Search;
using Foreningsbro.Web.Features.Citizens;
using Foreningsbro.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Foreningsbro.Web.Features.Referrals;

public sealed record ReferralCreateDto(int? CitizenId, int? TeamId, string? VisitMode, string? VisitDate, string? VisitTime, string? NeedsForClub, Guid? IdempotencyKey);

public sealed record ReferralDto(
    int Id, int CitizenId, string CitizenName, int TeamId, string Team, string Club, string VisitMode, DateTime VisitAtUtc,
    string Status, DateTime StatusChangedAtUtc, string? ClosingReason, int? PreviousReferralId, int Version);

/// <summary>What a club contact gets: first name and contact/needs only with consent, never anything else about the citizen.</summary>
public sealed record ClubVisitDto(int Id, int TeamId, string Team, DateTime VisitAtUtc, string VisitMode, string Status, string? FirstName, string? Phone, string? NeedsForClub, int Version);

public sealed record StatusChangeDto(string? Status, string? Reason, int? ClosingReasonId, int? Version);

public static class ReferralsApi
{
    public static void MapReferralsApi(this WebApplication app)
    {
        // Cookie (the browser) or bearer token (integrations); creating a referral is for those who work with citizens.
        var api = app.MapGroup("/api/v1/referrals").RequireAuthorization(Policies.Api(Policies.FollowsReferrals)).WithTags("Henvisninger");

        api.MapPost("", CreateReferral).RequireAuthorization(Policies.Api(Policies.WorksWithCitizens)).WithName("CreateReferral")
            .WithSummary("Henvis en borger til et hold (citizenId, teamId, visitMode, visitDate yyyy-MM-dd). Samme idempotencyKey to gange giver samme henvisning.");
        api.MapGet("", ListReferrals).WithName("ListReferrals")
            .WithSummary("Henvisninger, brugeren må se; filtre status, teamId, from og to (besøgsdato). Foreningskontakter får kun fornavn og samtykkede oplysninger.");
        api.MapPost("/{id}/status", ChangeStatus).WithName("ChangeReferralStatus")
            .WithSummary("Skift status (status, reason, closingReasonId, version). Ulovlige skift giver 400, en forældet version 409.");
    }

    /// <summary>A referral as professionals and the coordinator see it (the citizen's API reads it too).</summary>
    internal static IQueryable<ReferralDto> ReferralRows(IQueryable<Referral> q) =>
        q.OrderByDescending(r => r.CreatedAtUtc).ThenByDescending(r => r.Id)
            .Select(r => new ReferralDto(r.Id, r.CitizenId, r.Citizen.FirstName + " " + r.Citizen.LastName, r.TeamId, r.Team.Title, r.Team.Club.Name,
                r.VisitMode.ToString(), r.VisitAtUtc, r.Status.ToString(), r.StatusChangedAtUtc, r.ClosingReason != null ? r.ClosingReason.Name : null, r.PreviousReferralId, r.Version));

    private static async Task<Results<Created<ReferralDto>, ValidationProblem, ProblemHttpResult>> CreateReferral(
        ReferralCreateDto body, ClaimsPrincipal user, AppDbContext db, TimeProvider time, HttpRequest request, IConfiguration config, CancellationToken ct)
    {
        if (body.CitizenId is not { } citizenId)
        {
            return Problems.Invalid("citizenId", "Angiv borgerens id.");
        }

        if (body.TeamId is not { } teamId)
        {
            return Problems.Invalid("teamId", "Angiv holdets id.");
        }

        if (!ApiInput.TryEnum<VisitMode>(body.VisitMode, out var mode))
        {
            return Problems.Invalid("visitMode", "Vælg hvordan besøget foregår: " + string.Join(", ", Enum.GetNames<VisitMode>()) + ".");
        }

        if (!ApiInput.TryDate(body.VisitDate, out var date))
        {
            return Problems.Invalid("visitDate", "Skriv besøgsdatoen som åååå-mm-dd.");
        }

        TimeOnly? visitTime = null;
        if (!string.IsNullOrEmpty(body.VisitTime))
        {
            if (!ApiInput.TryTime(body.VisitTime, out var t))
            {
                return Problems.Invalid("visitTime", "Skriv tidspunktet som tt:mm.");
            }

            visitTime = t;
        }

        var outcome = await ReferralCommands.CreateAsync(db, user, new NewReferral(citizenId, teamId, mode, date, visitTime, body.NeedsForClub, body.IdempotencyKey ?? Guid.Empty), time.GetUtcNow(),
            SafeUrls.PublicBase(request, config), ct);
        if (outcome is { Kind: OutcomeKind.Conflict, Id: > 0 })
        {
            // The citizen's open referral to the team: named, so a client can go on with it instead of making another.
            return TypedResults.Problem(title: "Konflikt", detail: outcome.Message, statusCode: StatusCodes.Status409Conflict,
                extensions: new Dictionary<string, object?> { ["existingReferralId"] = outcome.Id, ["existingReferral"] = $"/api/v1/referrals/{outcome.Id}" });
        }

        if (outcome.ToProblem("Borgeren eller henvisningen") is { } failure)
        {
            return failure is ValidationProblem invalid ? invalid : (ProblemHttpResult)failure;
        }

        var dto = await ReferralRows(db.Referrals.AsNoTracking().Where(r => r.Id == outcome.Id)).SingleAsync(ct);
        await AccessLog.WriteViewAsync(db, user, time.GetUtcNow(), dto.CitizenId, "API: henvisning oprettet", ct);
        return TypedResults.Created($"/api/v1/referrals/{dto.Id}", dto);
    }

    private static async Task<Results<Ok<List<ReferralDto>>, Ok<List<ClubVisitDto>>, ValidationProblem>> ListReferrals(
        string? status, string? teamId, string? from, string? to, ClaimsPrincipal user, AppDbContext db, TimeProvider time, CancellationToken ct)
    {
        var q = db.Referrals.AsNoTracking().VisibleTo(user);
        if (!string.IsNullOrEmpty(status))
        {
            if (!ApiInput.TryEnum<ReferralStatus>(status, out var s))
            {
                return Problems.Invalid("status", "Ukendt status. Brug " + string.Join(", ", Enum.GetNames<ReferralStatus>()) + ".");
            }

            q = q.Where(r => r.Status == s);
        }

        if (!string.IsNullOrEmpty(teamId))
        {
            if (ApiInput.Id(teamId) is not { } t)
            {
                return Problems.Invalid("teamId", ApiInput.IdMessage);
            }

            q = q.Where(r => r.TeamId == t);
        }

        if (!string.IsNullOrEmpty(from))
        {
            if (!ApiInput.TryDate(from, out var f))
            {
                return Problems.Invalid("from", ApiInput.DateMessage);
            }

            var fromUtc = DanishTime.StartUtc(f);
            q = q.Where(r => r.VisitAtUtc >= fromUtc);
        }

        if (!string.IsNullOrEmpty(to))
        {
            if (!ApiInput.TryDate(to, out var t))
            {
                return Problems.Invalid("to", ApiInput.DateMessage);
            }

            var toUtc = DanishTime.StartUtc(t.AddDays(1));
            q = q.Where(r => r.VisitAtUtc < toUtc);
        }

        var now = time.GetUtcNow();
        if (user.IsClubContact())
        {
            var visits = await ClubVisits.Project(q.OrderBy(r => r.VisitAtUtc).ThenBy(r => r.Id).Take(500)).ToListAsync(ct);
            await AccessLog.WriteListAsync(db, user, now, "API: foreningens besøg", Filters(status, teamId, from, to), visits.Count, ct);
            return TypedResults.Ok(visits.Select(v => v.ToDto()).ToList());
        }

        var items = await ReferralRows(q).Take(500).ToListAsync(ct);
        await AccessLog.WriteListAsync(db, user, now, "API: henvisninger", Filters(status, teamId, from, to), items.Count, ct);
        return TypedResults.Ok(items);
    }

    private static string Filters(string? status, string? teamId, string? from, string? to) => $"status={status} teamId={teamId} from={from} to={to}";

    private static async Task<Results<Ok<ReferralDto>, Ok<ClubVisitDto>, ValidationProblem, ProblemHttpResult>> ChangeStatus(
        string id, StatusChangeDto body, ClaimsPrincipal user, AppDbContext db, TimeProvider time, CancellationToken ct)
    {
        if (ApiInput.Id(id) is not { } referralId)
        {
            return Problems.Invalid("id", ApiInput.IdMessage);
        }

        if (!ApiInput.TryEnum<ReferralStatus>(body.Status, out var to))
        {
            return Problems.Invalid("status", "Ukendt status. Brug " + string.Join(", ", Enum.GetNames<ReferralStatus>()) + ".");
        }

        if (body.Version is not { } version)
        {
            return Problems.Invalid("version", "Angiv den version af henvisningen, du ændrer (fra GET).");
        }

        var outcome = await ReferralCommands.ChangeStatusAsync(db, user, new StatusChange(referralId, to, body.Reason, body.ClosingReasonId, version), time.GetUtcNow(), ct);
        if (outcome.ToProblem("Borgeren eller henvisningen") is { } failure)
        {
            return failure is ValidationProblem invalid ? invalid : (ProblemHttpResult)failure;
        }

        var rows = db.Referrals.AsNoTracking().Where(r => r.Id == referralId);
        if (user.IsClubContact())
        {
            return TypedResults.Ok((await ClubVisits.Project(rows).SingleAsync(ct)).ToDto());
        }

        var referral = await ReferralRows(rows).SingleAsync(ct);
        await AccessLog.WriteViewAsync(db, user, time.GetUtcNow(), referral.CitizenId, "API: henvisningsstatus", ct);
        return TypedResults.Ok(referral);
    }
}
