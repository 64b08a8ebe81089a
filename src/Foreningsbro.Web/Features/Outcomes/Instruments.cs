using System.Globalization;

namespace Foreningsbro.Web.Features.Outcomes;

/// <summary>One answer option: the stored value and its Danish wording.</summary>
public sealed record InstrumentOption(int Value, string Text);

/// <summary>A score: the number (null when the instrument's missing-answer rule says it cannot be scored) and a Danish flag such as "Lav trivsel".</summary>
public sealed record InstrumentScore(double? Value, string? Flag)
{
    public static readonly InstrumentScore None = new(null, null);
}

/// <summary>
/// A validated questionnaire in one place: its Danish wording, answer scale, scoring rule and
/// missing-answer rule, and a version. A changed wording is a new version (a new entry here, the
/// old one kept), and a stored response keeps the version it was answered in, so old answers are
/// always read against the wording the citizen saw (docs/adr/0017-outcome-measurement.md).
/// </summary>
public sealed class Instrument
{
    public required string Code { get; init; }
    public required int Version { get; init; }
    public required string Name { get; init; }
    /// <summary>The lead-in the citizen reads before the items.</summary>
    public required string Intro { get; init; }
    public required IReadOnlyList<string> Items { get; init; }
    /// <summary>The same scale for every item of the instrument, in the order shown.</summary>
    public required IReadOnlyList<InstrumentOption> Options { get; init; }
    /// <summary>What the score means and its range, for the page and the API.</summary>
    public required string ScoreText { get; init; }
    public required string MissingRule { get; init; }
    /// <summary>Where the wording comes from, and what to check against the licensed source.</summary>
    public required string Source { get; init; }
    /// <summary>A higher score is better (WHO-5, GSE, activity); lower is better for loneliness and self-rated health's 1 = "Fremragende".</summary>
    public bool HigherIsBetter { get; init; } = true;
    /// <summary>The lowest and highest score, for the chart's axis; null for a status with no score.</summary>
    public (double Min, double Max)? Range { get; init; }
    /// <summary>The smallest change that counts as meaningful (WHO-5: 10 points), or null when the literature gives none we use.</summary>
    public double? MeaningfulChange { get; init; }
    /// <summary>A status (labour market), not a score: its "score" is the chosen option, shown by its text, never averaged.</summary>
    public bool IsStatus { get; init; }
    public required Func<IReadOnlyList<int?>, InstrumentScore> Scorer { private get; init; }

    public bool IsValid(int? value) => value is null || Options.Any(o => o.Value == value);

    /// <summary>Scores the answers by the instrument's own rule; answers out of the scale are refused before this.</summary>
    public InstrumentScore Score(IReadOnlyList<int?> answers)
    {
        if (answers.Count != Items.Count)
        {
            return InstrumentScore.None;
        }

        return Scorer(answers);
    }

    public string? OptionText(int? value) => Options.FirstOrDefault(o => o.Value == value)?.Text;
}

/// <summary>
/// The six instruments of issue 15. The Danish wordings are the ones in public use (WHO-5's Danish
/// version from Psykiatrisk Center Nordsjælland; UCLA-3, self-rated health and Saltin-Grimby as in
/// Sundhedsstyrelsen's "Den Nationale Sundhedsprofil"; GSE after Schwarzer and Jerusalem's Danish
/// translation). Before use in production each wording must be checked letter by letter against the
/// licensed or published source named in <see cref="Instrument.Source"/>; a correction is a new version.
/// </summary>
public static class Instruments
{
    public const string Who5Code = "who5";
    public const string GseCode = "gse";
    public const string Ucla3Code = "ucla3";
    public const string HealthCode = "health";
    public const string ActivityCode = "activity";
    public const string LabourCode = "labour";

    public static readonly Instrument Who5 = new()
    {
        Code = Who5Code,
        Version = 1,
        Name = "WHO-5 Trivselsindeks",
        Intro = "Hvordan har du haft det de sidste 2 uger? Vælg det svar, der passer bedst.",
        Items =
        [
            "I de sidste 2 uger har jeg været glad og i godt humør",
            "I de sidste 2 uger har jeg følt mig rolig og afslappet",
            "I de sidste 2 uger har jeg følt mig aktiv og energisk",
            "I de sidste 2 uger er jeg vågnet frisk og udhvilet",
            "I de sidste 2 uger har min dagligdag været fyldt med ting, der interesserer mig",
        ],
        Options =
        [
            new(5, "Hele tiden"), new(4, "Det meste af tiden"), new(3, "Lidt mere end halvdelen af tiden"),
            new(2, "Lidt mindre end halvdelen af tiden"), new(1, "Lidt af tiden"), new(0, "På intet tidspunkt"),
        ],
        ScoreText = "0–100 (summen af de fem svar gange 4). 50 eller derunder er lav trivsel; en ændring på 10 point er betydelig.",
        MissingRule = "Scores kun, når alle fem spørgsmål er besvaret.",
        Source = "Dansk version, Psykiatrisk Center Nordsjælland (WHO Collaborating Centre in Mental Health). Tjek ordlyden mod den officielle danske version.",
        Range = (0, 100),
        MeaningfulChange = 10,
        Scorer = a => a.Any(x => x is null) ? InstrumentScore.None : Who5Score(a.Sum(x => x!.Value)),
    };

    /// <summary>WHO-5: raw 0–25 times 4; 50 or less is poor well-being.</summary>
    public static InstrumentScore Who5Score(int raw) => new(raw * 4, raw * 4 <= 50 ? "Lav trivsel" : null);

    public static readonly Instrument Gse = new()
    {
        Code = GseCode,
        Version = 1,
        Name = "Generel self-efficacy (GSE)",
        Intro = "Hvor godt passer hver sætning på dig?",
        Items =
        [
            "Jeg kan altid løse vanskelige problemer, hvis jeg prøver hårdt nok.",
            "Hvis nogen modarbejder mig, kan jeg finde måder til at få det, jeg vil have.",
            "Det er let for mig at holde fast ved mine planer og nå mine mål.",
            "Jeg er sikker på, at jeg kan klare uventede begivenheder.",
            "Takket være mine evner ved jeg, hvordan jeg skal klare uforudsete situationer.",
            "Jeg kan løse de fleste problemer, hvis jeg gør en indsats.",
            "Jeg kan bevare roen, når jeg møder vanskeligheder, fordi jeg kan stole på mine evner til at klare dem.",
            "Når jeg står over for et problem, kan jeg som regel finde flere løsninger.",
            "Hvis jeg er i vanskeligheder, kan jeg som regel finde en udvej.",
            "Uanset hvad der sker, kan jeg som regel klare det.",
        ],
        Options = [new(1, "Passer slet ikke"), new(2, "Passer dårligt"), new(3, "Passer nogenlunde"), new(4, "Passer præcis")],
        ScoreText = "10–40 (summen af de ti svar). Højere er mere tro på egne evner.",
        MissingRule = "Mangler højst tre svar, regnes summen af gennemsnittet af de besvarede gange 10; mangler flere, scores den ikke.",
        Source = "General Self-Efficacy Scale (Schwarzer & Jerusalem), dansk oversættelse. Tjek ordlyden mod den danske version på userpage.fu-berlin.de/~health/danish.htm.",
        Range = (10, 40),
        Scorer = GseScore,
    };

    /// <summary>GSE (Schwarzer's manual): with at most three items missing, the mean of the answered items times 10, to one decimal.</summary>
    private static InstrumentScore GseScore(IReadOnlyList<int?> a)
    {
        var answered = a.Where(x => x is not null).Select(x => x!.Value).ToList();
        return a.Count - answered.Count > 3 ? InstrumentScore.None : new(Math.Round(answered.Average() * 10, 1, MidpointRounding.AwayFromZero), null);
    }

    public static readonly Instrument Ucla3 = new()
    {
        Code = Ucla3Code,
        Version = 1,
        Name = "Ensomhed (UCLA, 3 spørgsmål)",
        Intro = "De næste spørgsmål handler om, hvordan du har det med andre mennesker.",
        Items =
        [
            "Hvor tit føler du, at du savner nogen at være sammen med?",
            "Hvor tit føler du dig holdt udenfor?",
            "Hvor tit føler du dig isoleret fra andre?",
        ],
        Options = [new(1, "Næsten aldrig"), new(2, "En gang imellem"), new(3, "Ofte")],
        ScoreText = "3–9 (summen af de tre svar). 6 eller derover tæller som ensom. Lavere er bedre.",
        MissingRule = "Scores kun, når alle tre spørgsmål er besvaret.",
        Source = "Three-Item Loneliness Scale (Hughes m.fl. 2004) i Den Nationale Sundhedsprofils danske ordlyd. Tjek mod Sundhedsstyrelsens spørgeskema.",
        HigherIsBetter = false,
        Range = (3, 9),
        Scorer = a => a.Any(x => x is null) ? InstrumentScore.None : Ucla3Score(a.Sum(x => x!.Value)),
    };

    /// <summary>UCLA-3: the sum 3–9; 6 or more counts as lonely.</summary>
    public static InstrumentScore Ucla3Score(int sum) => new(sum, sum >= 6 ? "Ensom" : null);

    public static readonly Instrument Health = new()
    {
        Code = HealthCode,
        Version = 1,
        Name = "Selvvurderet helbred",
        Intro = "Et enkelt spørgsmål om dit helbred.",
        Items = ["Hvordan synes du, dit helbred er alt i alt?"],
        Options = [new(1, "Fremragende"), new(2, "Vældig godt"), new(3, "Godt"), new(4, "Mindre godt"), new(5, "Dårligt")],
        ScoreText = "1–5: 1 er fremragende, 5 er dårligt. Lavere er bedre.",
        MissingRule = "Ubesvaret: ingen score.",
        Source = "SF-36's første spørgsmål, som i Den Nationale Sundhedsprofil. Tjek mod Sundhedsstyrelsens spørgeskema.",
        HigherIsBetter = false,
        Range = (1, 5),
        Scorer = a => a[0] is { } v ? new(v, v >= 4 ? "Mindre godt eller dårligt helbred" : null) : InstrumentScore.None,
    };

    public static readonly Instrument Activity = new()
    {
        Code = ActivityCode,
        Version = 1,
        Name = "Fysisk aktivitet i fritiden (Saltin-Grimby)",
        Intro = "Tænk på det seneste år.",
        Items = ["Hvordan vil du beskrive din fysiske aktivitet i fritiden det seneste år?"],
        Options =
        [
            new(1, "Stillesiddende: læser, ser tv eller anden stillesiddende beskæftigelse"),
            new(2, "Let motion mindst 4 timer om ugen: går, cykler eller andet let"),
            new(3, "Motionerer, så jeg sveder, eller udfører tungt havearbejde, mindst 4 timer om ugen"),
            new(4, "Træner hårdt eller dyrker konkurrenceidræt regelmæssigt og flere gange om ugen"),
        ],
        ScoreText = "Niveau 1–4: 1 er stillesiddende, 4 er hård træning. Højere er mere aktiv.",
        MissingRule = "Ubesvaret: intet niveau.",
        Source = "Saltin-Grimby Physical Activity Level Scale, dansk ordlyd som i Den Nationale Sundhedsprofil. Tjek mod Sundhedsstyrelsens spørgeskema.",
        Range = (1, 4),
        Scorer = a => a[0] is { } v ? new(v, v == 1 ? "Stillesiddende" : null) : InstrumentScore.None,
    };

    public static readonly Instrument Labour = new()
    {
        Code = LabourCode,
        Version = 1,
        Name = "Tilknytning til arbejdsmarkedet",
        Intro = "Til sidst: hvad laver du lige nu?",
        Items = ["Hvad passer bedst på dig lige nu?"],
        Options =
        [
            new(1, "Ledig"), new(2, "Sygemeldt"), new(3, "I ressourceforløb"), new(4, "I praktik eller job med løntilskud"),
            new(5, "I job"), new(6, "Under uddannelse"), new(7, "Andet"),
        ],
        ScoreText = "En status, ingen score. Et skridt mod job er praktik, job med løntilskud, job eller uddannelse.",
        MissingRule = "Ubesvaret: ingen status.",
        Source = "Foreningsbros egen liste (ikke et valideret instrument); ændres listen, bliver det en ny version.",
        IsStatus = true,
        Scorer = a => a[0] is { } v ? new(v, null) : InstrumentScore.None,
    };

    /// <summary>The instruments of a questionnaire, in the order they are asked.</summary>
    public static readonly IReadOnlyList<Instrument> Current = [Who5, Gse, Ucla3, Health, Activity, Labour];

    /// <summary>Every version ever used, to read old answers by (a changed wording adds its new version here).</summary>
    public static readonly IReadOnlyList<Instrument> All = Current;

    public static Instrument? Find(string? code) => Current.FirstOrDefault(i => string.Equals(i.Code, code, StringComparison.OrdinalIgnoreCase));

    public static Instrument? Find(string code, int version) => All.FirstOrDefault(i => i.Code == code && i.Version == version);

    /// <summary>"3;4;;5;2": answers as stored (an empty place is a missing answer).</summary>
    public static string Format(IReadOnlyList<int?> answers) =>
        string.Join(';', answers.Select(a => a?.ToString(CultureInfo.InvariantCulture) ?? ""));

    public static IReadOnlyList<int?> Parse(string stored) =>
        [.. stored.Split(';').Select(s => int.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) ? v : (int?)null)];

    /// <summary>The score as the page shows it: "64", "27,5", or "–".</summary>
    public static string ScoreText(double? score) => score?.ToString("0.#", CultureInfo.CurrentCulture) ?? "–";
}
