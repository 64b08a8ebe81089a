using AngleSharp.Dom;
using AngleSharp.Html.Dom;

using Foreningsbro.Tests.Infrastructure;
using Foreningsbro.Web.Data;

using Microsoft.EntityFrameworkCore;

namespace Foreningsbro.Tests.Programmes;

/// <summary>The demo programmes' sessions and participants, and the instructor page's forms, for the attendance and kiosk tests.</summary>
public static class AttendanceSetup
{
    /// <summary>Tuesday 17 November 2026, 10:15 Danish time: "Sundere sammen" and "Livsstilsholdet" both train today.</summary>
    public static readonly DateTimeOffset Tuesday = new(2026, 11, 17, 9, 15, 0, TimeSpan.Zero);

    public static readonly DateOnly TuesdayDate = new(2026, 11, 17);

    public const string Sundere = "Sundere sammen";
    public const string Lifestyle = "Livsstilsholdet";

    /// <summary>Moves the class's clock to Tuesday morning (the fake clock only goes forward).</summary>
    public static void MoveToTuesday(this AppFactory app)
    {
        if (app.Clock.GetUtcNow() < Tuesday)
        {
            app.Clock.SetUtcNow(Tuesday);
        }
    }

    public static Task<int> SessionId(this AppFactory app, string programme, DateOnly date) =>
        app.WithDb(db => db.ProgrammeSessions.Where(s => s.Programme.Name == programme && s.Date == date).Select(s => s.Id).SingleAsync());

    public static Task<int> EnrolmentId(this AppFactory app, string programme, string firstName) =>
        app.WithDb(db => db.Enrolments.Where(e => e.Programme.Name == programme && e.Citizen.FirstName == firstName).Select(e => e.Id).SingleAsync());

    public static Task<Attendance?> Attendance(this AppFactory app, int sessionId, int enrolmentId) =>
        app.WithDb(db => db.Attendances.AsNoTracking().SingleOrDefaultAsync(a => a.SessionId == sessionId && a.EnrolmentId == enrolmentId));

    public static Task<int> AttendanceCount(this AppFactory app, int sessionId) =>
        app.WithDb(db => db.Attendances.CountAsync(a => a.SessionId == sessionId));

    /// <summary>Posts one of the instructor page's forms (for a participant, or the page's own), with the values it holds plus <paramref name="changes"/>.</summary>
    public static async Task<HttpResponseMessage> PostSessionFormAsync(this HttpClient client, int sessionId, string handler, int? enrolmentId = null, Dictionary<string, string>? changes = null)
    {
        var doc = await client.GetDocumentAsync($"/instruktoer/traening/{sessionId}");
        var scope = enrolmentId is { } e ? $"#p-{e} " : "";
        var form = doc.QuerySelector<IHtmlFormElement>($"{scope}form[action*='handler={handler}']")
            ?? throw new InvalidOperationException($"No {handler} form {scope}on the page.");
        var values = doc.FormValues($"{scope}form[action*='handler={handler}']");
        foreach (var (k, v) in changes ?? [])
        {
            values[k] = v;
        }

        return await client.PostAsync(form.GetAttribute("action"), new FormUrlEncodedContent(values));
    }
}
