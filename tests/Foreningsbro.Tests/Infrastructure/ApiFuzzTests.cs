using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

using CsCheck;

using Foreningsbro.Tests.Referrals;

namespace Foreningsbro.Tests.Infrastructure;

/// <summary>
/// Issue 14: the fuzz test that stays. Reads the app's own OpenAPI document, generates bodies and query
/// strings for every API operation from its schemas (valid values, wrong types, edge values, text the
/// database cannot store, missing and extra fields, broken JSON) and sends them as each persona. Nothing
/// may answer 5xx, and every 4xx is a ProblemDetails body. A fixed budget of cases per run; CsCheck
/// shrinks a failure to a small case and prints its seed.
/// </summary>
public class ApiFuzzTests(AppFactory app) : IClassFixture<AppFactory>
{
    /// <summary>Cases per run (each one request); about 20 s on SQLite on this machine.</summary>
    public const int Budget = 1200;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly string[] Personas =
        ["", DemoUsers.Coordinator, DemoUsers.Professional, DemoUsers.ClubContact, DemoUsers.Instructor];

    public sealed record Operation(string Method, string Path, IReadOnlyList<(string Name, string In, JsonNode? Schema)> Parameters, JsonNode? Body);

    public sealed record FuzzCase(int Persona, Operation Operation, IReadOnlyDictionary<string, string> Path, IReadOnlyList<(string Name, string Value)> Query, string? Body, string ContentType)
    {
        public string Url()
        {
            var path = Operation.Path;
            foreach (var (name, value) in Path)
            {
                path = path.Replace("{" + name + "}", Uri.EscapeDataString(value), StringComparison.Ordinal);
            }

            return Query.Count == 0 ? path : path + "?" + string.Join("&", Query.Select(q => Uri.EscapeDataString(q.Name) + "=" + Uri.EscapeDataString(q.Value)));
        }

        public override string ToString() => $"{Operation.Method} {Url()} as {(Personas[Persona] is { Length: > 0 } p ? p : "anonymous")} ({ContentType}) {Body}";
    }

    // --- Values -----------------------------------------------------------------------------------

    private static readonly Gen<string> Nasty = Gen.OneOf(
        "", " ", "0", "-1", "1", "2", "3", "2147483647", "2147483648", "-2147483649", "99999999999999999999", "1e309", "NaN", "1.5", "true", "null",
        "2026-11-24", "0001-01-01", "9999-12-31", "2026-02-30", "24:00", "10:00", "-00:01", "abc", "æøå", "A\0B", "a\u202Eb", "\u200B\u200B", "line\nbreak",
        "\uD800", "<script>alert(1)</script>", "' OR 1=1 --", "%00", "../../etc/passwd", "00000000-0000-0000-0000-000000000000",
        "3f2504e0-4f89-11d3-9a0c-0305e82c3301", "Alone", "Referred", "Closed", "Sms", "Email", "ShareWithClub", "Verbal", "Present", "Absent",
        new string('x', 201), new string('å', 5000), "koordinator@demo.foreningsbro.dk", "a@b", "+4512345678", "12 34 56 78");

    /// <summary>
    /// Values for a path segment: a NUL in the path is refused by the server before the app sees it
    /// (Kestrel answers 400; the test server throws), so it is left out here and tried in the query and body.
    /// </summary>
    private static readonly Gen<string> PathText = Nasty.Where(s => !s.Contains('\0', StringComparison.Ordinal));

    private static readonly Gen<string> AnyText = Gen.Frequency(
        (6, Nasty),
        (2, Gen.Char.Array[0, 40].Select(c => new string(c))),
        (1, Gen.String[0, 300]));

    private static Gen<JsonNode?> Value(JsonNode? schema, JsonObject components, int depth)
    {
        schema = Resolve(schema, components);
        var types = Types(schema);
        var valid = depth > 3 || schema is null ? Gen.Const((JsonNode?)null) : ValidValue(schema, types, components, depth);
        return Gen.Frequency(
            (6, valid),
            (2, AnyText.Select(s => (JsonNode?)JsonValue.Create(s))),
            (1, Gen.Int.Select(i => (JsonNode?)JsonValue.Create(i))),
            (1, Gen.Const((JsonNode?)null)),
            (1, Gen.OneOf<JsonNode?>(JsonValue.Create(true), new JsonArray(), new JsonObject(), JsonValue.Create(1e300))));
    }

    private static Gen<JsonNode?> ValidValue(JsonNode schema, HashSet<string> types, JsonObject components, int depth)
    {
        if (schema["enum"] is JsonArray values && values.Count > 0)
        {
            return Gen.OneOf([.. values.Select(v => v?.DeepClone())]);
        }

        if (types.Contains("integer") || types.Contains("number"))
        {
            return Gen.OneOf(Gen.Int[-2, 50], Gen.Int).Select(i => (JsonNode?)JsonValue.Create(i));
        }

        if (types.Contains("boolean"))
        {
            return Gen.Bool.Select(b => (JsonNode?)JsonValue.Create(b));
        }

        if (types.Contains("array"))
        {
            return Value(schema["items"], components, depth + 1).Array[0, 4].Select(items => (JsonNode?)new JsonArray([.. items.Select(i => i?.DeepClone())]));
        }

        if (types.Contains("object") || schema["properties"] is JsonObject)
        {
            return Object(schema, components, depth + 1).Select(o => (JsonNode?)o);
        }

        return (schema["format"]?.GetValue<string>()) switch
        {
            "uuid" => Gen.Guid.Select(g => (JsonNode?)JsonValue.Create(g.ToString())),
            "date" => Gen.Date.Select(d => (JsonNode?)JsonValue.Create(d.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture))),
            "date-time" => Gen.DateTime.Select(d => (JsonNode?)JsonValue.Create(d)),
            _ => AnyText.Select(s => (JsonNode?)JsonValue.Create(s)),
        };
    }

    private static Gen<JsonObject> Object(JsonNode? schema, JsonObject components, int depth)
    {
        var properties = (schema?["properties"] as JsonObject)?.Select(p => (p.Key, p.Value)).ToList() ?? [];
        var fields = properties.Select(p => Gen.Frequency(
                (4, Value(p.Value, components, depth).Select(v => (p.Key, Value: v, Present: true))),
                (1, Gen.Const((p.Key, Value: (JsonNode?)null, Present: false)))))
            .ToArray();
        var all = All(fields);
        return Gen.Select(all, Gen.Frequency((5, Gen.Const((string?)null)), (1, Gen.OneOf<string?>("extra", "id", "Id", "__proto__"))))
            .Select((values, extra) =>
            {
                var o = new JsonObject();
                foreach (var (key, value, present) in values)
                {
                    if (present)
                    {
                        o[key] = value?.DeepClone();
                    }
                }

                if (extra is not null)
                {
                    o[extra] = 1;
                }

                return o;
            });
    }

    /// <summary>One value from each generator, in order.</summary>
    private static Gen<T[]> All<T>(IReadOnlyList<Gen<T>> gens) =>
        gens.Aggregate(Gen.Const(Array.Empty<T>()), (acc, g) => Gen.Select(acc, g, (values, value) => (T[])[.. values, value]));

    private static JsonNode? Resolve(JsonNode? schema, JsonObject components)
    {
        for (var i = 0; i < 5 && schema?["$ref"]?.GetValue<string>() is { } reference; i++)
        {
            schema = components[reference.Split('/')[^1]];
        }

        return schema;
    }

    private static HashSet<string> Types(JsonNode? schema) => schema?["type"] switch
    {
        JsonArray a => [.. a.Select(t => t!.GetValue<string>())],
        JsonValue v => [v.GetValue<string>()],
        _ => (schema?["oneOf"] ?? schema?["anyOf"]) is JsonArray options ? [.. options.SelectMany(o => Types(o))] : [],
    };

    // --- Operations from the OpenAPI document -------------------------------------------------------

    private static List<Operation> Operations(JsonNode document)
    {
        var operations = new List<Operation>();
        foreach (var (path, item) in document["paths"]!.AsObject())
        {
            foreach (var (method, operation) in item!.AsObject())
            {
                if (method is "parameters" or "summary" or "description")
                {
                    continue;
                }

                var parameters = (operation!["parameters"] as JsonArray ?? [])
                    .Select(p => (p!["name"]!.GetValue<string>(), p["in"]!.GetValue<string>(), p["schema"]))
                    .ToList();
                var body = operation["requestBody"]?["content"]?["application/json"]?["schema"];
                operations.Add(new Operation(method.ToUpperInvariant(), path, parameters, body ?? (operation["requestBody"] is null ? null : new JsonObject())));
            }
        }

        return operations;
    }

    private static Gen<FuzzCase> CaseGen(List<Operation> operations, JsonObject components) =>
        Gen.Select(Gen.Int[0, Personas.Length - 1], Gen.OneOf([.. operations]))
            .SelectMany((persona, op) =>
            {
                var pathGen = op.Parameters.Where(p => p.In == "path")
                    .Select(p => Gen.Frequency((3, Gen.Int[1, 40].Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture))), (1, PathText)).Select(v => (p.Name, Value: v)))
                    .ToArray();
                var queryGen = op.Parameters.Where(p => p.In == "query")
                    .Select(p => Gen.Frequency(
                        (2, Gen.Const((string?)null)),
                        (2, Value(p.Schema, components, 1).Select(v => v is JsonValue jv ? jv.ToString() : v?.ToJsonString())),
                        (1, AnyText.Select(s => (string?)s))).Select(v => (p.Name, Value: v)))
                    .ToArray();
                var bodyGen = op.Body is null
                    ? Gen.Const(((string?)null, "application/json"))
                    : Gen.Frequency(
                        (8, Object(Resolve(op.Body, components), components, 1).Select(o => ((string?)o.ToJsonString(), "application/json"))),
                        (1, Gen.OneOf<(string?, string)>(("{", "application/json"), ("[]", "application/json"), ("null", "application/json"), ("", "application/json"),
                            ("{\"a\":1,\"a\":2}", "application/json"), ("{}", "text/plain"), ("{}", "application/json; charset=latin1"), ("{}", "application/json; charset="))));
                return Gen.Select(
                    All(pathGen),
                    All(queryGen),
                    bodyGen,
                    (path, query, body) => new FuzzCase(persona, op, path.ToDictionary(p => p.Item1, p => p.Item2),
                        [.. query.Where(q => q.Item2 is not null).Select(q => (q.Item1, q.Item2!))], body.Item1, body.Item2));
            });

    [Fact]
    public async Task Every_api_operation_answers_generated_requests_without_5xx_and_with_ProblemDetails_on_every_4xx()
    {
        var anonymous = app.CreateAnonymousClient();
        var document = JsonNode.Parse(await anonymous.GetStringAsync("/openapi/v1.json", Ct))!;
        var components = document["components"]?["schemas"] as JsonObject ?? [];
        var operations = Operations(document);
        operations.Count.ShouldBeGreaterThan(15, "the OpenAPI document lists the API");

        var clients = new HttpClient[Personas.Length];
        for (var i = 0; i < Personas.Length; i++)
        {
            clients[i] = Personas[i] is { Length: > 0 } email ? await app.CreateBearerClientAs(email) : anonymous;
        }

        var statuses = new System.Collections.Concurrent.ConcurrentDictionary<int, int>();
        var reached = new System.Collections.Concurrent.ConcurrentDictionary<string, bool>();
        var clock = Stopwatch.StartNew();
        await CaseGen(operations, components).SampleAsync(
            async c =>
            {
                using var request = new HttpRequestMessage(new HttpMethod(c.Operation.Method), c.Url());
                if (c.Body is not null)
                {
                    request.Content = new ByteArrayContent(Encoding.UTF8.GetBytes(c.Body));
                    request.Content.Headers.TryAddWithoutValidation("Content-Type", c.ContentType);
                }

                using var response = await clients[c.Persona].SendAsync(request, Ct);
                var status = (int)response.StatusCode;
                statuses.AddOrUpdate(status, 1, (_, n) => n + 1);
                reached[c.Operation.Method + " " + c.Operation.Path] = true;
                var text = await response.Content.ReadAsStringAsync(Ct);
                status.ShouldBeLessThan(500, $"{c} answered {status}: {text}");
                if (c.Operation.Path.StartsWith("/api/", StringComparison.Ordinal))
                {
                    status.ShouldNotBeInRange(300, 399, $"{c}: the API answers with a status, never a redirect ({response.Headers.Location})");
                }
                // The layout's two form posts (/sprog, /konto/log-ud) are in the document too; their errors are pages.
                if (status >= 400 && c.Operation.Path.StartsWith("/api/", StringComparison.Ordinal))
                {
                    response.Content.Headers.ContentType?.MediaType.ShouldBe("application/problem+json", $"{c} answered {status} without ProblemDetails: {text}");
                    var problem = JsonDocument.Parse(text).RootElement;
                    problem.TryGetProperty("status", out var s).ShouldBeTrue($"{c}: {text}");
                    s.GetInt32().ShouldBe(status);
                }
            },
            iter: Budget,
            threads: 2);

        TestContext.Current.TestOutputHelper?.WriteLine(
            $"{Budget} cases over {reached.Count} of {operations.Count} operations in {clock.Elapsed.TotalSeconds:0.0} s on {(AppFactory.IsPostgres ? "PostgreSQL" : "SQLite")}: "
            + string.Join(", ", statuses.OrderBy(s => s.Key).Select(s => $"{s.Key}: {s.Value}")));
        reached.Count.ShouldBe(operations.Count, "every operation was tried");
    }
}
