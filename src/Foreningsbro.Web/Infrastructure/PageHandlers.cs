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
        var handlers = context.ActionDescriptor.HandlerMethods;
        if (context.HandlerMethod is not null || handlers.Count == 0)
        {
            return next();
        }

        var method = context.HttpContext.Request.Method;
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
