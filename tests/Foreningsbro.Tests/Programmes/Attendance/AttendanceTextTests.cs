using System.Net.Http.Json;

using Foreningsbro.Tests.Infrastructure;
using Foreningsbro.Tests.Referrals;
using Foreningsbro.Web.Data;
using Foreningsbro.Web.Infrastructure;

namespace Foreningsbro.Tests.Programmes;

/// <summary>The check-in word and check-out reason through the one text rule (issue 14, finding 4).</summary>
public class AttendanceTextTests : IClassFixture<AppFactory>
{
    private readonly AppFactory app;

    public AttendanceTextTests(AppFactory app)
    {
        this.app = app;
        app.MoveToTuesday();
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("fr\0isk", null, "[0].checkIn.word", TextInput.ControlMessage)]
    [InlineData("to\nord", null, "[0].checkIn.word", TextInput.LineBreakMessage)]
    [InlineData("\u202Ekisrf", null, "[0].checkIn.word", TextInput.BidiMessage)]
    [InlineData(null, "Godt\0 at grine", "[0].checkOut.reason", TextInput.ControlMessage)]
    [InlineData(null, "\u200B\u200B", "[0].checkOut.reason", TextInput.InvisibleMessage)]
    public async Task A_word_or_reason_the_rule_refuses_is_a_400_naming_the_field_and_nothing_is_saved(string? word, string? reason, string field, string message)
    {
        var client = await app.CreateBearerClientAs(DemoUsers.Instructor);
        var sessionId = await app.SessionId(AttendanceSetup.Sundere, AttendanceSetup.TuesdayDate);
        var sara = await app.EnrolmentId(AttendanceSetup.Sundere, "Sara");
        var before = await app.AttendanceCount(sessionId);

        var response = await client.PutAsJsonAsync($"/api/v1/sessions/{sessionId}/attendance", new object[]
        {
            new { enrolmentId = sara, status = "Present", checkIn = new { mood = 3, word }, checkOut = new { rating = 3, reason } },
        }, Ct);

        (await response.FieldError(field)).ShouldBe(message);
        (await app.AttendanceCount(sessionId)).ShouldBe(before);
    }

    [Fact]
    public async Task A_reason_over_several_lines_is_stored()
    {
        var client = await app.CreateBearerClientAs(DemoUsers.Instructor);
        var sessionId = await app.SessionId(AttendanceSetup.Sundere, AttendanceSetup.TuesdayDate);
        var ali = await app.EnrolmentId(AttendanceSetup.Sundere, "Ali");

        var response = await client.PutAsJsonAsync($"/api/v1/sessions/{sessionId}/attendance", new object[]
        {
            new { enrolmentId = ali, status = "Present", checkOut = new { rating = 4, reason = "Godt hold.\nSjov træner." } },
        }, Ct);

        response.EnsureSuccessStatusCode();
        (await app.Attendance(sessionId, ali))!.CheckOutReason.ShouldBe("Godt hold.\nSjov træner.");
    }
}
