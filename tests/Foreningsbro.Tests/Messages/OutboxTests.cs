using Foreningsbro.Tests.Infrastructure;
using Foreningsbro.Tests.Referrals;
using Foreningsbro.Web.Data;
using Foreningsbro.Web.Features.Messages;
using Foreningsbro.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace Foreningsbro.Tests.Messages;

public class OutboxTests(AppFactory app) : IClassFixture<AppFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Records what it was asked to send; fails the first <c>failures</c> times.</summary>
    private sealed class RecordingSender(int failures = 0) : IMessageSender
    {
        private int left = failures;

        public List<OutboxMessage> Sent { get; } = [];

        public bool CanSend(MessageChannel channel) => true;

        public Task SendAsync(OutboxMessage message, CancellationToken ct)
        {
            lock (Sent)
            {
                if (left-- > 0)
                {
                    throw new InvalidOperationException("SMS-gatewayen svarede 503");
                }

                Sent.Add(message);
            }

            return Task.CompletedTask;
        }
    }

    private OutboxDispatch Dispatcher(IMessageSender sender) =>
        new(app.Services.GetRequiredService<IServiceScopeFactory>(), app.Clock, [sender], NullLogger<OutboxDispatch>.Instance);

    private Task<List<OutboxMessage>> MessagesFor(int citizenId) =>
        app.WithDb(db => db.OutboxMessages.AsNoTracking().Where(m => m.CitizenId == citizenId).OrderBy(m => m.Id).ToListAsync(Ct));

    /// <summary>A tuesday (when "Stavgang for alle" meets at 10) at least a week after the app's clock, which tests move forward.</summary>
    private DateOnly VisitDay()
    {
        var day = DateOnly.FromDateTime(app.Clock.GetUtcNow().UtcDateTime).AddDays(7);
        while (day.DayOfWeek != DayOfWeek.Tuesday)
        {
            day = day.AddDays(1);
        }

        return day;
    }

    private static DateTimeOffset DanishUtc(DateOnly day, int hour) =>
        new(DanishTime.ToUtc(day, new TimeOnly(hour, 0)));

    private async Task<(int CitizenId, int ReferralId, DateOnly Visit)> ReferNewCitizen(string firstName, string[]? consents = null)
    {
        var pro = await app.CreateBearerClientAs(DemoUsers.Professional);
        var citizenId = await pro.CreateCitizenAsync(Api.Citizen(firstName, consents: consents));
        var visit = VisitDay();
        var referral = await pro.CreateReferralAsync(citizenId, await app.TeamId("Stavgang for alle"), visitDate: visit.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        return (citizenId, referral.GetProperty("id").GetInt32(), visit);
    }

    [Fact]
    public async Task A_referral_writes_its_messages_in_the_same_save_without_health_information()
    {
        var (citizenId, referralId, visit) = await ReferNewCitizen("Beskeda");
        var messages = await MessagesFor(citizenId);
        messages.Select(m => m.Kind).ShouldBe([MessageKind.VisitConfirmation, MessageKind.VisitReminder, MessageKind.ClubNotice]);
        messages.ShouldAllBe(m => m.ReferralId == referralId && m.Status == MessageStatus.Pending);

        var confirmation = messages[0];
        confirmation.Channel.ShouldBe(MessageChannel.Sms);
        confirmation.To.ShouldBe("30 40 50 60");
        confirmation.Body.ShouldContain("Hej Beskeda");
        confirmation.Body.ShouldContain($"tirsdag {visit.ToString("d. MMM yyyy", Web.Infrastructure.Localization.Danish)} kl. 10.00");
        // An SMS carries the citizen's own link instead of long text (issue 15): two SMS at most, no team title.
        confirmation.Body.ShouldContain("http://localhost/mig/");
        Sms.Segments(confirmation.Body).ShouldBeLessThanOrEqualTo(2);
        confirmation.Body.ShouldNotContain("Stavgang for alle");
        foreach (var m in messages)
        {
            m.Body.ShouldNotContain("Kronisk", Case.Insensitive);
            m.Body.ShouldNotContain("sygdom", Case.Insensitive);
        }

        // The reminder waits until 10 o'clock the day before the visit (Danish time).
        messages[1].NotBeforeUtc.ShouldBe(DanishUtc(visit.AddDays(-1), 10).UtcDateTime);
        messages[2].To.ShouldBe("kontakt@taastrupmotionsforening.example.dk");
        messages[2].Body.ShouldContain("Beskeda kommer på et første besøg");
        messages[2].Body.ShouldNotContain("Apisen");
    }

    [Fact]
    public async Task The_club_hears_from_the_municipality_with_a_link_to_its_visits_and_the_citizen_gets_the_team_page_and_whom_to_tell()
    {
        var (citizenId, _, _) = await ReferNewCitizen("Linka");
        var teamId = await app.TeamId("Stavgang for alle");
        var messages = await MessagesFor(citizenId);

        // Signed by the municipality: "Jobcenter Høje-Taastrup" would tell the club the citizen is out of work (issue 13).
        var club = messages.Single(m => m.Kind == MessageKind.ClubNotice);
        club.Body.ShouldContain("bekræft besøget: http://localhost/min-forening/besoeg");
        club.Body.ShouldEndWith("Venlig hilsen Høje-Taastrup Kommune" + Environment.NewLine);
        club.Body.ShouldNotContain("Jobcenter", Case.Insensitive);
        club.Body.ShouldNotContain("Jonas");

        foreach (var m in messages.Where(m => m.Kind != MessageKind.ClubNotice))
        {
            // The team page, the map and "jeg kan ikke komme" are on the citizen's own page behind the link (issue 15).
            m.Body.ShouldContain("http://localhost/mig/");
            m.Body.ShouldNotContain($"/hold/{teamId}");
        }
    }

    [Fact]
    public async Task Each_message_is_sent_once_and_the_reminder_only_the_day_before()
    {
        var (citizenId, _, visit) = await ReferNewCitizen("Engang");
        var sender = new RecordingSender();
        var dispatch = Dispatcher(sender);

        await dispatch.RunOnceAsync(Ct);
        await dispatch.RunOnceAsync(Ct);
        sender.Sent.Where(m => m.CitizenId == citizenId).Select(m => m.Kind).ShouldBe([MessageKind.VisitConfirmation, MessageKind.ClubNotice], ignoreOrder: true);

        app.Clock.SetUtcNow(DanishUtc(visit.AddDays(-1), 10));
        await dispatch.RunOnceAsync(Ct);
        await dispatch.RunOnceAsync(Ct);
        sender.Sent.Count(m => m.CitizenId == citizenId).ShouldBe(3);
        sender.Sent.Count(m => m.CitizenId == citizenId && m.Kind == MessageKind.VisitReminder).ShouldBe(1);
        (await MessagesFor(citizenId)).ShouldAllBe(m => m.Status == MessageStatus.Sent && m.SentAtUtc != null && m.ClaimedUntilUtc == null);
    }

    /// <summary>The dispatcher was down from before the reminder until the visit had begun: the reminder is dropped, the rest still goes.</summary>
    [Fact]
    public async Task A_reminder_whose_visit_has_begun_is_dropped_not_sent_late()
    {
        var (citizenId, _, _) = await ReferNewCitizen("Forsinket");
        var sender = new RecordingSender();
        var dispatch = Dispatcher(sender);
        var visitAt = await app.WithDb(db => db.Referrals.Where(r => r.CitizenId == citizenId).Select(r => r.VisitAtUtc).SingleAsync(Ct));

        app.Clock.SetUtcNow(new DateTimeOffset(visitAt, TimeSpan.Zero).AddMinutes(5));
        await dispatch.RunOnceAsync(Ct);

        sender.Sent.Where(m => m.CitizenId == citizenId).Select(m => m.Kind).ShouldBe([MessageKind.VisitConfirmation, MessageKind.ClubNotice], ignoreOrder: true);
        var reminder = (await MessagesFor(citizenId)).Single(m => m.Kind == MessageKind.VisitReminder);
        reminder.Status.ShouldBe(MessageStatus.Cancelled);
        reminder.LastError.ShouldBe(OutboxDispatch.NotAllowedReason);
    }

    [Fact]
    public async Task Two_dispatchers_on_one_database_never_send_a_message_twice()
    {
        await ReferNewCitizen("Konkurrent");
        var sender = new RecordingSender();
        var one = Dispatcher(sender);
        var two = Dispatcher(sender);
        await Task.WhenAll(Enumerable.Range(0, 4).Select(i => (i % 2 == 0 ? one : two).RunOnceAsync(Ct)));
        sender.Sent.GroupBy(m => m.Id).ShouldAllBe(g => g.Count() == 1);
        sender.Sent.ShouldNotBeEmpty();
    }

    [Fact]
    public async Task A_failed_send_is_retried_after_a_back_off()
    {
        var (citizenId, _, _) = await ReferNewCitizen("Igen");
        await app.WithDb(db => db.OutboxMessages.Where(m => m.CitizenId != citizenId && m.Status == MessageStatus.Pending)
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.Status, MessageStatus.Cancelled), Ct));
        var sender = new RecordingSender(failures: 1);
        var dispatch = Dispatcher(sender);

        await dispatch.RunOnceAsync(Ct);
        var failed = (await MessagesFor(citizenId)).Single(m => m.Kind == MessageKind.VisitConfirmation);
        failed.Status.ShouldBe(MessageStatus.Pending);
        failed.Attempts.ShouldBe(1);
        failed.LastError.ShouldBe("SMS-gatewayen svarede 503");
        failed.NextAttemptAtUtc.ShouldBe(app.Clock.GetUtcNow().UtcDateTime.AddMinutes(1));

        await dispatch.RunOnceAsync(Ct); // too early: still waiting
        sender.Sent.ShouldNotContain(m => m.Id == failed.Id);

        app.Clock.Advance(TimeSpan.FromMinutes(1));
        await dispatch.RunOnceAsync(Ct);
        sender.Sent.Count(m => m.Id == failed.Id).ShouldBe(1);
        (await MessagesFor(citizenId)).Single(m => m.Id == failed.Id).Status.ShouldBe(MessageStatus.Sent);
    }

    [Fact]
    public async Task Nothing_is_sent_after_consent_is_withdrawn()
    {
        var (citizenId, _, visit) = await ReferNewCitizen("Fortryder");
        var pro = await app.CreateClientAs(DemoUsers.Professional);
        var page = await pro.GetDocumentAsync($"/borgere/{citizenId}");
        var form = page.FormValues("form[action$='handler=Withdraw']:has(input[value='Reminders'])");
        (await pro.PostFormAsync($"/borgere/{citizenId}?handler=Withdraw", form)).StatusCode.ShouldBe(System.Net.HttpStatusCode.Redirect);

        // Also a message written before the withdrawal that is somehow still pending is stopped at sending time.
        await app.WithDb(db => db.OutboxMessages.AddAsync(new OutboxMessage
        {
            Channel = MessageChannel.Sms,
            Kind = MessageKind.VisitReminder,
            To = "30 40 50 60",
            Subject = "x",
            Body = "x",
            CitizenId = citizenId,
            RequiresConsent = ConsentPurpose.Reminders,
            CreatedAtUtc = app.Clock.GetUtcNow().UtcDateTime,
            NotBeforeUtc = app.Clock.GetUtcNow().UtcDateTime,
            NextAttemptAtUtc = app.Clock.GetUtcNow().UtcDateTime,
        }, Ct).AsTask().ContinueWith(_ => db.SaveChangesAsync(Ct), Ct).Unwrap());

        var sender = new RecordingSender();
        await Dispatcher(sender).RunOnceAsync(Ct);
        app.Clock.SetUtcNow(DanishUtc(visit.AddDays(-1), 10));
        await Dispatcher(sender).RunOnceAsync(Ct);

        sender.Sent.Where(m => m.CitizenId == citizenId).Select(m => m.Kind).ShouldBe([MessageKind.ClubNotice]);
        (await MessagesFor(citizenId)).Where(m => m.Kind != MessageKind.ClubNotice).ShouldAllBe(m => m.Status == MessageStatus.Cancelled);
    }

    [Fact]
    public async Task The_pickup_folder_gets_an_eml_file_for_an_email()
    {
        var dir = Path.Combine(Path.GetTempPath(), "fb-pickup-" + Guid.NewGuid().ToString("N"));
        var sender = new PickupFolderSender(dir, [MessageChannel.Email, MessageChannel.Sms]);
        await sender.SendAsync(new OutboxMessage { Id = 7, Channel = MessageChannel.Email, To = "borger@example.dk", Subject = "Dit besøg", Body = "Hej Anna", CreatedAtUtc = new DateTime(2026, 11, 16, 8, 0, 0) }, Ct);
        var file = Directory.GetFiles(dir).ShouldHaveSingleItem();
        file.ShouldEndWith("-7.eml");
        var text = await File.ReadAllTextAsync(file, Ct);
        text.ShouldContain("To: borger@example.dk");
        text.ShouldContain("Hej Anna");
        Directory.Delete(dir, recursive: true);
    }

    [Fact]
    public async Task The_coordinator_sees_the_outbox_and_others_do_not()
    {
        await ReferNewCitizen("Udbakkeborger");
        var doc = await (await app.CreateCoordinatorClient()).GetDocumentAsync("/udbakke");
        doc.QuerySelector("#outbox")!.TextContent.ShouldContain("Dit første besøg");
        var pro = await app.CreateClientAs(DemoUsers.Professional);
        var response = await pro.GetAsync("/udbakke", Ct);
        response.StatusCode.ShouldBe(System.Net.HttpStatusCode.Redirect);
        response.Headers.Location!.ToString().ShouldContain("/konto/ingen-adgang");
    }
}
