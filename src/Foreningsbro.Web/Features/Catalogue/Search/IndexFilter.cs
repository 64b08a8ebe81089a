namespace Foreningsbro.Web.Features.Catalogue.Search;

/// <summary>
/// A search's filters other than free text, tested on a team's position in <see cref="IndexColumns"/>;
/// the same rules as <see cref="DatabaseSearch.FilterAsync"/> (the tests hold the two to the same results).
/// </summary>
internal sealed class IndexFilter
{
    private IndexColumns c = null!;
    private IndexEntry[]? teamsForGroups;
    private bool none;
    private int? activity;
    private int intensity = -1;
    private byte flags;
    private int postalCode = -1;
    private bool[]? towns;
    private int dayTime;
    private ulong group;
    private int? groupId;

    public static IndexFilter For(TeamSearchQuery q, IndexColumns columns, IndexEntry[] teams)
    {
        var f = new IndexFilter { c = columns, activity = q.ActivityId, intensity = q.Intensity is { } i ? (int)i : -1 };
        f.flags = (byte)((q.LowThreshold ? IndexColumns.LowThreshold : 0) | (q.FreePlaces ? IndexColumns.HasFreePlaces : 0));
        if (!string.IsNullOrWhiteSpace(q.Place))
        {
            var place = q.Place.Trim();
            if (TeamSearchQuery.IsPostalCode(place))
            {
                f.none |= !columns.PostalCodes.TryGetValue(place, out f.postalCode);
            }
            else
            {
                var prefix = SearchText.Normalize(place);
                f.towns = [.. columns.TownKeys.Select(k => k.StartsWith(prefix, StringComparison.Ordinal))];
            }
        }

        // Weekday and time of day must hold for the same session, as in the database's search.
        if (q.Weekday is not null || q.TimeOfDay is not null)
        {
            foreach (var day in Enum.GetValues<DayOfWeek>().Where(d => q.Weekday is null || d == q.Weekday))
            {
                foreach (var time in Enum.GetValues<TimeOfDay>().Where(t => q.TimeOfDay is null || t == q.TimeOfDay))
                {
                    f.dayTime |= 1 << IndexColumns.DayTimeBit(day, time);
                }
            }
        }

        if (q.TargetGroupId is { } g)
        {
            if (!columns.GroupsFit)
            {
                (f.groupId, f.teamsForGroups) = (g, teams);
            }
            else if (columns.GroupBits.TryGetValue(g, out var bit))
            {
                f.group = 1UL << bit;
            }
            else
            {
                f.none = true;
            }
        }

        return f;
    }

    public bool Matches(int i) =>
        !none
        && (activity is not { } a || c.Activity[i] == a)
        && (intensity < 0 || c.Intensity[i] == intensity)
        && (c.Flags[i] & flags) == flags
        && (postalCode < 0 || c.PostalCode[i] == postalCode)
        && (towns is null || towns[c.Town[i]])
        && (dayTime == 0 || (c.DayTime[i] & dayTime) != 0)
        && (group == 0 || (c.Groups[i] & group) != 0)
        && (groupId is not { } id || Array.IndexOf(teamsForGroups![i].TargetGroupIds, id) >= 0);
}
