using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Foreningsbro.Bench;

/// <summary>
/// The bench users signed in to a running app, as the bridging scenarios need them: bearer tokens
/// for the API (POST /api/v1/auth/token) and login cookies for the pages (the login form).
/// </summary>
public sealed partial class BenchSession
{
    private BenchSession(BridgingData data, string coordinatorToken, IReadOnlyList<string> professionalTokens, IReadOnlyList<string> clubContactCookies, IReadOnlyList<string> instructorTokens)
    {
        Data = data;
        CoordinatorToken = coordinatorToken;
        ProfessionalTokens = professionalTokens;
        ClubContactCookies = clubContactCookies;
        InstructorTokens = instructorTokens;
    }

    public BridgingData Data { get; }
    public string CoordinatorToken { get; }
    /// <summary>In the order of <see cref="BridgingData.Professionals"/>.</summary>
    public IReadOnlyList<string> ProfessionalTokens { get; }
    /// <summary>A Cookie header per club contact.</summary>
    public IReadOnlyList<string> ClubContactCookies { get; }
    /// <summary>In the order of <see cref="BridgingData.Instructors"/>.</summary>
    public IReadOnlyList<string> InstructorTokens { get; }

    public static async Task<BenchSession> LoginAsync(Uri app, BridgingData data, CancellationToken ct)
    {
        // The token endpoint allows 10 requests a minute per address: one per user (at most 9) is within it.
        using var api = new HttpClient { BaseAddress = app, Timeout = TimeSpan.FromSeconds(30) };
        async Task<string> Token(string email)
        {
            using var response = await api.PostAsJsonAsync("api/v1/auth/token", new { email, password = BridgingGenerator.Password }, ct);
            var body = await response.Content.ReadAsStringAsync(ct);
            if (!response.IsSuccessStatusCode)
            {
                throw new InvalidOperationException($"Could not get a token for {email}: {(int)response.StatusCode} {body}");
            }

            return JsonDocument.Parse(body).RootElement.GetProperty("accessToken").GetString()!;
        }

        var coordinator = await Token(data.Coordinator);
        var professionals = new List<string>();
        foreach (var p in data.Professionals)
        {
            professionals.Add(await Token(p.Email));
        }

        var instructors = new List<string>();
        foreach (var i in data.Instructors)
        {
            instructors.Add(await Token(i.Email));
        }

        var cookies = new List<string>();
        foreach (var (email, _) in data.ClubContacts)
        {
            cookies.Add(await CookieAsync(app, email, ct));
        }

        return new BenchSession(data, coordinator, professionals, cookies, instructors);
    }

    /// <summary>Signs in through the login form, as a browser does, and returns the Cookie header to send.</summary>
    private static async Task<string> CookieAsync(Uri app, string email, CancellationToken ct)
    {
        var jar = new CookieContainer();
        using var handler = new HttpClientHandler { CookieContainer = jar, AllowAutoRedirect = false };
        using var client = new HttpClient(handler) { BaseAddress = app, Timeout = TimeSpan.FromSeconds(30) };
        var form = await client.GetStringAsync("konto/log-ind", ct);
        var token = AntiforgeryField().Match(form) is { Success: true } m ? WebUtility.HtmlDecode(m.Groups[1].Value) : throw new InvalidOperationException("The login form has no anti-forgery token.");
        using var response = await client.PostAsync("konto/log-ind", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.Email"] = email,
            ["Input.Password"] = BridgingGenerator.Password,
            ["__RequestVerificationToken"] = token,
        }), ct);
        if (response.StatusCode != HttpStatusCode.Redirect)
        {
            throw new InvalidOperationException($"Could not log in as {email}: {(int)response.StatusCode}");
        }

        return jar.GetCookieHeader(app);
    }

    [GeneratedRegex("""name="__RequestVerificationToken"[^>]*value="([^"]+)""")]
    private static partial Regex AntiforgeryField();
}
