using System.Text;
using QRCoder;

namespace Foreningsbro.Web.Features.Account;

/// <summary>
/// Two-factor login with an authenticator app (TOTP, RFC 6238) through Identity's own authenticator support:
/// the key and the recovery codes are in AspNetUserTokens, a wrong code counts towards the account's lockout,
/// a recovery code works once. These are the pieces the pages share.
/// </summary>
public static class TwoFactor
{
    public const int RecoveryCodeCount = 10;

    /// <summary>What the user typed, without the spaces and dashes apps and printouts put in.</summary>
    public static string Normalize(string? code) =>
        new((code ?? "").Where(c => !char.IsWhiteSpace(c) && c != '-').ToArray());

    /// <summary>A recovery code as Identity stores it (XXXXX-XXXXX, capitals), however it was typed: with or without the dash, in any case.</summary>
    public static string NormalizeRecoveryCode(string? code)
    {
        var plain = Normalize(code).ToUpperInvariant();
        return plain.Length == 10 ? plain[..5] + "-" + plain[5..] : plain;
    }

    /// <summary>The otpauth address an authenticator app reads from the QR code (Key Uri Format).</summary>
    public static string AuthenticatorUri(string email, string key) =>
        $"otpauth://totp/{Uri.EscapeDataString("Foreningsbro:" + email)}?secret={key}&issuer=Foreningsbro&digits=6";

    /// <summary>The key in groups of four, for typing it into an app by hand.</summary>
    public static string Grouped(string key)
    {
        var b = new StringBuilder();
        for (var i = 0; i < key.Length; i += 4)
        {
            b.Append(key.AsSpan(i, Math.Min(4, key.Length - i))).Append(' ');
        }

        return b.ToString().TrimEnd().ToLowerInvariant();
    }

    /// <summary>The QR code as an SVG data address (the CSP allows data: images; nothing leaves the server).</summary>
    public static string QrDataUri(string text)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(text, QRCodeGenerator.ECCLevel.M);
        var svg = new SvgQRCode(data).GetGraphic(5);
        return "data:image/svg+xml;base64," + Convert.ToBase64String(Encoding.UTF8.GetBytes(svg));
    }
}
