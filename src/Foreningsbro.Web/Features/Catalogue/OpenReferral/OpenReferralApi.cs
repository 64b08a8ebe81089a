using System.Globalization;
using Foreningsbro.Web.Data;
using Foreningsbro.Web.Features.Catalogue.Search;
using Foreningsbro.Web.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Foreningsbro.Web.Features.Catalogue.OpenReferral;

/// <summary>The query parameters of the service lists (HSDS's names; <c>text</c> and <c>search</c> are the same).</summary>
public sealed record HsdsServiceQuery(
    string? Text,
    string? Search,
    string? Page,
    string? PerPage,
    string? TaxonomyTermId,
    string? OrganizationId,
    string? ModifiedAfter,
    string? Postcode,
    string? Format);

/// <summary>
/// The public catalogue as Open Referral HSDS 3.0 (https://docs.openreferral.org), read-only and anonymous
/// like /hold and /api/v1/teams: only what clubs publish, never anything about citizens. Paused teams are
/// services with status "temporarily closed"; archived teams and clubs are not there at all.
/// </summary>
public static class OpenReferralApi
{
    public const int DefaultPerPage = 25;
    public const int MaxPerPage = 100;

    public static void MapOpenReferralApi(this WebApplication app)
    {
        var api = app.MapGroup("/api/openreferral").WithTags("Open Referral (HSDS 3.0)");

        // Public like the rest of the catalogue API: each GET says so itself (see CatalogueApi).
        api.MapGet("/", Info).AllowAnonymous().WithName("HsdsInfo").Produces<HsdsApiInfo>()
            .WithSummary("Om dette HSDS-API")
            .WithDescription("HSDS-versionen (3.0), profilen og hvor OpenAPI-beskrivelsen ligger.");
        api.MapGet("/services", ListServices).AllowAnonymous().WithName("HsdsListServices").Produces<HsdsPage<HsdsService>>()
            .WithSummary("Holdene som HSDS-services")
            .WithDescription("Aktive og sat-på-pause-hold (status active / temporarily closed) efter navn, i sider. " +
                "text (eller search) søger i titel, forening, sted og aktivitet; taxonomy_term_id, organization_id og postcode filtrerer; " +
                "modified_after (ISO 8601) giver hold ændret på eller efter tidspunktet. page starter ved 1; per_page er 1–100 (25). " +
                "En ugyldig parameter giver 400 med dens navn.");
        api.MapGet("/services/{id}", GetService).AllowAnonymous().WithName("HsdsGetService").Produces<HsdsService>().ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("Et hold som HSDS-service")
            .WithDescription("Holdet med forening, ugeskema (schedules), sted (service_at_locations), pris (cost_options), kontakt og klassifikation (attributes). " +
                "Et id, der ikke er et UUID, giver 400; et ukendt eller arkiveret hold 404.");
        api.MapGet("/organizations", ListOrganizations).AllowAnonymous().WithName("HsdsListOrganizations").Produces<HsdsPage<HsdsOrganization>>()
            .WithSummary("Foreningerne som HSDS-organizations")
            .WithDescription("Foreninger, der ikke er arkiveret, efter navn, i sider (page, per_page; search søger i navnet).");
        api.MapGet("/organizations/{id}", GetOrganization).AllowAnonymous().WithName("HsdsGetOrganization").Produces<HsdsOrganization>().ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("En forening som HSDS-organization")
            .WithDescription("Foreningen med CVR-nummer (organization_identifiers, skema DK-CVR), kontaktpersoner og hold (services).");
        api.MapGet("/service_at_locations", ListServiceAtLocations).AllowAnonymous().WithName("HsdsListServiceAtLocations").Produces<HsdsPage<HsdsServiceAtLocation>>()
            .WithSummary("Hold på deres sted")
            .WithDescription("Hvert hold med sit sted; samme filtre og sider som /services.");
        api.MapGet("/locations/{id}", GetLocation).AllowAnonymous().WithName("HsdsGetLocation").Produces<HsdsLocation>().ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("Et sted som HSDS-location")
            .WithDescription("Stedet med adresse og tilgængelighed. Arkiverede og ukendte steder giver 404.");
        api.MapGet("/taxonomies", ListTaxonomies).AllowAnonymous().WithName("HsdsListTaxonomies").Produces<HsdsPage<HsdsTaxonomy>>()
            .WithSummary("Katalogets klassifikationer")
            .WithDescription("Aktivitet, målgruppe, intensitet og kendetegn (fx \"Kom og vær med\").");
        api.MapGet("/taxonomy_terms", ListTaxonomyTerms).AllowAnonymous().WithName("HsdsListTaxonomyTerms").Produces<HsdsPage<HsdsTaxonomyTerm>>()
            .WithSummary("Klassifikationernes termer")
            .WithDescription("Aktiviteter, målgrupper, intensiteter og kendetegn; taxonomy_id filtrerer, search søger i navnet. Et terms id kan bruges som taxonomy_term_id på /services.");
    }

    private static JsonHttpResult<T> Json<T>(T value) => TypedResults.Json(value, HsdsJson.Options);

    private static string Base(HttpRequest request, IConfiguration config) => SafeUrls.PublicBase(request, config);

    public static JsonHttpResult<HsdsApiInfo> Info(HttpRequest request, IConfiguration config) =>
        Json(new HsdsApiInfo(HsdsMapping.Version, "https://docs.openreferral.org/en/v3.0/", Base(request, config) + "/openapi/v1.json"));

    /// <summary>page and per_page, or the errors naming them.</summary>
    public static (int Page, int PerPage) ParsePaging(string? page, string? perPage, Dictionary<string, string> errors)
    {
        var number = 1;
        if (page is not null && (!int.TryParse(page, NumberStyles.None, CultureInfo.InvariantCulture, out number) || number < 1))
        {
            errors["page"] = "page skal være et helt tal fra 1.";
        }

        var size = DefaultPerPage;
        if (perPage is not null && (!int.TryParse(perPage, NumberStyles.None, CultureInfo.InvariantCulture, out size) || size < 1 || size > MaxPerPage))
        {
            errors["per_page"] = $"per_page skal være et helt tal fra 1 til {MaxPerPage}.";
        }

        return (number, size);
    }

    /// <summary>Where a page starts; a page far past the end (page=103572004) overflowed int into a negative OFFSET, a 500 on PostgreSQL.</summary>
    public static int Offset(int page, int perPage) => (int)Math.Min((page - 1L) * perPage, int.MaxValue);

    public static HsdsPage<T> Paged<T>(IReadOnlyList<T> contents, int total, int page, int perPage)
    {
        var pages = (total + perPage - 1) / perPage;
        return new(total, pages, page, contents.Count, page == 1, page >= pages, contents.Count == 0, contents);
    }

    private static HsdsPage<T> PageOf<T>(IReadOnlyList<T> all, int page, int perPage) =>
        Paged([.. all.Skip(Offset(page, perPage)).Take(perPage)], all.Count, page, perPage);

    private static IQueryable<Team> PublicTeams(AppDbContext db) =>
        db.Teams.AsNoTracking().Where(t => t.Status != TeamStatus.Archived && !t.Club.Archived);

    private static IQueryable<Team> WithListData(IQueryable<Team> teams) => teams
        .Include(t => t.Club).ThenInclude(c => c.Municipality)
        .Include(t => t.Venue).ThenInclude(v => v.Municipality)
        .Include(t => t.Activity)
        .Include(t => t.TargetGroups);

    private static IQueryable<Team> WithAllData(IQueryable<Team> teams) => WithListData(teams)
        .Include(t => t.Club).ThenInclude(c => c.ContactPersons)
        .Include(t => t.Schedules)
        .Include(t => t.Breaks)
        .AsSplitQuery();

    /// <summary>The filters of /services and /service_at_locations, or the errors naming the bad ones.</summary>
    public static IQueryable<Team> Filter(IQueryable<Team> teams, HsdsServiceQuery q, Dictionary<string, string> errors)
    {
        foreach (var term in SearchText.Terms(q.Text ?? q.Search))
        {
            teams = teams.Where(t => t.SearchText.Contains(term));
        }

        if (q.Format is { } format && !format.Equals("json", StringComparison.OrdinalIgnoreCase))
        {
            errors["format"] = "Kun format=json understøttes.";
        }

        if (q.TaxonomyTermId is { } termText)
        {
            if (!OpenReferralIds.IsUuid(termText))
            {
                errors["taxonomy_term_id"] = "taxonomy_term_id skal være et UUID fra /api/openreferral/taxonomy_terms.";
            }
            else
            {
                teams = OpenReferralIds.Read(HsdsKind.TaxonomyTerm, termText) switch
                {
                    (var n, _, (byte)HsdsTaxonomyCode.Activity) => teams.Where(t => t.ActivityId == n),
                    (var n, _, (byte)HsdsTaxonomyCode.TargetGroup) => teams.Where(t => t.TargetGroups.Any(g => g.Id == n)),
                    (var n, _, (byte)HsdsTaxonomyCode.Intensity) when Enum.IsDefined((Intensity)(n - 1)) => teams.Where(t => t.Intensity == (Intensity)(n - 1)),
                    (HsdsMapping.LowThresholdMark, _, (byte)HsdsTaxonomyCode.Mark) => teams.Where(t => t.LowThreshold),
                    (HsdsMapping.FeeSubsidyMark, _, (byte)HsdsTaxonomyCode.Mark) => teams.Where(t => t.FeeSubsidyPossible),
                    _ => teams.Where(t => false),
                };
            }
        }

        if (q.OrganizationId is { } orgText)
        {
            if (!OpenReferralIds.IsUuid(orgText))
            {
                errors["organization_id"] = "organization_id skal være et UUID fra /api/openreferral/organizations.";
            }
            else
            {
                var clubId = OpenReferralIds.ReadId(HsdsKind.Organization, orgText) ?? 0;
                teams = teams.Where(t => t.ClubId == clubId);
            }
        }

        if (q.ModifiedAfter is { } modifiedText)
        {
            if (!DateTimeOffset.TryParse(modifiedText, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var after)
                || after.Year < 1900 || after.Year > 2199)
            {
                errors["modified_after"] = "modified_after skal være et tidspunkt i ISO 8601, fx 2026-11-01T00:00:00Z.";
            }
            else
            {
                var utc = after.UtcDateTime;
                teams = teams.Where(t => t.UpdatedAtUtc >= utc);
            }
        }

        if (q.Postcode is { } postcode)
        {
            if (postcode.Length != 4 || !postcode.All(char.IsAsciiDigit))
            {
                errors["postcode"] = "postcode skal være et dansk postnummer på fire cifre.";
            }
            else
            {
                teams = teams.Where(t => t.Venue.PostalCode == postcode);
            }
        }

        return teams;
    }

    private static async Task<(List<Team> Teams, int Total, int Page, int PerPage)?> PageOfTeams(
        AppDbContext db, HsdsServiceQuery q, Dictionary<string, string> errors, CancellationToken ct)
    {
        var (page, perPage) = ParsePaging(q.Page, q.PerPage, errors);
        var teams = Filter(PublicTeams(db), q, errors);
        if (errors.Count > 0)
        {
            return null;
        }

        var total = await teams.CountAsync(ct);
        var ids = await teams.OrderBy(t => t.Title).ThenBy(t => t.Id).Select(t => t.Id).Skip(Offset(page, perPage)).Take(perPage).ToListAsync(ct);
        var loaded = await WithListData(db.Teams.AsNoTracking().Where(t => ids.Contains(t.Id))).AsSplitQuery().ToListAsync(ct);
        return ([.. loaded.OrderBy(t => ids.IndexOf(t.Id))], total, page, perPage);
    }

    public static async Task<Results<JsonHttpResult<HsdsPage<HsdsService>>, ValidationProblem>> ListServices(
        [AsParameters] HsdsServiceParameters p, AppDbContext db, HttpRequest request, IConfiguration config, CancellationToken ct)
    {
        var errors = new Dictionary<string, string>();
        if (await PageOfTeams(db, p.Query, errors, ct) is not { } result)
        {
            return Problems.Invalid(errors);
        }

        var publicBase = Base(request, config);
        return Json(Paged([.. result.Teams.Select(t => HsdsMapping.Service(t, publicBase, full: false))], result.Total, result.Page, result.PerPage));
    }

    public static async Task<Results<JsonHttpResult<HsdsPage<HsdsServiceAtLocation>>, ValidationProblem>> ListServiceAtLocations(
        [AsParameters] HsdsServiceParameters p, AppDbContext db, HttpRequest request, IConfiguration config, CancellationToken ct)
    {
        var errors = new Dictionary<string, string>();
        if (await PageOfTeams(db, p.Query, errors, ct) is not { } result)
        {
            return Problems.Invalid(errors);
        }

        var publicBase = Base(request, config);
        // A team whose venue is archived has no place to be: it is a service without a service_at_location.
        var items = result.Teams
            .Select(t => (Team: t, Location: HsdsMapping.Location(t.Venue, publicBase, full: false)))
            .Where(x => x.Location is not null)
            .Select(x => HsdsMapping.ServiceAtLocation(x.Team, x.Location!, publicBase, withService: true))
            .ToList();
        return Json(Paged(items, result.Total, result.Page, result.PerPage));
    }

    /// <summary>400 for an id that is not a UUID at all; the caller answers 404 for a UUID that names nothing.</summary>
    private static ValidationProblem? BadId(string id) =>
        OpenReferralIds.IsUuid(id) ? null : Problems.Invalid("id", "id skal være et UUID, som API'et selv har givet.");

    public static async Task<Results<JsonHttpResult<HsdsService>, ValidationProblem, ProblemHttpResult>> GetService(
        string id, AppDbContext db, HttpRequest request, IConfiguration config, CancellationToken ct)
    {
        if (BadId(id) is { } bad)
        {
            return bad;
        }

        var teamId = OpenReferralIds.ReadId(HsdsKind.Service, id) ?? 0;
        var team = await WithAllData(PublicTeams(db).Where(t => t.Id == teamId)).FirstOrDefaultAsync(ct);
        return team is null ? Problems.NotFound("Holdet") : Json(HsdsMapping.Service(team, Base(request, config), full: true));
    }

    public static async Task<Results<JsonHttpResult<HsdsPage<HsdsOrganization>>, ValidationProblem>> ListOrganizations(
        string? search, string? page, [Microsoft.AspNetCore.Mvc.FromQuery(Name = "per_page")] string? perPage,
        AppDbContext db, HttpRequest request, IConfiguration config, CancellationToken ct)
    {
        var errors = new Dictionary<string, string>();
        var (number, size) = ParsePaging(page, perPage, errors);
        if (TextInput.Problem(search, maxLength: Limits.Name) is { } searchProblem)
        {
            errors["search"] = searchProblem; // a NUL in the text is refused by PostgreSQL: a 500 before (fuzz test)
        }

        if (errors.Count > 0)
        {
            return Problems.Invalid(errors);
        }

        var clubs = db.Clubs.AsNoTracking().Where(c => !c.Archived);
        if (!string.IsNullOrWhiteSpace(search))
        {
            var s = search.Trim();
            clubs = clubs.Where(c => c.Name.Contains(s));
        }

        var total = await clubs.CountAsync(ct);
        var items = await clubs.Include(c => c.Municipality).OrderBy(c => c.Name).ThenBy(c => c.Id).Skip(Offset(number, size)).Take(size).ToListAsync(ct);
        var publicBase = Base(request, config);
        return Json(Paged([.. items.Select(c => HsdsMapping.Organization(c, publicBase, full: false))], total, number, size));
    }

    public static async Task<Results<JsonHttpResult<HsdsOrganization>, ValidationProblem, ProblemHttpResult>> GetOrganization(
        string id, AppDbContext db, HttpRequest request, IConfiguration config, CancellationToken ct)
    {
        if (BadId(id) is { } bad)
        {
            return bad;
        }

        var clubId = OpenReferralIds.ReadId(HsdsKind.Organization, id) ?? 0;
        var club = await db.Clubs.AsNoTracking().Where(c => c.Id == clubId && !c.Archived)
            .Include(c => c.Municipality).Include(c => c.ContactPersons).AsSplitQuery().FirstOrDefaultAsync(ct);
        if (club is null)
        {
            return Problems.NotFound("Foreningen");
        }

        var teams = await WithListData(PublicTeams(db).Where(t => t.ClubId == clubId)).AsSplitQuery().OrderBy(t => t.Title).ThenBy(t => t.Id).ToListAsync(ct);
        var publicBase = Base(request, config);
        return Json(HsdsMapping.Organization(club, publicBase, full: true, [.. teams.Select(t => HsdsMapping.Service(t, publicBase, full: false) with { Organization = null })]));
    }

    public static async Task<Results<JsonHttpResult<HsdsLocation>, ValidationProblem, ProblemHttpResult>> GetLocation(
        string id, AppDbContext db, HttpRequest request, IConfiguration config, CancellationToken ct)
    {
        if (BadId(id) is { } bad)
        {
            return bad;
        }

        var venueId = OpenReferralIds.ReadId(HsdsKind.Location, id) ?? 0;
        var venue = await db.Venues.AsNoTracking().Include(v => v.Municipality).FirstOrDefaultAsync(v => v.Id == venueId && !v.Archived, ct);
        return venue is null ? Problems.NotFound("Stedet") : Json(HsdsMapping.Location(venue, Base(request, config))!);
    }

    public static Results<JsonHttpResult<HsdsPage<HsdsTaxonomy>>, ValidationProblem> ListTaxonomies(
        string? search, string? page, [Microsoft.AspNetCore.Mvc.FromQuery(Name = "per_page")] string? perPage)
    {
        var errors = new Dictionary<string, string>();
        var (number, size) = ParsePaging(page, perPage, errors);
        if (errors.Count > 0)
        {
            return Problems.Invalid(errors);
        }

        var all = HsdsMapping.Taxonomies.Where(t => Matches(t.Name, search)).ToList();
        return Json(PageOf(all, number, size));
    }

    private static bool Matches(string name, string? search) =>
        string.IsNullOrWhiteSpace(search) || SearchText.Normalize(name).Contains(SearchText.Normalize(search), StringComparison.Ordinal);

    public static async Task<Results<JsonHttpResult<HsdsPage<HsdsTaxonomyTerm>>, ValidationProblem>> ListTaxonomyTerms(
        string? search, string? page, [Microsoft.AspNetCore.Mvc.FromQuery(Name = "per_page")] string? perPage,
        [Microsoft.AspNetCore.Mvc.FromQuery(Name = "taxonomy_id")] string? taxonomyId,
        [Microsoft.AspNetCore.Mvc.FromQuery(Name = "parent_id")] string? parentId,
        AppDbContext db, CancellationToken ct)
    {
        var errors = new Dictionary<string, string>();
        var (number, size) = ParsePaging(page, perPage, errors);
        if (taxonomyId is not null && !OpenReferralIds.IsUuid(taxonomyId))
        {
            errors["taxonomy_id"] = "taxonomy_id skal være et UUID fra /api/openreferral/taxonomies.";
        }

        if (parentId is not null && !OpenReferralIds.IsUuid(parentId))
        {
            errors["parent_id"] = "parent_id skal være et UUID fra /api/openreferral/taxonomy_terms.";
        }

        if (errors.Count > 0)
        {
            return Problems.Invalid(errors);
        }

        var activities = await db.Activities.AsNoTracking().Where(a => !a.Archived).OrderBy(a => a.Name).Select(a => new { a.Id, a.Name }).ToListAsync(ct);
        var groups = await db.TargetGroups.AsNoTracking().Where(g => !g.Archived).OrderBy(g => g.Name).Select(g => new { g.Id, g.Name }).ToListAsync(ct);
        var all = activities.Select(a => HsdsMapping.ActivityTerm(a.Id, a.Name))
            .Concat(groups.Select(g => HsdsMapping.TargetGroupTerm(g.Id, g.Name)))
            .Concat(HsdsMapping.IntensityTerms)
            .Concat(HsdsMapping.MarkTerms)
            // The catalogue's taxonomies are flat: no term has a parent.
            .Where(t => parentId is null && (taxonomyId is null || t.TaxonomyId.Equals(taxonomyId, StringComparison.OrdinalIgnoreCase)) && Matches(t.Name, search))
            .ToList();
        return Json(PageOf(all, number, size));
    }
}

/// <summary>The list parameters as HSDS spells them (snake_case), bound from the query string.</summary>
public sealed class HsdsServiceParameters
{
    [Microsoft.AspNetCore.Mvc.FromQuery(Name = "text")]
    public string? Text { get; init; }

    [Microsoft.AspNetCore.Mvc.FromQuery(Name = "search")]
    public string? Search { get; init; }

    [Microsoft.AspNetCore.Mvc.FromQuery(Name = "page")]
    public string? Page { get; init; }

    [Microsoft.AspNetCore.Mvc.FromQuery(Name = "per_page")]
    public string? PerPage { get; init; }

    [Microsoft.AspNetCore.Mvc.FromQuery(Name = "taxonomy_term_id")]
    public string? TaxonomyTermId { get; init; }

    [Microsoft.AspNetCore.Mvc.FromQuery(Name = "organization_id")]
    public string? OrganizationId { get; init; }

    [Microsoft.AspNetCore.Mvc.FromQuery(Name = "modified_after")]
    public string? ModifiedAfter { get; init; }

    [Microsoft.AspNetCore.Mvc.FromQuery(Name = "postcode")]
    public string? Postcode { get; init; }

    [Microsoft.AspNetCore.Mvc.FromQuery(Name = "format")]
    public string? Format { get; init; }

    public HsdsServiceQuery Query => new(Text, Search, Page, PerPage, TaxonomyTermId, OrganizationId, ModifiedAfter, Postcode, Format);
}
