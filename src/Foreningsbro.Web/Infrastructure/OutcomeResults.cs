using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Foreningsbro.Web.Infrastructure;

/// <summary>
/// The one translation of a command's <see cref="Outcome"/> for each kind of caller, so the API, the
/// pages and the kiosk answer the same failure the same way.
/// </summary>
public static class OutcomeResults
{
    /// <summary>
    /// The API's answer to a command that failed, or null when it succeeded and the endpoint goes on:
    /// Invalid is a 400 naming the field, NotFound a 404 saying "<paramref name="what"/> findes ikke",
    /// Conflict a 409 with the command's message. The result is a <see cref="Microsoft.AspNetCore.Http.HttpResults.ValidationProblem"/>
    /// or a <see cref="Microsoft.AspNetCore.Http.HttpResults.ProblemHttpResult"/>.
    /// </summary>
    public static IResult? ToProblem(this Outcome outcome, string what) => outcome.Kind switch
    {
        OutcomeKind.Ok => null,
        OutcomeKind.Invalid => Problems.Invalid(outcome.Field!, outcome.Message!),
        OutcomeKind.NotFound => Problems.NotFound(what),
        _ => Problems.Conflict(outcome.Message!),
    };

    /// <summary>
    /// A page's answer to a command that failed: NotFound is a 404, returned. Invalid puts the message on
    /// its field and Conflict above the form (ModelState), and the result is null: the caller shows the
    /// page again, with what was typed. The command's field ("visitDate") is the page's Input.VisitDate
    /// unless <paramref name="field"/> maps it (null: the message goes above the form).
    /// </summary>
    public static IActionResult? ToPageResult(this Outcome outcome, PageModel page, Func<string?, string?>? field = null)
    {
        switch (outcome.Kind)
        {
            case OutcomeKind.NotFound:
                return page.NotFound();
            case OutcomeKind.Invalid:
                page.ModelState.AddModelError((field ?? InputField)(outcome.Field) ?? string.Empty, outcome.Message!);
                return null;
            case OutcomeKind.Conflict:
                page.ModelState.AddModelError(string.Empty, outcome.Message!);
                return null;
            default:
                return null;
        }
    }

    /// <summary>"visitDate" → "Input.VisitDate": a command's field as the page's input model names it.</summary>
    public static string? InputField(string? field) =>
        string.IsNullOrEmpty(field) ? null : "Input." + char.ToUpperInvariant(field[0]) + field[1..];
}
