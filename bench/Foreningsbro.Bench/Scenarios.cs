using System.Globalization;
using System.Text;

namespace Foreningsbro.Bench;

/// <summary>
/// The requests the benchmark sends. New areas (referrals, programmes, reports) add their scenario
/// here and to <see cref="All"/>; the runner, the table and the scaling comparison pick it up.
/// </summary>
public static class Scenarios
{
    public const string Ceiling = "ceiling";
    public const string Search = "search";
    public const string TeamPage = "team-page";

    public static IReadOnlyList<Scenario> All(PreparedDatabase db) =>
    [
        new(Ceiling, "GET /healthz/live (no database): the machine's ceiling", _ => "healthz/live"),
        new(Search, "GET /api/v1/teams with a mix of free text and filters, pages 1-3", r => SearchUrl(r, db)),
        new(TeamPage, "GET /hold/{id} (HTML) for a random active team", r => $"hold/{db.ActiveTeamIds[r.Next(db.ActiveTeamIds.Length)]}"),
    ];

    // What caseworkers type: an activity, a town, the two together, or a target-group word.
    private static readonly string[] ActivityWords =
    [
        "yoga", "stavgang", "badminton", "svømning", "gåfodbold", "pilates", "petanque", "krolf", "dans", "cykling",
        "vandgymnastik", "seniorfitness", "bordtennis", "volleyball", "styrketræning", "gymnastik", "roning", "tai chi",
    ];

    private static readonly string[] PeopleWords = ["senior", "kvinder", "kronisk", "begyndere", "ryg", "ledige", "mænd", "roligt tempo"];

    private static readonly string[] WeekdayNames = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"];
    private static readonly string[] TimesOfDay = ["morning", "afternoon", "evening"];
    private static readonly string[] IntensityNames = ["light", "moderate", "hard"];

    /// <summary>A search as caseworkers would make it: weighted towards free text plus a place, with filter-only searches mixed in.</summary>
    public static string SearchUrl(Random r, PreparedDatabase db)
    {
        var query = new List<(string Name, string Value)>();
        var town = Pick(r, db.Towns);
        var postalCode = Pick(r, db.PostalCodes);
        var roll = r.Next(100);
        switch (roll)
        {
            case < 20: // "yoga" (and half the time a postal code)
                query.Add(("q", Pick(r, ActivityWords)));
                if (r.Next(2) == 0)
                {
                    query.Add(("postalCode", postalCode));
                }

                break;
            case < 30: // a town typed as text, sometimes without æøå
                query.Add(("q", r.Next(3) == 0 ? Ascii(town) : town));
                break;
            case < 40: // "stavgang taastrup"
                query.Add(("q", $"{Pick(r, ActivityWords)} {town}"));
                break;
            case < 55: // activity list + postal code, often only "Kom og vær med"
                query.Add(("activity", Pick(r, CatalogueGenerator.ActivityKinds).Name));
                query.Add(("postalCode", postalCode));
                if (r.Next(2) == 0)
                {
                    query.Add(("lowThreshold", "true"));
                }

                break;
            case < 70: // "tuesday morning, low threshold" across the country
                query.Add(("weekday", Pick(r, WeekdayNames)));
                query.Add(("timeOfDay", Pick(r, TimesOfDay)));
                query.Add(("lowThreshold", "true"));
                break;
            case < 80: // a town and a weekday
                query.Add(("place", town));
                query.Add(("weekday", Pick(r, WeekdayNames)));
                break;
            case < 90: // target group + intensity near a postal code
                query.Add(("targetGroup", Pick(r, CatalogueGenerator.TargetGroupKinds).Name));
                query.Add(("intensity", Pick(r, IntensityNames)));
                query.Add(("postalCode", postalCode));
                break;
            case < 95: // who it is for, in words
                query.Add(("q", Pick(r, PeopleWords)));
                query.Add(("lowThreshold", "true"));
                break;
            default: // free places for an activity near a postal code
                query.Add(("freePlaces", "true"));
                query.Add(("activity", Pick(r, CatalogueGenerator.ActivityKinds).Name));
                query.Add(("postalCode", postalCode));
                break;
        }

        var page = r.Next(10) switch { < 7 => 1, < 9 => 2, _ => 3 };
        if (page > 1)
        {
            query.Add(("page", page.ToString(CultureInfo.InvariantCulture)));
        }

        return "api/v1/teams?" + string.Join('&', query.Select(p => $"{p.Name}={Uri.EscapeDataString(p.Value)}"));
    }

    private static T Pick<T>(Random r, IReadOnlyList<T> items) => items[r.Next(items.Count)];

    // "Tåstrup" typed as "Taastrup", "Køge" as "Koege": the spellings a search must treat alike.
    private static string Ascii(string text) => new StringBuilder(text)
        .Replace("æ", "ae").Replace("ø", "oe").Replace("å", "aa").Replace("Æ", "Ae").Replace("Ø", "Oe").Replace("Å", "Aa").ToString();
}
