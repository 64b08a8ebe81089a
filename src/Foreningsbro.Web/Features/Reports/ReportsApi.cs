using System.Security.Claims;
using Foreningsbro.Web.Data;
using Foreningsbro.Web.Features.Citizens;
using Foreningsbro.Web.Features.Referrals;
using Foreningsbro.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Foreningsbro.Web.Features.Reports;

public sealed record FunnelStageDto(string Status, string Label, int Count, double? ConversionFromPrevious);

public sealed record FunnelDto(DateOnly From, DateOnly To, int Referrals, IReadOnlyList<FunnelStageDto> Stages, int NoShow, int Closed);

public static class ReportsApi
{
    public static void MapReportsApi(this WebApplication app)
    {
        // Cookie (the browser) or bearer token (integrations).
        var api = app.MapGroup("/api/v1/reports").RequireAuthorization(Policies.Api(Policies.Coordinator)).WithTags("Rapporter");

        api.MapGet("/funnel", GetFunnel).WithName("GetFunnel")
            .WithSummary("Tragten for henvisninger oprettet i perioden from–to: antal pr. trin og konvertering fra forrige trin.");
    }

    private static async Task<Results<Ok<FunnelDto>, ValidationProblem>> GetFunnel(string? from, string? to, ClaimsPrincipal user, AppDbContext db, TimeProvider time, CancellationToken ct)
    {
        var today = DanishTime.Today(time);
        var f = today.AddYears(-1);
        var t = today;
        if (!string.IsNullOrEmpty(from) && !ApiInput.TryDate(from, out f))
        {
            return Problems.Invalid("from", ApiInput.DateMessage);
        }

        if (!string.IsNullOrEmpty(to) && !ApiInput.TryDate(to, out t))
        {
            return Problems.Invalid("to", ApiInput.DateMessage);
        }

        if (t < f)
        {
            return Problems.Invalid("to", "Slutdatoen skal ligge efter startdatoen.");
        }

        var rows = await Funnel.RunAsync(db.Referrals.VisibleTo(user), f, t, FunnelGrouping.None, ct);
        var row = rows.SingleOrDefault() ?? new FunnelRow("I alt", new int[ReferralRules.Stages.Length], 0, 0);
        return TypedResults.Ok(new FunnelDto(f, t, row.Total,
            [.. ReferralRules.Stages.Select((s, i) => new FunnelStageDto(s.ToString(), s.Danish(), row.Reached[i], row.Conversion(i)))], row.NoShow, row.Closed));
    }
}
