using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace Foreningsbro.Web.Infrastructure;

/// <summary>
/// What the edit forms share: checks of typed values, and parsing of the values that arrive as text
/// (dates, times, amounts) so that what was typed can be shown again unchanged when it is wrong.
/// </summary>
public static class Forms
{
    /// <summary>What a form posted without its version is told (see <see cref="TryGetVersion"/>).</summary>
    public const string MissingVersionMessage = "Formularen mangler sin version. Hent siden igen og prøv på ny.";

    private static readonly string[] DateFormats = ["yyyy-MM-dd", "d-M-yyyy", "d.M.yyyy", "d/M/yyyy"];
    private static readonly string[] TimeFormats = ["H:mm", "H.mm", "H:mm:ss", "HH:mm:ss.fff", "Hmm"];

    public static bool IsHttpUrl(string? value) =>
        Uri.TryCreate(value?.Trim(), UriKind.Absolute, out var uri)
        && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
        && uri.Host.Length > 0;

    /// <summary>Digits and spaces, optionally a leading +: 8 to 15 digits in all (Danish numbers have 8, E.164 allows 15).</summary>
    public static bool IsPhone(string? value)
    {
        var text = value?.Trim() ?? "";
        if (text.Length == 0)
        {
            return false;
        }

        var body = text.StartsWith('+') ? text[1..] : text;
        var digits = body.Count(char.IsAsciiDigit);
        return body.All(c => char.IsAsciiDigit(c) || c == ' ') && digits is >= 8 and <= 15;
    }

    /// <summary>Something@something.tld without spaces: stricter than [EmailAddress], which accepts "a@b".</summary>
    public static bool IsEmail(string? value)
    {
        var text = value?.Trim() ?? "";
        var at = text.IndexOf('@', StringComparison.Ordinal);
        if (at <= 0 || at != text.LastIndexOf('@') || text.Any(char.IsWhiteSpace))
        {
            return false;
        }

        var domain = text[(at + 1)..];
        var dot = domain.LastIndexOf('.');
        return dot > 0 && dot < domain.Length - 2;
    }

    /// <summary>ISO dates (what a date field sends) and the Danish ways of writing one (15-08-2026, 15.8.2026).</summary>
    public static bool TryParseDate(string? text, out DateOnly date) =>
        DateOnly.TryParseExact(text?.Trim(), DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out date) && ApiInput.InRange(date);

    public static bool TryParseTime(string? text, out TimeOnly time) =>
        TimeOnly.TryParseExact(text?.Trim(), TimeFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out time);

    /// <summary>
    /// An amount in kroner with a decimal comma or point ("300", "300,50", "300.5"). A number field
    /// would send "300.50" whatever the language, and Danish parsing reads that point as a thousands
    /// separator, so amounts are typed as text and read here.
    /// </summary>
    public static bool TryParseAmount(string? text, out decimal amount)
    {
        amount = 0;
        var t = text?.Trim().Replace(" ", "", StringComparison.Ordinal) ?? "";
        var separators = t.Count(c => c is ',' or '.');
        if (t.Length == 0 || separators > 1 || !t.All(c => char.IsAsciiDigit(c) || c is ',' or '.'))
        {
            return false;
        }

        var parts = t.Split(',', '.');
        if (parts[0].Length is 0 or > 7 || (parts.Length == 2 && parts[1].Length is 0 or > 2))
        {
            return false;
        }

        return decimal.TryParse(t.Replace(',', '.'), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out amount);
    }

    /// <summary>A coordinate in degrees with a decimal comma or point, e.g. 55,6517.</summary>
    public static bool TryParseCoordinate(string? text, double min, double max, out double value)
    {
        value = 0;
        var t = text?.Trim().Replace(',', '.') ?? "";
        return t.Length is > 0 and <= 20
            && t.Count(c => c == '.') <= 1
            && t.All(c => char.IsAsciiDigit(c) || c is '.' or '-')
            && double.TryParse(t, NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value)
            && value >= min && value <= max;
    }

    public static string Amount(decimal? amount) => amount?.ToString("0.##", Localization.Danish) ?? "";

    public static string Coordinate(double? value) => value?.ToString("0.######", Localization.Danish) ?? "";

    public static string IsoDate(DateOnly? date) => date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "";

    public static string Time(TimeOnly time) => time.ToString("HH:mm", CultureInfo.InvariantCulture);

    /// <summary>A stored UTC instant as a calendar date in Denmark, in the request's language: "3. maj 2026", "3 May 2026".</summary>
    public static string LocalDate(DateTime? utc) =>
        utc is { } u
            ? DanishTime.ToDanish(u).ToString(CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "da" ? "d. MMMM yyyy" : "d MMMM yyyy", CultureInfo.CurrentCulture)
            : "";

    /// <summary>Empty text becomes null, other text is trimmed: what an optional field stores.</summary>
    public static string? Clean(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    /// <summary>The first error of a field, or null.</summary>
    public static string? ErrorText(this ModelStateDictionary modelState, string key) =>
        modelState.TryGetValue(key, out var entry) && entry.Errors.Count > 0 ? entry.Errors[0].ErrorMessage : null;

    /// <summary>What a hand-written field shows: what was posted (even if it could not be read), else the model's value.</summary>
    public static string? Shown(this ModelStateDictionary modelState, string key, string? value) =>
        modelState.TryGetValue(key, out var entry) && entry.AttemptedValue is { } typed ? typed : value;

    /// <summary>"form-error" on a form-group whose field has an error (Det Fælles Designsystem's marking).</summary>
    public static string ErrorClass(this ModelStateDictionary modelState, string key) =>
        modelState.TryGetValue(key, out var entry) && entry.Errors.Count > 0 ? "form-error" : "";

    /// <summary>
    /// The version an edit form was loaded at (its hidden Version field), or false after recording a Danish
    /// error on the field. Input models bind the version as <c>int?</c>: as <c>int</c>, a form posted without
    /// it read as 0, the version of every row never edited, and passed the stale-edit check (an empty
    /// contact-persons form removed them all). Call it before saving; a handler that does not still compares
    /// null with the saved version, which never matches.
    /// </summary>
    public static bool TryGetVersion(this ModelStateDictionary modelState, string key, int? posted, out int version)
    {
        version = posted ?? 0;
        if (posted is null)
        {
            modelState.AddErrorOnce(key, MissingVersionMessage);
        }

        return posted is not null;
    }

    /// <summary>Adds an error to a field that has none yet: a value that could not even be read keeps that message, one per field.</summary>
    public static void AddErrorOnce(this ModelStateDictionary modelState, string key, string message)
    {
        if (modelState.GetFieldValidationState(key) != ModelValidationState.Invalid)
        {
            modelState.AddModelError(key, message);
        }
    }
}

[AttributeUsage(AttributeTargets.Property)]
public sealed class HttpUrlAttribute : ValidationAttribute
{
    public HttpUrlAttribute()
        : base("Skriv en hel webadresse, der begynder med https:// eller http://.")
    {
    }

    public override bool IsValid(object? value) => value is not string s || string.IsNullOrWhiteSpace(s) || Forms.IsHttpUrl(s);
}

[AttributeUsage(AttributeTargets.Property)]
public sealed class PhoneNumberAttribute : ValidationAttribute
{
    public PhoneNumberAttribute()
        : base("Skriv et telefonnummer med 8 cifre, fx 20 11 22 33 (kun cifre, mellemrum og + foran).")
    {
    }

    public override bool IsValid(object? value) => value is not string s || string.IsNullOrWhiteSpace(s) || Forms.IsPhone(s);
}

[AttributeUsage(AttributeTargets.Property)]
public sealed class EmailAttribute : ValidationAttribute
{
    public EmailAttribute()
        : base("Skriv en gyldig e-mailadresse, fx navn@forening.dk.")
    {
    }

    public override bool IsValid(object? value) => value is not string s || string.IsNullOrWhiteSpace(s) || Forms.IsEmail(s);
}

[AttributeUsage(AttributeTargets.Property)]
public sealed class PostalCodeAttribute : ValidationAttribute
{
    public PostalCodeAttribute()
        : base("Skriv et postnummer med 4 cifre.")
    {
    }

    public override bool IsValid(object? value) =>
        value is not string s || string.IsNullOrWhiteSpace(s) || (s.Trim().Length == 4 && s.Trim().All(char.IsAsciiDigit));
}

/// <summary>One field that changed while the user was editing: its label and the value now saved.</summary>
public sealed record FieldChange(string Label, string Current);

/// <summary>What a form shows when someone else saved first (see Pages/Shared/_StaleEdit.cshtml).</summary>
public sealed record StaleEdit(string Message, IReadOnlyList<FieldChange> Changes, string ReloadUrl)
{
    /// <summary>The fields whose saved value differs from what the user sent, with the saved value.</summary>
    public static IReadOnlyList<FieldChange> Compare(IReadOnlyList<(string Label, string Value)> mine, IReadOnlyList<(string Label, string Value)> current) =>
        current.Where(c => !mine.Any(m => m.Label == c.Label && m.Value == c.Value))
            .Select(c => new FieldChange(c.Label, c.Value.Length == 0 ? "(tom)" : c.Value))
            .ToList();

    /// <summary>
    /// Saves, or returns false when someone else saved first (the version check failed): then nothing
    /// is saved, and the tracker is cleared so the page can read what is saved now and show it.
    /// </summary>
    /// <remarks>Inside <see cref="Transactions.InTransactionAsync{T}"/> pass <paramref name="acceptAllChangesOnSuccess"/> false.</remarks>
    public static async Task<bool> TrySaveAsync(Microsoft.EntityFrameworkCore.DbContext db, CancellationToken ct, bool acceptAllChangesOnSuccess = true)
    {
        try
        {
            await db.SaveChangesAsync(acceptAllChangesOnSuccess, ct);
            return true;
        }
        catch (Microsoft.EntityFrameworkCore.DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return false;
        }
    }
}
