using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

using Foreningsbro.Tests.Infrastructure;
using Foreningsbro.Web.Data;

namespace Foreningsbro.Tests.Referrals;

/// <summary>Calls of the bridging API as an integration would make them: bearer token, JSON.</summary>
public static class Api
{
    // One token per user and app: the token endpoint is rate-limited per client address, and every test client has the same.
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<AppFactory, System.Collections.Concurrent.ConcurrentDictionary<string, (string Token, DateTimeOffset IssuedAt)>> Tokens = [];

    public static async Task<HttpClient> CreateBearerClientAs(this AppFactory app, string email)
    {
        var client = app.CreateAnonymousClient();
        var tokens = Tokens.GetOrCreateValue(app);
        // Tokens live 30 minutes of the app's (fake) clock, which some tests move forward.
        if (!tokens.TryGetValue(email, out var cached) || app.Clock.GetUtcNow() - cached.IssuedAt > TimeSpan.FromMinutes(20))
        {
            var response = await client.PostAsJsonAsync("/api/v1/auth/token", new { email, password = DemoData.Password });
            response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
            cached = ((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString()!, app.Clock.GetUtcNow());
            tokens[email] = cached;
        }

        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", cached.Token);
        return client;
    }

    public static object Citizen(string firstName, string lastName = "Apisen", string? phone = "30 40 50 60", string? email = null, int birthYear = 1980, string[]? consents = null) => new
    {
        firstName,
        lastName,
        phone,
        email,
        birthYear,
        postalCode = "2630",
        targetGroup = "ChronicIllnessWeakAttachment",
        preferredChannel = phone is null ? "Phone" : "Sms",
        consents = consents ?? ["ShareWithClub", "Reminders"],
    };

    public static async Task<int> CreateCitizenAsync(this HttpClient client, object citizen)
    {
        var response = await client.PostAsJsonAsync("/api/v1/citizens", citizen);
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("citizen").GetProperty("id").GetInt32();
    }

    public static async Task<JsonElement> CreateReferralAsync(this HttpClient client, int citizenId, int teamId, string visitDate = "2026-11-24", Guid? key = null)
    {
        var response = await client.PostAsJsonAsync("/api/v1/referrals", new { citizenId, teamId, visitMode = "Alone", visitDate, idempotencyKey = key });
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    public static async Task<JsonElement> Problem(this HttpResponseMessage response) => await response.Content.ReadFromJsonAsync<JsonElement>();

    /// <summary>The first error message for a field of a ValidationProblem.</summary>
    public static async Task<string> FieldError(this HttpResponseMessage response, string field)
    {
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var body = await response.Problem();
        body.GetProperty("errors").TryGetProperty(field, out var messages).ShouldBeTrue($"no error for {field}: {body}");
        return messages[0].GetString()!;
    }
}
