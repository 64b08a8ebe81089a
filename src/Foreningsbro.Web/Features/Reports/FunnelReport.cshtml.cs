using Foreningsbro.Web.Data;
using Foreningsbro.Web.Features.Citizens;
using Foreningsbro.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Foreningsbro.Web.Features.Reports;

[Authorize(Policy = Policies.Coordinator)]
public class FunnelReportModel(AppDbContext db, TimeProvider time) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public DateOnly? From { get; set; }

    [BindProperty(SupportsGet = true)]
    public DateOnly? To { get; set; }

    [BindProperty(SupportsGet = true)]
    public FunnelGrouping By { get; set; } = FunnelGrouping.None;

    public List<FunnelRow> Rows { get; private set; } = [];

    public static string GroupingLabel(FunnelGrouping g) => g switch
    {
        FunnelGrouping.Department => "Afdeling",
        FunnelGrouping.Club => "Forening",
        FunnelGrouping.Team => "Hold",
        FunnelGrouping.TargetGroup => "Målgruppe",
        _ => "I alt",
    };

    public async Task OnGetAsync(CancellationToken ct)
    {
        var today = DanishTime.Today(time);
        From ??= today.AddYears(-1);
        To ??= today;
        if (!Enum.IsDefined(By))
        {
            By = FunnelGrouping.None;
        }

        if (!ApiInput.InRange(From.Value) || !ApiInput.InRange(To.Value))
        {
            ModelState.AddModelError(ApiInput.InRange(From.Value) ? nameof(To) : nameof(From), ApiInput.DateRangeMessage);
            return;
        }

        if (To < From)
        {
            ModelState.AddModelError(nameof(To), "Slutdatoen skal ligge efter startdatoen.");
            return;
        }

        Rows = await Funnel.RunAsync(db.Referrals.VisibleTo(User), From.Value, To.Value, By, ct);
    }
}
