using System.Diagnostics;
using System.Net;
using System.Text;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using CsCheck;
using Foreningsbro.Tests.Programmes;
using Foreningsbro.Tests.Referrals;
using Foreningsbro.Web.Infrastructure;

namespace Foreningsbro.Tests.Infrastructure;

/// <summary>
/// Issue 14, finding 7, as the reliability review measured it: fuzzed posts to the important page forms
/// (new citizen, conversation, referral, team edit, extra session, login) with the token valid, missing,
/// garbled or another visitor's, fields kept, removed or replaced with nasty values, and now and then a body
/// that is not a form. A page never answers 5xx and never JSON; a well-formed form refused for its token is
/// shown again (400, HTML) with the message and the text typed into it.
/// </summary>
public class FormFuzzTests(AppFactory app) : IClassFixture<AppFactory>
{
    public const int Budget = 200;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private sealed record Form(int Client, string Action, Dictionary<string, string> Values, string[] TextFields);

    private sealed record Case(int Form, int Token, IReadOnlyList<(int Field, int Change, string Value)> Changes, int Body)
    {
        public bool WellFormed => Body == 0;
    }

    private static readonly string[] Tokens = ["valid", "missing", "garbled", "another visitor's"];

    private static readonly Gen<string> Nasty = Gen.OneOf(
        "", " ", "0", "-1", "2147483648", "abc", "æøå", "A\0B", "a\u202Eb", "\u200B\u200B", "line\nbreak", "<script>alert(1)</script>",
        "' OR 1=1 --", "9999-12-31", "2026-02-30", "25:99", "Alone", "Sms", "ShareWithClub", new string('x', 201), new string('å', 3000));

    [Fact]
    public async Task Fuzzed_page_form_posts_never_answer_json_or_5xx_and_a_refused_form_keeps_the_input()
    {
        var pro = await app.CreateClientAs(DemoUsers.Professional);
        var coordinator = await app.CreateCoordinatorClient();
        var malene = await app.CreateClientAs(DemoUsers.FuresoeProfessional);
        var anonymous = app.CreateAnonymousClient();
        HttpClient[] clients = [pro, coordinator, malene, anonymous];
        var citizen = await pro.CreateCitizenAsync("Fuzz", "Formsen");
        var team = await app.TeamId("Stavgang for alle");
        var programme = await app.ProgrammeId("Sundere sammen");
        var otherToken = (await app.CreateAnonymousClient().GetFormAsync("/konto/log-ind"))["__RequestVerificationToken"];

        List<Form> forms =
        [
            await FormAsync(0, pro, "/borgere/ny", null),
            await FormAsync(0, pro, $"/borgere/{citizen}/samtale", null),
            await FormAsync(0, pro, $"/borgere/{citizen}/henvis/{team}", "#referral-form"),
            await FormAsync(1, coordinator, $"/hold/{team}/rediger", "#team-form"),
            await FormAsync(2, malene, $"/forloeb/{programme}/traeninger", "#extra-form"),
            await FormAsync(3, anonymous, "/konto/log-ind", null),
        ];

        var gen = from form in Gen.Int[0, forms.Count - 1]
                  from token in Gen.Frequency((1, Gen.Const(0)), (3, Gen.Int[1, 3]))
                  from changes in Gen.Select(Gen.Int[0, 99], Gen.Int[0, 3], Nasty).Array[0, 4]
                  from body in Gen.Frequency((8, Gen.Const(0)), (1, Gen.Int[1, 3]))
                  select new Case(form, token, changes, body);

        var statuses = new System.Collections.Concurrent.ConcurrentDictionary<int, int>();
        var problems = new System.Collections.Concurrent.ConcurrentBag<(string Kind, string Text)>();
        var refused = 0;
        var kept = 0;
        var clock = Stopwatch.StartNew();
        await gen.SampleAsync(
            async c =>
            {
                var form = forms[c.Form];
                var values = new Dictionary<string, string>(form.Values);
                var keys = values.Keys.Where(k => k != "__RequestVerificationToken").ToList();
                foreach (var (field, change, value) in c.Changes)
                {
                    var key = keys[field % keys.Count];
                    if (change == 0)
                    {
                        values.Remove(key);
                    }
                    else
                    {
                        values[key] = value;
                    }
                }

                // What the user typed: a marker in one text field, to be found in the page if it is refused.
                var marker = $"Skrevet {Guid.NewGuid():N}"[..16];
                var typedInto = form.TextFields.Length > 0 ? form.TextFields[c.Changes.Count % form.TextFields.Length] : null;
                if (typedInto is not null)
                {
                    values[typedInto] = marker;
                }

                switch (c.Token)
                {
                    case 1: values.Remove("__RequestVerificationToken"); break;
                    case 2: values["__RequestVerificationToken"] = "CfDJ8" + new string('x', 40); break;
                    case 3: values["__RequestVerificationToken"] = otherToken; break;
                }

                HttpContent content = c.Body switch
                {
                    0 => new FormUrlEncodedContent(values),
                    1 => new StringContent("{\"Input.FirstName\":\"x\"}", Encoding.UTF8, "application/json"),
                    2 => Raw("--x\r\nbroken", "multipart/form-data; boundary=x"),
                    _ => Raw(string.Join("&", values.Select(v => v.Key + "=" + v.Value)) + "&%ZZ=%", "application/x-www-form-urlencoded"),
                };
                using var response = await clients[form.Client].PostAsync(form.Action, content, Ct);
                var status = (int)response.StatusCode;
                statuses.AddOrUpdate(status, 1, (_, n) => n + 1);
                var type = response.Content.Headers.ContentType?.MediaType;
                var text = await response.Content.ReadAsStringAsync(Ct);
                var what = $"POST {form.Action} token {Tokens[c.Token]}, body {c.Body}, changes {string.Join("; ", c.Changes)}";
                void Problem(string kind) => problems.Add((kind, $"{kind}: {what} answered {status} {type}"));
                if (status >= 500)
                {
                    Problem("5xx");
                }

                if (type is "application/json" or "application/problem+json")
                {
                    Problem("JSON");
                }
                else if (status >= 400 && type != "text/html")
                {
                    Problem("4xx not a page");
                }

                if (text.Contains("Failed to read", StringComparison.Ordinal))
                {
                    Problem("model binding's English message");
                }

                // A NUL in a value makes the whole form unreadable (the form reader refuses %00), so nothing typed can come
                // back and no token can be read; a browser never sends one.
                var readable = !values.Values.Any(v => v.Contains('\0', StringComparison.Ordinal));
                if (c.WellFormed && (c.Token > 0 || !readable))
                {
                    Interlocked.Increment(ref refused);
                    if (status != 400)
                    {
                        Problem("refused, not 400");
                    }

                    var doc = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(text);
                    if (!(doc.Body?.TextContent ?? "").Contains(readable ? RejectedFormFilter.Message : RejectedFormFilter.UnreadableMessage, StringComparison.Ordinal))
                    {
                        Problem("refused without the message");
                    }

                    // (A referral once made, the referral page shows it instead of the form: nothing to type into.)
                    if (readable && typedInto is not null)
                    {
                        if (doc.QuerySelectorAll("input, textarea").Any(e => (e is IHtmlTextAreaElement a ? a.Value : (e as IHtmlInputElement)?.Value) == marker))
                        {
                            Interlocked.Increment(ref kept);
                        }
                        else if (doc.QuerySelector($"[name='{typedInto}']") is not null || !text.Contains("Borgeren har allerede en åben henvisning til dette hold.", StringComparison.Ordinal))
                        {
                            Problem("typed text lost");
                        }
                    }
                }
            },
            iter: Budget,
            threads: 2);

        TestContext.Current.TestOutputHelper?.WriteLine(
            $"{Budget} form posts in {clock.Elapsed.TotalSeconds:0.0} s on {(AppFactory.IsPostgres ? "PostgreSQL" : "SQLite")}: "
            + string.Join(", ", statuses.OrderBy(s => s.Key).Select(s => $"{s.Key}: {s.Value}"))
            + $"; refused (token or unreadable form) {refused}, typed text shown again {kept}");
        TestContext.Current.TestOutputHelper?.WriteLine("Problems: " + string.Join(", ", problems.GroupBy(p => p.Kind).Select(g => $"{g.Key}: {g.Count()}")));
        refused.ShouldBeGreaterThan(Budget / 3);
        problems.Select(p => p.Text).Take(10).ShouldBeEmpty();
    }

    private static async Task<Form> FormAsync(int client, HttpClient http, string url, string? selector)
    {
        var doc = await http.GetDocumentAsync(url);
        var form = selector is null
            ? doc.QuerySelectorAll<IHtmlFormElement>("main form").First(f => f.Method.Equals("post", StringComparison.OrdinalIgnoreCase))
            : doc.QuerySelector<IHtmlFormElement>(selector)!;
        var text = form.QuerySelectorAll("textarea[name], input[name]")
            .Where(e => e is IHtmlTextAreaElement || (e is IHtmlInputElement i && i.Type is "text" or "email" or "tel"))
            .Select(e => e.GetAttribute("name")!)
            .ToArray();
        var action = form.GetAttribute("action") is { Length: > 0 } a ? a : url;
        return new Form(client, action, doc.FormValues(selector), text);
    }

    private static ByteArrayContent Raw(string body, string contentType)
    {
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
        content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        return content;
    }
}
