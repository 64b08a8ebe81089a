using System.Net;

using Foreningsbro.Tests.Infrastructure;

namespace Foreningsbro.Tests.Programmes;

/// <summary>The instructor page's status buttons (?handler=Status): the session is looked up in the user's scope before the form is read.</summary>
public class AttendanceStatusFormTests : IClassFixture<AppFactory>
{
    private readonly AppFactory app;

    public AttendanceStatusFormTests(AppFactory app)
    {
        this.app = app;
        app.MoveToTuesday();
    }

    [Fact]
    public async Task Another_programmes_instructor_gets_not_found_for_a_status_form_like_for_every_other_button()
    {
        var session = await app.SessionId(AttendanceSetup.Lifestyle, AttendanceSetup.TuesdayDate);
        var fatima = await app.EnrolmentId(AttendanceSetup.Lifestyle, "Fatima");
        var ole = await app.CreateClientAs(DemoUsers.OtherInstructor);
        var token = (await ole.GetFormAsync("/instruktoer/pin"))["__RequestVerificationToken"];
        var url = $"/instruktoer/traening/{session}?handler=Status";

        var empty = await ole.PostFormAsync(url, new() { ["__RequestVerificationToken"] = token });
        var valid = await ole.PostFormAsync(url, new() { ["__RequestVerificationToken"] = token, ["Input.EnrolmentId"] = $"{fatima}", ["Input.Status"] = "Present" });

        empty.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        valid.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await app.AttendanceCount(session)).ShouldBe(0);
    }

    [Fact]
    public async Task A_status_form_without_a_status_is_answered_on_the_participants_card_and_records_nothing()
    {
        var session = await app.SessionId(AttendanceSetup.Lifestyle, AttendanceSetup.TuesdayDate);
        var fatima = await app.EnrolmentId(AttendanceSetup.Lifestyle, "Fatima");
        var ida = await app.CreateClientAs(DemoUsers.Instructor);

        var response = await ida.PostSessionFormAsync(session, "Status", fatima);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var doc = await response.ReadDocumentAsync();
        doc.QuerySelector($"#p-{fatima} .form-error-message")!.TextContent.Trim().ShouldBe("Vælg mødt, afbud eller udeblevet.");
        (await app.Attendance(session, fatima)).ShouldBeNull();
    }
}
