using System.Globalization;
using System.Text.Json.Serialization;
using Foreningsbro.Web.Data;
using Foreningsbro.Web.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Foreningsbro.Web.Features.Catalogue.OpenActive;

/// <summary>One RPDE page: the items after the asked position, the address of the next page, the data's licence.</summary>
public sealed record RpdePage(
    [property: JsonPropertyName("next")] string Next,
    [property: JsonPropertyName("items")] IReadOnlyList<RpdeItem> Items,
    [property: JsonPropertyName("license")] string License);

/// <summary>An RPDE item: "updated" with the SessionSeries, or "deleted" (a tombstone, no data) for an archived team.</summary>
public sealed record RpdeItem(
    [property: JsonPropertyName("state")] string State,
    [property: JsonPropertyName("kind")] string Kind,
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("modified")] long Modified,
    [property: JsonPropertyName("data"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] OpenActiveSessionSeries? Data);

/// <summary>A team as an OpenActive SessionSeries (Modelling Specification 2.0): what, who runs it, where, when, for whom, price.</summary>
public sealed record OpenActiveSessionSeries(
    [property: JsonPropertyName("@context")] string Context,
    [property: JsonPropertyName("@type")] string Type,
    [property: JsonPropertyName("@id")] string Id,
    [property: JsonPropertyName("identifier")] int Identifier,
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("description"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Description,
    [property: JsonPropertyName("url")] string Url,
    [property: JsonPropertyName("activity")] IReadOnlyList<OpenActiveConcept> Activity,
    [property: JsonPropertyName("organizer")] OpenActiveOrganization Organizer,
    [property: JsonPropertyName("location")] OpenActivePlace Location,
    [property: JsonPropertyName("ageRange"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] OpenActiveRange? AgeRange,
    [property: JsonPropertyName("offers"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<OpenActiveOffer>? Offers,
    [property: JsonPropertyName("eventSchedule")] IReadOnlyList<OpenActiveSchedule> EventSchedule);

public sealed record OpenActiveConcept(
    [property: JsonPropertyName("@type")] string Type,
    [property: JsonPropertyName("prefLabel")] string PrefLabel);

public sealed record OpenActiveOrganization(
    [property: JsonPropertyName("@type")] string Type,
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("identifier"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Identifier);

public sealed record OpenActivePlace(
    [property: JsonPropertyName("@type")] string Type,
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("address")] OpenActiveAddress Address,
    [property: JsonPropertyName("geo"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] OpenActiveGeo? Geo);

public sealed record OpenActiveAddress(
    [property: JsonPropertyName("@type")] string Type,
    [property: JsonPropertyName("streetAddress"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? StreetAddress,
    [property: JsonPropertyName("postalCode")] string PostalCode,
    [property: JsonPropertyName("addressLocality")] string AddressLocality,
    [property: JsonPropertyName("addressCountry")] string AddressCountry);

public sealed record OpenActiveGeo(
    [property: JsonPropertyName("@type")] string Type,
    [property: JsonPropertyName("latitude")] double Latitude,
    [property: JsonPropertyName("longitude")] double Longitude);

public sealed record OpenActiveRange(
    [property: JsonPropertyName("@type")] string Type,
    [property: JsonPropertyName("minValue"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? MinValue,
    [property: JsonPropertyName("maxValue"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? MaxValue);

public sealed record OpenActiveOffer(
    [property: JsonPropertyName("@type")] string Type,
    [property: JsonPropertyName("price")] decimal Price,
    [property: JsonPropertyName("priceCurrency")] string PriceCurrency);

public sealed record OpenActiveSchedule(
    [property: JsonPropertyName("@type")] string Type,
    [property: JsonPropertyName("byDay")] IReadOnlyList<string> ByDay,
    [property: JsonPropertyName("startTime")] string StartTime,
    [property: JsonPropertyName("endTime")] string EndTime,
    [property: JsonPropertyName("repeatFrequency")] string RepeatFrequency,
    [property: JsonPropertyName("scheduleTimezone")] string ScheduleTimezone,
    [property: JsonPropertyName("startDate"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? StartDate,
    [property: JsonPropertyName("endDate"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? EndDate,
    [property: JsonPropertyName("exceptDate"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<string>? ExceptDate);

/// <summary>
/// OpenActive's Realtime Paged Data Exchange (RPDE) feed of the national catalogue's teams as SessionSeries
/// (issue 17, item 2): ordered by (modified, id) where modified is the team's last change in ticks, so a
/// reader that follows "next" sees every change once, a changed team again at the end, and an archived team
/// (or a team of an archived club) as a "deleted" tombstone. Public like the catalogue.
/// </summary>
public static class OpenActiveFeed
{
    public const int PageSize = 500;

    private const string Path = "/api/openactive/session-series";

    public static void MapOpenActiveFeeds(this WebApplication app)
    {
        app.MapGet(Path, SessionSeries).AllowAnonymous().WithTags("OpenActive").WithName("OpenActiveSessionSeries")
            .ProducesValidationProblem()
            .WithSummary("Holdene som OpenActive SessionSeries (RPDE-feed)")
            .WithDescription("Ændringsfeed efter OpenActive RPDE 1.0 (modified/id-rækkefølge): start uden parametre, og følg next, til items er tom. " +
                "afterTimestamp (modified fra forrige side, et helt tal) og afterId (id) sammen; et arkiveret hold kommer som state deleted uden data. " +
                $"Højst {PageSize} pr. side.");
    }

    public static async Task<Results<Ok<RpdePage>, ValidationProblem>> SessionSeries(
        string? afterTimestamp, string? afterId, AppDbContext db, HttpRequest request, IConfiguration config, CancellationToken ct)
    {
        long? ticks = null;
        int? id = null;
        var errors = new Dictionary<string, string>();
        if (afterTimestamp is not null)
        {
            if (long.TryParse(afterTimestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var t) && t <= DateTime.MaxValue.Ticks)
            {
                ticks = t;
            }
            else
            {
                errors["afterTimestamp"] = "afterTimestamp skal være et helt tal (modified fra forrige side).";
            }
        }

        if (afterId is not null)
        {
            if (int.TryParse(afterId, NumberStyles.None, CultureInfo.InvariantCulture, out var i))
            {
                id = i;
            }
            else
            {
                errors["afterId"] = "afterId skal være et helt tal (id fra forrige side).";
            }
        }

        if (errors.Count == 0 && (ticks is null) != (id is null))
        {
            errors[ticks is null ? "afterTimestamp" : "afterId"] = "afterTimestamp og afterId gives sammen.";
        }

        if (errors.Count > 0)
        {
            return Problems.Invalid(errors);
        }

        var teams = db.Teams.AsNoTracking();
        if (ticks is { } after && id is { } lastId)
        {
            var since = new DateTime(after, DateTimeKind.Utc);
            teams = teams.Where(t => t.UpdatedAtUtc > since || (t.UpdatedAtUtc == since && t.Id > lastId));
        }

        var page = await teams.OrderBy(t => t.UpdatedAtUtc).ThenBy(t => t.Id).Take(PageSize)
            .Include(t => t.Club).Include(t => t.Venue).Include(t => t.Activity).Include(t => t.Schedules).Include(t => t.Breaks)
            .AsSplitQuery().ToListAsync(ct);
        var baseUrl = SafeUrls.PublicBase(request, config);
        var items = page.Select(t => t.Status == TeamStatus.Archived || t.Club.Archived
            ? new RpdeItem("deleted", "SessionSeries", Id(t), t.UpdatedAtUtc.Ticks, null)
            : new RpdeItem("updated", "SessionSeries", Id(t), t.UpdatedAtUtc.Ticks, Map(t, baseUrl))).ToList();
        var next = items.Count == 0
            ? baseUrl + Path + (ticks is null ? "" : $"?afterTimestamp={ticks}&afterId={id}")
            : baseUrl + Path + $"?afterTimestamp={items[^1].Modified}&afterId={items[^1].Id}";
        var license = config["OpenActive:License"] is { Length: > 0 } l ? l : "https://creativecommons.org/licenses/by/4.0/";
        return TypedResults.Ok(new RpdePage(next, items, license));
    }

    private static readonly TimeZoneInfo Copenhagen = TimeZoneInfo.FindSystemTimeZoneById("Europe/Copenhagen");

    /// <summary>The occurrences a break cancels: each break day on the schedule's weekday, at its start in Danish time.</summary>
    private static string[]? Except(Team t, TeamSchedule s)
    {
        var dates = t.Breaks.SelectMany(b => Enumerable.Range(0, b.To.DayNumber - b.From.DayNumber + 1).Select(b.From.AddDays))
            .Where(d => d.DayOfWeek == s.Weekday).Distinct().Order().ToList();
        return dates.Count == 0 ? null : [.. dates.Select(d =>
        {
            var local = d.ToDateTime(s.Start);
            return new DateTimeOffset(local, Copenhagen.GetUtcOffset(local)).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);
        })];
    }

    private static string Id(Team t) => t.Id.ToString(CultureInfo.InvariantCulture);

    private static string Day(DayOfWeek d) => "https://schema.org/" + d.ToString();

    public static OpenActiveSessionSeries Map(Team t, string baseUrl)
    {
        var url = $"{baseUrl}/hold/{t.Id}";
        return new OpenActiveSessionSeries(
            "https://openactive.io/", "SessionSeries", url, t.Id, t.Title, t.Description, url,
            [new OpenActiveConcept("Concept", t.Activity.Name)],
            new OpenActiveOrganization("Organization", t.Club.Name, t.Club.Cvr),
            new OpenActivePlace("Place", t.Venue.Name, new OpenActiveAddress("PostalAddress", t.Venue.Address, t.Venue.PostalCode, t.Venue.Town, "DK"),
                t.Venue.Latitude is { } lat && t.Venue.Longitude is { } lon ? new OpenActiveGeo("GeoCoordinates", lat, lon) : null),
            t.AgeFrom is null && t.AgeTo is null ? null : new OpenActiveRange("QuantitativeValue", t.AgeFrom, t.AgeTo),
            t.PricePerSeason is { } price ? [new OpenActiveOffer("Offer", price, "DKK")] : null,
            [.. t.Schedules.OrderBy(s => ((int)s.Weekday + 6) % 7).ThenBy(s => s.Start).Select(s => new OpenActiveSchedule(
                "Schedule", [Day(s.Weekday)], s.Start.ToString("HH:mm", CultureInfo.InvariantCulture), s.End.ToString("HH:mm", CultureInfo.InvariantCulture),
                "P1W", "Europe/Copenhagen", t.SeasonStart?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), t.SeasonEnd?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), Except(t, s)))]);
    }
}
