using Foreningsbro.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Foreningsbro.Web.Features.Catalogue.Search;

/// <summary>
/// SQLite: free text through the FTS5 trigram index "TeamSearchFts" over Teams.SearchText (SQLite
/// migration TeamSearchFts). PostgreSQL answers the same <c>LIKE '%term%'</c> from its trigram GIN
/// index by itself; <see cref="DatabaseSearch"/> only asks it whether the matches are few (<see cref="MaxSortedMatches"/>).
/// </summary>
public static class FreeTextIndex
{
    /// <summary>
    /// Beyond this many matches the index is not used: reading every match back costs more than
    /// walking the title index, which finds a page of a common word ("kvinder" is in 78 % of a
    /// national catalogue) within a few rows (docs/benchmarks.md, round 3).
    /// </summary>
    public const int MaxMatches = 5_000;

    /// <summary>
    /// PostgreSQL: up to this many free-text matches a page sorts them rather than walking the title
    /// index (10,000 matches sort in about 50 ms; a walk past an activity's bunched titles took 150-370 ms).
    /// </summary>
    public const int MaxSortedMatches = 10_000;

    /// <summary>The ids of the teams containing every term, as a subquery; and the terms the index cannot answer.</summary>
    public sealed record Matches(IQueryable<int> Ids, string[] NotIndexed);

    /// <summary>
    /// The teams whose text contains every term of three letters or more, when they are fewer than
    /// <see cref="MaxMatches"/>; null when the index would not help (no such term, or a common word).
    /// </summary>
    public static async Task<Matches?> FewMatchesAsync(AppDbContext db, string[] terms, CancellationToken ct)
    {
        // A trigram index holds no word shorter than three letters; those are tested on SearchText.
        var indexed = terms.Where(t => t.Length >= 3).ToArray();
        if (indexed.Length == 0)
        {
            return null;
        }

        // A phrase of trigrams matches exactly the substring (positions must follow each other), and
        // unlike LIKE a MATCH is answered from the index alone, without reading each team's text
        // back to re-check it. Normalize leaves only letters, digits and spaces, so no term holds a quote.
        var match = string.Join(' ', indexed.Select(t => $"\"{t}\""));
        var found = await db.Database
            .SqlQuery<int>($"SELECT COUNT(*) AS \"Value\" FROM (SELECT 1 FROM \"TeamSearchFts\" WHERE \"TeamSearchFts\" MATCH {match} LIMIT {MaxMatches})")
            .SingleAsync(ct);
        if (found >= MaxMatches)
        {
            return null;
        }

        var ids = db.Database.SqlQuery<int>($"SELECT rowid AS \"Value\" FROM \"TeamSearchFts\" WHERE \"TeamSearchFts\" MATCH {match}");
        return new Matches(ids, [.. terms.Where(t => t.Length < 3)]);
    }
}
