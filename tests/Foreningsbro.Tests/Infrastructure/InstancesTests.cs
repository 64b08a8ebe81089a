using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Foreningsbro.Web.Data;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Foreningsbro.Tests.Infrastructure;

/// <summary>
/// Two app instances on one database (issue 12): the data-protection key ring is in the database, encrypted
/// with a certificate from configuration, under one application name, and sessions are server-side, so a
/// login cookie and a form's antiforgery token issued by one instance are accepted by the other, and a logout
/// on one ends the session on the other at once. On PostgreSQL when FORENINGSBRO_TEST_POSTGRES is set,
/// otherwise on one SQLite file.
/// </summary>
public sealed class InstancesTests : IAsyncDisposable
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private readonly string database = "fb_test_shared_" + Guid.NewGuid().ToString("N")[..10];
    private readonly string folder = Directory.CreateTempSubdirectory("foreningsbro-instances-").FullName;

    private string ConnectionString => AppFactory.IsPostgres
        ? new NpgsqlConnectionStringBuilder(AppFactory.PostgresServer) { Database = database }.ToString()
        : $"Data Source={Path.Combine(folder, database + ".db")}";

    /// <summary>An instance on the shared database with the shared key certificate.</summary>
    private sealed class Instance(string connectionString, string certificate, string password) : AppFactory
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("ConnectionStrings:Default", connectionString);
            builder.UseSetting("DataProtection:CertificatePath", certificate);
            builder.UseSetting("DataProtection:CertificatePassword", password);
        }
    }

    private (string Path, string Password) NewCertificate()
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest("CN=Foreningsbro data protection (test)", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
        var password = Convert.ToHexString(RandomNumberGenerator.GetBytes(12));
        var path = Path.Combine(folder, "keys.pfx");
        File.WriteAllBytes(path, certificate.Export(X509ContentType.Pfx, password));
        return (path, password);
    }

    private static HttpClient Client(AppFactory app, CookieContainer cookies) =>
        app.CreateDefaultClient(new Uri("http://localhost"), new CookieContainerHandler(cookies));

    [Fact]
    public async Task A_cookie_and_a_form_token_from_one_instance_are_accepted_by_the_other_and_a_logout_ends_the_session_on_both()
    {
        var (certificate, password) = NewCertificate();
        await using var one = new Instance(ConnectionString, certificate, password);
        await one.InitializeAsync();
        var cookies = new CookieContainer();
        var first = Client(one, cookies);
        var loginForm = await first.GetFormAsync("/konto/log-ind"); // the key ring is made here, by instance one

        await using var two = new Instance(ConnectionString, certificate, password);
        await two.InitializeAsync();
        var second = Client(two, cookies);

        // Instance two accepts the antiforgery cookie and form token of instance one, and signs in.
        var login = await second.PostFormAsync("/konto/log-ind", loginForm, new() { ["Input.Email"] = DemoUsers.Coordinator, ["Input.Password"] = DemoData.Password });
        login.StatusCode.ShouldBe(HttpStatusCode.Redirect, "instance two refused instance one's form token");

        // Instance one accepts the login cookie of instance two.
        var page = await first.GetDocumentAsync("/borgere");
        page.QuerySelector(".site-user-name")!.TextContent.ShouldBe("Karin Koordinator");

        // Logging out on instance two with a form token of instance one ends the session on instance one at once.
        var login1 = cookies.GetCookies(new Uri("http://localhost"))[Foreningsbro.Web.Infrastructure.Security.LoginCookie]!;
        var stolen = $"{login1.Name}={login1.Value}";
        var logout = (await first.GetDocumentAsync("/borgere")).FormValues("form.log-off");
        (await second.PostFormAsync("/konto/log-ud", logout)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        using var replay = new HttpRequestMessage(HttpMethod.Get, "/borgere");
        replay.Headers.Add("Cookie", stolen);
        var afterLogout = await one.CreateAnonymousClient().SendAsync(replay, Ct);
        afterLogout.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        afterLogout.Headers.Location!.ToString().ShouldContain("/konto/log-ind");

        // The keys lie encrypted with the certificate: no master key in the clear in the database.
        var keys = await one.WithDb(db => db.DataProtectionKeys.AsNoTracking().Select(k => k.Xml).ToListAsync(Ct));
        keys.Count.ShouldBe(1, "both instances use the one key ring");
        keys[0]!.ShouldContain("EncryptedData");
        keys[0]!.ShouldNotContain("<value>");
    }

    [Fact]
    public async Task An_instance_with_another_key_ring_refuses_the_cookie_and_the_form_token()
    {
        // The control: without the shared ring (another database), the same cookie and token count for nothing.
        var (certificate, password) = NewCertificate();
        await using var one = new Instance(ConnectionString, certificate, password);
        await one.InitializeAsync();
        await using var stranger = new AppFactory();
        await stranger.InitializeAsync();
        var cookies = new CookieContainer();
        var first = Client(one, cookies);
        var loginForm = await first.GetFormAsync("/konto/log-ind");

        (await first.PostFormAsync("/konto/log-ind", loginForm, new() { ["Input.Email"] = DemoUsers.Coordinator, ["Input.Password"] = DemoData.Password })).StatusCode.ShouldBe(HttpStatusCode.Redirect);

        var refused = await Client(stranger, cookies).PostFormAsync("/konto/log-ind", loginForm, new() { ["Input.Email"] = DemoUsers.Coordinator, ["Input.Password"] = DemoData.Password });
        refused.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var page = await Client(stranger, cookies).GetAsync("/borgere", Ct);
        page.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        page.Headers.Location!.ToString().ShouldContain("/konto/log-ind");
    }

    public async ValueTask DisposeAsync()
    {
        if (AppFactory.IsPostgres)
        {
            await using var conn = new NpgsqlConnection(AppFactory.PostgresServer);
            await conn.OpenAsync();
            await using var cmd = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{database}\" WITH (FORCE)", conn);
            await cmd.ExecuteNonQueryAsync();
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(folder, recursive: true);
    }
}
