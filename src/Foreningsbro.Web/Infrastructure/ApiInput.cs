using System.Globalization;

namespace Foreningsbro.Web.Infrastructure;

/// <summary>
/// Parsing at the API's edge. Ids, dates and enum names arrive as strings so that a bad value gives a
/// 400 naming the field (in Danish) instead of the framework's own binding failure.
/// </summary>
public static class ApiInput
{
    /// <summary>A positive whole number written with digits only, or null.</summary>
    public static int? Id(string? value) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var id) && id > 0 ? id : null;

    /// <summary>A date written yyyy-MM-dd, within <see cref="EarliestDate"/>–<see cref="LatestDate"/>.</summary>
    public static bool TryDate(string? value, out DateOnly date) =>
        DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date) && InRange(date);

    // Every period ends at StartUtc(to + 1 day) and begins at a Danish midnight converted to UTC, so
    // 9999-12-31 overflows DateOnly and 0001-01-01 falls before DateTime.MinValue in UTC (issue 14).
    // No date this app knows of (birth years, seasons, visits, reports) lies outside these two.
    public static readonly DateOnly EarliestDate = new(1900, 1, 1);
    public static readonly DateOnly LatestDate = new(2199, 12, 31);

    /// <summary>Whether a date lies where the app's periods can be computed (pages check bound dates with it).</summary>
    public static bool InRange(DateOnly date) => date >= EarliestDate && date <= LatestDate;

    /// <summary>A time of day written HH:mm.</summary>
    public static bool TryTime(string? value, out TimeOnly time) =>
        TimeOnly.TryParseExact(value, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out time);

    /// <summary>An enum member by name, any case; numbers are refused, so a client cannot send a value the API never named.</summary>
    public static bool TryEnum<T>(string? value, out T? result)
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

    public const string IdMessage = "Id skal være et positivt heltal.";
    public const string DateMessage = "Skriv datoen som åååå-mm-dd, mellem 1900-01-01 og 2199-12-31.";
    public const string DateRangeMessage = "Datoen skal ligge mellem 1900-01-01 og 2199-12-31.";
}
