using System.Net;

using Foreningsbro.Tests.Infrastructure;
using Foreningsbro.Tests.Referrals;
using Foreningsbro.Web.Infrastructure;

namespace Foreningsbro.Tests.Catalogue;

/// <summary>Issue 14: the public catalogue search's q goes through the same text rule as every typed field.</summary>
public class SearchTextRuleTests(AppFactory app) : IClassFixture<AppFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("stavgang%00", TextInput.ControlMessage)]
    [InlineData("yoga%E2%80%AEagoy", TextInput.BidiMessage)]
    [InlineData("%E2%80%8B%E2%80%8B", TextInput.InvisibleMessage)]
    [InlineData("yoga%0Aher", TextInput.LineBreakMessage)]
    public async Task The_api_refuses_a_search_text_it_cannot_read_naming_q(string q, string message)
    {
        var response = await app.CreateAnonymousClient().GetAsync($"/api/v1/teams?q={q}", Ct);

        (await response.FieldError("q")).ShouldBe(message);
    }

    [Theory]
    [InlineData("stavgang%00", TextInput.ControlMessage)]
    [InlineData("yoga%E2%80%AEagoy", TextInput.BidiMessage)]
    public async Task The_search_page_says_so_in_danish_by_the_field(string q, string message)
    {
        var response = await app.CreateAnonymousClient().GetAsync($"/hold?q={q}", Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var page = await response.ReadDocumentAsync();
        page.QuerySelector("#filter-q")!.ParentElement!.TextContent.ShouldContain(message);
    }

    [Fact]
    public async Task An_ordinary_search_text_is_still_searched()
    {
        var response = await app.CreateAnonymousClient().GetAsync("/api/v1/teams?q=stavgang", Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
    }
}
