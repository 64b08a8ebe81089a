using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Foreningsbro.Web.Features;

/// <summary>The front page: open to everyone, since it leads to the public catalogue.</summary>
[AllowAnonymous]
public class IndexModel : PageModel
{
    public void OnGet()
    {
    }
}
