using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using QRCoder;

namespace Foreningsbro.Web.Features.Catalogue;

/// <summary>
/// A one-page A4 leaflet for a team, generated from the catalogue so the printed material is never
/// older than the listing. The QR code leads to the team's public page.
/// </summary>
[AllowAnonymous]
public class LeafletModel(Data.AppDbContext db, TimeProvider clock, IConfiguration config) : PageModel
{
    public TeamDetailDto? Team { get; private set; }

    public string PublicUrl { get; private set; } = "";

    /// <summary>The QR code as an SVG data URI: it prints sharply at any size, and the CSP allows data: images.</summary>
    public string QrCodeDataUri { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        Team = await TeamDetails.LoadAsync(db, id, clock.GetUtcNow(), ct);
        if (Team is null)
        {
            Response.StatusCode = StatusCodes.Status404NotFound;
            return Page();
        }

        PublicUrl = SafeUrls.TeamPage(Request, config, Team.Id);
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(PublicUrl, QRCodeGenerator.ECCLevel.M);
        var svg = new SvgQRCode(data).GetGraphic(8);
        QrCodeDataUri = "data:image/svg+xml;base64," + Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(svg));
        return Page();
    }
}
