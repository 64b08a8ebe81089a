using System.Threading.RateLimiting;

using Foreningsbro.Web.Data;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;

namespace Foreningsbro.Web.Infrastructure;

/// <summary>
/// Every named policy of the app, by who it admits. Pages say <c>[Authorize(Policy = Policies.X)]</c>,
/// API groups <c>.RequireAuthorization(Policies.Api(Policies.X))</c>; no page or endpoint names a role.
/// A policy decides who may open a page or call an endpoint at all; which citizen, programme or club
/// they then see is the scope filter's job (Visibility, ProgrammeAccess), so a foreign id is a 404.
/// The endpoint inventory test fails for an endpoint without a policy (docs/adr/0010-access-rules.md).
/// </summary>
public static class Policies
{
    /// <summary>Anyone signed in with a staff account, whatever their role (log out).</summary>
    public const string SignedIn = "SignedIn";

    /// <summary>Coordinators: administration, the funnel, the outbox, the access log, closing reasons.</summary>
    public const string Coordinator = "Coordinator";

    /// <summary>Coordinators and club contacts: the people who keep team listings current.</summary>
    public const string EditsTeams = "EditsTeams";

    /// <summary>Coordinators and professionals: the people who may open a citizen's record.</summary>
    public const string WorksWithCitizens = "WorksWithCitizens";

    /// <summary>Club contacts: their own club's page, contact persons and visit list.</summary>
    public const string ClubContact = "ClubContact";

    /// <summary>Coordinators, professionals and club contacts: referrals (club contacts only their club's, in a reduced form).</summary>
    public const string FollowsReferrals = "FollowsReferrals";

    /// <summary>Coordinators, professionals and instructors: the people who work with programmes.</summary>
    public const string WorksWithProgrammes = "WorksWithProgrammes";

    /// <summary>Coordinators and professionals: create programmes, enrol citizens, see progression.</summary>
    public const string ManagesProgrammes = "ManagesProgrammes";

    /// <summary>Coordinators and instructors: record attendance, check-in and check-out of a session.</summary>
    public const string RecordsAttendance = "RecordsAttendance";

    /// <summary>National administrators: the municipalities of the installation and their first coordinators.</summary>
    public const string NationalAdmin = "NationalAdmin";

    /// <summary>Coordinators of a municipality: its users, club contacts and departments (only their own municipality's).</summary>
    public const string ManagesUsers = "ManagesUsers";

    /// <summary>Coordinators (their municipality's entries) and national administrators (all): the audit log of administrative changes.</summary>
    public const string SeesAuditLog = "SeesAuditLog";

    /// <summary>Club contacts, professionals and instructors: their own calendar-feed address (visits, booked first visits, sessions).</summary>
    public const string PersonalCalendar = "PersonalCalendar";

    /// <summary>Instructors: their own kiosk PIN.</summary>
    public const string Instructor = "Instructor";

    /// <summary>
    /// A kiosk tablet: only the kiosk cookie scheme is read, so a staff login does not open the
    /// kiosk pages, and a kiosk principal (no roles) passes no other policy.
    /// </summary>
    public const string Kiosk = "Kiosk";

    /// <summary>
    /// An API group's policy: the named policy, signed in by the login cookie (the browser) or a
    /// bearer token (integrations). Pages read the cookie only, so a failed page check redirects to
    /// the login form and a failed API check answers 401/403 (see <see cref="Security.AddAppSecurity"/>).
    /// </summary>
    public static AuthorizeAttribute Api(string policy) =>
        new(policy) { AuthenticationSchemes = IdentityConstants.ApplicationScheme + "," + IdentityConstants.BearerScheme };
}

/// <summary>
/// The kiosk tablet's cookie scheme. The other two ways in are Identity's: the staff login cookie
/// (IdentityConstants.ApplicationScheme) and API bearer tokens (IdentityConstants.BearerScheme).
/// </summary>
public static class AuthSchemes
{
    public const string Kiosk = "Kiosk";
    public const string KioskCookie = "foreningsbro-kiosk";
}

public static class Security
{
    /// <summary>The rate limit on POST /api/v1/auth/token.</summary>
    public const string TokenRateLimit = "token";

    /// <summary>The rate limit on the login form's and the two-factor page's POSTs (GETs are not limited).</summary>
    public const string LoginRateLimit = "login";

    /// <summary>Every authentication scheme, the deny-by-default fallback, every named policy and the token rate limit.</summary>
    public static IServiceCollection AddAppSecurity(this IServiceCollection services, IConfiguration config)
    {
        // No "Server: Kestrel" on every response: it tells a scanner what to try, and no client needs it (issue 14).
        services.Configure<Microsoft.AspNetCore.Server.Kestrel.Core.KestrelServerOptions>(o => o.AddServerHeader = false);
        services.AddIdentity<AppUser, Microsoft.AspNetCore.Identity.IdentityRole>(o =>
            {
                // OWASP ASVS 5.0 level 2: length, no composition rules, no common password (docs/adr/0015-sign-in.md).
                o.Password.RequiredLength = Features.Account.Passwords.MinimumLength;
                o.Password.RequireDigit = false;
                o.Password.RequireLowercase = false;
                o.Password.RequireUppercase = false;
                o.Password.RequireNonAlphanumeric = false;
                o.Password.RequiredUniqueChars = 1;
                o.Lockout.AllowedForNewUsers = true;
                o.Lockout.MaxFailedAccessAttempts = 5;
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                o.User.RequireUniqueEmail = true;
                // "Confirmed" is "not deactivated" (ActiveUserConfirmation): a deactivated user cannot sign in or get a token.
                o.SignIn.RequireConfirmedAccount = true;
            })
            .AddEntityFrameworkStores<AppDbContext>()
            .AddDefaultTokenProviders()
            .AddPasswordValidator<Features.Account.CommonPasswordValidator>()
            .AddClaimsPrincipalFactory<AppClaimsFactory>()
            .AddSignInManager<Features.Account.AppSignInManager>();
        services.Configure<PasswordHasherOptions>(o => o.IterationCount = Features.Account.Passwords.Iterations);
        // Two-factor login, single sign-on and the password step (Features/Account/SignInSetup.cs).
        Features.Account.SignInSetup.AddAppSignIn(services, config);

        services.AddScoped<IUserConfirmation<AppUser>, Features.Account.ActiveUserConfirmation>();
        services.AddScoped<Features.Account.SessionStore>();
        services.AddScoped<Features.Account.UserAdministration>();

        services.ConfigureApplicationCookie(o =>
        {
            o.Cookie.Name = LoginCookie;
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.LoginPath = "/konto/log-ind";
            o.LogoutPath = "/konto/log-ud";
            o.AccessDeniedPath = "/konto/ingen-adgang";
            // The server-side session decides (idle 30 min, absolute 12 h; Features/Account/Sessions.cs, issue 12);
            // the ticket itself never outlives the absolute limit. Replaces Identity's once-a-minute stamp check.
            o.ExpireTimeSpan = TimeSpan.FromHours(config.GetValue("Account:SessionHours", 12));
            o.SlidingExpiration = false;
            o.Events.OnValidatePrincipal = Features.Account.SessionStore.ValidateCookieAsync;
            // The API answers with status codes; only pages redirect to the login form.
            o.Events.OnRedirectToLogin = ctx => RedirectOrStatus(ctx, StatusCodes.Status401Unauthorized);
            o.Events.OnRedirectToAccessDenied = ctx => RedirectOrStatus(ctx, StatusCodes.Status403Forbidden);
        });

        var authentication = services.AddAuthentication();
        // Single sign-on: one OpenID Connect scheme per municipality in SingleSignOn:Providers (Features/Account/SingleSignOn.cs).
        Features.Account.SingleSignOn.AddSingleSignOn(authentication, config);

        // Short-lived tokens for integrations; the API accepts them beside the login cookie.
        authentication.AddBearerToken(IdentityConstants.BearerScheme, o =>
        {
            o.BearerTokenExpiration = TimeSpan.FromMinutes(config.GetValue("Api:TokenMinutes", 30));
            o.RefreshTokenExpiration = TimeSpan.FromHours(8);
            // A token whose session has ended (logout, deactivation, role change, new stamp) is refused at once (Features/Account/Sessions.cs).
            o.Events.OnMessageReceived = Features.Account.SessionStore.ValidateBearerAsync;
        });

        // The kiosk tablet holds a principal of its own (Features/Programmes/KioskAuth.cs): one session, no roles, ends at midnight.
        authentication.AddCookie(AuthSchemes.Kiosk, o =>
        {
            o.Cookie.Name = AuthSchemes.KioskCookie;
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.Cookie.Path = "/";
            o.SlidingExpiration = false;
            // No kiosk running: back to the instructor's own page (which asks for a login).
            o.LoginPath = "/instruktoer";
            o.AccessDeniedPath = "/instruktoer";
            o.ReturnUrlParameter = "kiosk";
        });

        services.AddAuthorizationBuilder()
            // Deny by default: an endpoint without a policy still needs a signed-in user (and fails the inventory test).
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build())
            .AddPolicy(Policies.SignedIn, p => p.RequireAuthenticatedUser())
            .AddPolicy(Policies.Coordinator, p => p.RequireRole(Roles.Coordinator))
            .AddPolicy(Policies.EditsTeams, p => p.RequireRole(Roles.Coordinator, Roles.ClubContact))
            .AddPolicy(Policies.WorksWithCitizens, p => p.RequireRole(Roles.Coordinator, Roles.Professional))
            .AddPolicy(Policies.ClubContact, p => p.RequireRole(Roles.ClubContact))
            .AddPolicy(Policies.FollowsReferrals, p => p.RequireRole(Roles.Coordinator, Roles.Professional, Roles.ClubContact))
            .AddPolicy(Policies.WorksWithProgrammes, p => p.RequireRole(Roles.Coordinator, Roles.Professional, Roles.Instructor))
            .AddPolicy(Policies.ManagesProgrammes, p => p.RequireRole(Roles.Coordinator, Roles.Professional))
            .AddPolicy(Policies.RecordsAttendance, p => p.RequireRole(Roles.Coordinator, Roles.Instructor))
            .AddPolicy(Policies.Instructor, p => p.RequireRole(Roles.Instructor))
            .AddPolicy(Policies.PersonalCalendar, p => p.RequireRole(Roles.ClubContact, Roles.Professional, Roles.Instructor))
            .AddPolicy(Policies.NationalAdmin, p => p.RequireRole(Roles.NationalAdmin))
            .AddPolicy(Policies.ManagesUsers, p => p.RequireRole(Roles.Coordinator).RequireClaim(AppClaims.MunicipalityId))
            .AddPolicy(Policies.SeesAuditLog, p => p.RequireRole(Roles.Coordinator, Roles.NationalAdmin))
            .AddPolicy(Policies.Kiosk, p => p.AddAuthenticationSchemes(AuthSchemes.Kiosk).RequireAuthenticatedUser());

        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.OnRejected = TooManyRequests;
            // Per client address: slows down password guessing on the token endpoint (lockout covers one account).
            // Behind the proxy the address is the client's, from X-Forwarded-For of a known proxy (Infrastructure/Proxy.cs).
            o.AddPolicy(TokenRateLimit, ctx => PerClientPerMinute(ctx, config.GetValue("Api:TokenRequestsPerMinute", 10)));
            // Per client address: password guessing and spraying over many accounts from one client (issue 12).
            o.AddPolicy(LoginRateLimit, ctx => HttpMethods.IsPost(ctx.Request.Method)
                ? PerClientPerMinute(ctx, config.GetValue("Account:LoginAttemptsPerMinute", 10))
                : RateLimitPartition.GetNoLimiter("get"));
            // The citizen's link pages, per client address: guessing links from one address gets nowhere (a link is 128
            // random bits anyway), and a link shared far and wide cannot be used to hammer the site (issue 15).
            o.AddPolicy(Features.Outcomes.CitizenLinks.RateLimit, ctx => PerClientPerMinute(ctx, config.GetValue("Outcomes:LinkRequestsPerMinute", 60)));
        });

        return services;
    }

    /// <summary>A refused request learns when to try again: Retry-After in seconds, and a Danish ProblemDetails.</summary>
    /// <summary>
    /// The one shape of every rate limit here: so many requests a minute per client address (behind the proxy the
    /// client's, from X-Forwarded-For of a known proxy: Infrastructure/Proxy.cs), nothing queued.
    /// </summary>
    private static RateLimitPartition<string> PerClientPerMinute(HttpContext ctx, int permits) =>
        RateLimitPartition.GetFixedWindowLimiter(
            ctx.Connection.RemoteIpAddress?.ToString() ?? "local",
            _ => new FixedWindowRateLimiterOptions { PermitLimit = permits, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 });

    private static async ValueTask TooManyRequests(Microsoft.AspNetCore.RateLimiting.OnRejectedContext context, CancellationToken ct)
    {
        var seconds = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? (int)Math.Ceiling(retryAfter.TotalSeconds) : 60;
        seconds = Math.Max(seconds, 1);
        var http = context.HttpContext;
        http.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (!ErrorPages.IsApi(http.Request))
        {
            return; // a page: no body, so the Danish error page ("For mange forsøg") is shown by re-execution
        }

        await http.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new()
        {
            HttpContext = http,
            ProblemDetails =
            {
                Title = "For mange forsøg",
                Detail = $"Der er kommet for mange forsøg fra din adresse. Prøv igen om {seconds} sekunder.",
                Status = StatusCodes.Status429TooManyRequests,
            },
        });
    }

    private static Task RedirectOrStatus(Microsoft.AspNetCore.Authentication.RedirectContext<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions> ctx, int status)
    {
        if (ctx.Request.Path.StartsWithSegments("/api"))
        {
            ctx.Response.StatusCode = status;
            return Task.CompletedTask;
        }

        ctx.Response.Redirect(ctx.RedirectUri);
        return Task.CompletedTask;
    }

    /// <summary>
    /// The security headers on every answer, set as the answer starts: the exception handler clears the
    /// headers of a failed request before it writes its 500 or ProblemDetails, so headers set on the way
    /// in were lost on exactly the answers a scanner provokes (issue 13). Answers of the API and answers to
    /// a signed-in user carry personal data or may: no-store, unless the endpoint said otherwise.
    /// </summary>
    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) =>
        app.Use(async (ctx, next) =>
        {
            ctx.Response.OnStarting(() =>
            {
                var h = ctx.Response.Headers;
                h.XContentTypeOptions = "nosniff";
                h.XFrameOptions = "DENY";
                h["Referrer-Policy"] = "same-origin";
                // The API reference page (ApiDescription) starts Scalar inline with this request's nonce, and Scalar writes its styles.
                var (scripts, styles) = ApiDescription.ScriptNonce(ctx) is { } nonce
                    ? ($"'self' 'nonce-{nonce}'", "'self' 'unsafe-inline'")
                    : ("'self'", "'self'");
                h.ContentSecurityPolicy =
                    "default-src 'self'; img-src 'self' data: https:; frame-src https://www.youtube-nocookie.com https://player.vimeo.com; " +
                    $"style-src {styles}; script-src {scripts}; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";
                if (string.IsNullOrEmpty(h.CacheControl) && (ErrorPages.IsApi(ctx.Request) || ctx.User.Identity?.IsAuthenticated == true))
                {
                    h.CacheControl = "no-store";
                }

                return Task.CompletedTask;
            });
            await next();
        });

    /// <summary>The login cookie's name (the API also accepts it, beside bearer tokens).</summary>
    public const string LoginCookie = "foreningsbro";

    /// <summary>
    /// An API write that carries the login cookie and comes from another site is refused (403), before any
    /// endpoint runs: a page elsewhere must not be able to act with a signed-in user's cookie. Browsers send
    /// Origin (or Sec-Fetch-Site) on every cross-site write; integrations use a bearer token and no cookie,
    /// and are not affected (docs/adr/0014-api-writes-from-other-sites.md). Goes after authentication.
    /// </summary>
    public static IApplicationBuilder UseApiOriginCheck(this IApplicationBuilder app) =>
        app.Use(async (ctx, next) =>
        {
            var request = ctx.Request;
            if (request.Path.StartsWithSegments("/api")
                && !HttpMethods.IsGet(request.Method) && !HttpMethods.IsHead(request.Method) && !HttpMethods.IsOptions(request.Method)
                && request.Cookies.ContainsKey(LoginCookie)
                && IsCrossSite(request, ctx.RequestServices.GetRequiredService<IConfiguration>()))
            {
                ctx.Response.StatusCode = StatusCodes.Status403Forbidden;
                await ctx.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new()
                {
                    HttpContext = ctx,
                    ProblemDetails =
                    {
                        Title = "Afvist",
                        Detail = "Forespørgslen kommer fra et andet websted. API'et ændrer kun data med et bearer-token eller fra Foreningsbros egne sider.",
                        Status = StatusCodes.Status403Forbidden,
                    },
                });
                return;
            }

            await next();
        });

    /// <summary>Another site sent the request: its Origin is neither this host nor PublicBaseUrl, or the browser says cross-site.</summary>
    public static bool IsCrossSite(HttpRequest request, IConfiguration config)
    {
        var origin = request.Headers.Origin.ToString();
        if (!string.IsNullOrEmpty(origin))
        {
            var own = $"{request.Scheme}://{request.Host}";
            var configured = config["PublicBaseUrl"] is { Length: > 0 } b && Uri.TryCreate(b, UriKind.Absolute, out var u) ? u.GetLeftPart(UriPartial.Authority) : null;
            return !string.Equals(origin, own, StringComparison.OrdinalIgnoreCase) && !string.Equals(origin, configured, StringComparison.OrdinalIgnoreCase);
        }

        return request.Headers["Sec-Fetch-Site"].ToString() is "cross-site" or "same-site";
    }

    /// <summary>The club a club contact may edit, or null for everyone else.</summary>
    public static int? ClubId(this System.Security.Claims.ClaimsPrincipal user) =>
        int.TryParse(user.FindFirst(AppClaims.ClubId)?.Value, out var id) ? id : null;

    /// <summary>The municipality whose personal data the user works with, or null (national administrators, kiosk).</summary>
    public static int? MunicipalityId(this System.Security.Claims.ClaimsPrincipal user) =>
        int.TryParse(user.FindFirst(AppClaims.MunicipalityId)?.Value, out var id) ? id : null;

    public static int? DepartmentId(this System.Security.Claims.ClaimsPrincipal user) =>
        int.TryParse(user.FindFirst(AppClaims.DepartmentId)?.Value, out var id) ? id : null;

    public static string DisplayName(this System.Security.Claims.ClaimsPrincipal user) =>
        user.FindFirst(AppClaims.DisplayName)?.Value ?? user.Identity?.Name ?? "";
}

public static class AppClaims
{
    public const string ClubId = "foreningsbro:club";
    public const string DepartmentId = "foreningsbro:department";
    public const string MunicipalityId = "foreningsbro:municipality";
    public const string DisplayName = "foreningsbro:name";
    /// <summary>The server-side session the cookie or bearer token belongs to (Features/Account/Sessions.cs).</summary>
    public const string SessionId = "foreningsbro:session";
}

/// <summary>Puts the user's municipality, club, department and name into the login cookie, so pages need no extra query to scope data.</summary>
public sealed class AppClaimsFactory(
    UserManager<AppUser> users,
    RoleManager<Microsoft.AspNetCore.Identity.IdentityRole> roles,
    Microsoft.Extensions.Options.IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<AppUser, Microsoft.AspNetCore.Identity.IdentityRole>(users, roles, options)
{
    protected override async Task<System.Security.Claims.ClaimsIdentity> GenerateClaimsAsync(AppUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        identity.AddClaim(new(AppClaims.DisplayName, user.DisplayName));
        if (user.ClubId is { } club)
        {
            identity.AddClaim(new(AppClaims.ClubId, club.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }

        if (user.MunicipalityId is { } municipality)
        {
            identity.AddClaim(new(AppClaims.MunicipalityId, municipality.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }

        if (user.DepartmentId is { } department)
        {
            identity.AddClaim(new(AppClaims.DepartmentId, department.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }

        return identity;
    }
}
