using Microsoft.AspNetCore.Identity;

namespace Foreningsbro.Web.Data;

public static class Roles
{
    /// <summary>Manages municipalities for the whole installation; sees no citizen (issue 11).</summary>
    public const string NationalAdmin = "NationalAdmin";
    public const string Coordinator = "Coordinator";
    public const string Professional = "Professional";
    public const string ClubContact = "ClubContact";
    public const string Instructor = "Instructor";

    public static readonly string[] All = [NationalAdmin, Coordinator, Professional, ClubContact, Instructor];
}

public class AppUser : IdentityUser
{
    public required string DisplayName { get; set; }
    /// <summary>
    /// The municipality the user works for: the boundary of the personal data they may see, and whose
    /// coordinators administer them. Null only for national administrators.
    /// </summary>
    public int? MunicipalityId { get; set; }
    public Municipality? Municipality { get; set; }
    /// <summary>Set when a coordinator deactivates the user: they cannot sign in, and their sessions and tokens end at once.</summary>
    public DateTime? DeactivatedAtUtc { get; set; }
    /// <summary>For professionals: the department (jobcenter, sundhedscenter) whose citizens they work with.</summary>
    public int? DepartmentId { get; set; }
    public Department? Department { get; set; }
    /// <summary>For club contacts: the one club whose teams they keep current.</summary>
    public int? ClubId { get; set; }
    public Club? Club { get; set; }
    /// <summary>For instructors: the hashed PIN that unlocks a kiosk tablet (Identity's password hasher).</summary>
    public string? KioskPinHash { get; set; }
    /// <summary>
    /// The SHA-256 hash (hex) of the secret in the user's personal calendar-feed address, or null when they
    /// have none; a new address replaces it and revoking clears it (Features/Calendar/CalendarFeeds.cs).
    /// </summary>
    public string? CalendarFeedTokenHash { get; set; }
}
