namespace Foreningsbro.Web.Features.Catalogue.Search;

/// <summary>The filtered fields of a snapshot's teams, by position (title order), as <see cref="IndexFilter"/> reads them.</summary>
internal sealed class IndexColumns
{
    public const byte LowThreshold = 1;
    public const byte HasFreePlaces = 2;

    public IndexColumns(IndexEntry[] teams)
    {
        var n = teams.Length;
        (Activity, Intensity, Flags, PostalCode, Town, DayTime, Groups) = (new int[n], new byte[n], new byte[n], new int[n], new int[n], new int[n], new ulong[n]);
        var towns = new Dictionary<string, int>(StringComparer.Ordinal);
        var groups = new Dictionary<int, int>();
        foreach (var id in teams.SelectMany(t => t.TargetGroupIds).Distinct().Order())
        {
            groups[id] = groups.Count;
        }

        GroupsFit = groups.Count <= 64;
        for (var i = 0; i < n; i++)
        {
            var (t, shown) = (teams[i], teams[i].Summary);
            Activity[i] = t.ActivityId;
            Intensity[i] = (byte)shown.Intensity;
            Flags[i] = (byte)((shown.LowThreshold ? LowThreshold : 0) | (shown.FreePlaces > 0 ? HasFreePlaces : 0));
            PostalCode[i] = PostalCodes.TryGetValue(shown.Venue.PostalCode, out var code) ? code : PostalCodes[shown.Venue.PostalCode] = PostalCodes.Count;
            Town[i] = towns.TryGetValue(t.TownKey, out var town) ? town : towns[t.TownKey] = towns.Count;
            foreach (var s in t.Schedule)
            {
                DayTime[i] |= 1 << DayTimeBit(s.Weekday, TimesOfDay.Of(s.Start));
            }

            if (GroupsFit)
            {
                foreach (var g in t.TargetGroupIds)
                {
                    Groups[i] |= 1UL << groups[g];
                }
            }
        }

        TownKeys = [.. towns.OrderBy(x => x.Value).Select(x => x.Key)];
        GroupBits = groups;
    }

    public int[] Activity { get; }
    public byte[] Intensity { get; }
    public byte[] Flags { get; }
    public int[] PostalCode { get; }
    public int[] Town { get; }
    /// <summary>Per team, a bit for each (weekday, time of day) it has a session at: see <see cref="DayTimeBit"/>.</summary>
    public int[] DayTime { get; }
    public ulong[] Groups { get; }
    public Dictionary<string, int> PostalCodes { get; } = new(StringComparer.Ordinal);
    public string[] TownKeys { get; }
    public Dictionary<int, int> GroupBits { get; }
    /// <summary>At most 64 target groups in use, so each team's fit in one bit mask (otherwise each team's list is searched).</summary>
    public bool GroupsFit { get; }

    /// <summary>weekday × 3 + time of day: 21 bits, one per (weekday, time of day).</summary>
    public static int DayTimeBit(DayOfWeek day, TimeOfDay time) => ((int)day * 3) + (int)time;
}
