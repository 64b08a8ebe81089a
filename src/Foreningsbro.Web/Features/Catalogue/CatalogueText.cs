using System.Globalization;
using Foreningsbro.Web.Data;

namespace Foreningsbro.Web.Features.Catalogue;

/// <summary>
/// How catalogue values read in the interface. The Danish words are the localizer's keys, so the
/// views pass them through L[...]; dates follow the request culture.
/// </summary>
public static class CatalogueText
{
    public static string Weekday(DayOfWeek day) => day switch
    {
        DayOfWeek.Monday => "mandag",
        DayOfWeek.Tuesday => "tirsdag",
        DayOfWeek.Wednesday => "onsdag",
        DayOfWeek.Thursday => "torsdag",
        DayOfWeek.Friday => "fredag",
        DayOfWeek.Saturday => "lørdag",
        _ => "søndag",
    };

    public static string Intensity(Intensity intensity) => intensity switch
    {
        Data.Intensity.Light => "Let",
        Data.Intensity.Moderate => "Moderat",
        _ => "Hård",
    };

    public static string GenderMix(GenderMix mix) => mix switch
    {
        Data.GenderMix.MostlyWomen => "Flest kvinder",
        Data.GenderMix.MostlyMen => "Flest mænd",
        Data.GenderMix.WomenOnly => "Kun kvinder",
        Data.GenderMix.MenOnly => "Kun mænd",
        _ => "Både kvinder og mænd",
    };

    public static string TimeOfDay(TimeOfDay time) => time switch
    {
        Catalogue.TimeOfDay.Morning => "Formiddag (før kl. 12)",
        Catalogue.TimeOfDay.Afternoon => "Eftermiddag (kl. 12–17)",
        _ => "Aften (fra kl. 17)",
    };

    /// <summary>"10.00": Danish writes the clock with a full stop.</summary>
    public static string Time(TimeOnly time) => time.ToString("HH'.'mm", CultureInfo.InvariantCulture);

    /// <summary>"tirsdag 17. november kl. 10.00".</summary>
    public static string Session(DateTime start) =>
        start.ToString("dddd d'.' MMMM", CultureInfo.CurrentCulture) + " kl. " + Time(TimeOnly.FromDateTime(start));

    /// <summary>"17. november 2026".</summary>
    public static string Date(DateOnly date) => date.ToString("d'.' MMMM yyyy", CultureInfo.CurrentCulture);

    /// <summary>"tirsdag kl. 10.00–11.00".</summary>
    public static string ScheduleLine(ScheduleDto s) => $"{Weekday(s.Weekday)} kl. {Time(s.Start)}–{Time(s.End)}";

    /// <summary>"40–80 år", "fra 40 år", "op til 25 år", or null when the club has not said.</summary>
    public static string? AgeRange(int? from, int? to) => (from, to) switch
    {
        ({ } f, { } t) => $"{f}–{t} år",
        ({ } f, null) => $"fra {f} år",
        (null, { } t) => $"op til {t} år",
        _ => null,
    };

    public static string Price(decimal? price) => price switch
    {
        null => "Pris oplyses af foreningen",
        0 => "Gratis",
        { } p => p.ToString("#,0.##", CultureInfo.CurrentCulture) + " kr. pr. sæson",
    };

    /// <summary>"Ledige pladser: 5", "Ingen ledige pladser", or null when the club has not said.</summary>
    public static string? FreePlaces(int? free) => free switch
    {
        null => null,
        <= 0 => "Ingen ledige pladser lige nu",
        1 => "1 ledig plads",
        { } n => $"{n} ledige pladser",
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
