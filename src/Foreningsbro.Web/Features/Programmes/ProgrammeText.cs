using System.Globalization;

using Foreningsbro.Web.Data;
using Foreningsbro.Web.Features.Catalogue;

using Microsoft.AspNetCore.Mvc.Localization;

namespace Foreningsbro.Web.Features.Programmes;

/// <summary>How programme values read in the interface; the Danish words are the localizer's keys.</summary>
public static class ProgrammeText
{
    public static readonly ProgrammeKind[] Kinds = [ProgrammeKind.TrainingProgramme, ProgrammeKind.CourseProgramme, ProgrammeKind.LifestyleGroup, ProgrammeKind.Other];

    public static readonly EnrolmentEndReason[] EndReasons =
        [EnrolmentEndReason.Job, EnrolmentEndReason.Education, EnrolmentEndReason.JoinedClub, EnrolmentEndReason.Health, EnrolmentEndReason.StoppedComing, EnrolmentEndReason.Other];

    /// <summary>"tirsdag 10.00–11.30, torsdag 10.00–11.30", Monday first.</summary>
    public static string Schedule(IHtmlLocalizer l, IEnumerable<(DayOfWeek Day, TimeOnly Start, TimeOnly End)> slots) =>
        string.Join(", ", slots.OrderBy(s => DayIndex(s.Day)).ThenBy(s => s.Start)
            .Select(s => $"{l[s.Day.Danish()].Value} {Clock(s.Start)}–{Clock(s.End)}"));

    public static int DayIndex(DayOfWeek day) => day == DayOfWeek.Sunday ? 7 : (int)day;

    /// <summary>"10.00", "10:00": in the request's language (Data/Labels.ClockText).</summary>
    public static string Clock(TimeOnly time) => Labels.ClockText(time);

    /// <summary>"tirsdag 17. nov. 2026", "Tuesday 17 Nov 2026": in the request's language.</summary>
    public static string Date(DateOnly date) => Labels.DayText(date);

    public static string ShortDate(DateOnly date) => Labels.DateText(date);
}
