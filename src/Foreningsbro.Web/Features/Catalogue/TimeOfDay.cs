namespace Foreningsbro.Web.Features.Catalogue;

/// <summary>
/// Morning, afternoon or evening: how caseworkers and clubs speak of when a session is (the split is
/// <see cref="TimesOfDay.Of"/>). The search filter, the search index and a citizen's wishes all use it.
/// </summary>
public enum TimeOfDay
{
    Morning,
    Afternoon,
    Evening,
}

public static class TimesOfDay
{
    // Morning ends at noon, afternoon at five: the split caseworkers and clubs speak of.
    public static readonly TimeOnly Noon = new(12, 0);
    public static readonly TimeOnly FivePm = new(17, 0);

    /// <summary>The time of day a session starting at <paramref name="start"/> belongs to.</summary>
    public static TimeOfDay Of(TimeOnly start) =>
        start < Noon ? TimeOfDay.Morning : start < FivePm ? TimeOfDay.Afternoon : TimeOfDay.Evening;
}
