using Foreningsbro.Web.Data;
using Foreningsbro.Web.Features.Catalogue.Search;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Foreningsbro.Web.Features.Catalogue;

/// <summary>
/// The public catalogue search. A GET form, so the filters live in the address and can be
/// bookmarked or sent to a citizen; the parameter names and values are those of GET /api/v1/teams.
/// </summary>
[AllowAnonymous]
public class SearchModel(AppDbContext db, CatalogueIndex catalogue, TimeProvider clock, IOptions<CatalogueOptions> options) : PageModel
{
    public TeamSearchParameters Input { get; private set; } = new();

    /// <summary>Parameters that could not be used, by name; the search ran without them.</summary>
    public IReadOnlyDictionary<string, string> Errors { get; private set; } = new Dictionary<string, string>();

    public TeamSearchResultDto Result { get; private set; } = new([], 0, true, 1, TeamSearchQuery.DefaultPageSize);

    public IReadOnlyList<string> Activities { get; private set; } = [];

    public IReadOnlyList<string> TargetGroups { get; private set; } = [];

    public bool IsFiltered { get; private set; }

    public async Task OnGetAsync(TeamSearchParameters input, CancellationToken ct)
    {
        Input = input;
        var parsed = await TeamSearchQuery.ParseAsync(db, input, ct);
        Errors = parsed.Errors;
        IsFiltered = parsed.Query with { Page = 1, PageSize = TeamSearchQuery.DefaultPageSize } != new TeamSearchQuery();
        Result = await catalogue.SearchAsync(db, parsed.Query with { CountLimit = options.Value.SearchCountLimit }, clock.GetUtcNow(), ct);

        Activities = await db.Activities.AsNoTracking().Where(a => !a.Archived).OrderBy(a => a.Name).Select(a => a.Name).ToListAsync(ct);
        TargetGroups = await db.TargetGroups.AsNoTracking().Where(g => !g.Archived).OrderBy(g => g.Name).Select(g => g.Name).ToListAsync(ct);
    }

    private static readonly string[] FilterNames =
        ["q", "activity", "weekday", "timeOfDay", "targetGroup", "intensity", "postalCode", "place", "freePlaces", "lowThreshold", "pageSize"];

    public string? ErrorFor(string parameter) => Errors.GetValueOrDefault(parameter);

    /// <summary>The same search on another page: the filters that were used, without the ones that failed.</summary>
    public string PageUrl(int page)
    {
        var kept = FilterNames
            .Where(name => !Errors.ContainsKey(name) && !string.IsNullOrWhiteSpace(Request.Query[name]))
            .Select(name => KeyValuePair.Create(name, (string?)Request.Query[name].ToString()))
            .ToList();
        if (page > 1)
        {
            kept.Add(KeyValuePair.Create("page", (string?)page.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }

        return "/hold" + QueryString.Create(kept);
    }
}
