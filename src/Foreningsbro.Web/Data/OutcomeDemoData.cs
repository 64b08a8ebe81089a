using Foreningsbro.Web.Features.Outcomes;
using Microsoft.EntityFrameworkCore;

namespace Foreningsbro.Web.Data;

/// <summary>
/// Demo answers to the questionnaires (issue 15), only where they could be true on the demo's dates: a baseline at
/// each schedule start, and a follow-up only where that many months have passed. In Høje-Taastrup Anne (3 months)
/// and Frank (3 and 6 months) show a change; the programme participants of both municipalities and the other
/// citizens with the questionnaire consent have a baseline, spread from poor to good well-being. No Furesø citizen
/// of the demo is three months in yet, so Furesø has baselines only. Eva's baseline is left due, for "Mine opgaver".
/// </summary>
public static class OutcomeDemoData
{
    public static async Task LoadAsync(AppDbContext db)
    {
        var citizens = await db.Citizens.Include(c => c.Consents).Include(c => c.Department).ToListAsync();
        var starts = await OutcomeSchedule.StartsAsync(db, db.Citizens, CancellationToken.None);
        var random = new Random(15);

        void Answer(Citizen c, int months, string by, string code, int[] answers)
        {
            var instrument = Instruments.Find(code)!;
            var (start, _) = starts[c.Id];
            var values = answers.Select(a => (int?)a).ToList();
            db.QuestionnaireResponses.Add(new QuestionnaireResponse
            {
                CitizenId = c.Id,
                Instrument = instrument.Code,
                InstrumentVersion = instrument.Version,
                Months = months,
                AnsweredAtUtc = Infrastructure.DanishTime.ToUtc(start.Date.AddMonths(months).AddDays(months == 0 ? 0 : 3), new TimeOnly(10, 30)),
                Source = by == "" ? ResponseSource.CitizenLink : ResponseSource.Professional,
                EnteredBy = by == "" ? Answerer.Citizen.Name : by,
                ReferralId = start.ReferralId,
                EnrolmentId = start.EnrolmentId,
                Answers = Instruments.Format(values),
                Score = instrument.Score(values).Value,
            });
        }

        // Items around a level (WHO-5 0–5, GSE 1–4, UCLA-3 1–3), a little spread, within the scale.
        int[] Around(string code, double level)
        {
            var i = Instruments.Find(code)!;
            var (low, high) = (i.Options.Min(o => o.Value), i.Options.Max(o => o.Value));
            return [.. i.Items.Select(_ => Math.Clamp((int)Math.Round(level + random.Next(-1, 2) * 0.6), low, high))];
        }

        Citizen? Named(string first, string last) => citizens.SingleOrDefault(c => c.FirstName == first && c.LastName == last);

        var jonas = "Jonas Jobkonsulent";
        if (Named("Anne", "Andersen") is { } anne)
        {
            Answer(anne, 0, jonas, Instruments.Who5Code, [2, 2, 1, 2, 2]);
            Answer(anne, 0, jonas, Instruments.Ucla3Code, [3, 2, 2]);
            Answer(anne, 0, jonas, Instruments.GseCode, [2, 3, 2, 2, 2, 3, 2, 2, 3, 2]);
            Answer(anne, 0, jonas, Instruments.HealthCode, [4]);
            Answer(anne, 0, jonas, Instruments.ActivityCode, [1]);
            Answer(anne, 0, jonas, Instruments.LabourCode, [1]);
            Answer(anne, 3, "", Instruments.Who5Code, [3, 3, 3, 2, 3]);
            Answer(anne, 3, "", Instruments.Ucla3Code, [2, 1, 2]);
            Answer(anne, 3, "", Instruments.GseCode, [3, 3, 3, 2, 3, 3, 3, 3, 3, 3]);
            Answer(anne, 3, "", Instruments.HealthCode, [3]);
            Answer(anne, 3, "", Instruments.ActivityCode, [2]);
            Answer(anne, 3, "", Instruments.LabourCode, [4]);
        }

        if (Named("Frank", "Olsen") is { } frank)
        {
            var hanne = "Hanne Sundhedskonsulent";
            Answer(frank, 0, hanne, Instruments.Who5Code, [3, 3, 2, 2, 3]);
            Answer(frank, 0, hanne, Instruments.Ucla3Code, [2, 2, 2]);
            Answer(frank, 0, hanne, Instruments.GseCode, [3, 3, 2, 3, 3, 3, 2, 3, 3, 3]);
            Answer(frank, 0, hanne, Instruments.HealthCode, [3]);
            Answer(frank, 0, hanne, Instruments.ActivityCode, [2]);
            Answer(frank, 0, hanne, Instruments.LabourCode, [2]);
            Answer(frank, 3, "", Instruments.Who5Code, [3, 3, 3, 3, 3]);
            Answer(frank, 3, "", Instruments.Ucla3Code, [2, 2, 1]);
            Answer(frank, 3, "", Instruments.GseCode, [3, 3, 3, 3, 3, 3, 3, 3, 3, 3]);
            Answer(frank, 3, "", Instruments.HealthCode, [3]);
            Answer(frank, 3, "", Instruments.ActivityCode, [2]);
            Answer(frank, 3, "", Instruments.LabourCode, [2]);
            Answer(frank, 6, "", Instruments.Who5Code, [3, 2, 3, 3, 2]);
            Answer(frank, 6, "", Instruments.Ucla3Code, [2, 1, 1]);
            Answer(frank, 6, "", Instruments.GseCode, [3, 3, 3, 3, 3, 3, 2, 3, 3, 3]);
            Answer(frank, 6, "", Instruments.HealthCode, [2]);
            Answer(frank, 6, "", Instruments.ActivityCode, [2]);
            Answer(frank, 6, "", Instruments.LabourCode, [2]);
        }

        // Baselines for everyone else with the consent and a start, except Eva (her baseline is the demo's due task).
        foreach (var c in citizens.Where(c => c.FirstName is not ("Anne" or "Frank" or "Eva")
            && c.Consents.Any(x => x.Purpose == ConsentPurpose.Questionnaires && x.WithdrawnAtUtc == null) && starts.ContainsKey(c.Id)))
        {
            var wellBeing = 1.5 + random.NextDouble() * 2.5; // WHO-5 items 1.5–4: raw about 8–20, 32–80
            Answer(c, 0, c.CreatedBy, Instruments.Who5Code, Around(Instruments.Who5Code, wellBeing));
            Answer(c, 0, c.CreatedBy, Instruments.Ucla3Code, Around(Instruments.Ucla3Code, 3.2 - wellBeing / 2.5));
            Answer(c, 0, c.CreatedBy, Instruments.GseCode, Around(Instruments.GseCode, 1.8 + wellBeing / 2.5));
            Answer(c, 0, c.CreatedBy, Instruments.HealthCode, [Math.Clamp((int)Math.Round(5.5 - wellBeing), 1, 5)]);
            Answer(c, 0, c.CreatedBy, Instruments.ActivityCode, [random.Next(1, 4)]);
            Answer(c, 0, c.CreatedBy, Instruments.LabourCode, [c.Department.Name.StartsWith("Jobcenter", StringComparison.Ordinal) ? random.Next(1, 4) : 7]);
        }

        await db.SaveChangesAsync();
    }
}
