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

    /// <summary>A date written yyyy-MM-dd.</summary>
    public static bool TryDate(string? value, out DateOnly date) =>
        DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date);

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
    public const string DateMessage = "Skriv datoen som åååå-mm-dd.";
}
