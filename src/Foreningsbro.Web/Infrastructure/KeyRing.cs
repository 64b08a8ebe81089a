using System.Security.Cryptography.X509Certificates;
using Foreningsbro.Web.Data;
using Microsoft.AspNetCore.DataProtection;

namespace Foreningsbro.Web.Infrastructure;

/// <summary>
/// The data-protection key ring (login cookies, bearer tokens, antiforgery tokens, the kiosk cookie) lives in
/// the database, so every app instance and every restart reads the same keys, under one application name.
/// The keys are encrypted at rest with the certificate in <c>DataProtection:CertificatePath</c> (a PKCS#12
/// file with <c>DataProtection:CertificatePassword</c>, or a PEM certificate with <c>DataProtection:CertificateKeyPath</c>).
/// Without one, Development and the tests store them unencrypted (data protection logs a warning); any other
/// environment refuses to start unless <c>DataProtection:AllowUnencryptedKeys</c> is true
/// (docs/adr/0016-sessions-proxy-and-instances.md).
/// </summary>
public static class KeyRing
{
    public const string DefaultApplicationName = "Foreningsbro";

    public static IServiceCollection AddAppKeyRing(this IServiceCollection services, IConfiguration config, IHostEnvironment env)
    {
        var builder = services.AddDataProtection()
            .SetApplicationName(config["DataProtection:ApplicationName"] is { Length: > 0 } name ? name : DefaultApplicationName)
            .PersistKeysToDbContext<AppDbContext>();

        if (LoadCertificate(config) is { } certificate)
        {
            builder.ProtectKeysWithCertificate(certificate);
        }
        else if (!env.IsDevelopment() && !env.IsEnvironment("Testing") && !config.GetValue("DataProtection:AllowUnencryptedKeys", false))
        {
            throw new InvalidOperationException(
                $"DataProtection:CertificatePath is not set in the {env.EnvironmentName} environment: the data-protection keys (which sign login cookies and tokens) would lie unencrypted in the database. " +
                "Set DataProtection:CertificatePath (and CertificatePassword, or CertificateKeyPath for PEM), or DataProtection:AllowUnencryptedKeys=true to accept that.");
        }

        return services;
    }

    /// <summary>The configured certificate with its private key, or null when none is configured; a configured one that cannot be read stops the start.</summary>
    public static X509Certificate2? LoadCertificate(IConfiguration config)
    {
        var path = config["DataProtection:CertificatePath"];
        if (string.IsNullOrWhiteSpace(path))
        {
            return null;
        }

        if (!File.Exists(path))
        {
            throw new InvalidOperationException($"DataProtection:CertificatePath: no file at '{path}'.");
        }

        try
        {
            var keyPath = config["DataProtection:CertificateKeyPath"];
            var certificate = !string.IsNullOrWhiteSpace(keyPath)
                ? X509Certificate2.CreateFromPemFile(path, keyPath)
                : X509CertificateLoader.LoadPkcs12FromFile(path, config["DataProtection:CertificatePassword"], X509KeyStorageFlags.EphemeralKeySet);
            return certificate.HasPrivateKey ? certificate
                : throw new InvalidOperationException($"DataProtection:CertificatePath: '{path}' has no private key, so the keys could not be read back.");
        }
        catch (System.Security.Cryptography.CryptographicException e)
        {
            throw new InvalidOperationException($"DataProtection:CertificatePath: '{path}' could not be read ({e.Message}). Is DataProtection:CertificatePassword right?", e);
        }
    }
}
