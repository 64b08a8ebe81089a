using AngleSharp.Dom;
using AngleSharp.Html.Dom;

namespace Foreningsbro.Tests.Infrastructure;

/// <summary>Small helpers for the catalogue edit forms.</summary>
public static class FormHelpers
{
    /// <summary>Ticks or unticks the target group checkbox of the group with that id (the form lists them as Input.TargetGroups[i].Id / .Selected).</summary>
    public static void SetTargetGroup(this Dictionary<string, string> form, int groupId, bool selected)
    {
        var key = form.Single(kv => kv.Key.StartsWith("Input.TargetGroups[", StringComparison.Ordinal) && kv.Key.EndsWith("].Id", StringComparison.Ordinal) && kv.Value == groupId.ToString(System.Globalization.CultureInfo.InvariantCulture)).Key;
        var selectedKey = key[..^".Id".Length] + ".Selected";
        if (selected)
        {
            form[selectedKey] = "true";
        }
        else
        {
            form.Remove(selectedKey);
        }
    }

    public static string InputValue(this IHtmlDocument doc, string id) =>
        doc.QuerySelector<IHtmlInputElement>("#" + id)?.Value ?? throw new InvalidOperationException($"No input #{id}.");

    public static string TextAreaValue(this IHtmlDocument doc, string id) =>
        doc.QuerySelector<IHtmlTextAreaElement>("#" + id)?.Value ?? throw new InvalidOperationException($"No textarea #{id}.");

    public static string SelectValue(this IHtmlDocument doc, string id) =>
        doc.QuerySelector<IHtmlSelectElement>("#" + id)?.Value ?? throw new InvalidOperationException($"No select #{id}.");

    /// <summary>The error message shown in the form-group of a field (dkfds: .form-error with a .form-error-message).</summary>
    public static string FieldError(this IHtmlDocument doc, string id)
    {
        var field = doc.GetElementById(id) ?? throw new InvalidOperationException($"No field #{id}.");
        var group = field.Closest(".form-group") ?? field.Closest("fieldset") ?? throw new InvalidOperationException($"#{id} is not in a form-group.");
        group.ClassList.ShouldContain("form-error", $"#{id} is not marked as an error");
        return group.QuerySelector(".form-error-message")!.TextContent.Trim();
    }

    /// <summary>The texts of the error summary's links, and where they point.</summary>
    public static List<(string Text, string Href)> ErrorSummary(this IHtmlDocument doc) =>
        [.. doc.QuerySelectorAll("#error-summary a").Select(a => (a.TextContent.Trim(), a.GetAttribute("href") ?? ""))];
}
