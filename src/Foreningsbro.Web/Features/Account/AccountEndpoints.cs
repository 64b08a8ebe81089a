using Foreningsbro.Web.Data;
using Foreningsbro.Web.Infrastructure;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Mvc;

namespace Foreningsbro.Web.Features.Account;

public sealed record TokenRequestDto(string? Email, string? Password);

public static class AccountEndpoints
{
    public static void MapAccountEndpoints(this WebApplication app)
    {
        // Form posts from the layout; anti-forgery is validated by UseAntiforgery.
        app.MapPost("/konto/log-ud", LogOut).RequireAuthorization(Policies.SignedIn).WithMetadata(new RequireAntiforgeryTokenAttribute());
        app.MapPost("/sprog", SetLanguage).AllowAnonymous();
        app.MapPost("/api/v1/auth/token", Token)
            .AllowAnonymous()
            .RequireRateLimiting(Security.TokenRateLimit)
            .WithTags("Log ind")
            .WithName("CreateToken")
            .WithSummary("Byt e-mail og adgangskode til et kortlivet bearer-token (30 min). Begrænset antal forsøg; kontoen låses efter 5 forkerte.");
        app.MapDelete("/api/v1/auth/token", EndToken)
            .RequireAuthorization(Policies.Api(Policies.SignedIn))
            .WithTags("Log ind")
            .WithName("EndToken")
            .WithSummary("Afslut det bearer-token (eller den session), der sender forespørgslen: det virker ikke længere, på nogen instans.");
    }

    private static async Task<NoContent> EndToken(HttpContext ctx, SessionStore sessions)
    {
        await sessions.EndAsync(ctx.User);
        if (ctx.User.Identity?.AuthenticationType == IdentityConstants.ApplicationScheme)
        {
            await ctx.SignOutAsync(IdentityConstants.ApplicationScheme); // a browser's session: its cookie goes too
        }

        return TypedResults.NoContent();
    }

    private static async Task<Results<EmptyHttpResult, ValidationProblem, ProblemHttpResult>> Token(TokenRequestDto body, SignInManager<AppUser> signIn)
    {
        if (string.IsNullOrWhiteSpace(body.Email))
        {
            return Problems.Invalid("email", "Skriv din e-mail.");
        }

        if (TextInput.Problem(body.Email, maxLength: Limits.Email) is { } emailProblem)
        {
            return Problems.Invalid("email", emailProblem);
        }

        if (string.IsNullOrEmpty(body.Password))
        {
            return Problems.Invalid("password", "Skriv din adgangskode.");
        }

        signIn.AuthenticationScheme = IdentityConstants.BearerScheme;
        var result = await signIn.PasswordSignInAsync(body.Email, body.Password, isPersistent: false, lockoutOnFailure: true);
        if (result.IsLockedOut)
        {
            return TypedResults.Problem(title: "Kontoen er låst", detail: "Kontoen er låst efter for mange forkerte forsøg. Prøv igen om 15 minutter.", statusCode: StatusCodes.Status401Unauthorized);
        }

        if (!result.Succeeded)
        {
            return TypedResults.Problem(title: "Ikke logget ind", detail: "E-mail eller adgangskode er forkert.", statusCode: StatusCodes.Status401Unauthorized);
        }

        // The bearer handler has written the token response.
        return TypedResults.Empty;
    }

    private static async Task<RedirectHttpResult> LogOut(SignInManager<AppUser> signIn)
    {
        await signIn.SignOutAsync();
        return TypedResults.LocalRedirect("/");
    }

    private static RedirectHttpResult SetLanguage(HttpContext ctx, [FromForm] string culture, [FromForm] string? returnUrl)
    {
        var chosen = culture == Localization.English.Name ? Localization.English : Localization.Danish;
        ctx.Response.Cookies.Append(
            Localization.CookieName,
            CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(chosen)),
            new CookieOptions { Expires = DateTimeOffset.UtcNow.AddYears(1), IsEssential = true, SameSite = SameSiteMode.Lax, HttpOnly = true });
        return TypedResults.LocalRedirect(IsLocal(returnUrl) ? returnUrl! : "/");
    }

    /// <summary>
    /// A path on this site, by the rule LocalRedirect itself applies: "/x", never "//host" or "/\host" (which
    /// browsers read as another host) nor control characters. "/\evil.example" passed the old check and made
    /// LocalRedirect throw: a 500 (issue 13). Anything else goes to the front page.
    /// </summary>
    public static bool IsLocal(string? url) =>
        url is { Length: > 0 } && url[0] == '/'
        && (url.Length == 1 || (url[1] != '/' && url[1] != '\\'))
        && !url.Any(char.IsControl);
}
