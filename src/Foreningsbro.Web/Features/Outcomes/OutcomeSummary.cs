using Foreningsbro.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Foreningsbro.Web.Features.Outcomes;

/// <summary>One stored answer set, read against the version of the instrument it was answered in.</summary>
public sealed record ResponseRow(long Id, string Instrument, int Version, int Months, DateTime AnsweredAtUtc, ResponseSource Source, string EnteredBy, IReadOnlyList<int?> Answers, double? Score)
{
    public Instrument? Definition => Instruments.Find(Instrument, Version);
}

/// <summary>An instrument's change for one citizen: the baseline, the latest follow-up and the difference.</summary>
public sealed record InstrumentChange(Instrument Instrument, double? Baseline, double? Latest, int? LatestMonths, IReadOnlyList<(int Months, double? Score)> Points)
{
    public double? Change => Baseline is { } b && Latest is { } l && LatestMonths is > 0 ? l - b : null;

    /// <summary>"Bedre", "Dårligere" or "Uændret", counting the instrument's direction and its meaningful change (WHO-5: 10 points).</summary>
    public string? Direction => Change is not { } c || Instrument.IsStatus ? null
        : Math.Abs(c) < (Instrument.MeaningfulChange ?? 0.5) ? "Uændret"
        : (c > 0) == Instrument.HigherIsBetter ? "Bedre" : "Dårligere";
}

/// <summary>Reading a citizen's answers and their change; the callers have found the citizen in their scope and write the access log.</summary>
public static class OutcomeSummary
{
    public static async Task<List<ResponseRow>> ResponsesAsync(AppDbContext db, int citizenId, CancellationToken ct) =>
        [.. (await db.QuestionnaireResponses.AsNoTracking().Where(r => r.CitizenId == citizenId)
                .OrderBy(r => r.Months).ThenBy(r => r.Id)
                .Select(r => new { r.Id, r.Instrument, r.InstrumentVersion, r.Months, r.AnsweredAtUtc, r.Source, r.EnteredBy, r.Answers, r.Score })
                .ToListAsync(ct))
            .Select(r => new ResponseRow(r.Id, r.Instrument, r.InstrumentVersion, r.Months, r.AnsweredAtUtc, r.Source, r.EnteredBy, Instruments.Parse(r.Answers), r.Score))];

    /// <summary>Per instrument with any answer: baseline, latest follow-up and change.</summary>
    public static List<InstrumentChange> Changes(IReadOnlyList<ResponseRow> responses) =>
        [.. Instruments.Current.Select(i =>
            {
                var rows = responses.Where(r => r.Instrument == i.Code).OrderBy(r => r.Months).ToList();
                if (rows.Count == 0)
                {
                    return null;
                }

                var baseline = rows.FirstOrDefault(r => r.Months == 0);
                var latest = rows.LastOrDefault(r => r.Months > 0);
                return new InstrumentChange(i, baseline?.Score, latest?.Score, latest?.Months, [.. rows.Select(r => (r.Months, r.Score))]);
            })
            .OfType<InstrumentChange>()];

    /// <summary>
    /// A group's average change per instrument, over the participants with a scored baseline and a scored follow-up
    /// (each participant's latest); n is how many. For the programme evaluation.
    /// </summary>
    public static async Task<List<(Instrument Instrument, double? AverageChange, int N)>> GroupChangeAsync(AppDbContext db, IReadOnlyCollection<int> citizenIds, CancellationToken ct)
    {
        var rows = await db.QuestionnaireResponses.AsNoTracking().Where(r => citizenIds.Contains(r.CitizenId) && r.Score != null)
            .Select(r => new { r.CitizenId, r.Instrument, r.Months, r.Score }).ToListAsync(ct);
        return [.. Instruments.Current.Where(i => !i.IsStatus).Select(i =>
        {
            var changes = rows.Where(r => r.Instrument == i.Code).GroupBy(r => r.CitizenId)
                .Select(g => (Baseline: g.FirstOrDefault(r => r.Months == 0)?.Score, Latest: g.Where(r => r.Months > 0).OrderBy(r => r.Months).LastOrDefault()?.Score))
                .Where(x => x.Baseline is not null && x.Latest is not null)
                .Select(x => x.Latest!.Value - x.Baseline!.Value).ToList();
            return (i, changes.Count == 0 ? (double?)null : Math.Round(changes.Average(), 1, MidpointRounding.AwayFromZero), changes.Count);
        })];
    }
}
