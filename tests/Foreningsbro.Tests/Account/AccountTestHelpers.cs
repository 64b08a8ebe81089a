using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Foreningsbro.Tests.Infrastructure;
using Foreningsbro.Web.Data;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;

namespace Foreningsbro.Tests.Account;

/// <summary>The real app on an empty database: no demo data, no account, as a new installation starts.</summary>
public class EmptyAppFactory : AppFactory
{
    public const string BaseUrl = "https://foreningsbro.kommune.example";

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("DemoData:Load", "false");
        builder.UseSetting("PublicBaseUrl", BaseUrl);
    }
}

public static partial class AccountSteps
{
    [GeneratedRegex(@"https?://[^\s]+/konto/adgangskode\?token=[A-Za-z0-9_\-%]+")]
    private static partial Regex LinkPattern();

    /// <summary>The one-time link in a text (the command's output or an e-mail), as a local path.</summary>
    public static string LinkIn(string text)
    {
        var match = LinkPattern().Match(text);
        match.Success.ShouldBeTrue($"no set-password link in: {text}");
        return new Uri(match.Value).PathAndQuery;
    }

    /// <summary>The link in the newest pending e-mail of <paramref name="kind"/> to <paramref name="to"/> in the outbox.</summary>
    public static Task<string> LinkFromOutbox(this AppFactory app, string to, MessageKind kind) => app.WithDb(async db =>
    {
        var body = await db.OutboxMessages.AsNoTracking().Where(m => m.To == to && m.Kind == kind && m.Status == MessageStatus.Pending)
            .OrderByDescending(m => m.Id).Select(m => m.Body).FirstAsync();
        return LinkIn(body);
    });

    /// <summary>Opens the link and chooses the password, as the invited person would; returns the page answered.</summary>
    public static async Task<HttpResponseMessage> SetPasswordAsync(this AppFactory app, string path, string password)
    {
        var client = app.CreateAnonymousClient();
        var form = await client.GetFormAsync(path);
        return await client.PostFormAsync(path, form, new() { ["Input.Password"] = password, ["Input.Confirm"] = password });
    }

    public static async Task<HttpClient> SignInAsync(this AppFactory app, string email, string password)
    {
        var client = app.CreateAnonymousClient();
        var form = await client.GetFormAsync("/konto/log-ind");
        var response = await client.PostFormAsync("/konto/log-ind", form, new() { ["Input.Email"] = email, ["Input.Password"] = password });
        response.StatusCode.ShouldBe(HttpStatusCode.Redirect, $"login as {email} failed: {await response.Content.ReadAsStringAsync()}");
        return client;
    }

    public static async Task<HttpResponseMessage> TryTokenAsync(this AppFactory app, string email, string password) =>
        await app.CreateAnonymousClient().PostAsJsonAsync("/api/v1/auth/token", new { email, password });

    public static async Task<HttpClient> BearerClientAsync(this AppFactory app, string email, string password)
    {
        var response = await app.TryTokenAsync(email, password);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        var token = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString()!;
        var client = app.CreateAnonymousClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    public static Task<string> UserId(this AppFactory app, string email) =>
        app.WithDb(db => db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync());

    /// <summary>Invites a user through the coordinator's form; returns the response (a redirect to the user's page on success).</summary>
    public static async Task<HttpResponseMessage> InviteAsync(this HttpClient coordinator, string name, string email, string role, int? departmentId = null, int? clubId = null, int[]? programmes = null)
    {
        var form = await coordinator.GetFormAsync("/administration/brugere/inviter");
        var values = new List<KeyValuePair<string, string>>(form.Where(kv => !kv.Key.StartsWith("Input.", StringComparison.Ordinal)))
        {
            new("Input.Name", name),
            new("Input.Email", email),
            new("Input.Access.Roles", role),
            new("Input.Access.DepartmentId", departmentId?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? ""),
            new("Input.Access.ClubId", clubId?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? ""),
        };
        foreach (var p in programmes ?? [])
        {
            values.Add(new("Input.Access.ProgrammeIds", p.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }

        return await coordinator.PostAsync("/administration/brugere/inviter", new FormUrlEncodedContent(values));
    }

    /// <summary>Sets a user's roles (and department) through the coordinator's form on the user's page.</summary>
    public static async Task<HttpResponseMessage> ChangeAccessAsync(this HttpClient coordinator, string userId, string[] roles, int? departmentId = null, int? clubId = null)
    {
        var path = $"/administration/brugere/{userId}";
        var form = await coordinator.GetFormAsync(path, "#access-form");
        var values = new List<KeyValuePair<string, string>>(form.Where(kv => !kv.Key.StartsWith("Input.Access.", StringComparison.Ordinal)))
        {
            new("Input.Access.DepartmentId", departmentId?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? ""),
            new("Input.Access.ClubId", clubId?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? ""),
        };
        values.AddRange(roles.Select(r => new KeyValuePair<string, string>("Input.Access.Roles", r)));
        return await coordinator.PostAsync(path, new FormUrlEncodedContent(values));
    }

    /// <summary>Presses one of the buttons on the user's page (Deactivate, Reactivate, Reinvite).</summary>
    public static async Task<HttpResponseMessage> PressAsync(this HttpClient coordinator, string userId, string handler, string formId)
    {
        var path = $"/administration/brugere/{userId}";
        var form = await coordinator.GetFormAsync(path, formId);
        return await coordinator.PostFormAsync($"{path}?handler={handler}", form);
    }
}
