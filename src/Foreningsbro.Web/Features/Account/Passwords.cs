using System.Collections.Frozen;
using Foreningsbro.Web.Data;
using Microsoft.AspNetCore.Identity;

namespace Foreningsbro.Web.Features.Account;

/// <summary>
/// The password rules of OWASP ASVS 5.0 level 2 (docs/adr/0015-sign-in.md): at least
/// <see cref="MinimumLength"/> characters, no composition rules (no "a digit and a capital"), and none of
/// the 10,000 most common passwords (common-passwords.txt, its origin in its first lines). PBKDF2 with
/// <see cref="Iterations"/> iterations; a hash made with fewer is re-hashed at the next login (Identity).
/// </summary>
public static class Passwords
{
    public const int MinimumLength = 12;

    /// <summary>OWASP's figure for PBKDF2-HMAC-SHA512, the algorithm of Identity's V3 hashes.</summary>
    public const int Iterations = 210_000;

    public const string TooCommonCode = "PasswordTooCommon";

    private static readonly Lazy<FrozenSet<string>> Common = new(Load);

    public static int CommonCount => Common.Value.Count;

    public static bool IsCommon(string password) => Common.Value.Contains(password.Trim());

    private static FrozenSet<string> Load()
    {
        using var stream = typeof(Passwords).Assembly.GetManifestResourceStream("Foreningsbro.Web.Features.Account.common-passwords.txt")
            ?? throw new InvalidOperationException("common-passwords.txt is not embedded in the assembly.");
        using var reader = new StreamReader(stream);
        var set = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        while (reader.ReadLine() is { } line)
        {
            if (line.Length > 0 && !line.StartsWith('#'))
            {
                set.Add(line);
            }
        }

        return set.ToFrozenSet(StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>The Danish message for one of Identity's password error codes (and ours).</summary>
    public static string Message(string code) => code switch
    {
        "PasswordTooShort" => $"Adgangskoden skal være mindst {MinimumLength} tegn. Flere ord i en sætning er lette at huske.",
        TooCommonCode => "Adgangskoden er en af de mest brugte og kan gættes. Vælg en anden, fx flere ord i en sætning.",
        _ => "Adgangskoden kan ikke bruges. Vælg en anden.",
    };
}

/// <summary>Refuses the 10,000 most common passwords, whatever their case (Identity runs it with the length rule).</summary>
public sealed class CommonPasswordValidator : IPasswordValidator<AppUser>
{
    public Task<IdentityResult> ValidateAsync(UserManager<AppUser> manager, AppUser user, string? password) =>
        Task.FromResult(password is not null && Passwords.IsCommon(password)
            ? IdentityResult.Failed(new IdentityError { Code = Passwords.TooCommonCode, Description = Passwords.Message(Passwords.TooCommonCode) })
            : IdentityResult.Success);
}
