namespace Foreningsbro.Web.Infrastructure;

/// <summary>
/// Danish time: "today", schedules and the dates people type are Danish wall-clock time; the database
/// stores instants in UTC. The instant always comes from <see cref="TimeProvider"/>, so tests can set it.
/// </summary>
public static class DanishTime
{
    public static readonly TimeZoneInfo Zone = TimeZoneInfo.FindSystemTimeZoneById("Europe/Copenhagen");

    /// <summary>The Danish wall-clock time at an instant.</summary>
    public static DateTime ToDanish(DateTimeOffset instant) => TimeZoneInfo.ConvertTime(instant, Zone).DateTime;

    /// <summary>The Danish wall-clock time at an instant stored in UTC.</summary>
    public static DateTime ToDanish(DateTime utc) => ToDanish(new DateTimeOffset(DateTime.SpecifyKind(utc, DateTimeKind.Utc)));

    /// <summary>Today's date in Denmark.</summary>
    public static DateOnly Today(DateTimeOffset now) => DateOnly.FromDateTime(ToDanish(now));

    public static DateOnly Today(TimeProvider time) => Today(time.GetUtcNow());

    /// <summary>The UTC instant of a Danish date and wall-clock time.</summary>
    public static DateTime ToUtc(DateOnly date, TimeOnly time) => ToUtc(date.ToDateTime(time));

    /// <summary>The UTC instant of a Danish wall-clock time.</summary>
    public static DateTime ToUtc(DateTime danish) => TimeZoneInfo.ConvertTimeToUtc(DateTime.SpecifyKind(danish, DateTimeKind.Unspecified), Zone);

    /// <summary>When a Danish day begins, in UTC: a period "from" one date "to" another is [StartUtc(from), StartUtc(to + 1 day)).</summary>
    public static DateTime StartUtc(DateOnly date) => ToUtc(date, TimeOnly.MinValue);
}
