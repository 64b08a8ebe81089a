using System.Net;
using System.Net.Http.Json;

using Foreningsbro.Tests.Infrastructure;
using Foreningsbro.Tests.Referrals;
using Foreningsbro.Web.Data;
using Foreningsbro.Web.Infrastructure;

namespace Foreningsbro.Tests.Account;

/// <summary>A NUL in the e-mail of a sign-in reached Identity's user lookup: a 500 on PostgreSQL (issue 14, finding 4).</summary>
public class TokenTextTests(AppFactory app) : IClassFixture<AppFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_nul_character_in_the_token_e_mail_is_a_400_naming_email()
    {
        var client = app.CreateAnonymousClient();
        var response = await client.PostAsJsonAsync("/api/v1/auth/token", new { email = "koordinator@demo.foreningsbro.dk\0", password = DemoData.Password }, Ct);
        (await response.FieldError("email")).ShouldBe(TextInput.ControlMessage);
    }

    [Fact]
    public async Task An_over_long_token_e_mail_is_a_400_naming_email()
    {
        var client = app.CreateAnonymousClient();
        var response = await client.PostAsJsonAsync("/api/v1/auth/token", new { email = new string('a', 300) + "@example.dk", password = "x" }, Ct);
        (await response.FieldError("email")).ShouldBe(TextInput.TooLong(Limits.Email));
    }

    [Fact]
    public async Task A_control_character_in_the_login_e_mail_is_a_danish_field_error()
    {
        var client = app.CreateAnonymousClient();
        var form = await client.GetFormAsync("/konto/log-ind");
        var response = await client.PostFormAsync("/konto/log-ind", form, new() { ["Input.Email"] = "koordinator@demo.foreningsbro.dk\u0001", ["Input.Password"] = DemoData.Password });
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync(Ct));
        (await response.ReadDocumentAsync()).FieldError("Input_Email").ShouldBe(TextInput.ControlMessage);
    }
}
