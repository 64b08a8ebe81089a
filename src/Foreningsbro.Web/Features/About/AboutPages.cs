using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Foreningsbro.Web.Features.About;

/// <summary>The accessibility statement (/tilgaengelighed): public static text, GET only (a POST is 405 like every page without a POST handler).</summary>
[AllowAnonymous]
public class AccessibilityModel : PageModel
{
    public void OnGet()
    {
    }
}

/// <summary>The privacy policy (/privatliv): public static text, GET only.</summary>
[AllowAnonymous]
public class PrivacyModel : PageModel
{
    public void OnGet()
    {
    }
}
