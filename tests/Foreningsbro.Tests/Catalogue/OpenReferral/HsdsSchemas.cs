using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;

namespace Foreningsbro.Tests.Catalogue.OpenReferral;

/// <summary>
/// The HSDS 3.0 JSON schemas from the shared standards folder (it sits beside the repository root, in CI
/// too), loaded once, with format checks on (uuid, uri, email, date-time). Beside the schema itself, a
/// response may carry no property the schema does not name: the schemas allow extra properties, so a
/// misspelt field ("opensAt") would otherwise pass unnoticed.
/// </summary>
public static class HsdsSchemas
{
    public static string Folder { get; } = FindFolder();

    private static string FindFolder()
    {
        if (Environment.GetEnvironmentVariable("FORENINGSBRO_SHARED") is { Length: > 0 } shared)
        {
            return Path.Combine(shared, "standards", "hsds-3.0");
        }

        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", "standards", "hsds-3.0");
            if (File.Exists(Path.Combine(candidate, "service.json")))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException("shared/standards/hsds-3.0 not found beside any folder above " + AppContext.BaseDirectory + " (set FORENINGSBRO_SHARED)");
    }

    private static readonly Lazy<EvaluationOptions> Options = new(() =>
    {
        var options = new EvaluationOptions { OutputFormat = OutputFormat.List, RequireFormatValidation = true };
        foreach (var file in Directory.GetFiles(Folder, "*.json").Where(f => !f.EndsWith("openapi.json", StringComparison.Ordinal)))
        {
            options.SchemaRegistry.Register(JsonSchema.FromFile(file));
        }

        return options;
    });

    private static readonly Dictionary<string, (JsonSchema Schema, JsonElement Raw)> Loaded = [];
    private static readonly Lock Gate = new();

    private static (JsonSchema Schema, JsonElement Raw) Load(string relative)
    {
        lock (Gate)
        {
            if (!Loaded.TryGetValue(relative, out var s))
            {
                var path = Path.Combine(Folder, relative);
                var schema = JsonSchema.FromFile(path);
                _ = Options.Value;
                s = (schema, JsonDocument.Parse(File.ReadAllText(path)).RootElement.Clone());
                Loaded[relative] = s;
            }

            return s;
        }
    }

    /// <summary>The schema's errors for the instance, and its properties the schema does not name; empty when it validates.</summary>
    public static List<string> Errors(string relative, JsonElement instance)
    {
        var (schema, raw) = Load(relative);
        var result = schema.Evaluate(JsonNode.Parse(instance.GetRawText()), Options.Value);
        var errors = new List<string>();
        if (!result.IsValid)
        {
            foreach (var d in result.Details.Where(d => d.HasErrors))
            {
                errors.AddRange(d.Errors!.Select(e => $"{relative} {d.InstanceLocation}: {e.Key}: {e.Value}"));
            }

            if (errors.Count == 0)
            {
                errors.Add($"{relative}: invalid");
            }
        }

        UnknownProperties(instance, raw, Path.GetDirectoryName(Path.Combine(Folder, relative))!, "", errors);
        return errors;
    }

    private static void UnknownProperties(JsonElement instance, JsonElement schema, string dir, string path, List<string> errors)
    {
        if (schema.TryGetProperty("$ref", out var reference))
        {
            var file = Path.Combine(dir, reference.GetString()!);
            schema = JsonDocument.Parse(File.ReadAllText(file)).RootElement;
            dir = Path.GetDirectoryName(file)!;
        }

        if (instance.ValueKind == JsonValueKind.Array && schema.TryGetProperty("items", out var items))
        {
            var i = 0;
            foreach (var item in instance.EnumerateArray())
            {
                UnknownProperties(item, items, dir, $"{path}/{i++}", errors);
            }
        }
        else if (instance.ValueKind == JsonValueKind.Object && schema.TryGetProperty("properties", out var properties))
        {
            foreach (var p in instance.EnumerateObject())
            {
                if (properties.TryGetProperty(p.Name, out var sub))
                {
                    UnknownProperties(p.Value, sub, dir, $"{path}/{p.Name}", errors);
                }
                else
                {
                    errors.Add($"{path}/{p.Name}: a property the schema does not name");
                }
            }
        }
    }

    /// <summary>The page object of the HSDS OpenAPI (components/schemas/Page): every field present, of its type.</summary>
    public static List<string> PageErrors(JsonElement page)
    {
        var errors = new List<string>();
        foreach (var (name, kind) in new[] { ("total_items", JsonValueKind.Number), ("total_pages", JsonValueKind.Number), ("page_number", JsonValueKind.Number), ("size", JsonValueKind.Number) })
        {
            if (!page.TryGetProperty(name, out var v) || v.ValueKind != kind)
            {
                errors.Add($"page object: {name} missing or not a number");
            }
        }

        foreach (var name in new[] { "first_page", "last_page", "empty" })
        {
            if (!page.TryGetProperty(name, out var v) || v.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
            {
                errors.Add($"page object: {name} missing or not a boolean");
            }
        }

        if (!page.TryGetProperty("contents", out var c) || c.ValueKind != JsonValueKind.Array)
        {
            errors.Add("page object: contents missing or not an array");
        }

        return errors;
    }

    /// <summary>A paged list: the page object, and every item against the item schema.</summary>
    public static List<string> ListErrors(string itemSchema, JsonElement page)
    {
        var errors = PageErrors(page);
        if (page.TryGetProperty("contents", out var contents) && contents.ValueKind == JsonValueKind.Array)
        {
            var i = 0;
            foreach (var item in contents.EnumerateArray())
            {
                errors.AddRange(Errors(itemSchema, item).Select(e => $"contents/{i}: {e}"));
                i++;
            }
        }

        return errors;
    }
}
