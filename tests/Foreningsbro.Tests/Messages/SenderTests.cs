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
}
