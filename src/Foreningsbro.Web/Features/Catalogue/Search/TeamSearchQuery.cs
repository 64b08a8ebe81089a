using System.ComponentModel;
using System.Globalization;
using Foreningsbro.Web.Data;
using Foreningsbro.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Foreningsbro.Web.Features.Catalogue.Search;

/// <summary>
/// The catalogue search as it arrives in a query string, shared by the search page (/hold) and
/// GET /api/v1/teams so both accept the same names and values. Everything is a string on purpose:
/// <see cref="TeamSearchQuery.ParseAsync"/> checks the values, so a bad value becomes a message naming
/// the parameter instead of a binding failure.
/// </summary>
public sealed class TeamSearchParameters
{
    [FromQuery(Name = "q"), Description("Fritekst (højst 200 tegn). Alle ord skal findes i holdets tekst, forening, sted, aktivitet eller målgrupper. Store/små bogstaver, accenter og æ/ø/å = ae/oe/aa er ligegyldige.")]
    public string? Q { get; init; }

    [FromQuery(Name = "activity"), Description("Aktivitetens navn, fx 'Stavgang' (store/små bogstaver og æøå/ae-oe-aa er ligegyldige).")]
    public string? Activity { get; init; }

    [FromQuery(Name = "weekday"), Description("monday, tuesday, wednesday, thursday, friday, saturday eller sunday.")]
    public string? Weekday { get; init; }

    [FromQuery(Name = "timeOfDay"), Description("morning (start før 12), afternoon (12–17) eller evening (fra 17). Sammen med weekday skal begge gælde for samme træning.")]
    public string? TimeOfDay { get; init; }

    [FromQuery(Name = "targetGroup"), Description("Målgruppens navn, fx 'Kronisk sygdom'.")]
    public string? TargetGroup { get; init; }

    [FromQuery(Name = "intensity"), Description("light, moderate eller hard.")]
    public string? Intensity { get; init; }

    [FromQuery(Name = "postalCode"), Description("Stedets postnummer: fire cifre.")]
    public string? PostalCode { get; init; }

    [FromQuery(Name = "place"), Description("Postnummer eller bynavn (begyndelsen af bynavnet er nok).")]
    public string? Place { get; init; }

    [FromQuery(Name = "freePlaces"), Description("true: kun hold med ledige pladser.")]
    public string? FreePlaces { get; init; }

    [FromQuery(Name = "lowThreshold"), Description("true: kun \"Kom og vær med\"-hold.")]
    public string? LowThreshold { get; init; }

    [FromQuery(Name = "page"), Description("Sidenummer, fra 1. Standard 1.")]
    public string? Page { get; init; }

    [FromQuery(Name = "pageSize"), Description("Hold pr. side, 1–100. Standard 20.")]
    public string? PageSize { get; init; }

    /// <summary>The values <see cref="Weekday"/> takes.</summary>
    public static readonly IReadOnlyDictionary<string, DayOfWeek> Weekdays = new Dictionary<string, DayOfWeek>(StringComparer.OrdinalIgnoreCase)
    {
        ["monday"] = DayOfWeek.Monday,
        ["tuesday"] = DayOfWeek.Tuesday,
        ["wednesday"] = DayOfWeek.Wednesday,
        ["thursday"] = DayOfWeek.Thursday,
        ["friday"] = DayOfWeek.Friday,
        ["saturday"] = DayOfWeek.Saturday,
        ["sunday"] = DayOfWeek.Sunday,
    };

    /// <summary>The values <see cref="TimeOfDay"/> takes.</summary>
    public static readonly IReadOnlyDictionary<string, TimeOfDay> TimesOfDay = new Dictionary<string, TimeOfDay>(StringComparer.OrdinalIgnoreCase)
    {
        ["morning"] = Catalogue.TimeOfDay.Morning,
        ["afternoon"] = Catalogue.TimeOfDay.Afternoon,
        ["evening"] = Catalogue.TimeOfDay.Evening,
    };

    /// <summary>The values <see cref="Intensity"/> takes.</summary>
    public static readonly IReadOnlyDictionary<string, Intensity> Intensities = new Dictionary<string, Intensity>(StringComparer.OrdinalIgnoreCase)
    {
        ["light"] = Data.Intensity.Light,
        ["moderate"] = Data.Intensity.Moderate,
        ["hard"] = Data.Intensity.Hard,
    };
}

/// <summary>A checked search: only values that passed are set; the rest are not filtered on.</summary>
public sealed record TeamSearchQuery
{
    public string? Q { get; init; }
    public int? ActivityId { get; init; }
    public DayOfWeek? Weekday { get; init; }
    public TimeOfDay? TimeOfDay { get; init; }
    public int? TargetGroupId { get; init; }
    public Intensity? Intensity { get; init; }
    /// <summary>A four-digit postal code or a town name.</summary>
    public string? Place { get; init; }
    public bool FreePlaces { get; init; }
    public bool LowThreshold { get; init; }
    public int Page { get; init; } = 1;
    public int PageSize { get; init; } = DefaultPageSize;
    /// <summary>Not a search parameter: how far to count the matches (configuration Catalogue:SearchCountLimit).</summary>
    public int CountLimit { get; init; } = DefaultCountLimit;

    public const int DefaultPageSize = 20;
    public const int MaxPageSize = 100;
    // Far beyond any real catalogue, and small enough that (page - 1) * pageSize fits in an int.
    public const int MaxPage = 1_000_000;

    /// <summary>A search counts at most this many matches (beyond the page asked for): "over 500 hold".</summary>
    public const int DefaultCountLimit = 500;

    /// <summary>A place that is four digits is a postal code; anything else is (the beginning of) a town's name.</summary>
    public static bool IsPostalCode(string value) => value.Length == 4 && value.All(char.IsAsciiDigit);

    /// <summary>
    /// Checks the raw parameters. Activity and target group are matched by name against the
    /// managed lists (case, accents and æøå/ae-oe-aa ignored), which costs a query only when given.
    /// </summary>
    public static async Task<TeamSearchParseResult> ParseAsync(AppDbContext db, TeamSearchParameters p, CancellationToken ct = default)
    {
        var errors = new Dictionary<string, string>();
        var query = new TeamSearchQuery();

        if (Given(p.Q) is { } q)
        {
            // The same text rule as every typed field (issue 14): no control or direction-changing characters.
            if (TextInput.Problem(q) is { } problem)
            {
                errors["q"] = problem;
            }
            else if (q.Length > Limits.Query)
            {
                errors["q"] = $"Søgeteksten må højst være {Limits.Query} tegn.";
            }
            else
            {
                query = query with { Q = q };
            }
        }

        if (Given(p.Activity) is { } activity)
        {
            var id = await FindByNameAsync(db.Activities.AsNoTracking().Select(a => new NamedId(a.Id, a.Name)), activity, ct);
            if (id is null)
            {
                errors["activity"] = "Aktiviteten findes ikke.";
            }
            else
            {
                query = query with { ActivityId = id };
            }
        }

        if (Given(p.TargetGroup) is { } group)
        {
            var id = await FindByNameAsync(db.TargetGroups.AsNoTracking().Select(g => new NamedId(g.Id, g.Name)), group, ct);
            if (id is null)
            {
                errors["targetGroup"] = "Målgruppen findes ikke.";
            }
            else
            {
                query = query with { TargetGroupId = id };
            }
        }

        if (Given(p.Weekday) is { } weekday)
        {
            if (TeamSearchParameters.Weekdays.TryGetValue(weekday, out var day))
            {
                query = query with { Weekday = day };
            }
            else
            {
                errors["weekday"] = "Ukendt ugedag. Brug monday, tuesday, wednesday, thursday, friday, saturday eller sunday.";
            }
        }

        if (Given(p.TimeOfDay) is { } timeOfDay)
        {
            if (TeamSearchParameters.TimesOfDay.TryGetValue(timeOfDay, out var time))
            {
                query = query with { TimeOfDay = time };
            }
            else
            {
                errors["timeOfDay"] = "Ukendt tidspunkt. Brug morning, afternoon eller evening.";
            }
        }

        if (Given(p.Intensity) is { } intensity)
        {
            if (TeamSearchParameters.Intensities.TryGetValue(intensity, out var level))
            {
                query = query with { Intensity = level };
            }
            else
            {
                errors["intensity"] = "Ukendt intensitet. Brug light, moderate eller hard.";
            }
        }

        if (Given(p.PostalCode) is { } postalCode)
        {
            if (IsPostalCode(postalCode))
            {
                query = query with { Place = postalCode };
            }
            else
            {
                errors["postalCode"] = "Postnummeret skal være fire cifre.";
            }
        }

        if (Given(p.Place) is { } place)
        {
            if (place.Length > Limits.Town)
            {
                errors["place"] = $"Stedet må højst være {Limits.Town} tegn.";
            }
            else if (query.Place is not null && query.Place != place)
            {
                errors["place"] = "Angiv enten postnummer eller sted, ikke to forskellige.";
            }
            else
            {
                query = query with { Place = place };
            }
        }

        if (ParseBool(p.FreePlaces) is { } freePlaces)
        {
            query = query with { FreePlaces = freePlaces };
        }
        else
        {
            errors["freePlaces"] = "freePlaces skal være true eller false.";
        }

        if (ParseBool(p.LowThreshold) is { } lowThreshold)
        {
            query = query with { LowThreshold = lowThreshold };
        }
        else
        {
            errors["lowThreshold"] = "lowThreshold skal være true eller false.";
        }

        var (page, pageSize) = ParsePaging(p.Page, p.PageSize, errors);
        query = query with { Page = page, PageSize = pageSize };

        return new TeamSearchParseResult(query, errors);
    }

    /// <summary>page (from 1) and pageSize (1–100), defaulting to 1 and 20; errors are added under their names.</summary>
    public static (int Page, int PageSize) ParsePaging(string? page, string? pageSize, Dictionary<string, string> errors)
    {
        var (number, size) = (1, DefaultPageSize);
        if (Given(page) is { } p && !TryParseInt(p, 1, MaxPage, out number))
        {
            errors["page"] = "Sidetallet skal være et helt tal fra 1.";
            number = 1;
        }

        if (Given(pageSize) is { } s && !TryParseInt(s, 1, MaxPageSize, out size))
        {
            errors["pageSize"] = $"Sidestørrelsen skal være et helt tal fra 1 til {MaxPageSize}.";
            size = DefaultPageSize;
        }

        return (number, size);
    }

    private static bool TryParseInt(string value, int min, int max, out int result) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out result) && result >= min && result <= max;

    private static string? Given(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    /// <summary>false when absent; null when present but not a boolean.</summary>
    private static bool? ParseBool(string? value) =>
        Given(value) is not { } v ? false : bool.TryParse(v, out var b) ? b : null;

    private sealed record NamedId(int Id, string Name);

    // The managed lists hold tens of names, so folding them in memory is cheaper than a
    // provider-specific case-insensitive comparison (PostgreSQL's lower() depends on the locale).
    private static async Task<int?> FindByNameAsync(IQueryable<NamedId> list, string name, CancellationToken ct)
    {
        var wanted = SearchText.Normalize(name);
        var all = await list.ToListAsync(ct);
        return all.FirstOrDefault(x => string.Equals(x.Name, name, StringComparison.OrdinalIgnoreCase))?.Id
            ?? all.FirstOrDefault(x => SearchText.Normalize(x.Name) == wanted)?.Id;
    }
}

/// <summary>The outcome of checking the parameters: the query to run and, per parameter name, what was wrong.</summary>
public sealed record TeamSearchParseResult(TeamSearchQuery Query, IReadOnlyDictionary<string, string> Errors)
{
    public bool IsValid => Errors.Count == 0;
}
