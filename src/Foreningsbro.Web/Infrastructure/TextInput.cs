using System.ComponentModel.DataAnnotations;
using System.Globalization;

namespace Foreningsbro.Web.Infrastructure;

/// <summary>
/// Text a person typed, checked before it is stored: the one rule that forms (through
/// <see cref="PlainTextAttribute"/>) and the API and the shared commands (through <see cref="Problem"/>) use.
/// PostgreSQL refuses a NUL character (a 500 before this rule) and SQLite stores it silently; a name made of
/// zero-width spaces looks empty on every list; a right-to-left override makes a name or a note read
/// differently from what is stored (the "Trojan Source" trick). Lengths are checked on what will be stored,
/// against the column limits in <see cref="Data.Limits"/>.
/// </summary>
public static class TextInput
{
    public const string ControlMessage = "Teksten indeholder et usynligt styretegn (fx et nul-tegn). Skriv den igen uden det.";
    public const string LineBreakMessage = "Feltet skal stå på én linje, uden linjeskift eller tabulatorer.";
    public const string InvisibleMessage = "Teksten består kun af usynlige tegn. Skriv den med almindelige bogstaver.";
    public const string BidiMessage = "Teksten indeholder tegn, der vender skriveretningen. Skriv den igen uden dem.";

    public static string TooLong(int max) => string.Create(CultureInfo.InvariantCulture, $"Teksten må højst være {max} tegn.");

    /// <summary>
    /// What is wrong with a typed text, in Danish, or null when it may be stored. Empty and null are not
    /// this rule's business (a required field says so itself). Newline and tab only in a multi-line field;
    /// <paramref name="maxLength"/> is compared with the trimmed text, which is what the forms store.
    /// </summary>
    public static string? Problem(string? value, bool multiLine = false, int? maxLength = null)
    {
        if (string.IsNullOrEmpty(value))
        {
            return null;
        }

        var visible = false;
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (c is '\n' or '\r' or '\t')
            {
                if (!multiLine)
                {
                    return LineBreakMessage;
                }

                continue;
            }

            if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                // A character outside the basic plane (an emoji, a rare letter): visible unless it is a format character.
                visible |= CharUnicodeInfo.GetUnicodeCategory(value, i) != UnicodeCategory.Format;
                i++;
                continue;
            }

            if (char.IsControl(c) || char.IsSurrogate(c) || c is '\uFFFE' or '\uFFFF')
            {
                return ControlMessage;
            }

            if (c is >= '\u202A' and <= '\u202E' or >= '\u2066' and <= '\u2069')
            {
                return BidiMessage;
            }

            visible |= !char.IsWhiteSpace(c) && !IsInvisible(c);
        }

        if (!visible && !string.IsNullOrWhiteSpace(value))
        {
            return InvisibleMessage;
        }

        return maxLength is { } max && value.Trim().Length > max ? TooLong(max) : null;
    }

    /// <summary>Format characters (zero-width space and joiners, byte-order mark, marks of direction) and the blank look-alikes.</summary>
    private static bool IsInvisible(char c) =>
        char.GetUnicodeCategory(c) == UnicodeCategory.Format
        || c is '\u115F' or '\u1160' or '\u3164' or '\uFFA0' or '\u2800' or '\u034F';
}

/// <summary>
/// A field of plain typed text (see <see cref="TextInput"/>): no control characters, no direction overrides,
/// at least one visible character. <see cref="MultiLine"/> allows newline and tab (notes, descriptions).
/// </summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Parameter)]
public sealed class PlainTextAttribute : ValidationAttribute
{
    public bool MultiLine { get; set; }

    protected override ValidationResult? IsValid(object? value, ValidationContext validationContext) =>
        value is string s && TextInput.Problem(s, MultiLine) is { } problem
            ? new ValidationResult(problem, validationContext.MemberName is { } m ? [m] : null)
            : ValidationResult.Success;
}
