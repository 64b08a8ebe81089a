using System.Globalization;
using System.Security.Claims;
using Foreningsbro.Web.Data;
using Foreningsbro.Web.Infrastructure;
using Microsoft.AspNetCore.Authentication;

namespace Foreningsbro.Web.Features.Programmes;

/// <summary>
/// Kiosk mode: a shared tablet at the venue where participants answer check-in and check-out
/// themselves. The tablet is signed out of the instructor's account and holds only a kiosk
/// principal of its own cookie scheme: it carries one session, has no roles, expires at the end of
/// the day, and reaches nothing but the kiosk pages (see <see cref="UseKiosk"/>).
/// </summary>
public static class KioskAuth
{
    /// <summary>The scheme and its cookie are registered with the others in Infrastructure/Security.cs.</summary>
    public const string Scheme = AuthSchemes.Kiosk;
    public const string CookieName = AuthSchemes.KioskCookie;
    public const string SessionClaim = "foreningsbro:kiosk-session";
    public const string InstructorClaim = "foreningsbro:kiosk-instructor";

    /// <summary>A kiosk may open the kiosk pages only: any other page sends it back to its name list, the API refuses it.</summary>
    public static IApplicationBuilder UseKiosk(this IApplicationBuilder app) =>
        app.Use(async (ctx, next) =>
        {
            if (ctx.Request.Cookies.ContainsKey(CookieName) && !ctx.Request.Path.StartsWithSegments("/kiosk"))
            {
                var kiosk = await ctx.AuthenticateAsync(Scheme);
                if (kiosk.Succeeded)
                {
                    if (ctx.Request.Path.StartsWithSegments("/api"))
                    {
                        ctx.Response.StatusCode = StatusCodes.Status403Forbidden;
                        return;
                    }

                    ctx.Response.Redirect("/kiosk");
                    return;
                }
            }

            await next();
        });

    /// <summary>The kiosk principal for one session of one instructor, valid until midnight Danish time.</summary>
    public static (ClaimsPrincipal Principal, AuthenticationProperties Properties) Create(int sessionId, string instructorId, string instructorName, DateOnly day)
    {
        var identity = new ClaimsIdentity(
            [
                new Claim(SessionClaim, sessionId.ToString(CultureInfo.InvariantCulture)),
                new Claim(InstructorClaim, instructorId),
                // The access log and anti-forgery need a name and an id; neither is the instructor's own identity.
                new Claim(ClaimTypes.NameIdentifier, "kiosk:" + instructorId),
                new Claim(AppClaims.DisplayName, "Kiosk (" + instructorName + ")"),
            ],
            Scheme);
        var endOfDay = DanishTime.StartUtc(day.AddDays(1));
        return (new ClaimsPrincipal(identity), new AuthenticationProperties
        {
            // A browser-session cookie; the ticket itself ends at midnight whatever the tablet's clock says.
            IsPersistent = false,
            ExpiresUtc = new DateTimeOffset(endOfDay, TimeSpan.Zero),
            AllowRefresh = false,
        });
    }

    public static int? KioskSessionId(this ClaimsPrincipal user) =>
        int.TryParse(user.FindFirstValue(SessionClaim), NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : null;

    public static string? KioskInstructorId(this ClaimsPrincipal user) => user.FindFirstValue(InstructorClaim);

    /// <summary>The session a kiosk principal may record: still today's, not cancelled, and still instructed by the instructor who started it.</summary>
    public static IQueryable<ProgrammeSession> KioskSession(this IQueryable<ProgrammeSession> sessions, ClaimsPrincipal kiosk, DateOnly today)
    {
        if (kiosk.KioskSessionId() is not { } id || kiosk.KioskInstructorId() is not { } instructor)
        {
            return sessions.Where(s => false);
        }

        return sessions.Where(s => s.Id == id && s.Date == today && !s.Cancelled && s.Programme.Instructors.Any(i => i.UserId == instructor));
    }
}
