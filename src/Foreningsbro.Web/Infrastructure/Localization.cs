using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.Razor;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.Extensions.Localization;

namespace Foreningsbro.Web.Infrastructure;

public static class Localization
{
    public static readonly CultureInfo Danish = new("da-DK");
    public static readonly CultureInfo English = new("en");
    public const string CookieName = ".Foreningsbro.Culture";

    public static IServiceCollection AddAppLocalization(this IServiceCollection services)
    {
        services.AddLocalization(o => o.ResourcesPath = "Resources");
        services.Configure<RequestLocalizationOptions>(o =>
        {
            o.DefaultRequestCulture = new RequestCulture(Danish);
            o.SupportedCultures = [Danish, English];
            o.SupportedUICultures = [Danish, English];
            // Only an explicit choice (cookie or ?culture=) switches language; the browser's
            // Accept-Language does not, because the users are Danish municipal staff whose
            // machines are often set up in English.
            o.RequestCultureProviders =
            [
                new QueryStringRequestCultureProvider(),
                new CookieRequestCultureProvider { CookieName = CookieName },
            ];
        });
        return services;
    }

    public static IMvcBuilder AddAppViewLocalization(this IMvcBuilder mvc)
    {
        // The model-binding messages are Danish templates and the localizer's keys ({0}: the value typed, or the field).
        mvc.Services.AddOptions<MvcOptions>().Configure<IStringLocalizerFactory>((o, factory) =>
        {
            var l = factory.Create(typeof(SharedResource));
            var m = o.ModelBindingMessageProvider;
            m.SetValueIsInvalidAccessor(v => l["Værdien '{0}' er ikke gyldig.", v]);
            m.SetValueMustBeANumberAccessor(f => l["{0} skal være et tal.", f]);
            m.SetValueMustNotBeNullAccessor(f => l["{0} skal udfyldes.", f]);
            m.SetAttemptedValueIsInvalidAccessor((v, f) => l["'{0}' er ikke en gyldig værdi for {1}.", v, f]);
            m.SetMissingBindRequiredValueAccessor(f => l["{0} mangler.", f]);
            m.SetMissingKeyOrValueAccessor(() => l["En værdi mangler."]);
            m.SetMissingRequestBodyRequiredValueAccessor(() => l["Formularen var tom."]);
            m.SetNonPropertyAttemptedValueIsInvalidAccessor(v => l["'{0}' er ikke gyldig.", v]);
            m.SetNonPropertyUnknownValueIsInvalidAccessor(() => l["Værdien er ikke gyldig."]);
            m.SetNonPropertyValueMustBeANumberAccessor(() => l["Feltet skal være et tal."]);
            m.SetUnknownValueIsInvalidAccessor(f => l["Værdien for {0} er ikke gyldig.", f]);
        });
        return mvc.AddViewLocalization(LanguageViewLocationExpanderFormat.Suffix)
            .AddDataAnnotationsLocalization(o => o.DataAnnotationLocalizerProvider = (_, factory) => factory.Create(typeof(SharedResource)))
            .AddMvcOptions(o => o.Filters.Add<TranslateMessagesFilter>());
    }
}

/// <summary>
/// Error messages added in code (ModelState.AddModelError, an Outcome's message) are Danish, the
/// localizer's keys: in English they are looked up before the page renders. A message that quotes what
/// the user typed has no entry and stays as it is.
/// </summary>
public sealed partial class TranslateMessagesFilter(IStringLocalizer<SharedResource> l) : IPageFilter
{
    public void OnPageHandlerSelected(PageHandlerSelectedContext context)
    {
    }

    public void OnPageHandlerExecuting(PageHandlerExecutingContext context)
    {
    }

    public void OnPageHandlerExecuted(PageHandlerExecutedContext context)
    {
        if (CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "da")
        {
            return;
        }

        foreach (var entry in context.ModelState.Values)
        {
            for (var i = 0; i < entry.Errors.Count; i++)
            {
                var message = entry.Errors[i].ErrorMessage;
                if (Translate(message) is { } translated)
                {
                    entry.Errors[i] = new ModelError(translated);
                }
            }
        }
    }

    /// <summary>
    /// A message written with values ("Forløbet »Motion« er fuldt: 12 af 12 pladser er optaget.") is found by the
    /// key it was written from ("Forløbet »{0}« er fuldt: {1} af {2} pladser er optaget."): every key with
    /// placeholders is a pattern, and the values it captures go into the English text, dates written the English way.
    /// </summary>
    /// <returns>The message in the current language, or null when it has no translation (it then stays as it is).</returns>
    public string? Translate(string message) =>
        message.Length == 0 ? null : l[message] is { ResourceNotFound: false } english ? english.Value : FromTemplate(message);

    private string? FromTemplate(string message)
    {
        var templates = Templates.GetOrAdd(CultureInfo.CurrentUICulture.Name, _ => [.. l.GetAllStrings(includeParentCultures: false)
            .Where(s => s.Name.Contains("{0}", StringComparison.Ordinal))
            .Select(s => (s.Name, s.Value, Literal: Placeholder().Replace(s.Name, "").Length))
            // Only sentences: "{0} af {1}" would take any message with "af" in it. The most specific first.
            .Where(s => s.Literal >= 15)
            .OrderByDescending(s => s.Literal)
            .Select(s => (Pattern: new Regex("^" + Placeholder().Replace(Regex.Escape(s.Name).Replace(@"\{", "{", StringComparison.Ordinal), m => $"(?<p{m.Groups[1].Value}>.+?)") + "$", RegexOptions.CultureInvariant, TimeSpan.FromMilliseconds(50)), English: s.Value))]);
        foreach (var (pattern, englishText) in templates)
        {
            Match match;
            try
            {
                match = pattern.Match(message);
            }
            catch (RegexMatchTimeoutException)
            {
                continue; // an odd message is shown untranslated, never a 500
            }

            if (match.Success)
            {
                var values = Enumerable.Range(0, 10).TakeWhile(n => match.Groups[$"p{n}"].Success)
                    .Select(n => match.Groups[$"p{n}"].Value)
                    .Select(v => DateOnly.TryParseExact(v, "d. MMM yyyy", Localization.Danish, DateTimeStyles.None, out var d) ? d.ToString("d MMM yyyy", CultureInfo.CurrentCulture) : v)
                    .ToArray<object?>();
                return string.Format(CultureInfo.CurrentCulture, englishText, values);
            }
        }

        return null;
    }

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, (Regex Pattern, string English)[]> Templates = new();

    [GeneratedRegex(@"\{(\d)\}")]
    private static partial Regex Placeholder();
}

/// <summary>The one-line message carried to the next page after a save (shown by Pages/Shared/_CarriedMessage).</summary>
public static class CarriedMessage
{
    /// <summary>
    /// Sets the message from a Danish template (the localizer's key) and its values: the Danish text, and the
    /// template and values so the next page can show it in the reader's language. A value that is itself a
    /// Danish label (a consent purpose, a status) is translated there too.
    /// </summary>
    public static void SetMessage(this ITempDataDictionary temp, string template, params object?[] args)
    {
        temp["Message"] = string.Format(Localization.Danish, template, [.. args.Select(a => a is DateOnly d ? d.ToString("dddd d. MMMM", Localization.Danish) : a)]);
        temp["MessageTemplate"] = template;
        temp["MessageArgs"] = args.Select(a => a is DateOnly d ? DatePrefix + d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : Convert.ToString(a, Localization.Danish) ?? "").ToArray();
    }

    /// <summary>Marks a date among the values, so it is written in the reader's language ("tirsdag 17. november", "Tuesday 17 November").</summary>
    public const string DatePrefix = "date:";

    /// <summary>A carried value as the reader reads it: a date in their language, a Danish label translated, anything else as it is.</summary>
    public static string Value(Microsoft.AspNetCore.Mvc.Localization.IHtmlLocalizer l, string value)
    {
        if (value.StartsWith(DatePrefix, StringComparison.Ordinal)
            && DateOnly.TryParseExact(value[DatePrefix.Length..], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return date.ToString(CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "da" ? "dddd d. MMMM" : "dddd d MMMM", CultureInfo.CurrentCulture);
        }

        return l[value].Value;
    }
}
