using System.Globalization;
using Foreningsbro.Web.Data;
using Foreningsbro.Web.Features.Catalogue.Search;
using Microsoft.AspNetCore.Mvc.Localization;

namespace Foreningsbro.Web.Features.Catalogue;

/// <summary>
/// How catalogue values read in the interface. The Danish words are the localizer's keys, so the
/// views pass them through L[...]; dates follow the request culture.
/// </summary>
public static class CatalogueText
{
    /// <summary>"tirsdag": the weekday's label (Data/Labels), the localizer's key.</summary>
    public static string Weekday(DayOfWeek day) => day.Danish();

    /// <summary>"Mandag": a weekday on its own, as an option in a list.</summary>
    public static string WeekdayTitle(IHtmlLocalizer l, DayOfWeek day) => l[day.Danish()].Value.Capitalized();

    /// <summary>"Formiddag (før kl. 12)": the label with the hours the search counts as that time of day.</summary>
    public static string TimeOfDay(TimeOfDay time) => time.Danish() + time switch
    {
        Catalogue.TimeOfDay.Morning => " (før kl. 12)",
        Catalogue.TimeOfDay.Afternoon => " (kl. 12–17)",
        _ => " (fra kl. 17)",
    };

    /// <summary>"10.00", "10:00": in the request's language (Data/Labels.ClockText).</summary>
    public static string Time(TimeOnly time) => Labels.ClockText(time);

    /// <summary>"tirsdag 17. november kl. 10.00".</summary>
    public static string Session(IHtmlLocalizer l, DateTime start) =>
        l.GetString("{0} kl. {1}", start.ToString(l["dddd d'.' MMMM"].Value, CultureInfo.CurrentCulture), Time(TimeOnly.FromDateTime(start))).Value;

    /// <summary>"17. november 2026".</summary>
    public static string Date(DateOnly date) => date.ToString("d'.' MMMM yyyy", CultureInfo.CurrentCulture);

    /// <summary>"tirsdag kl. 10.00–11.00".</summary>
    public static string ScheduleLine(IHtmlLocalizer l, ScheduleDto s) =>
        l.GetString("{0} kl. {1}–{2}", l[Weekday(s.Weekday)].Value, Time(s.Start), Time(s.End)).Value;

    /// <summary>"40–80 år", "fra 40 år", "op til 25 år", or null when the club has not said.</summary>
    public static string? AgeRange(IHtmlLocalizer l, int? from, int? to) => (from, to) switch
    {
        ({ } f, { } t) => l.GetString("{0}–{1} år", f, t).Value,
        ({ } f, null) => l.GetString("fra {0} år", f).Value,
        (null, { } t) => l.GetString("op til {0} år", t).Value,
        _ => null,
    };

    public static LocalizedHtmlString Price(IHtmlLocalizer l, decimal? price) => price switch
    {
        null => l["Pris oplyses af foreningen"],
        0 => l["Gratis"],
        { } p => l["{0} kr. pr. sæson", p.ToString("#,0.##", CultureInfo.CurrentCulture)],
    };

    /// <summary>"Ledige pladser: 5", "Ingen ledige pladser", or null when the club has not said.</summary>
    public static LocalizedHtmlString? FreePlaces(IHtmlLocalizer l, int? free) => free switch
    {
        null => null,
        <= 0 => l["Ingen ledige pladser lige nu"],
        1 => l["1 ledig plads"],
        { } n => l["{0} ledige pladser", n],
    };
}

/// <summary>Which links and embeds a page may render from stored URLs.</summary>
public static class SafeUrls
{
    // Only privacy-friendly players are embedded; the CSP's frame-src (Infrastructure/Security.cs) allows exactly these.
    private static readonly string[] EmbeddableHosts = ["www.youtube-nocookie.com", "player.vimeo.com"];

    /// <summary>An absolute http(s) URL: anything else (javascript:, data:) is never put in an href.</summary>
    public static bool IsWebLink(string? url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp);

    public static bool IsEmbeddableVideo(string? url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri)
        && uri.Scheme == Uri.UriSchemeHttps
        && uri.IsDefaultPort
        && EmbeddableHosts.Contains(uri.Host, StringComparer.OrdinalIgnoreCase);

    /// <summary>A photo from our own site (a path) or an https address.</summary>
    public static bool IsImage(string? url) =>
        !string.IsNullOrWhiteSpace(url)
        && ((url.StartsWith('/') && !url.StartsWith("//", StringComparison.Ordinal))
            || (Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttps));

    /// <summary>
    /// Where the public site lives: the PublicBaseUrl setting, or else the address this request came
    /// in on. Printed leaflets carry it in a QR code, so production should set PublicBaseUrl.
    /// </summary>
    public static string PublicBase(HttpRequest request, IConfiguration config)
    {
        var configured = config["PublicBaseUrl"];
        return string.IsNullOrWhiteSpace(configured)
            ? $"{request.Scheme}://{request.Host}{request.PathBase}"
            : configured.TrimEnd('/');
    }

    public static string TeamPage(HttpRequest request, IConfiguration config, int teamId) =>
        $"{PublicBase(request, config)}/hold/{teamId.ToString(CultureInfo.InvariantCulture)}";
}
