using Foreningsbro.Tests.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.DependencyInjection;

namespace Foreningsbro.Tests.Security;

/// <summary>
/// Every endpoint the app serves, pages and API, every method and page handler: each carries a named
/// policy from Infrastructure/Security.cs, or is on the short, reviewed list of anonymous endpoints in
/// anonymous-endpoints.txt. An endpoint that relies on the fallback policy alone fails too: deny by
/// default is the safety net, not the decision. See docs/adr/0010-access-rules.md.
/// </summary>
public class EndpointInventoryTests(AppFactory app) : IClassFixture<AppFactory>
{
    public const string AllowlistFile = "tests/Foreningsbro.Tests/Security/anonymous-endpoints.txt";

    public sealed record AllowlistLine(int Number, string Key, string Reason);

    public static List<AllowlistLine> ReadAllowlist() =>
        [.. File.ReadAllLines(EndpointInventory.RepoFile(AllowlistFile))
            .Select((text, i) => (Text: text.Trim(), Number: i + 1))
            .Where(l => l.Text.Length > 0 && !l.Text.StartsWith('#'))
            .Select(l =>
            {
                var parts = l.Text.Split((char[]?)null, 3, StringSplitOptions.RemoveEmptyEntries);
                return new AllowlistLine(l.Number, parts.Length > 1 ? $"{parts[0]} {parts[1]}" : parts[0], parts.Length > 2 ? parts[2] : "");
            })];

    [Fact]
    public async Task Every_endpoint_has_a_named_policy_or_is_on_the_anonymous_allowlist()
    {
        var inventory = await EndpointInventory.LoadAsync(app.Services);
        var allowed = ReadAllowlist().Select(l => l.Key).ToHashSet(StringComparer.Ordinal);
        var policies = app.Services.GetRequiredService<IAuthorizationPolicyProvider>();
        var problems = new List<string>();
        foreach (var entry in inventory)
        {
            if (entry.AllowsAnonymous)
            {
                if (!allowed.Contains(entry.Key))
                {
                    problems.Add($"{entry.Key}: anonymous, but not in {AllowlistFile} (add it with a reason, or give it a policy)");
                }

                continue;
            }

            var data = entry.AuthorizeData;
            if (data.Count == 0)
            {
                problems.Add($"{entry.Key}: no policy; only the fallback (signed in) guards it. Add [Authorize(Policy = Policies.X)] or .RequireAuthorization(Policies.Api(Policies.X))");
            }

            foreach (var a in data)
            {
                if (string.IsNullOrEmpty(a.Policy))
                {
                    problems.Add($"{entry.Key}: an [Authorize] without a named policy (roles \"{a.Roles}\", schemes \"{a.AuthenticationSchemes}\")");
                }
                else if (await policies.GetPolicyAsync(a.Policy) is null)
                {
                    problems.Add($"{entry.Key}: policy \"{a.Policy}\" is not registered in Infrastructure/Security.cs");
                }

                if (!string.IsNullOrEmpty(a.Roles))
                {
                    problems.Add($"{entry.Key}: raw role string \"{a.Roles}\"; use a named policy");
                }
            }

            if (entry.Endpoint.Metadata.GetMetadata<AuthorizationPolicy>() is not null)
            {
                problems.Add($"{entry.Key}: an unnamed AuthorizationPolicy object; register it as a named policy in Infrastructure/Security.cs");
            }
        }

        // A test that cannot fail is a defect: the inventory must really hold the app's pages and API.
        inventory.Count.ShouldBeGreaterThan(100);
        inventory.ShouldContain(e => e.Key == "GET /borgere/{id:int}");
        inventory.ShouldContain(e => e.Key == "PUT /api/v1/sessions/{id}/attendance");
        Fail(problems);
    }

    [Fact]
    public async Task Every_line_of_the_anonymous_allowlist_names_an_anonymous_endpoint_and_a_reason()
    {
        var inventory = (await EndpointInventory.LoadAsync(app.Services)).ToDictionary(e => e.Key, StringComparer.Ordinal);
        var problems = new List<string>();
        var lines = ReadAllowlist();
        foreach (var line in lines)
        {
            if (!inventory.TryGetValue(line.Key, out var entry))
            {
                problems.Add($"line {line.Number}: {line.Key} matches no endpoint (remove it)");
            }
            else if (!entry.AllowsAnonymous)
            {
                problems.Add($"line {line.Number}: {line.Key} is not anonymous (remove it)");
            }

            if (line.Reason.Length < 10)
            {
                problems.Add($"line {line.Number}: {line.Key} needs a one-line reason");
            }
        }

        problems.AddRange(lines.GroupBy(l => l.Key).Where(g => g.Count() > 1).Select(g => $"{g.Key} is listed {g.Count()} times"));
        Fail(problems);
    }

    private static void Fail(List<string> problems)
    {
        if (problems.Count > 0)
        {
            Assert.Fail($"{problems.Count} problem(s):{Environment.NewLine}{string.Join(Environment.NewLine, problems)}");
        }
    }

    [Fact]
    public async Task The_funnel_page_and_the_funnel_api_share_the_coordinator_policy()
    {
        var inventory = await EndpointInventory.LoadAsync(app.Services);
        string[] Policies(string key) => [.. inventory.Single(e => e.Key == key).AuthorizeData.Select(a => a.Policy!)];

        Policies("GET /rapporter/tragt").ShouldContain(Web.Infrastructure.Policies.Coordinator);
        Policies("GET /api/v1/reports/funnel").ShouldContain(Web.Infrastructure.Policies.Coordinator);
    }
}
