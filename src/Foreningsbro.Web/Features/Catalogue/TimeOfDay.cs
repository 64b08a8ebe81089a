namespace Foreningsbro.Web.Features.Catalogue;

/// <summary>
/// Morning, afternoon or evening: how caseworkers and clubs speak of when a session is (the split is
/// <see cref="Search.TeamSearchQuery.TimeOfDayOf"/>). A citizen's wishes use it too.
/// </summary>
public enum TimeOfDay
{
    Morning,
    Afternoon,
    Evening,
}
