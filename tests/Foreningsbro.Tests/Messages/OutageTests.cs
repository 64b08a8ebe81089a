using System.Net;
using Foreningsbro.Tests.Infrastructure;
using Foreningsbro.Tests.Referrals;
using Foreningsbro.Web.Data;
using Foreningsbro.Web.Features.Messages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace Foreningsbro.Tests.Messages;

/// <summary>A mail or SMS server that is down for a while: retried for a day, then "Send igen" on /udbakke, and a banner.</summary>
public class OutageTests(AppFactory app) : IClassFixture<AppFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>A server that is down until told otherwise; records what it sent.</summary>
    private sealed class Server : IMessageSender
    {
        public bool Down { get; set; } = true;

        public List<OutboxMessage> Sent { get; } = [];

        public bool CanSend(MessageChannel channel) => true;

        public Task SendAsync(OutboxMessage message, CancellationToken ct)
        {
            if (Down)
            {
                throw new InvalidOperationException("Forbindelsen til mailserveren blev afvist");
            }

            lock (Sent)
            {
                Sent.Add(message);
            }

            return Task.CompletedTask;
        }
    }

    private OutboxDispatch Dispatcher(IMessageSender sender) =>
        new(app.Services.GetRequiredService<IServiceScopeFactory>(), app.Clock, [sender], NullLogger<OutboxDispatch>.Instance);

    private DateTime Now => app.Clock.GetUtcNow().UtcDateTime;

    private Task<OutboxMessage> Message(long id) => app.WithDb(db => db.OutboxMessages.AsNoTracking().SingleAsync(m => m.Id == id, Ct));

    /// <summary>Refers a new citizen and cancels every other pending message, so only this citizen's confirmation (SMS) and club notice (e-mail) are due.</summary>
    private async Task<(int CitizenId, long Confirmation, long ClubNotice)> OnlyNewMessages(string firstName)
    {
        var pro = await app.CreateBearerClientAs(DemoUsers.Professional);
        var citizenId = await pro.CreateCitizenAsync(Api.Citizen(firstName));
        var day = DateOnly.FromDateTime(Now).AddDays(7);
        while (day.DayOfWeek != DayOfWeek.Tuesday)
        {
            day = day.AddDays(1);
        }

        await pro.CreateReferralAsync(citizenId, await app.TeamId("Stavgang for alle"), visitDate: day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        await app.WithDb(db => db.OutboxMessages.Where(m => m.CitizenId != citizenId && m.Status == MessageStatus.Pending)
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.Status, MessageStatus.Cancelled), Ct));
        var ids = await app.WithDb(db => db.OutboxMessages.Where(m => m.CitizenId == citizenId).Select(m => new { m.Id, m.Kind }).ToListAsync(Ct));
        return (citizenId, ids.Single(m => m.Kind == MessageKind.VisitConfirmation).Id, ids.Single(m => m.Kind == MessageKind.ClubNotice).Id);
    }

    /// <summary>Runs the dispatcher at each next attempt of the message until <paramref name="until"/>; returns the number of runs.</summary>
    private async Task<int> RunUntil(OutboxDispatch dispatch, long id, DateTime until)
    {
        var runs = 0;
        await dispatch.RunOnceAsync(Ct);
        runs++;
        while ((await Message(id)) is { Status: MessageStatus.Pending } m && m.NextAttemptAtUtc <= until)
        {
            app.Clock.SetUtcNow(new DateTimeOffset(DateTime.SpecifyKind(m.NextAttemptAtUtc, DateTimeKind.Utc)));
            await dispatch.RunOnceAsync(Ct);
            runs++;
        }

        return runs;
    }

    [Fact]
    public async Task A_three_hour_outage_loses_nothing_the_message_is_sent_when_the_server_returns()
    {
        var (_, confirmation, _) = await OnlyNewMessages("Tretimer");
        var server = new Server();
        var dispatch = Dispatcher(server);
        var start = Now;

        // Attempts at 0, 1, 3, 7, 15, 31, 63, 123 minutes: 8 attempts within three hours, all failed.
        (await RunUntil(dispatch, confirmation, start.AddHours(3))).ShouldBe(8);
        var waiting = await Message(confirmation);
        waiting.Status.ShouldBe(MessageStatus.Pending);
        waiting.Attempts.ShouldBe(8);
        waiting.NextAttemptAtUtc.ShouldBe(start.AddMinutes(183));
        waiting.LastError.ShouldBe("Forbindelsen til mailserveren blev afvist");

        server.Down = false;
        app.Clock.SetUtcNow(new DateTimeOffset(start.AddMinutes(183), TimeSpan.Zero));
        await dispatch.RunOnceAsync(Ct);
        server.Sent.Count(m => m.Id == confirmation).ShouldBe(1);
        (await Message(confirmation)).Status.ShouldBe(MessageStatus.Sent);
    }

    [Fact]
    public async Task A_twenty_five_hour_outage_fails_the_message_after_a_day_of_hourly_attempts()
    {
        var (_, confirmation, _) = await OnlyNewMessages("Doegnborger");
        var dispatch = Dispatcher(new Server());
        var start = Now;

        // 0, 1, 3, 7, 15, 31, 63 minutes, then hourly to 63 + 23·60 = 1443 minutes (24 h 3 min): 30 attempts.
        (await RunUntil(dispatch, confirmation, start.AddHours(25))).ShouldBe(30);
        var failed = await Message(confirmation);
        failed.Status.ShouldBe(MessageStatus.Failed);
        failed.Attempts.ShouldBe(30);
        failed.NextAttemptAtUtc.ShouldBe(start.AddMinutes(1443)); // a failed message keeps its last attempt's time
        Now.ShouldBe(start.AddMinutes(1443));

        var doc = await (await app.CreateCoordinatorClient()).GetDocumentAsync("/udbakke");
        doc.QuerySelector($"form[data-message='{confirmation}']")!.TextContent.ShouldContain("Send igen");
    }

    [Fact]
    public async Task Send_igen_sends_a_failed_message_once_even_after_a_double_submit()
    {
        var (citizenId, confirmation, _) = await OnlyNewMessages("Igensender");
        await app.WithDb(db => db.OutboxMessages.Where(m => m.Id == confirmation).ExecuteUpdateAsync(s => s.SetProperty(m => m.Status, MessageStatus.Failed).SetProperty(m => m.Attempts, 30).SetProperty(m => m.LastError, "nede"), Ct));

        var coordinator = await app.CreateCoordinatorClient();
        var doc = await coordinator.GetDocumentAsync("/udbakke");
        var action = doc.QuerySelector($"form[data-message='{confirmation}']")!.GetAttribute("action")!;
        var form = doc.FormValues($"form[data-message='{confirmation}']");
        (await coordinator.PostFormAsync(action, form)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await coordinator.PostFormAsync(action, form)).StatusCode.ShouldBe(HttpStatusCode.Redirect);

        var reset = await Message(confirmation);
        reset.Status.ShouldBe(MessageStatus.Pending);
        reset.Attempts.ShouldBe(0);
        reset.NextAttemptAtUtc.ShouldBe(Now);
        (await app.WithDb(db => db.AccessLog.CountAsync(e => e.CitizenId == citizenId && e.View == "Udbakke: besked sendt igen", Ct))).ShouldBe(1);

        var page = await coordinator.GetDocumentAsync("/udbakke");
        page.QuerySelector($"form[data-message='{confirmation}']").ShouldBeNull();
        page.QuerySelector($"#message-{confirmation}")!.TextContent.ShouldContain("Sendes " + Web.Data.Labels.DanishDateTime(Now));

        var server = new Server { Down = false };
        var dispatch = Dispatcher(server);
        await dispatch.RunOnceAsync(Ct);
        await dispatch.RunOnceAsync(Ct);
        server.Sent.Count(m => m.Id == confirmation).ShouldBe(1);
        (await Message(confirmation)).Status.ShouldBe(MessageStatus.Sent);
    }

    [Fact]
    public async Task Send_igen_does_not_resend_a_message_whose_consent_was_withdrawn()
    {
        var (citizenId, confirmation, _) = await OnlyNewMessages("Fortrudt");
        await app.WithDb(db => db.OutboxMessages.Where(m => m.Id == confirmation).ExecuteUpdateAsync(s => s.SetProperty(m => m.Status, MessageStatus.Failed).SetProperty(m => m.Attempts, 30), Ct));
        var coordinator = await app.CreateCoordinatorClient();
        var doc = await coordinator.GetDocumentAsync("/udbakke");
        var action = doc.QuerySelector($"form[data-message='{confirmation}']")!.GetAttribute("action")!;
        var form = doc.FormValues($"form[data-message='{confirmation}']");

        var pro = await app.CreateClientAs(DemoUsers.Professional);
        var citizenPage = await pro.GetDocumentAsync($"/borgere/{citizenId}");
        var withdraw = citizenPage.FormValues("form[action$='handler=Withdraw']:has(input[value='Reminders'])");
        (await pro.PostFormAsync($"/borgere/{citizenId}?handler=Withdraw", withdraw)).StatusCode.ShouldBe(HttpStatusCode.Redirect);

        var response = await coordinator.PostFormAsync(action, form);
        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var after = await coordinator.GetDocumentAsync(response.Headers.Location!.ToString());
        after.QuerySelector("main")!.TextContent.ShouldContain("Beskeden sendes ikke igen: borgeren har trukket samtykket tilbage");
        (await Message(confirmation)).Status.ShouldBe(MessageStatus.Cancelled);

        var server = new Server { Down = false };
        await Dispatcher(server).RunOnceAsync(Ct);
        server.Sent.ShouldNotContain(m => m.Id == confirmation);
    }

    [Fact]
    public async Task Only_the_coordinator_may_send_a_message_again()
    {
        var (_, confirmation, _) = await OnlyNewMessages("Ikkedig");
        await app.WithDb(db => db.OutboxMessages.Where(m => m.Id == confirmation).ExecuteUpdateAsync(s => s.SetProperty(m => m.Status, MessageStatus.Failed), Ct));
        var doc = await (await app.CreateCoordinatorClient()).GetDocumentAsync("/udbakke");
        var action = doc.QuerySelector($"form[data-message='{confirmation}']")!.GetAttribute("action")!;

        var pro = await app.CreateClientAs(DemoUsers.Professional);
        var form = await pro.GetFormAsync($"/borgere/{(await app.WithDb(db => db.OutboxMessages.Where(m => m.Id == confirmation).Select(m => m.CitizenId).SingleAsync(Ct)))}", "form[action$='handler=Withdraw']");
        var response = await pro.PostFormAsync(action, form);
        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        response.Headers.Location!.ToString().ShouldContain("/konto/ingen-adgang");
        (await Message(confirmation)).Status.ShouldBe(MessageStatus.Failed);
    }

    [Fact]
    public async Task The_banner_says_the_mail_server_is_down_after_five_failures_in_a_row_and_goes_after_a_success()
    {
        // A success on each channel just before: the streak starts here, whatever earlier tests left behind.
        await app.WithDb(async db =>
        {
            foreach (var channel in Enum.GetValues<MessageChannel>())
            {
                db.OutboxMessages.Add(new OutboxMessage { Channel = channel, Kind = MessageKind.ClubNotice, To = "x@example.dk", Subject = "x", Body = "x", Status = MessageStatus.Sent, CreatedAtUtc = Now, NotBeforeUtc = Now, NextAttemptAtUtc = Now, SentAtUtc = Now, Attempts = 1 });
            }

            await db.SaveChangesAsync(Ct);
        });
        app.Clock.Advance(TimeSpan.FromSeconds(1));
        var (_, _, clubNotice) = await OnlyNewMessages("Banner");
        var server = new Server();
        var dispatch = Dispatcher(server);
        var coordinator = await app.CreateCoordinatorClient();

        // Four failed attempts (0, 1, 3, 7 minutes) on each channel: no banner yet.
        await RunUntil(dispatch, clubNotice, Now.AddMinutes(7));
        (await Message(clubNotice)).Attempts.ShouldBe(4);
        (await coordinator.GetDocumentAsync("/udbakke")).QuerySelector("#outbox-down-Email").ShouldBeNull();

        app.Clock.SetUtcNow(new DateTimeOffset((await Message(clubNotice)).NextAttemptAtUtc, TimeSpan.Zero));
        await dispatch.RunOnceAsync(Ct);
        var doc = await coordinator.GetDocumentAsync("/udbakke");
        var banner = doc.QuerySelector("#outbox-down-Email")!.TextContent;
        banner.ShouldContain("E-mailserveren svarer ikke: de seneste 5 forsøg mislykkedes, senest");
        banner.ShouldContain(Web.Data.Labels.DanishDateTime(Now));
        banner.ShouldNotContain("kontakt@"); // no recipients, no texts
        doc.QuerySelector("#outbox-down-Sms")!.TextContent.ShouldContain("SMS-tjenesten svarer ikke");
        doc.QuerySelector($"#message-{clubNotice}")!.TextContent.ShouldContain("Næste forsøg " + Web.Data.Labels.DanishDateTime(Now.AddMinutes(16)));

        server.Down = false;
        app.Clock.Advance(TimeSpan.FromMinutes(16));
        await dispatch.RunOnceAsync(Ct);
        (await Message(clubNotice)).Status.ShouldBe(MessageStatus.Sent);
        var after = await coordinator.GetDocumentAsync("/udbakke");
        after.QuerySelector("#outbox-down-Email").ShouldBeNull();
        after.QuerySelector("#outbox-down-Sms").ShouldBeNull();
    }
}
