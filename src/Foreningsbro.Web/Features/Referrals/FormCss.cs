using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace Foreningsbro.Web.Features.Referrals;

public static class FormCss
{
    /// <summary>"form-error" on a form group whose field has an error (Det Fælles Designsystem).</summary>
    public static string ErrorClass(this ModelStateDictionary state, string key) =>
        state.TryGetValue(key, out var entry) && entry.Errors.Count > 0 ? "form-error" : "";
}
