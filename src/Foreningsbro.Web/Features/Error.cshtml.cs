using System.Diagnostics;

using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Foreningsbro.Web.Features;

/// <summary>
/// What a person sees when a page cannot be shown: a page in the site's layout, in Danish, with a way on.
/// Reached only by re-execution (status codes without a body, and unexpected exceptions) — see
/// <see cref="Infrastructure.ErrorPages"/>; the API answers ProblemDetails instead.
/// </summary>
[AllowAnonymous]
[IgnoreAntiforgeryToken] // a re-executed POST keeps its method; the failed form's token is not ours to judge.
public class ErrorModel : PageModel
{
    public int Status { get; private set; }

    /// <summary>Quoted to support for a 500: the same id is in the log line of the exception.</summary>
    public string? CorrelationId { get; private set; }

    public IActionResult OnGet() => Show();

    public IActionResult OnPost() => Show();

    /// <summary>
    /// A refused OPTIONS (405) is re-executed here as OPTIONS; without a handler of its own Razor Pages
    /// answers every OPTIONS with 200 and the 405 was lost (issue 14).
    /// </summary>
    public IActionResult OnOptions() => Show();

    private IActionResult Show()
    {
        var reExecuted = HttpContext.Features.Get<IStatusCodeReExecuteFeature>() is not null
            || HttpContext.Features.Get<IExceptionHandlerPathFeature>() is not null;
        if (!reExecuted)
        {
            return NotFound();
        }

        Status = Response.StatusCode is >= 400 and < 600 ? Response.StatusCode : 500;
        if (Status == StatusCodes.Status503ServiceUnavailable)
        {
            // The exception handler clears the headers before re-executing, so the page says when to retry.
            Response.Headers.RetryAfter = Infrastructure.BusyDatabaseExceptionHandler.RetryAfterSeconds;
        }

        if (Status >= 500)
        {
            CorrelationId = Activity.Current?.TraceId.ToString() ?? HttpContext.TraceIdentifier;
        }

        return Page();
    }
}
