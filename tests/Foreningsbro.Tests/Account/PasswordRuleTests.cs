using System.Buffers.Binary;
using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Foreningsbro.Tests.Infrastructure;
using Foreningsbro.Web.Data;
using Foreningsbro.Web.Features.Account;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Foreningsbro.Tests.Account;

/// <summary>OWASP ASVS 5.0 level 2 passwords: 12 characters, no composition rules, no common password, PBKDF2 210,000.</summary>
public class PasswordRuleTests(AppFactory app) : IClassFixture<AppFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public void The_shipped_list_holds_the_ten_thousand_most_common_passwords()
    {
        Passwords.CommonCount.ShouldBe(10_000);
        Passwords.IsCommon("123456").ShouldBeTrue();
        Passwords.IsCommon("QwErTy123456").ShouldBeTrue();
        Passwords.IsCommon(DemoData.Password).ShouldBeFalse();
    }

    [Fact]
    public async Task A_short_password_is_refused_in_danish_and_what_was_typed_is_kept()
    {
        var link = await ResetLinkAsync(DemoUsers.HealthProfessional);
        var client = app.CreateAnonymousClient();
        var form = await client.GetFormAsync(link);
        var response = await client.PostFormAsync(link, form, new() { ["Input.Password"] = "elleve-tegn", ["Input.Confirm"] = "elleve-tegn" });

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var doc = await response.ReadDocumentAsync();
        doc.QuerySelector("#error-summary")!.TextContent.ShouldContain("Adgangskoden skal være mindst 12 tegn.");
        doc.QuerySelector<IHtmlInputElement>("#Input_Password")!.Value.ShouldBe("elleve-tegn");
        doc.QuerySelector<IHtmlInputElement>("#Input_Confirm")!.Value.ShouldBe("elleve-tegn");
        response.Headers.CacheControl!.NoStore.ShouldBeTrue();
    }

    [Theory]
    [InlineData("qwerty123456")]
    [InlineData("QWERTY123456")]
    [InlineData("1qaz2wsx3edc")]
    public async Task A_common_password_of_twelve_characters_is_refused_and_the_link_stays_usable(string common)
    {
        var link = await ResetLinkAsync(DemoUsers.OtherClubContact);
        var response = await app.SetPasswordAsync(link, common);

        var doc = await response.ReadDocumentAsync();
        doc.QuerySelector("#error-summary")!.TextContent.ShouldContain("Adgangskoden er en af de mest brugte og kan gættes.");
        doc.QuerySelector("#password-set").ShouldBeNull();
        (await app.CreateAnonymousClient().GetDocumentAsync(link)).QuerySelector("#set-password-form").ShouldNotBeNull();
    }

    [Fact]
    public async Task A_long_password_without_digits_capitals_or_symbols_is_accepted_and_works()
    {
        var link = await ResetLinkAsync(DemoUsers.OtherInstructor);
        (await (await app.SetPasswordAsync(link, "hesten spiser havre")).ReadDocumentAsync()).QuerySelector("#password-set").ShouldNotBeNull();
        await app.SignInAsync(DemoUsers.OtherInstructor, "hesten spiser havre");
    }

    [Fact]
    public async Task New_hashes_use_210000_iterations_and_an_older_hash_is_rehashed_at_login()
    {
        // A hash as Identity made it before: 100,000 iterations (its default).
        var old = new PasswordHasher<AppUser>(Options.Create(new PasswordHasherOptions { IterationCount = 100_000 }));
        await app.WithDb(async db =>
        {
            var user = await db.Users.SingleAsync(u => u.Email == DemoUsers.FuresoeProfessional, Ct);
            user.PasswordHash = old.HashPassword(user, DemoData.Password);
            await db.SaveChangesAsync(Ct);
        });
        (await IterationsOf(DemoUsers.FuresoeProfessional)).ShouldBe(100_000);

        await app.SignInAsync(DemoUsers.FuresoeProfessional, DemoData.Password);

        (await IterationsOf(DemoUsers.FuresoeProfessional)).ShouldBe(210_000);
        (await IterationsOf(DemoUsers.Coordinator)).ShouldBe(210_000);
    }

    /// <summary>Identity's V3 hash: format byte 0x01, PRF, iteration count (big-endian), salt length, salt, subkey.</summary>
    private async Task<int> IterationsOf(string email)
    {
        var hash = Convert.FromBase64String(await app.WithDb(db => db.Users.Where(u => u.Email == email).Select(u => u.PasswordHash!).SingleAsync(Ct)));
        hash[0].ShouldBe((byte)0x01);
        return (int)BinaryPrimitives.ReadUInt32BigEndian(hash.AsSpan(5, 4));
    }

    private async Task<string> ResetLinkAsync(string email)
    {
        var client = app.CreateAnonymousClient();
        var form = await client.GetFormAsync("/konto/glemt-adgangskode");
        (await client.PostFormAsync("/konto/glemt-adgangskode", form, new() { ["Input.Email"] = email })).StatusCode.ShouldBe(HttpStatusCode.OK);
        return await app.LinkFromOutbox(email, MessageKind.PasswordReset);
    }
}
