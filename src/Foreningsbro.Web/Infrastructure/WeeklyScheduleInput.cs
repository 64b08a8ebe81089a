using System.ComponentModel.DataAnnotations;
using Foreningsbro.Web.Features.Catalogue;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace Foreningsbro.Web.Infrastructure;

/// <summary>One row of a weekly schedule in an edit form, as typed: a weekday, a start and an end.</summary>
public sealed class WeeklyScheduleRow
{
    [EnumDataType(typeof(DayOfWeek), ErrorMessage = "Vælg en ugedag.")]
    [Display(Name = "Ugedag")]
    public DayOfWeek? Weekday { get; set; }

    [StringLength(12, ErrorMessage = "Skriv tidspunktet som tt:mm, fx 10:00.")]
    public string? Start { get; set; }

    [StringLength(12, ErrorMessage = "Skriv tidspunktet som tt:mm, fx 11:00.")]
    public string? End { get; set; }

    public bool Remove { get; set; }

    public bool IsBlank => Weekday is null && string.IsNullOrWhiteSpace(Start) && string.IsNullOrWhiteSpace(End);
}

/// <summary>One session a week.</summary>
public readonly record struct WeeklyTime(DayOfWeek Weekday, TimeOnly Start, TimeOnly End);

/// <summary>
/// The weekly schedule of the team and programme forms: rows as typed (shown by
/// Pages/Shared/_WeeklyScheduleRows.cshtml), read and checked with Danish messages that name the
/// row and field ("Skriv starttidspunkt 2 …"). Blank and removed rows are not saved; a form gets more
/// blank rows on each save, so adding a time needs no script.
/// </summary>
public static class WeeklyScheduleInput
{
    public const int MaxRows = 14;

    /// <summary>Monday first, as Danish calendars have it.</summary>
    public static readonly DayOfWeek[] Weekdays =
        [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday, DayOfWeek.Saturday, DayOfWeek.Sunday];

    /// <summary>The saved times as rows, Monday first.</summary>
    public static List<WeeklyScheduleRow> From(IEnumerable<WeeklyTime> saved) =>
        [.. saved.OrderBy(s => Array.IndexOf(Weekdays, s.Weekday)).ThenBy(s => s.Start)
            .Select(s => new WeeklyScheduleRow { Weekday = s.Weekday, Start = Forms.Time(s.Start), End = Forms.Time(s.End) })];

    /// <summary>Up to <paramref name="count"/> empty rows to fill in, within <see cref="MaxRows"/>.</summary>
    public static void AddBlankRows(List<WeeklyScheduleRow> rows, int count)
    {
        for (var i = 0; i < count && rows.Count < MaxRows; i++)
        {
            rows.Add(new WeeklyScheduleRow());
        }
    }

    /// <summary>
    /// The filled-in rows as times. A row that cannot be read gets an error on its field
    /// (<paramref name="key"/>[i].Start …); too many rows, or none filled in, an error on <paramref name="key"/>.
    /// <paramref name="owner"/> names what has the schedule: "Et hold", "Et forløb".
    /// </summary>
    public static List<WeeklyTime> Read(List<WeeklyScheduleRow> rows, ModelStateDictionary modelState, string key, string owner)
    {
        var times = new List<WeeklyTime>();
        if (rows.Count > MaxRows)
        {
            modelState.AddErrorOnce(key, $"{owner} kan højst have {MaxRows} ugentlige tidspunkter.");
            return times;
        }

        var used = 0;
        for (var i = 0; i < rows.Count; i++)
        {
            var row = rows[i];
            if (row.Remove || row.IsBlank)
            {
                continue;
            }

            used++;
            var field = $"{key}[{i}].";
            if (row.Weekday is null)
            {
                modelState.AddErrorOnce(field + nameof(WeeklyScheduleRow.Weekday), $"Vælg ugedag for tidspunkt {i + 1}.");
            }

            var hasStart = Forms.TryParseTime(row.Start, out var start);
            var hasEnd = Forms.TryParseTime(row.End, out var end);
            if (!hasStart)
            {
                modelState.AddErrorOnce(field + nameof(WeeklyScheduleRow.Start), $"Skriv starttidspunkt {i + 1} som tt:mm, fx 10:00.");
            }

            if (!hasEnd)
            {
                modelState.AddErrorOnce(field + nameof(WeeklyScheduleRow.End), $"Skriv sluttidspunkt {i + 1} som tt:mm, fx 11:00.");
            }
            else if (hasStart && end <= start)
            {
                modelState.AddErrorOnce(field + nameof(WeeklyScheduleRow.End), $"Tidspunkt {i + 1} skal slutte efter, at det begynder.");
            }

            if (row.Weekday is { } day && hasStart && hasEnd && end > start)
            {
                if (times.Exists(s => s.Weekday == day && s.Start == start))
                {
                    modelState.AddErrorOnce(field + nameof(WeeklyScheduleRow.Start), $"Tidspunkt {i + 1} står der allerede.");
                }
                else
                {
                    times.Add(new WeeklyTime(day, start, end));
                }
            }
        }

        if (used == 0)
        {
            modelState.AddErrorOnce(key, "Angiv mindst ét ugentligt tidspunkt: ugedag, start og slut.");
        }

        return times;
    }

    /// <summary>The filled-in rows as one line ("tirsdag 10:00–11:00; torsdag 17:00–18:30"), to compare a form with what is saved.</summary>
    public static string Describe(List<WeeklyScheduleRow> rows)
    {
        static string Clock(string? s) => Forms.TryParseTime(s, out var t) ? Forms.Time(t) : s?.Trim() ?? "";
        return string.Join("; ", rows.Where(r => !r.Remove && !r.IsBlank)
            .Select(r => $"{(r.Weekday is { } d ? CatalogueText.Weekday(d) : "")} {Clock(r.Start)}–{Clock(r.End)}"));
    }
}
