using Foreningsbro.Web.Data;
using Foreningsbro.Web.Infrastructure;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Mvc;

namespace Foreningsbro.Web.Features.Account;

/// <summary>E-mail and password; for an account with two-factor login also the code from the authenticator app.</summary>
public sealed record TokenRequestDto(string? Email, string? Password, string? TwoFactorCode = null);

public static class AccountEndpoints
{
    public static void MapAccountEndpoints(this WebApplication app)
    {
        // Form posts from the layout, not part of the API (so not in the OpenAPI description); anti-forgery is validated by UseAntiforgery.
        app.MapPost("/konto/log-ud", LogOut).RequireAuthorization(Policies.SignedIn).WithMetadata(new RequireAntiforgeryTokenAttribute()).ExcludeFromDescription();
        app.MapPost("/sprog", SetLanguage).AllowAnonymous().ExcludeFromDescription();
        app.MapPost("/api/v1/auth/token", Token)
            .AllowAnonymous()
            .RequireRateLimiting(Security.TokenRateLimit)
            .WithTags("Log ind")
            .WithName("CreateToken")
            .Produces<AccessTokenResponse>()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .WithSummary("Byt e-mail og adgangskode (og koden fra godkendelsesappen, hvis kontoen bruger totrinsbekræftelse) til et kortlivet bearer-token (30 min). Begrænset antal forsøg; kontoen låses efter 5 forkerte.");
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

    private static async Task<Results<EmptyHttpResult, ValidationProblem, ProblemHttpResult>> Token(
        TokenRequestDto body, HttpContext http, SignInManager<AppUser> signIn, UserManager<AppUser> users, PasswordSignIn passwords)
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

        if (body.Password.Length > 200)
        {
            return Problems.Invalid("password", "Adgangskoden er for lang.");
        }

        // One answer for a wrong password, an unknown e-mail and a locked account, after equal work (PasswordSignIn).
        if (await passwords.CheckPasswordAsync(body.Email, body.Password, http) is not { } user)
        {
            return TypedResults.Problem(title: "Ikke logget ind", detail: PasswordSignIn.Refused, statusCode: StatusCodes.Status401Unauthorized);
        }

        if (await users.GetTwoFactorEnabledAsync(user))
        {
            var code = TwoFactor.Normalize(body.TwoFactorCode);
            if (code.Length == 0)
            {
                return Problems.Invalid("twoFactorCode", "Kontoen bruger totrinsbekræftelse. Send også koden fra din godkendelsesapp.");
            }

            if (!await users.VerifyTwoFactorTokenAsync(user, users.Options.Tokens.AuthenticatorTokenProvider, code))
            {
                await users.AccessFailedAsync(user);
                await passwords.AuditAsync(http, user, "TwoFactorFailed", "Forkert totrinskode ved token-udstedelse");
                return TypedResults.Problem(title: "Ikke logget ind", detail: "Koden fra godkendelsesappen er forkert eller udløbet.", statusCode: StatusCodes.Status401Unauthorized);
            }

            await users.ResetAccessFailedCountAsync(user);
        }
        else if (await passwords.MustUseTwoFactorAsync(user))
        {
            await passwords.AuditAsync(http, user, "LoginFailed", "Token afvist: totrinsbekræftelse er ikke sat op");
            return TypedResults.Problem(title: "Totrinsbekræftelse mangler", detail: "Log ind i browseren og sæt totrinsbekræftelse op, før du henter et token.", statusCode: StatusCodes.Status403Forbidden);
        }

        signIn.AuthenticationScheme = IdentityConstants.BearerScheme;
        await signIn.SignInAsync(user, isPersistent: false);
        await passwords.AuditAsync(http, user, "LoginSucceeded", "Token udstedt til API'et");

        // The bearer handler has written the token response.
        return TypedResults.Empty;
    }

    /// <summary>
    /// The layout's log-out form. The anti-forgery middleware (UseAntiforgery) only records whether the token
    /// was valid and leaves refusing to form binding, which this handler has none of: without this check a page
    /// on another site could log a user out (issue 12). No feature means the middleware did not run: refused too.
    /// </summary>
    private static async Task<Results<RedirectHttpResult, BadRequest>> LogOut(HttpContext http, SignInManager<AppUser> signIn)
    {
        if (http.Features.Get<IAntiforgeryValidationFeature>() is not { IsValid: true })
        {
            // No body: the Danish error page ("Forespørgslen kunne ikke forstås") is shown by re-execution.
            return TypedResults.BadRequest();
        }

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
