using System.Globalization;
using Foreningsbro.Web.Data;
using Foreningsbro.Web.Features.Catalogue.Search;
using Foreningsbro.Web.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Foreningsbro.Web.Features.Catalogue;

public sealed record ClubSummaryDto(int Id, string Name, string? Town, string? Website, int TeamCount);

public sealed record ClubListDto(IReadOnlyList<ClubSummaryDto> Items, int Total, int Page, int PageSize);

public sealed record ClubContactDto(string Name, string? Role, string? Phone, string? Email);

public sealed record ClubTeamDto(int Id, string Title, string Activity, TeamStatus Status, bool LowThreshold, int? FreePlaces);

public sealed record ClubDetailDto(
    int Id,
    string Name,
    string? Address,
    string? PostalCode,
    string? Town,
    string? Website,
    IReadOnlyList<ClubContactDto> ContactPersons,
    IReadOnlyList<ClubTeamDto> Teams);

/// <summary>
/// The public catalogue as JSON. Read-only and anonymous, like the /hold pages: it holds only what
/// clubs publish, never anything about citizens.
/// </summary>
public static class CatalogueApi
{
    public static void MapCatalogueApi(this WebApplication app)
    {
        var api = app.MapGroup("/api/v1").WithTags("Katalog");

        // The public catalogue is the explicit exception to deny-by-default; each GET says so itself,
        // so an editing endpoint added to this group later is not made public by accident.
        api.MapGet("/teams", SearchTeams)
            .AllowAnonymous()
            .WithName("SearchTeams")
            .WithSummary("Søg i holdkataloget")
            .WithDescription(
                "Aktive hold efter titel. Alle filtre er valgfrie og skal alle gælde. " +
                "activity og targetGroup er navne fra kataloget (fx activity=Stavgang, targetGroup=Kronisk sygdom); store/små bogstaver " +
                "og æ/ø/å skrevet som ae/oe/aa er ligegyldige. weekday og timeOfDay skal gælde for samme træning. " +
                "nextSession er næste træning i dansk lokal tid uden tidszone (fx 2026-11-17T10:00:00) under hensyn til sæson og pauser, " +
                "eller null. total er antallet af hold, der passer; søgningen tæller dog højst 500 (eller til og med den side, der er bedt om): " +
                "passer flere, er totalIsExact false, total er grænsen, og der er flere hold end total (pageCount er så også en nedre grænse). " +
                "hasNextPage siger, om næste side har hold. " +
                "En ugyldig eller ukendt værdi giver 400 med parameterens navn i errors. Holdets offentlige side er /hold/{id}.");

        api.MapGet("/teams/{id}", GetTeam)
            .AllowAnonymous()
            .WithName("GetTeam")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("Hent et hold")
            .WithDescription("Alt offentligt om holdet: beskrivelse, første gang, ugeskema, sæson og pauser, næste træning, sted, målgrupper, pris, pladser og kontakt. " +
                "Et sat-på-pause-hold har status paused og nextSession null. Arkiverede og ukendte hold giver 404; et id, der ikke er et positivt heltal, giver 400.");

        api.MapGet("/clubs", ListClubs)
            .AllowAnonymous()
            .WithName("ListClubs")
            .WithSummary("List foreningerne")
            .WithDescription("Foreninger, der ikke er arkiveret, efter navn. teamCount tæller hold, der ikke er arkiveret.");

        api.MapGet("/clubs/{id}", GetClub)
            .AllowAnonymous()
            .WithName("GetClub")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("Hent en forening")
            .WithDescription("Foreningen med kontaktpersoner og hold (aktive og sat på pause). Arkiverede og ukendte foreninger giver 404.");
    }

    public static async Task<Results<Ok<TeamSearchResultDto>, ValidationProblem>> SearchTeams(
        [AsParameters] TeamSearchParameters parameters, AppDbContext db, CatalogueIndex catalogue, TimeProvider clock, IOptions<CatalogueOptions> options, CancellationToken ct)
    {
        var parsed = await TeamSearchQuery.ParseAsync(db, parameters, ct);
        if (!parsed.IsValid)
        {
            return Problems.Invalid(parsed.Errors);
        }

        return TypedResults.Ok(await catalogue.SearchAsync(db, parsed.Query with { CountLimit = options.Value.SearchCountLimit }, clock.GetUtcNow(), ct));
    }

    public static async Task<Results<Ok<TeamDetailDto>, ValidationProblem, ProblemHttpResult>> GetTeam(
        string id, AppDbContext db, TimeProvider clock, CancellationToken ct)
    {
        if (ApiInput.Id(id) is not { } teamId)
        {
            return Problems.Invalid("id", ApiInput.IdMessage);
        }

        return await TeamDetails.LoadAsync(db, teamId, clock.GetUtcNow(), ct) is { } team
            ? TypedResults.Ok(team)
            : Problems.NotFound("Holdet");
    }

    public static async Task<Results<Ok<ClubListDto>, ValidationProblem>> ListClubs(
        string? page, string? pageSize, AppDbContext db, CancellationToken ct)
    {
        var errors = new Dictionary<string, string>();
        var (number, size) = TeamSearchQuery.ParsePaging(page, pageSize, errors);
        if (errors.Count > 0)
        {
            return Problems.Invalid(errors);
        }

        var clubs = db.Clubs.AsNoTracking().Where(c => !c.Archived);
        var items = await clubs
            .OrderBy(c => c.Name)
            .ThenBy(c => c.Id)
            .Skip((number - 1) * size)
            .Take(size)
            .Select(c => new ClubSummaryDto(c.Id, c.Name, c.Town, c.Website, c.Teams.Count(t => t.Status != TeamStatus.Archived)))
            .ToListAsync(ct);
        var total = await clubs.CountAsync(ct);
        return TypedResults.Ok(new ClubListDto(items, total, number, size));
    }

    public static async Task<Results<Ok<ClubDetailDto>, ValidationProblem, ProblemHttpResult>> GetClub(
        string id, AppDbContext db, CancellationToken ct)
    {
        if (ApiInput.Id(id) is not { } clubId)
        {
            return Problems.Invalid("id", ApiInput.IdMessage);
        }

        var club = await db.Clubs.AsNoTracking()
            .Where(c => c.Id == clubId && !c.Archived)
            .Select(c => new ClubDetailDto(
                c.Id,
                c.Name,
                c.Address,
                c.PostalCode,
                c.Town,
                c.Website,
                c.ContactPersons.OrderBy(p => p.Name).Select(p => new ClubContactDto(p.Name, p.Role, p.Phone, p.Email)).ToList(),
                c.Teams.Where(t => t.Status != TeamStatus.Archived)
                    .OrderBy(t => t.Title)
                    .Select(t => new ClubTeamDto(t.Id, t.Title, t.Activity.Name, t.Status, t.LowThreshold, t.FreePlaces))
                    .ToList()))
            .AsSplitQuery()
            .SingleOrDefaultAsync(ct);

        return club is null ? Problems.NotFound("Foreningen") : TypedResults.Ok(club);
    }

}
