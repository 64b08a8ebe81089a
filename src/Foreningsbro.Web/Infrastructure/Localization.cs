using System.Globalization;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Razor;

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

    public static IMvcBuilder AddAppViewLocalization(this IMvcBuilder mvc) =>
        mvc.AddViewLocalization(LanguageViewLocationExpanderFormat.Suffix)
            .AddDataAnnotationsLocalization(o => o.DataAnnotationLocalizerProvider = (_, factory) => factory.Create(typeof(SharedResource)))
            .AddMvcOptions(o =>
            {
                var m = o.ModelBindingMessageProvider;
                m.SetValueIsInvalidAccessor(v => $"Værdien '{v}' er ikke gyldig.");
                m.SetValueMustBeANumberAccessor(f => $"{f} skal være et tal.");
                m.SetValueMustNotBeNullAccessor(f => $"{f} skal udfyldes.");
                m.SetAttemptedValueIsInvalidAccessor((v, f) => $"'{v}' er ikke en gyldig værdi for {f}.");
                m.SetMissingBindRequiredValueAccessor(f => $"{f} mangler.");
                m.SetMissingKeyOrValueAccessor(() => "En værdi mangler.");
                m.SetMissingRequestBodyRequiredValueAccessor(() => "Formularen var tom.");
                m.SetNonPropertyAttemptedValueIsInvalidAccessor(v => $"'{v}' er ikke gyldig.");
                m.SetNonPropertyUnknownValueIsInvalidAccessor(() => "Værdien er ikke gyldig.");
                m.SetNonPropertyValueMustBeANumberAccessor(() => "Feltet skal være et tal.");
                m.SetUnknownValueIsInvalidAccessor(f => $"Værdien for {f} er ikke gyldig.");
            });
}
