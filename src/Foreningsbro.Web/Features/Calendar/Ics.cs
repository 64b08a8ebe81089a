using System.Globalization;
using Foreningsbro.Web.Data;
using Ical.Net;
using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using Ical.Net.Serialization;

namespace Foreningsbro.Web.Features.Calendar;

/// <summary>
/// iCalendar (RFC 5545) out of the catalogue and the workflows. Times are Danish wall-clock times with
/// TZID=Europe/Copenhagen and the zone's VTIMEZONE in the file, so a 10:00 session stays at 10:00 across
/// the change to and from summer time in every calendar program.
/// </summary>
public static class Ics
{
    public const string Zone = "Europe/Copenhagen";
    public const string ContentType = "text/calendar; charset=utf-8";

    public static Ical.Net.Calendar New(string name)
    {
        var calendar = new Ical.Net.Calendar { ProductId = "-//Foreningsbro//Foreningsbro//DA" };
        calendar.AddProperty("X-WR-CALNAME", name);
        calendar.AddProperty("X-WR-TIMEZONE", Zone);
        calendar.AddTimeZone(VTimeZone.FromDateTimeZone(Zone, new DateTime(2020, 1, 1), includeHistoricalData: false));
        return calendar;
    }

    public static CalDateTime Local(DateOnly date, TimeOnly time) => new(date, time, Zone);

    public static CalDateTime Local(DateTime danish) => new(DateOnly.FromDateTime(danish), TimeOnly.FromDateTime(danish), Zone);

    public static string Serialize(Ical.Net.Calendar calendar) => new CalendarSerializer().SerializeToString(calendar) ?? "";

    public static IResult Result(Ical.Net.Calendar calendar, string fileName) =>
        Results.Text(Serialize(calendar), ContentType, System.Text.Encoding.UTF8);

    private static DateOnly FirstOnOrAfter(DateOnly date, DayOfWeek day) => date.AddDays(((int)day - (int)date.DayOfWeek + 7) % 7);

    /// <summary>
    /// A team's weekly times: one recurring event per time, from the season's start (or <paramref name="today"/>'s
    /// week when the club gave none) until its end, with every date in a break as an EXDATE.
    /// </summary>
    public static Ical.Net.Calendar Team(Team team, string teamUrl, DateOnly today)
    {
        var calendar = New(team.Title);
        if (team.Status != TeamStatus.Active)
        {
            // A paused team has no sessions to put in anyone's calendar; the subscription stays and fills again.
            return calendar;
        }

        var from = team.SeasonStart ?? today.AddDays(-(((int)today.DayOfWeek + 6) % 7));
        foreach (var s in team.Schedules.OrderBy(s => ((int)s.Weekday + 6) % 7).ThenBy(s => s.Start))
        {
            var first = FirstOnOrAfter(from, s.Weekday);
            if (team.SeasonEnd is { } end && first > end)
            {
                continue;
            }

            var e = new CalendarEvent
            {
                Uid = $"hold-{team.Id.ToString(CultureInfo.InvariantCulture)}-tid-{s.Id.ToString(CultureInfo.InvariantCulture)}@foreningsbro",
                Summary = team.Title,
                Description = $"{team.Club.Name}. {team.FirstTime}".Trim() + $"\n{teamUrl}",
                Location = Place(team.Venue),
                Url = new Uri(teamUrl),
                DtStart = Local(first, s.Start),
                DtEnd = Local(first, s.End),
                DtStamp = new CalDateTime(DateTime.SpecifyKind(team.UpdatedAtUtc, DateTimeKind.Utc)),
            };
            var rule = new RecurrencePattern(FrequencyType.Weekly, 1) { ByDay = [new WeekDay(s.Weekday)] };
            if (team.SeasonEnd is { } last)
            {
                // UNTIL in UTC, as RFC 5545 wants it beside a DTSTART with TZID: the end of the last day in Denmark.
                rule.Until = new CalDateTime(Infrastructure.DanishTime.StartUtc(last.AddDays(1)).AddSeconds(-1), "UTC");
            }

            e.RecurrenceRule = rule;
            foreach (var b in team.Breaks)
            {
                for (var d = FirstOnOrAfter(b.From < first ? first : b.From, s.Weekday); d <= b.To; d = d.AddDays(7))
                {
                    e.ExceptionDates.Add(Local(d, s.Start));
                }
            }

            calendar.Events.Add(e);
        }

        return calendar;
    }

    public static string Place(Venue venue) =>
        string.Join(", ", new[] { venue.Name, venue.Address, $"{venue.PostalCode} {venue.Town}" }.Where(p => !string.IsNullOrWhiteSpace(p)));
}
