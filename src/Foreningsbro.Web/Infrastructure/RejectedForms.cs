using System.ComponentModel;
using System.Reflection;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ApplicationModels;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.RazorPages.Infrastructure;

namespace Foreningsbro.Web.Infrastructure;

/// <summary>
/// A page form refused by the anti-forgery check (a token expired with the session, a form left open over
/// night, a missing cookie) is shown again with what was typed and a Danish message, status 400 — not the
/// bare error page, which lost the input (issue 14, finding 7). The post's handler never runs, so nothing is
/// saved; the page is loaded as its GET handler loads it, the posted values are put back on top, and the
/// form carries a fresh token, so sending it again works. /api is not a page and keeps its ProblemDetails.
/// </summary>
/// <remarks>
/// Razor Pages checks the token in an authorization filter, before the page exists and before binding, so
/// there is nothing to show the input with. The convention replaces that filter on every page that has it
/// with this page filter, which checks the same token after binding. A page marked [IgnoreAntiforgeryToken]
/// (the error page) keeps its own policy.
/// </remarks>
public sealed class RejectedFormFilter(IAntiforgery antiforgery) : IAsyncPageFilter
{
    public const string Message = "Formularen var udløbet, så intet er gemt. Tjek felterne, og send igen.";

    /// <summary>HttpContext.Items key: the layout shows the message (the Danish text) when the page shows no error summary of its own.</summary>
    public const string ItemKey = "FormRejected";

    /// <summary>HttpContext.Items key set by Pages/Shared/_ErrorSummary when it has shown the errors.</summary>
    public const string SummaryShownKey = "ErrorSummaryShown";

    /// <summary>For a body that claims to be a form and cannot be read (a NUL in a value): model binding's own message is English.</summary>
    public const string UnreadableMessage = "Formularen kunne ikke læses, så intet er gemt. Tjek felterne, og send igen.";

    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        var http = context.HttpContext;
        if (HttpMethods.IsGet(http.Request.Method) || HttpMethods.IsHead(http.Request.Method) || HttpMethods.IsOptions(http.Request.Method)
            || HttpMethods.IsTrace(http.Request.Method))
        {
            await next();
            return;
        }

        // Model binding's own (English) note that the body could not be read as a form: the Danish message instead.
        var unreadable = false;
        foreach (var entry in context.ModelState.Values)
        {
            for (var i = entry.Errors.Count - 1; i >= 0; i--)
            {
                if (entry.Errors[i].Exception is Microsoft.AspNetCore.Mvc.ModelBinding.ValueProviderException
                    || entry.Errors[i].ErrorMessage.StartsWith("Failed to read the request form", StringComparison.Ordinal))
                {
                    entry.Errors.RemoveAt(i);
                    unreadable = true;
                }
            }
        }

        var token = unreadable ? Token.Unreadable : await CheckAsync(http);
        if (token == Token.Valid)
        {
            await next();
            return;
        }

        context.Result = await ShowAgainAsync(context, token == Token.Unreadable);
    }

    private enum Token
    {
        Valid,
        Refused,
        Unreadable,
    }

    private async Task<Token> CheckAsync(HttpContext http)
    {
        try
        {
            return await antiforgery.IsRequestValidAsync(http) ? Token.Valid : Token.Refused;
        }
        catch (Exception e) when (e is AntiforgeryValidationException or InvalidDataException or IOException or BadHttpRequestException)
        {
            // The body claims to be a form and is not one (a broken multipart, a NUL in a value): no token to check,
            // and nothing typed to show again.
            return Token.Unreadable;
        }
    }

    private static async Task<IActionResult> ShowAgainAsync(PageHandlerExecutingContext context, bool unreadable)
    {
        var page = context.HandlerInstance;
        var bound = context.ActionDescriptor.BoundProperties.OfType<PageBoundPropertyDescriptor>()
            .Select(p => (p.Property, Value: p.Property.GetValue(page)))
            .ToList();

        // The GET handler fills in its own starting values (often into the same object): it gets fresh ones.
        foreach (var (property, _) in bound)
        {
            if (property.CanWrite && property.PropertyType.IsClass && property.PropertyType != typeof(string)
                && property.PropertyType.GetConstructor(Type.EmptyTypes) is not null)
            {
                property.SetValue(page, Activator.CreateInstance(property.PropertyType));
            }
        }

        var get = context.ActionDescriptor.HandlerMethods.FirstOrDefault(h => string.Equals(h.HttpMethod, "GET", StringComparison.OrdinalIgnoreCase) && h.Name is null);
        IActionResult? loaded = null;
        if (get is not null)
        {
            loaded = await InvokeAsync(get, page, context.HttpContext);
            if (loaded is not null and not PageResult)
            {
                return loaded; // the page cannot be shown now (a 404 for an id that has gone): say that instead
            }
        }

        // What was typed, over what the GET handler loaded; the input fields also read it from ModelState.
        // From a body that could not be read nothing was bound, and the page is shown as loaded.
        if (!unreadable)
        {
            foreach (var (property, value) in bound)
            {
                property.SetValue(page, value);
            }
        }

        var message = unreadable ? UnreadableMessage : Message;
        context.ModelState.AddModelError("", message);
        context.HttpContext.Items[ItemKey] = message;

        var result = loaded as PageResult ?? new PageResult();
        result.StatusCode = StatusCodes.Status400BadRequest;
        return result;
    }

    /// <summary>Calls the page's GET handler with its route and query values, as a GET of the same address would.</summary>
    private static async Task<IActionResult?> InvokeAsync(HandlerMethodDescriptor handler, object page, HttpContext http)
    {
        var args = handler.MethodInfo.GetParameters().Select(p => Argument(p, http)).ToArray();
        object? returned;
        try
        {
            returned = handler.MethodInfo.Invoke(page, args);
        }
        catch (TargetInvocationException e) when (e.InnerException is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(e.InnerException).Throw();
            throw;
        }

        if (returned is Task task)
        {
            await task;
            returned = task.GetType().IsGenericType ? task.GetType().GetProperty("Result")!.GetValue(task) : null;
        }

        return returned as IActionResult;
    }

    private static object? Argument(ParameterInfo parameter, HttpContext http)
    {
        if (parameter.ParameterType == typeof(CancellationToken))
        {
            return http.RequestAborted;
        }

        var name = parameter.Name ?? "";
        var raw = http.GetRouteValue(name)?.ToString() ?? (http.Request.Query.TryGetValue(name, out var q) ? q.ToString() : null);
        if (raw is not null)
        {
            try
            {
                var converted = TypeDescriptor.GetConverter(parameter.ParameterType).ConvertFromInvariantString(raw);
                if (converted is not null)
                {
                    return converted;
                }
            }
            catch (Exception e) when (e is FormatException or NotSupportedException or ArgumentException)
            {
                // falls through to the default, as model binding would
            }
        }

        return parameter.HasDefaultValue ? parameter.DefaultValue
            : parameter.ParameterType.IsValueType ? Activator.CreateInstance(parameter.ParameterType) : null;
    }
}

/// <summary>Puts <see cref="RejectedFormFilter"/> in place of Razor Pages' own anti-forgery check on every page.</summary>
public sealed class RejectedFormConvention : IPageApplicationModelConvention
{
    public void Apply(PageApplicationModel model)
    {
        var auto = model.Filters.OfType<AutoValidateAntiforgeryTokenAttribute>().ToList();
        if (auto.Count == 0 || model.Filters.OfType<IgnoreAntiforgeryTokenAttribute>().Any())
        {
            return;
        }

        foreach (var filter in auto)
        {
            model.Filters.Remove(filter);
        }

        // Inside the global page filters, so the translation of model errors (outside) still sees the message.
        model.Filters.Add(new TypeFilterAttribute(typeof(RejectedFormFilter)) { Order = 1000 });
    }
}
