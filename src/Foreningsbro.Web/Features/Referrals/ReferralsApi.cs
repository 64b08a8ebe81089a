using System.Globalization;
using System.Security.Claims;

using Foreningsbro.Web.Data;
using Foreningsbro.Web.Features.Catalogue;
using Foreningsbro.Web.Infrastructure;

using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Foreningsbro.Web.Features.Referrals;

public sealed record TokenRequestDto(string? Email, string? Password);

public sealed record CitizenCreateDto(
    string? FirstName, string? LastName, string? Phone, string? Email, int? BirthYear, string? PostalCode,
    string? TargetGroup, string? PreferredChannel, int? DepartmentId, string[]? Consents, string? ConsentMethod);

public sealed record CitizenSummaryDto(int Id, string FirstName, string LastName, int BirthYear, string PostalCode, string Department);

public sealed record ConsentDto(string Purpose, string Method, DateTime GivenAtUtc, string GivenBy, DateTime? WithdrawnAtUtc);

public sealed record CitizenDto(
    int Id, string FirstName, string LastName, string? Phone, string? Email, int BirthYear, string PostalCode,
    string TargetGroup, string PreferredChannel, int DepartmentId, string Department,
    IReadOnlyList<ConsentDto> Consents, IReadOnlyList<ReferralDto> Referrals);

public sealed record CitizenCreatedDto(CitizenDto Citizen, IReadOnlyList<PossibleDuplicate> PossibleDuplicates);

public sealed record ReferralCreateDto(int? CitizenId, int? TeamId, string? VisitMode, string? VisitDate, string? VisitTime, string? NeedsForClub, Guid? IdempotencyKey);

public sealed record ReferralDto(
    int Id, int CitizenId, string CitizenName, int TeamId, string Team, string Club, string VisitMode, DateTime VisitAtUtc,
    string Status, DateTime StatusChangedAtUtc, string? ClosingReason, int? PreviousReferralId, int Version);

/// <summary>What a club contact gets: first name and contact/needs only with consent, never anything else about the citizen.</summary>
public sealed record ClubVisitDto(int Id, int TeamId, string Team, DateTime VisitAtUtc, string Status, string? FirstName, string? Phone, string? NeedsForClub, int Version);

public sealed record StatusChangeDto(string? Status, string? Reason, int? ClosingReasonId, int? Version);

public sealed record FunnelStageDto(string Status, string Label, int Count, double? ConversionFromPrevious);

public sealed record FunnelDto(DateOnly From, DateOnly To, int Referrals, IReadOnlyList<FunnelStageDto> Stages, int NoShow, int Closed);

public static class ReferralsApi
{
    public static void MapReferralsApi(this WebApplication app)
    {
        app.MapPost("/api/v1/auth/token", Token)
            .AllowAnonymous()
            .RequireRateLimiting(Security.TokenRateLimit)
            .WithTags("Log ind")
            .WithName("CreateToken")
            .WithSummary("Byt e-mail og adgangskode til et kortlivet bearer-token (30 min). Begrænset antal forsøg; kontoen låses efter 5 forkerte.");

        // Cookie (the browser) or bearer token (integrations); the citizen endpoints and the funnel narrow the group's policy.
        var api = app.MapGroup("/api/v1").RequireAuthorization(Policies.Api(Policies.FollowsReferrals)).WithTags("Henvisninger");
        var citizensPolicy = Policies.Api(Policies.WorksWithCitizens);

        api.MapGet("/citizens", ListCitizens).RequireAuthorization(citizensPolicy).WithName("ListCitizens")
            .WithSummary("Borgere, brugeren må se (egen afdeling; koordinator alle). Søg med q i navn. Skriver i adgangsloggen.");
        api.MapPost("/citizens", CreateCitizen).RequireAuthorization(citizensPolicy).WithName("CreateCitizen")
            .WithSummary("Opret en borger med samtykker. Svaret peger på mulige dubletter (samme navn og fødselsår eller samme telefon).");
        api.MapGet("/citizens/{id}", GetCitizen).RequireAuthorization(citizensPolicy).WithName("GetCitizen")
            .WithSummary("En borger med samtykker og henvisninger. Skriver i adgangsloggen.");
        api.MapPost("/referrals", CreateReferral).RequireAuthorization(citizensPolicy).WithName("CreateReferral")
            .WithSummary("Henvis en borger til et hold (citizenId, teamId, visitMode, visitDate yyyy-MM-dd). Samme idempotencyKey to gange giver samme henvisning.");
        api.MapGet("/referrals", ListReferrals).WithName("ListReferrals")
            .WithSummary("Henvisninger, brugeren må se; filtre status, teamId, from og to (besøgsdato). Foreningskontakter får kun fornavn og samtykkede oplysninger.");
        api.MapPost("/referrals/{id}/status", ChangeStatus).WithName("ChangeReferralStatus")
            .WithSummary("Skift status (status, reason, closingReasonId, version). Ulovlige skift giver 400, en forældet version 409.");
        api.MapGet("/reports/funnel", GetFunnel).RequireAuthorization(Policies.Api(Policies.Coordinator)).WithName("GetFunnel")
            .WithSummary("Tragten for henvisninger oprettet i perioden from–to: antal pr. trin og konvertering fra forrige trin.");
    }

    private static async Task<Results<EmptyHttpResult, ValidationProblem, ProblemHttpResult>> Token(TokenRequestDto body, SignInManager<AppUser> signIn)
    {
        if (string.IsNullOrWhiteSpace(body.Email))
        {
            return Problems.Invalid("email", "Skriv din e-mail.");
        }

        if (string.IsNullOrEmpty(body.Password))
        {
            return Problems.Invalid("password", "Skriv din adgangskode.");
        }

        signIn.AuthenticationScheme = IdentityConstants.BearerScheme;
        var result = await signIn.PasswordSignInAsync(body.Email, body.Password, isPersistent: false, lockoutOnFailure: true);
        if (result.IsLockedOut)
        {
            return TypedResults.Problem(title: "Kontoen er låst", detail: "Kontoen er låst efter for mange forkerte forsøg. Prøv igen om 15 minutter.", statusCode: StatusCodes.Status401Unauthorized);
        }

        if (!result.Succeeded)
        {
            return TypedResults.Problem(title: "Ikke logget ind", detail: "E-mail eller adgangskode er forkert.", statusCode: StatusCodes.Status401Unauthorized);
        }

        // The bearer handler has written the token response.
        return TypedResults.Empty;
    }

    private static async Task<Ok<List<CitizenSummaryDto>>> ListCitizens(string? q, ClaimsPrincipal user, AppDbContext db, TimeProvider time, CancellationToken ct)
    {
        var query = db.Citizens.AsNoTracking().VisibleTo(user);
        foreach (var term in SearchText.Terms(q))
        {
            query = query.Where(c => c.NameKey.Contains(term));
        }

        var items = await query.OrderBy(c => c.LastName).ThenBy(c => c.FirstName).ThenBy(c => c.Id).Take(100)
            .Select(c => new CitizenSummaryDto(c.Id, c.FirstName, c.LastName, c.BirthYear, c.PostalCode, c.Department.Name))
            .ToListAsync(ct);
        await AccessLog.WriteListAsync(db, user, time.GetUtcNow(), "API: borgerliste", q, items.Count, ct);
        return TypedResults.Ok(items);
    }

    private static async Task<Results<Created<CitizenCreatedDto>, ValidationProblem, NotFound>> CreateCitizen(CitizenCreateDto body, ClaimsPrincipal user, AppDbContext db, TimeProvider time, CancellationToken ct)
    {
        if (!TryEnum<CitizenTargetGroup>(body.TargetGroup, out var group))
        {
            return Problems.Invalid("targetGroup", "Vælg borgerens målgruppe: " + string.Join(", ", Enum.GetNames<CitizenTargetGroup>()) + ".");
        }

        if (!TryEnum<ContactChannel>(body.PreferredChannel, out var channel))
        {
            return Problems.Invalid("preferredChannel", "Vælg kontaktform: " + string.Join(", ", Enum.GetNames<ContactChannel>()) + ".");
        }

        var consents = new List<ConsentPurpose>();
        foreach (var c in body.Consents ?? [])
        {
            if (!TryEnum<ConsentPurpose>(c, out var p))
            {
                return Problems.Invalid("consents", "Ukendt samtykke: " + c + ". Brug " + string.Join(", ", Enum.GetNames<ConsentPurpose>()) + ".");
            }

            consents.Add(p!.Value);
        }

        var method = ConsentMethod.Verbal;
        if (body.ConsentMethod is not null)
        {
            if (!TryEnum<ConsentMethod>(body.ConsentMethod, out var m))
            {
                return Problems.Invalid("consentMethod", "Samtykket er givet Verbal eller Written.");
            }

            method = m!.Value;
        }

        var input = new NewCitizen(body.FirstName, body.LastName, body.Phone, body.Email, body.BirthYear, body.PostalCode, group, channel, body.DepartmentId, consents, method);
        var now = time.GetUtcNow();
        if (CitizenCommands.Validate(input, now) is [var (field, message), ..])
        {
            return Problems.Invalid(field, message);
        }

        var duplicates = await CitizenCommands.PossibleDuplicatesAsync(db, user, input, ct);
        var outcome = await CitizenCommands.CreateAsync(db, user, input, now, ct);
        if (outcome.Kind == OutcomeKind.Invalid)
        {
            return Problems.Invalid(outcome.Field!, outcome.Message!);
        }

        if (outcome.Kind != OutcomeKind.Ok || await LoadCitizen(db, user, outcome.Id, ct) is not { } dto)
        {
            return TypedResults.NotFound();
        }

        await AccessLog.WriteViewAsync(db, user, now, dto.Id, "API: borger oprettet", ct);
        return TypedResults.Created($"/api/v1/citizens/{dto.Id}", new CitizenCreatedDto(dto, duplicates));
    }

    private static async Task<Results<Ok<CitizenDto>, ValidationProblem, ProblemHttpResult>> GetCitizen(string id, ClaimsPrincipal user, AppDbContext db, TimeProvider time, CancellationToken ct)
    {
        if (!int.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var citizenId))
        {
            return Problems.Invalid("id", "Id skal være et positivt heltal.");
        }

        if (await LoadCitizen(db, user, citizenId, ct) is not { } dto)
        {
            return Problems.NotFound("Borgeren");
        }

        await AccessLog.WriteViewAsync(db, user, time.GetUtcNow(), citizenId, "API: borger", ct);
        return TypedResults.Ok(dto);
    }

    private static async Task<CitizenDto?> LoadCitizen(AppDbContext db, ClaimsPrincipal user, int id, CancellationToken ct)
    {
        var c = await db.Citizens.AsNoTracking().VisibleTo(user).Where(x => x.Id == id)
            .Select(x => new
            {
                x.Id,
                x.FirstName,
                x.LastName,
                x.Phone,
                x.Email,
                x.BirthYear,
                x.PostalCode,
                x.TargetGroup,
                x.PreferredChannel,
                x.DepartmentId,
                Department = x.Department.Name,
                Consents = x.Consents.OrderBy(k => k.GivenAtUtc).Select(k => new { k.Purpose, k.Method, k.GivenAtUtc, k.GivenBy, k.WithdrawnAtUtc }).ToList(),
            })
            .SingleOrDefaultAsync(ct);
        if (c is null)
        {
            return null;
        }

        var referrals = await ReferralRows(db.Referrals.AsNoTracking().VisibleTo(user).Where(r => r.CitizenId == id)).ToListAsync(ct);
        return new CitizenDto(c.Id, c.FirstName, c.LastName, c.Phone, c.Email, c.BirthYear, c.PostalCode, c.TargetGroup.ToString(), c.PreferredChannel.ToString(),
            c.DepartmentId, c.Department, [.. c.Consents.Select(k => new ConsentDto(k.Purpose.ToString(), k.Method.ToString(), k.GivenAtUtc, k.GivenBy, k.WithdrawnAtUtc))], referrals);
    }

    private static IQueryable<ReferralDto> ReferralRows(IQueryable<Referral> q) =>
        q.OrderByDescending(r => r.CreatedAtUtc).ThenByDescending(r => r.Id)
            .Select(r => new ReferralDto(r.Id, r.CitizenId, r.Citizen.FirstName + " " + r.Citizen.LastName, r.TeamId, r.Team.Title, r.Team.Club.Name,
                r.VisitMode.ToString(), r.VisitAtUtc, r.Status.ToString(), r.StatusChangedAtUtc, r.ClosingReason != null ? r.ClosingReason.Name : null, r.PreviousReferralId, r.Version));

    private static async Task<Results<Created<ReferralDto>, ValidationProblem, ProblemHttpResult>> CreateReferral(ReferralCreateDto body, ClaimsPrincipal user, AppDbContext db, TimeProvider time, CancellationToken ct)
    {
        if (body.CitizenId is not { } citizenId)
        {
            return Problems.Invalid("citizenId", "Angiv borgerens id.");
        }

        if (body.TeamId is not { } teamId)
        {
            return Problems.Invalid("teamId", "Angiv holdets id.");
        }

        if (!TryEnum<VisitMode>(body.VisitMode, out var mode))
        {
            return Problems.Invalid("visitMode", "Vælg hvordan besøget foregår: " + string.Join(", ", Enum.GetNames<VisitMode>()) + ".");
        }

        if (!DateOnly.TryParseExact(body.VisitDate, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return Problems.Invalid("visitDate", "Skriv besøgsdatoen som åååå-mm-dd.");
        }

        TimeOnly? visitTime = null;
        if (!string.IsNullOrEmpty(body.VisitTime))
        {
            if (!TimeOnly.TryParseExact(body.VisitTime, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var t))
            {
                return Problems.Invalid("visitTime", "Skriv tidspunktet som tt:mm.");
            }

            visitTime = t;
        }

        var outcome = await ReferralCommands.CreateAsync(db, user, new NewReferral(citizenId, teamId, mode, date, visitTime, body.NeedsForClub, body.IdempotencyKey ?? Guid.Empty), time.GetUtcNow(), ct);
        if (Fail(outcome) is { } failure)
        {
            return failure.Result is ValidationProblem v ? v : (ProblemHttpResult)failure.Result;
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
            if (!TryEnum<ReferralStatus>(status, out var s))
            {
                return Problems.Invalid("status", "Ukendt status. Brug " + string.Join(", ", Enum.GetNames<ReferralStatus>()) + ".");
            }

            q = q.Where(r => r.Status == s);
        }

        if (!string.IsNullOrEmpty(teamId))
        {
            if (!int.TryParse(teamId, NumberStyles.None, CultureInfo.InvariantCulture, out var t))
            {
                return Problems.Invalid("teamId", "teamId skal være et positivt heltal.");
            }

            q = q.Where(r => r.TeamId == t);
        }

        if (!string.IsNullOrEmpty(from))
        {
            if (!DateOnly.TryParseExact(from, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var f))
            {
                return Problems.Invalid("from", "Skriv datoen som åååå-mm-dd.");
            }

            var fromUtc = TimeZoneInfo.ConvertTimeToUtc(f.ToDateTime(TimeOnly.MinValue), NextSession.DanishTime);
            q = q.Where(r => r.VisitAtUtc >= fromUtc);
        }

        if (!string.IsNullOrEmpty(to))
        {
            if (!DateOnly.TryParseExact(to, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var t))
            {
                return Problems.Invalid("to", "Skriv datoen som åååå-mm-dd.");
            }

            var toUtc = TimeZoneInfo.ConvertTimeToUtc(t.AddDays(1).ToDateTime(TimeOnly.MinValue), NextSession.DanishTime);
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
        if (!int.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var referralId))
        {
            return Problems.Invalid("id", "Id skal være et positivt heltal.");
        }

        if (!TryEnum<ReferralStatus>(body.Status, out var to))
        {
            return Problems.Invalid("status", "Ukendt status. Brug " + string.Join(", ", Enum.GetNames<ReferralStatus>()) + ".");
        }

        if (body.Version is not { } version)
        {
            return Problems.Invalid("version", "Angiv den version af henvisningen, du ændrer (fra GET).");
        }

        var outcome = await ReferralCommands.ChangeStatusAsync(db, user, new StatusChange(referralId, to, body.Reason, body.ClosingReasonId, version), time.GetUtcNow(), ct);
        if (Fail(outcome) is { } failure)
        {
            return failure.Result is ValidationProblem v ? v : (ProblemHttpResult)failure.Result;
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

    private static async Task<Results<Ok<FunnelDto>, ValidationProblem>> GetFunnel(string? from, string? to, ClaimsPrincipal user, AppDbContext db, TimeProvider time, CancellationToken ct)
    {
        var today = DateOnly.FromDateTime(NextSession.ToDanishTime(time.GetUtcNow()));
        var f = today.AddYears(-1);
        var t = today;
        if (!string.IsNullOrEmpty(from) && !DateOnly.TryParseExact(from, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out f))
        {
            return Problems.Invalid("from", "Skriv datoen som åååå-mm-dd.");
        }

        if (!string.IsNullOrEmpty(to) && !DateOnly.TryParseExact(to, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out t))
        {
            return Problems.Invalid("to", "Skriv datoen som åååå-mm-dd.");
        }

        if (t < f)
        {
            return Problems.Invalid("to", "Slutdatoen skal ligge efter startdatoen.");
        }

        var rows = await Funnel.RunAsync(db.Referrals.VisibleTo(user), f, t, FunnelGrouping.None, ct);
        var row = rows.SingleOrDefault() ?? new FunnelRow("I alt", new int[ReferralRules.Stages.Length], 0, 0);
        return TypedResults.Ok(new FunnelDto(f, t, row.Total,
            [.. ReferralRules.Stages.Select((s, i) => new FunnelStageDto(s.ToString(), s.Danish(), row.Reached[i], row.Conversion(i)))], row.NoShow, row.Closed));
    }

    private sealed record Failure(IResult Result);

    private static Failure? Fail(Outcome o) => o.Kind switch
    {
        OutcomeKind.Ok => null,
        OutcomeKind.Invalid => new(Problems.Invalid(o.Field!, o.Message!)),
        OutcomeKind.NotFound => new(Problems.NotFound("Borgeren eller henvisningen")),
        _ => new(TypedResults.Problem(title: "Konflikt", detail: o.Message, statusCode: StatusCodes.Status409Conflict)),
    };

    private static bool TryEnum<T>(string? value, out T? result)
        where T : struct, Enum
    {
        result = null;
        if (string.IsNullOrWhiteSpace(value) || value.Any(char.IsAsciiDigit) || !Enum.TryParse<T>(value, ignoreCase: true, out var parsed) || !Enum.IsDefined(parsed))
        {
            return false;
        }

        result = parsed;
        return true;
    }
}
