using System.Net;
using System.Text.Json;
using Foreningsbro.Web.Data;
using Foreningsbro.Web.Features.Messages;
using Microsoft.Extensions.Configuration;

namespace Foreningsbro.Tests.Messages;

public class SenderTests
{
    private sealed class Gateway(HttpStatusCode status) : HttpMessageHandler
    {
        public List<(HttpRequestMessage Request, string Body)> Calls { get; } = [];

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Calls.Add((request, await request.Content!.ReadAsStringAsync(cancellationToken)));
            return new HttpResponseMessage(status);
        }
    }

    private sealed class Factory(HttpMessageHandler handler) : IHttpClientFactory
    {
        public HttpClient CreateClient(string name) => new(handler, disposeHandler: false);
    }

    private static readonly IConfiguration Config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
    {
        ["Outbox:Sms:Url"] = "https://sms.example.dk/send",
        ["Outbox:Sms:ApiKey"] = "hemmelig-noegle",
        ["Outbox:Sms:From"] = "Kommunen",
    }).Build();

    private static OutboxMessage Sms() => new() { Id = 1, Channel = MessageChannel.Sms, To = "12345678", Subject = "x", Body = "Hej Anna" };

    [Fact]
    public async Task The_sms_gateway_gets_a_json_post_with_the_key()
    {
        using var gateway = new Gateway(HttpStatusCode.OK);
        await new HttpSmsSender(new Factory(gateway), Config).SendAsync(Sms(), TestContext.Current.CancellationToken);

        var (request, body) = gateway.Calls.ShouldHaveSingleItem();
        request.RequestUri!.ToString().ShouldBe("https://sms.example.dk/send");
        request.Headers.Authorization!.ToString().ShouldBe("Bearer hemmelig-noegle");
        var json = JsonDocument.Parse(body).RootElement;
        json.GetProperty("to").GetString().ShouldBe("12345678");
        json.GetProperty("message").GetString().ShouldBe("Hej Anna");
    }

    [Fact]
    public async Task A_gateway_error_is_a_failed_send_the_dispatcher_retries()
    {
        using var gateway = new Gateway(HttpStatusCode.ServiceUnavailable);
        await Should.ThrowAsync<HttpRequestException>(() => new HttpSmsSender(new Factory(gateway), Config).SendAsync(Sms(), TestContext.Current.CancellationToken));
    }

    [Fact]
    public void The_back_off_doubles_from_one_minute_up_to_an_hour()
    {
        Enumerable.Range(1, 8).Select(a => OutboxDispatch.Backoff(a).TotalMinutes).ShouldBe([1, 2, 4, 8, 16, 32, 60, 60]);
    }

    [Fact]
    public void A_message_is_retried_hourly_until_an_attempt_a_day_after_the_first_fails()
    {
        var first = new DateTime(2026, 11, 16, 8, 0, 0, DateTimeKind.Utc);
        var day = TimeSpan.FromHours(24);
        OutboxDispatch.NextAttempt(1, first, first, day).ShouldBe(new DateTime(2026, 11, 16, 8, 1, 0, DateTimeKind.Utc));
        OutboxDispatch.NextAttempt(6, first, first.AddMinutes(31), day).ShouldBe(new DateTime(2026, 11, 16, 9, 3, 0, DateTimeKind.Utc));
        OutboxDispatch.NextAttempt(7, first, first.AddMinutes(63), day).ShouldBe(new DateTime(2026, 11, 16, 10, 3, 0, DateTimeKind.Utc));
        // Attempt 29 at 23 h 3 min is inside the day: one more at 24 h 3 min (17 November 08.03), and then no more.
        OutboxDispatch.NextAttempt(29, first, first.AddMinutes(1383), day).ShouldBe(new DateTime(2026, 11, 17, 8, 3, 0, DateTimeKind.Utc));
        OutboxDispatch.NextAttempt(30, first, first.AddMinutes(1443), day).ShouldBeNull();
        OutboxDispatch.NextAttempt(2, first, first.AddHours(24), day).ShouldBeNull();
    }

    [Fact]
    public void Failed_attempts_are_counted_back_along_the_back_off_from_the_last_one()
    {
        var first = new DateTime(2026, 11, 16, 8, 0, 0, DateTimeKind.Utc);
        // Eight attempts at 0, 1, 3, 7, 15, 31, 63, 123 minutes; the last is 123 minutes after the first.
        OutboxDispatch.LastAttemptAt(MessageStatus.Pending, 8, first.AddMinutes(183)).ShouldBe(first.AddMinutes(123));
        OutboxDispatch.LastAttemptAt(MessageStatus.Failed, 30, first.AddMinutes(1443)).ShouldBe(first.AddMinutes(1443));
        OutboxDispatch.FailedAttemptsAfter(8, first.AddMinutes(123), null).ShouldBe(8);
        OutboxDispatch.FailedAttemptsAfter(8, first.AddMinutes(123), first.AddMinutes(10)).ShouldBe(4); // 15, 31, 63, 123
        OutboxDispatch.FailedAttemptsAfter(8, first.AddMinutes(123), first.AddMinutes(123)).ShouldBe(0);
    }
}
