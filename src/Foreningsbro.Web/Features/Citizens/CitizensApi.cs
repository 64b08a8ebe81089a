using System.Security.Claims;
using Foreningsbro.Web.Data;
using Foreningsbro.Web.Features.Catalogue;
using Foreningsbro.Web.Features.Catalogue.Search;
using Foreningsbro.Web.Features.Referrals;
using Foreningsbro.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Foreningsbro.Web.Features.Citizens;

public sealed record CitizenCreateDto(
    string? FirstName, string? LastName, string? Phone, string? Email, int? BirthYear, string? PostalCode,
    string? TargetGroup, string? PreferredChannel, int? DepartmentId, string[]? Consents, string? ConsentMethod, Guid? IdempotencyKey = null);

public sealed record CitizenSummaryDto(int Id, string FirstName, string LastName, int BirthYear, string PostalCode, string Department);

public sealed record ConsentDto(string Purpose, string Method, DateTime GivenAtUtc, string GivenBy, DateTime? WithdrawnAtUtc);

public sealed record CitizenDto(
    int Id, string FirstName, string LastName, string? Phone, string? Email, int BirthYear, string PostalCode,
    string TargetGroup, string PreferredChannel, int DepartmentId, string Department,
    IReadOnlyList<ConsentDto> Consents, IReadOnlyList<ReferralDto> Referrals);

public sealed record CitizenCreatedDto(CitizenDto Citizen, IReadOnlyList<PossibleDuplicate> PossibleDuplicates);

public static class CitizensApi
{
    public static void MapCitizensApi(this WebApplication app)
    {
        // Cookie (the browser) or bearer token (integrations).
        var api = app.MapGroup("/api/v1/citizens").RequireAuthorization(Policies.Api(Policies.WorksWithCitizens)).WithTags("Borgere");

        api.MapGet("", ListCitizens).WithName("ListCitizens")
            .WithSummary("Borgere, brugeren må se (egen afdeling; koordinator: egen kommune). Søg med q i navn. Skriver i adgangsloggen.");
        api.MapPost("", CreateCitizen).WithName("CreateCitizen")
            .WithSummary("Opret en borger med samtykker. Svaret peger på mulige dubletter (samme navn og fødselsår eller samme telefon). Med idempotencyKey giver samme nøgle sendt igen den samme borger.");
        api.MapGet("/{id}", GetCitizen).WithName("GetCitizen")
            .WithSummary("En borger med samtykker og henvisninger. Skriver i adgangsloggen.");
    }

    private static async Task<Results<Ok<List<CitizenSummaryDto>>, ValidationProblem>> ListCitizens(string? q, ClaimsPrincipal user, AppDbContext db, TimeProvider time, CancellationToken ct)
    {
        if (TextInput.Problem(q, maxLength: Limits.Query) is { } problem)
        {
            return Problems.Invalid("q", problem);
        }

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

    private static async Task<Results<Created<CitizenCreatedDto>, ValidationProblem, ProblemHttpResult>> CreateCitizen(CitizenCreateDto body, ClaimsPrincipal user, AppDbContext db, TimeProvider time, CancellationToken ct)
    {
        if (!ApiInput.TryEnum<CitizenTargetGroup>(body.TargetGroup, out var group))
        {
            return Problems.Invalid("targetGroup", "Vælg borgerens målgruppe: " + string.Join(", ", Enum.GetNames<CitizenTargetGroup>()) + ".");
        }

        if (!ApiInput.TryEnum<ContactChannel>(body.PreferredChannel, out var channel))
        {
            return Problems.Invalid("preferredChannel", "Vælg kontaktform: " + string.Join(", ", Enum.GetNames<ContactChannel>()) + ".");
        }

        var consents = new List<ConsentPurpose>();
        foreach (var c in body.Consents ?? [])
        {
            if (!ApiInput.TryEnum<ConsentPurpose>(c, out var p))
            {
                return Problems.Invalid("consents", "Ukendt samtykke: " + c + ". Brug " + string.Join(", ", Enum.GetNames<ConsentPurpose>()) + ".");
            }

            consents.Add(p!.Value);
        }

        var method = ConsentMethod.Verbal;
        if (body.ConsentMethod is not null)
        {
            if (!ApiInput.TryEnum<ConsentMethod>(body.ConsentMethod, out var m))
            {
                return Problems.Invalid("consentMethod", "Samtykket er givet Verbal eller Written.");
            }

            method = m!.Value;
        }

        var input = new NewCitizen(body.FirstName, body.LastName, body.Phone, body.Email, body.BirthYear, body.PostalCode, group, channel, body.DepartmentId, consents, method,
            body.IdempotencyKey ?? Guid.Empty);
        var now = time.GetUtcNow();
        if (CitizenCommands.Validate(input, now) is [var (field, message), ..])
        {
            return Problems.Invalid(field, message);
        }

        var duplicates = await CitizenCommands.PossibleDuplicatesAsync(db, user, input, ct);

        // The citizen, its access-log row and the read-back are one transaction (issue 14): a fault after
        // the save no longer answers 500 for a citizen that exists. A retry with the same key gets it.
        var (outcome, dto) = await CitizenCommands.CreateAsync(db, user, input, now, "API: borger oprettet", (id, ct) => LoadCitizen(db, user, id, ct), ct);
        if (outcome.ToProblem("Borgeren") is { } failure)
        {
            return failure is ValidationProblem invalid ? invalid : (ProblemHttpResult)failure;
        }

        if (dto is null)
        {
            return Problems.NotFound("Borgeren");
        }

        // A repeat with the same key would otherwise name the citizen as its own possible duplicate.
        return TypedResults.Created($"/api/v1/citizens/{dto.Id}", new CitizenCreatedDto(dto, [.. duplicates.Where(d => d.Id != dto.Id)]));
    }

    private static async Task<Results<Ok<CitizenDto>, ValidationProblem, ProblemHttpResult>> GetCitizen(string id, ClaimsPrincipal user, AppDbContext db, TimeProvider time, CancellationToken ct)
    {
        if (ApiInput.Id(id) is not { } citizenId)
        {
            return Problems.Invalid("id", ApiInput.IdMessage);
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

        var referrals = await ReferralsApi.ReferralRows(db.Referrals.AsNoTracking().VisibleTo(user).Where(r => r.CitizenId == id)).ToListAsync(ct);
        return new CitizenDto(c.Id, c.FirstName, c.LastName, c.Phone, c.Email, c.BirthYear, c.PostalCode, c.TargetGroup.ToString(), c.PreferredChannel.ToString(),
            c.DepartmentId, c.Department, [.. c.Consents.Select(k => new ConsentDto(k.Purpose.ToString(), k.Method.ToString(), k.GivenAtUtc, k.GivenBy, k.WithdrawnAtUtc))], referrals);
    }
}
