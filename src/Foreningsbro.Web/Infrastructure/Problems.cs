using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Foreningsbro.Web.Infrastructure;

public static class Problems
{
    public static IServiceCollection AddAppProblemDetails(this IServiceCollection services)
    {
        services.AddProblemDetails(o => o.CustomizeProblemDetails = ctx =>
            ctx.ProblemDetails.Extensions.TryAdd("traceId", ctx.HttpContext.TraceIdentifier));
        services.AddExceptionHandler<BadRequestExceptionHandler>();
        services.AddExceptionHandler<ConflictExceptionHandler>();
        services.AddExceptionHandler<BusyDatabaseExceptionHandler>();
        return services;
    }

    /// <summary>400 naming the offending parameter, in the shape ValidationProblemDetails gives.</summary>
    public static ValidationProblem Invalid(string field, string message) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { [field] = [message] }, title: "Ugyldigt input");

    /// <summary>400 naming every offending parameter at once, so a client can fix them in one go.</summary>
    public static ValidationProblem Invalid(IReadOnlyDictionary<string, string> errors) =>
        TypedResults.ValidationProblem(errors.ToDictionary(e => e.Key, e => new[] { e.Value }), title: "Ugyldigt input");

    public static ProblemHttpResult NotFound(string what) =>
        TypedResults.Problem(title: "Findes ikke", detail: $"{what} findes ikke.", statusCode: StatusCodes.Status404NotFound);

    /// <summary>409: someone changed the same thing meanwhile, or the change clashes with what is there.</summary>
    public static ProblemHttpResult Conflict(string detail) =>
        TypedResults.Problem(title: "Konflikt", detail: detail, statusCode: StatusCodes.Status409Conflict);
}

/// <summary>
/// A body the framework cannot read (`{"email":`) is the client's mistake: 400 ProblemDetails. In Development
/// (`dotnet run`) minimal APIs throw it instead of answering 400 themselves, and it reached the client as a
/// 500 (issue 13, item 19).
/// </summary>
internal sealed class BadRequestExceptionHandler(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not BadHttpRequestException bad || !ErrorPages.IsApi(httpContext.Request))
        {
            return false;
        }

        httpContext.Response.StatusCode = bad.StatusCode;
        return await problems.TryWriteAsync(new()
        {
            HttpContext = httpContext,
            ProblemDetails = { Title = "Forespørgslen kunne ikke læses", Detail = "Indholdet eller en parameter kunne ikke læses. Send gyldig JSON med de felter, API'et beskriver.", Status = bad.StatusCode },
        });
    }
}

/// <summary>A concurrency clash or a unique-index violation that reaches the top is a 409, not a 500.</summary>
internal sealed class ConflictExceptionHandler(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        // Pages get the error page (ErrorPages maps a conflict to 409 there); the API gets ProblemDetails.
        if (!IsConflict(exception) || !ErrorPages.IsApi(httpContext.Request))
        {
            return false;
        }

        httpContext.Response.StatusCode = StatusCodes.Status409Conflict;
        return await problems.TryWriteAsync(new()
        {
            HttpContext = httpContext,
            ProblemDetails = { Title = "Konflikt", Detail = "Nogen har ændret de samme data i mellemtiden. Hent dem igen og prøv på ny.", Status = 409 },
        });
    }

    internal static bool IsConflict(Exception exception) =>
        exception is DbUpdateConcurrencyException
        || (exception is DbUpdateException { InnerException: { } inner } && IsUniqueViolation(inner));

    internal static bool IsUniqueViolation(Exception inner) =>
        inner is Microsoft.Data.Sqlite.SqliteException { SqliteErrorCode: 19, SqliteExtendedErrorCode: 2067 or 1555 }
        || inner is Npgsql.PostgresException { SqlState: Npgsql.PostgresErrorCodes.UniqueViolation };
}

/// <summary>
/// SQLite busy or locked (another writer held the lock past the busy timeout) is 503 with Retry-After,
/// not 500: nothing is wrong with the request, and trying again shortly will work (issue 14).
/// </summary>
internal sealed class BusyDatabaseExceptionHandler(IProblemDetailsService problems) : IExceptionHandler
{
    public const string RetryAfterSeconds = "5";

    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        // Pages get the error page (ErrorPages maps busy to 503 there, and the page sets Retry-After).
        if (!IsBusy(exception) || !ErrorPages.IsApi(httpContext.Request))
        {
            return false;
        }

        httpContext.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        httpContext.Response.Headers.RetryAfter = RetryAfterSeconds;
        return await problems.TryWriteAsync(new()
        {
            HttpContext = httpContext,
            ProblemDetails = { Title = "Travlt lige nu", Detail = "Databasen er optaget. Prøv igen om lidt.", Status = 503 },
        });
    }

    internal static bool IsBusy(Exception? exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is Microsoft.Data.Sqlite.SqliteException { SqliteErrorCode: 5 or 6 })
            {
                return true;
            }
        }

        return false;
    }
}

/// <summary>
/// Errors answer in the caller's language: the API (and health and OpenAPI) with ProblemDetails, pages with
/// a Danish page in the site layout (Features/Error.cshtml) — a 404 from a foreign id, a 403, a 409 from a
/// concurrent save and a 500 with the id to quote to support.
/// </summary>
public static class ErrorPages
{
    public static bool IsApi(HttpRequest request) =>
        request.Path.StartsWithSegments("/api") || request.Path.StartsWithSegments("/healthz") || request.Path.StartsWithSegments("/openapi");

    public static WebApplication UseAppErrors(this WebApplication app)
    {
        app.UseWhen(ctx => IsApi(ctx.Request), api =>
        {
            api.UseExceptionHandler();
            api.UseStatusCodePages();
        });
        app.UseWhen(ctx => !IsApi(ctx.Request), pages =>
        {
            pages.UseExceptionHandler(new ExceptionHandlerOptions
            {
                ExceptionHandlingPath = "/fejl",
                StatusCodeSelector = e => e is BadHttpRequestException bad ? bad.StatusCode
                    : ConflictExceptionHandler.IsConflict(e) ? StatusCodes.Status409Conflict
                    : BusyDatabaseExceptionHandler.IsBusy(e) ? StatusCodes.Status503ServiceUnavailable
                    : StatusCodes.Status500InternalServerError,
            });
            pages.UseStatusCodePagesWithReExecute("/fejl");
        });
        return app;
    }

    /// <summary>
    /// An address no endpoint answers is 404 for everyone (issue 14). Without this the fallback
    /// policy ("signed in") also covers requests that matched nothing, so an anonymous visitor at
    /// /hold/abc was sent to the login page. Every real endpoint still carries its own policy.
    /// Goes after routing and before authorization.
    /// </summary>
    /// <remarks>
    /// The same holds for the answers routing itself gives when an address exists but not for this
    /// method or content type (405, 415): routing hands over an endpoint of its own for them, with no
    /// metadata and so under the fallback policy, and an anonymous DELETE /sprog or a JSON body to the
    /// language form was sent to the login page. They are answered here, before authorization.
    /// </remarks>
    public static IApplicationBuilder UseUnknownAddressNotFound(this IApplicationBuilder app) =>
        app.Use(async (ctx, next) =>
        {
            var endpoint = ctx.GetEndpoint();
            if (endpoint is null)
            {
                ctx.Response.StatusCode = StatusCodes.Status404NotFound;
                return;
            }

            if (endpoint.Metadata.Count == 0 && endpoint.RequestDelegate is { } routingsOwnAnswer)
            {
                await routingsOwnAnswer(ctx);
                return;
            }

            await next();
        });
}
