using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;

namespace Foreningsbro.Web.Infrastructure;

/// <summary>
/// A request for a page handler the page does not have is refused: 405 when the page has no handler
/// for the method at all (a POST to a page that only shows), 404 when it has only named handlers for
/// the method and the request names none of them (a POST to /borgere/1 without ?handler=Consent).
/// (An unknown name falls back to the unnamed handler where there is one, as Razor Pages does.)
/// Without this Razor Pages renders the page without running any handler, so without loading or
/// scoping its data: the authorization matrix found 500s, and 200s for users outside the page's scope
/// (docs/adr/0010-access-rules.md). Pages without any handler (the no-access page) render as before.
/// </summary>
public sealed class UnknownHandlerFilter : IAsyncPageFilter
{
    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        // The error page re-executed for a refused TRACE or PUT keeps that method; it is shown all the same.
        if (context.HttpContext.Features.Get<Microsoft.AspNetCore.Diagnostics.IStatusCodeReExecuteFeature>() is not null)
        {
            return next();
        }

        var handlers = context.ActionDescriptor.HandlerMethods;
        var method = context.HttpContext.Request.Method;
        if (context.HandlerMethod is not null || handlers.Count == 0)
        {
            return next();
        }

        if (handlers.Any(h => string.Equals(h.HttpMethod, method, StringComparison.OrdinalIgnoreCase)))
        {
            context.Result = new NotFoundResult();
        }
        else
        {
            context.HttpContext.Response.Headers.Allow = string.Join(", ", handlers.Select(h => h.HttpMethod.ToUpperInvariant()).Distinct());
            context.Result = new StatusCodeResult(StatusCodes.Status405MethodNotAllowed);
        }

        return Task.CompletedTask;
    }
}

public static class PageMethods
{
    /// <summary>
    /// Pages are shown (GET, and HEAD, which Razor Pages answers with OnGet) and posted to. TRACE, PUT,
    /// DELETE, OPTIONS … are 405 before anything else runs: a page matches any method, so TRACE / gave
    /// the front page, and PUT met the anti-forgery check's 400 (issue 14). Goes after routing.
    /// </summary>
    public static IApplicationBuilder UsePageMethods(this IApplicationBuilder app) =>
        app.Use(async (ctx, next) =>
        {
            var method = ctx.Request.Method;
            if (ctx.GetEndpoint()?.Metadata.GetMetadata<Microsoft.AspNetCore.Mvc.RazorPages.PageActionDescriptor>() is not null
                && !HttpMethods.IsGet(method) && !HttpMethods.IsHead(method) && !HttpMethods.IsPost(method)
                && ctx.Features.Get<Microsoft.AspNetCore.Diagnostics.IStatusCodeReExecuteFeature>() is null)
            {
                ctx.Response.Headers.Allow = "GET, HEAD, POST";
                ctx.Response.StatusCode = StatusCodes.Status405MethodNotAllowed;
                return;
            }

            await next();
        });
}
