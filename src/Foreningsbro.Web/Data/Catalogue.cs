namespace Foreningsbro.Web.Data;

/// <summary>Entities whose edits are guarded by optimistic concurrency (see AppDbContext.SaveChanges).</summary>
public interface IVersioned
{
    int Version { get; set; }
}

public class Municipality
{
    public int Id { get; set; }
    public required string Name { get; set; }
    /// <summary>The four-digit municipality code (kommunekode), e.g. 169 for Høje-Taastrup.</summary>
    public int Code { get; set; }
    /// <summary>
    /// When the questionnaires are asked again after the baseline, in months, e.g. "3,6,12" (the default
    /// when null). The coordinator sets it at /maalinger/indstillinger (Features/Outcomes).
    /// </summary>
    public string? FollowUpMonths { get; set; }
}

public enum DepartmentKind
{
    Jobcenter,
    Sundhedscenter,
    Other,
}

public class Department
{
    public int Id { get; set; }
    public int MunicipalityId { get; set; }
    public Municipality Municipality { get; set; } = null!;
    public required string Name { get; set; }
    public DepartmentKind Kind { get; set; }
}

public class Club : IVersioned
{
    public int Id { get; set; }
    public int MunicipalityId { get; set; }
    public Municipality Municipality { get; set; } = null!;
    public required string Name { get; set; }
    public string? Cvr { get; set; }
    public string? Address { get; set; }
    public string? PostalCode { get; set; }
    public string? Town { get; set; }
    public string? Website { get; set; }
    public bool Archived { get; set; }
    public int Version { get; set; }
    public List<ClubContactPerson> ContactPersons { get; set; } = [];
    public List<Team> Teams { get; set; } = [];
}

public class ClubContactPerson
{
    public int Id { get; set; }
    public int ClubId { get; set; }
    public required string Name { get; set; }
    public string? Role { get; set; }
    public string? Phone { get; set; }
    public string? Email { get; set; }
}

public class Venue : IVersioned
{
    public int Id { get; set; }
    public int MunicipalityId { get; set; }
    public Municipality Municipality { get; set; } = null!;
    public required string Name { get; set; }
    public string? Address { get; set; }
    public required string PostalCode { get; set; }
    public required string Town { get; set; }
    /// <summary>The town, normalised for search (see SearchText.Normalize).</summary>
    public string TownKey { get; set; } = "";
    public double? Latitude { get; set; }
    public double? Longitude { get; set; }
    public string? AccessibilityNotes { get; set; }
    public bool Archived { get; set; }
    public int Version { get; set; }
}

/// <summary>A managed list entry: the kinds of activity teams offer (stavgang, yoga, ...).</summary>
public class Activity
{
    public int Id { get; set; }
    public required string Name { get; set; }
    public bool Archived { get; set; }
}

/// <summary>A managed tag: who a team is meant for ("senior", "kronisk sygdom", ...).</summary>
public class TargetGroup
{
    public int Id { get; set; }
    public required string Name { get; set; }
    public bool Archived { get; set; }
    public List<Team> Teams { get; set; } = [];
}

public enum Intensity
{
    Light,
    Moderate,
    Hard,
}

public enum GenderMix
{
    Mixed,
    MostlyWomen,
    MostlyMen,
    WomenOnly,
    MenOnly,
}

public enum TeamStatus
{
    Active,
    Paused,
    Archived,
}

public class Team : IVersioned
{
    public int Id { get; set; }
    public int ClubId { get; set; }
    public Club Club { get; set; } = null!;
    public int VenueId { get; set; }
    public Venue Venue { get; set; } = null!;
    public int ActivityId { get; set; }
    public Activity Activity { get; set; } = null!;
    public required string Title { get; set; }
    public string? Description { get; set; }
    /// <summary>"Hvad sker der første gang": the text that lowers the threshold most.</summary>
    public string? FirstTime { get; set; }
    public Intensity Intensity { get; set; }
    public int? AgeFrom { get; set; }
    public int? AgeTo { get; set; }
    public GenderMix GenderMix { get; set; }
    /// <summary>A sentence on who is most represented on the team.</summary>
    public string? TypicalParticipants { get; set; }
    public decimal? PricePerSeason { get; set; }
    public bool FeeSubsidyPossible { get; set; }
    public int? Capacity { get; set; }
    public int ReservedPlaces { get; set; }
    /// <summary>Places open right now, as the club reports them; null when unknown.</summary>
    public int? FreePlaces { get; set; }
    public string? ContactName { get; set; }
    public string? ContactPhone { get; set; }
    public string? ContactEmail { get; set; }
    public string? VideoUrl { get; set; }
    public string? PhotoUrl { get; set; }
    public string? PhotoAlt { get; set; }
    public bool LowThreshold { get; set; }
    public TeamStatus Status { get; set; }
    public DateOnly? SeasonStart { get; set; }
    public DateOnly? SeasonEnd { get; set; }
    public DateTime? LastConfirmedAtUtc { get; set; }
    public string? LastConfirmedBy { get; set; }
    public DateTime UpdatedAtUtc { get; set; }
    /// <summary>Normalised text of the team, its club, venue, activity and target groups: what free-text search matches.</summary>
    public string SearchText { get; set; } = "";
    public int Version { get; set; }
    public List<TeamSchedule> Schedules { get; set; } = [];
    public List<TeamBreak> Breaks { get; set; } = [];
    public List<TargetGroup> TargetGroups { get; set; } = [];
}

public class TeamSchedule
{
    public int Id { get; set; }
    public int TeamId { get; set; }
    public DayOfWeek Weekday { get; set; }
    public TimeOnly Start { get; set; }
    public TimeOnly End { get; set; }
}

/// <summary>A pause in the season (efterårsferie, juleferie, ...), both dates included.</summary>
public class TeamBreak
{
    public int Id { get; set; }
    public int TeamId { get; set; }
    public required string Name { get; set; }
    public DateOnly From { get; set; }
    public DateOnly To { get; set; }
}
