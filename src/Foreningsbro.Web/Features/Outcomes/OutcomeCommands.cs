using System.Globalization;
using System.Security.Claims;
using Foreningsbro.Web.Data;
using Foreningsbro.Web.Features.Citizens;
using Foreningsbro.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Foreningsbro.Web.Features.Outcomes;

/// <summary>Who is answering: a professional (their user and name) or the citizen through the link.</summary>
public sealed record Answerer(ResponseSource Source, string? UserId, string Name)
{
    public static readonly Answerer Citizen = new(ResponseSource.CitizenLink, null, "Borgeren (eget link)");

    public static Answerer Of(ClaimsPrincipal user) => new(ResponseSource.Professional, user.FindFirstValue(ClaimTypes.NameIdentifier), user.DisplayName());
}

/// <summary>
/// Saving answers: one command for the professional's form, the API and the citizen's link, so all
/// three refuse the same things in the same Danish. A second submit of an answered instrument keeps
/// the first answer (nothing doubled); the Outcome's Id is the number of instruments newly saved.
/// </summary>
public static class OutcomeCommands
{
    /// <summary>The field of an answer, as forms and the API name it: "who5-3" is WHO-5's third item.</summary>
    public static string Field(string code, int item) => $"{code}-{(item + 1).ToString(CultureInfo.InvariantCulture)}";

    /// <summary>Checks the answers against each instrument's scale; the first problem, or null.</summary>
    public static Outcome? Validate(IReadOnlyDictionary<string, IReadOnlyList<int?>> answers)
    {
        if (answers.Count == 0)
        {
            return Outcome.Bad("answers", "Besvar mindst ét spørgeskema.");
        }

        foreach (var (code, values) in answers)
        {
            if (Instruments.Find(code) is not { } instrument)
            {
                return Outcome.Bad("instrument", $"Ukendt spørgeskema: {code}. Brug {string.Join(", ", Instruments.Current.Select(i => i.Code))}.");
            }

            if (values.Count != instrument.Items.Count)
            {
                return Outcome.Bad(instrument.Code, $"{instrument.Name} har {instrument.Items.Count} spørgsmål; der kom {values.Count} svar.");
            }

            for (var i = 0; i < values.Count; i++)
            {
                if (!instrument.IsValid(values[i]))
                {
                    var low = instrument.Options.Min(o => o.Value);
                    var high = instrument.Options.Max(o => o.Value);
                    return Outcome.Bad(Field(instrument.Code, i), $"Svaret på spørgsmål {i + 1} i {instrument.Name} skal være et tal fra {low} til {high}.");
                }
            }

            if (values.All(v => v is null))
            {
                return Outcome.Bad(Field(instrument.Code, 0), $"Besvar mindst ét spørgsmål i {instrument.Name}, eller lad hele skemaet være.");
            }
        }

        return null;
    }

    /// <summary>
    /// Saves the answers at <paramref name="months"/> (a point of the citizen's schedule). The caller has found
    /// the citizen in its scope (the user's, or the link's) and passes it as <paramref name="citizen"/>.
    /// </summary>
    public static async Task<Outcome> SaveAsync(
        AppDbContext db, IQueryable<Citizen> citizen, int? months, IReadOnlyDictionary<string, IReadOnlyList<int?>> answers, Answerer by, DateTimeOffset now, CancellationToken ct)
    {
        var starts = await OutcomeSchedule.StartsAsync(db, citizen, ct);
        var id = await citizen.Select(c => (int?)c.Id).SingleOrDefaultAsync(ct);
        if (id is not { } citizenId)
        {
            return Outcome.Missing;
        }

        // Answers are kept only with the questionnaire consent, whoever enters them; a withdrawn consent stops the link at once.
        if (!await db.Consents.Where(c => c.CitizenId == citizenId).AnyAsync(ConsentRules.ActiveFor(ConsentPurpose.Questionnaires), ct))
        {
            return Outcome.Bad("consent", by.Source == ResponseSource.CitizenLink
                ? "Spørgeskemaerne er slået fra, fordi samtykket er trukket tilbage."
                : "Borgeren har ikke givet samtykke til spørgeskemaer. Registrér samtykket på borgerens side, før svarene gemmes.");
        }

        if (!starts.TryGetValue(citizenId, out var schedule))
        {
            return Outcome.Bad("months", "Borgeren har endnu ingen henvisning eller tilmelding; målingerne starter med den første.");
        }

        if (months is not { } point || !schedule.Points.Contains(point))
        {
            return Outcome.Bad("months", $"Vælg et måletidspunkt: {string.Join(", ", schedule.Points.Select(OutcomeSchedule.PointText))}.");
        }

        if (Validate(answers) is { } problem)
        {
            return problem;
        }

        var existing = await db.QuestionnaireResponses.Where(r => r.CitizenId == citizenId && r.Months == point).Select(r => r.Instrument).ToListAsync(ct);
        var added = 0;
        foreach (var (code, values) in answers)
        {
            var instrument = Instruments.Find(code)!;
            if (existing.Contains(instrument.Code))
            {
                continue; // answered before: the first answer stands
            }

            db.QuestionnaireResponses.Add(new QuestionnaireResponse
            {
                CitizenId = citizenId,
                Instrument = instrument.Code,
                InstrumentVersion = instrument.Version,
                Months = point,
                AnsweredAtUtc = now.UtcDateTime,
                Source = by.Source,
                EnteredByUserId = by.UserId,
                EnteredBy = by.Name,
                ReferralId = schedule.Start.ReferralId,
                EnrolmentId = schedule.Start.EnrolmentId,
                Answers = Instruments.Format(values),
                Score = instrument.Score(values).Value,
            });
            added++;
        }

        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException ex) when (ex.InnerException is { } inner && ConflictExceptionHandler.IsUniqueViolation(inner))
        {
            // Two submits at once: the other one's answers stand, and nothing is doubled.
            db.ChangeTracker.Clear();
            return Outcome.Done(0);
        }

        return Outcome.Done(added);
    }
}

/// <summary>
/// Answers as a form posts them: one field per item named "who5-1" … (<see cref="OutcomeCommands.Field"/>), the
/// option's value or empty. Shared by the professional's form and the citizen's one-question-per-screen pages.
/// </summary>
public static class AnswerForm
{
    /// <summary>
    /// The instruments with at least one answer (an instrument left wholly blank is not part of the answer), or
    /// the first field that is not a number.
    /// </summary>
    public static (Dictionary<string, IReadOnlyList<int?>> Answers, (string Field, string Message)? Problem) Read(IFormCollection form, IEnumerable<Instrument> instruments)
    {
        var answers = new Dictionary<string, IReadOnlyList<int?>>();
        foreach (var instrument in instruments)
        {
            var values = new List<int?>();
            for (var i = 0; i < instrument.Items.Count; i++)
            {
                var field = OutcomeCommands.Field(instrument.Code, i);
                var text = form[field].ToString().Trim();
                if (text.Length == 0)
                {
                    values.Add(null);
                    continue;
                }

                if (!int.TryParse(text, System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out var v))
                {
                    return (answers, (field, $"Vælg et af svarene til spørgsmål {i + 1} i {instrument.Name}."));
                }

                values.Add(v);
            }

            if (values.Any(v => v is not null))
            {
                answers[instrument.Code] = values;
            }
        }

        return (answers, null);
    }
}
