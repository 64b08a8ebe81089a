using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Foreningsbro.Web.Data;
using Foreningsbro.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc.Rendering;

namespace Foreningsbro.Web.Features.Catalogue;

/// <summary>The team form's fields, how they are checked and read, and how they are described to an editor who saved too late.</summary>
public partial class EditTeamModel
{
    public const int MaxBreakRows = 20;

    public class InputModel
    {
        public int? ClubId { get; set; }

        public int? VenueId { get; set; }

        public int? ActivityId { get; set; }

        [Required(ErrorMessage = "Skriv holdets navn.")]
        [StringLength(Limits.Name, ErrorMessage = "Holdets navn må højst være {1} tegn.")]
        [PlainText]
        [Display(Name = "Holdets navn")]
        public string Title { get; set; } = "";

        [StringLength(Limits.Text, ErrorMessage = "Beskrivelsen må højst være {1} tegn.")]
        [PlainText(MultiLine = true)]
        public string? Description { get; set; }

        [StringLength(Limits.Text, ErrorMessage = "Teksten om første gang må højst være {1} tegn.")]
        [PlainText(MultiLine = true)]
        public string? FirstTime { get; set; }

        [Required(ErrorMessage = "Vælg en intensitet.")]
        [EnumDataType(typeof(Intensity), ErrorMessage = "Vælg en intensitet.")]
        [Display(Name = "Intensitet")]
        public Intensity? Intensity { get; set; }

        [Range(0, 120, ErrorMessage = "Alder fra skal være mellem 0 og 120.")]
        [Display(Name = "Alder fra")]
        public int? AgeFrom { get; set; }

        [Range(0, 120, ErrorMessage = "Alder til skal være mellem 0 og 120.")]
        [Display(Name = "Alder til")]
        public int? AgeTo { get; set; }

        [Required(ErrorMessage = "Vælg kønsfordeling.")]
        [EnumDataType(typeof(GenderMix), ErrorMessage = "Vælg kønsfordeling.")]
        [Display(Name = "Kønsfordeling")]
        public GenderMix? GenderMix { get; set; }

        [StringLength(500, ErrorMessage = "Teksten om deltagerne må højst være {1} tegn.")]
        [PlainText]
        public string? TypicalParticipants { get; set; }

        /// <summary>Text, read by Forms.TryParseAmount: see there why not a number field.</summary>
        [StringLength(20, ErrorMessage = "Skriv prisen i kroner, fx 300 eller 300,50.")]
        public string? Price { get; set; }

        public bool FeeSubsidyPossible { get; set; }

        [Range(0, 10000, ErrorMessage = "Antal pladser skal være et tal fra 0 til 10000.")]
        [Display(Name = "Pladser i alt")]
        public int? Capacity { get; set; }

        [Range(0, 10000, ErrorMessage = "Reserverede pladser skal være et tal fra 0 til 10000.")]
        [Display(Name = "Reserverede pladser")]
        public int? ReservedPlaces { get; set; }

        [Range(0, 10000, ErrorMessage = "Ledige pladser skal være et tal fra 0 til 10000.")]
        [Display(Name = "Ledige pladser")]
        public int? FreePlaces { get; set; }

        [StringLength(Limits.Name, ErrorMessage = "Kontaktpersonens navn må højst være {1} tegn.")]
        [PlainText]
        public string? ContactName { get; set; }

        [StringLength(Limits.Phone, ErrorMessage = "Telefonnummeret må højst være {1} tegn.")]
        [PlainText]
        [PhoneNumber]
        public string? ContactPhone { get; set; }

        [StringLength(Limits.Email, ErrorMessage = "E-mailadressen må højst være {1} tegn.")]
        [PlainText]
        [Email]
        public string? ContactEmail { get; set; }

        [StringLength(Limits.Url, ErrorMessage = "Webadressen må højst være {1} tegn.")]
        [PlainText]
        [HttpUrl]
        public string? VideoUrl { get; set; }

        [StringLength(Limits.Url, ErrorMessage = "Webadressen må højst være {1} tegn.")]
        [PlainText]
        [HttpUrl]
        public string? PhotoUrl { get; set; }

        [StringLength(300, ErrorMessage = "Billedteksten må højst være {1} tegn.")]
        [PlainText]
        public string? PhotoAlt { get; set; }

        public bool LowThreshold { get; set; }

        [Required(ErrorMessage = "Vælg en status.")]
        [EnumDataType(typeof(TeamStatus), ErrorMessage = "Vælg en status.")]
        [Display(Name = "Status")]
        public TeamStatus? Status { get; set; }

        [StringLength(10, ErrorMessage = "Skriv datoen som dd-mm-åååå.")]
        public string? SeasonStart { get; set; }

        [StringLength(10, ErrorMessage = "Skriv datoen som dd-mm-åååå.")]
        public string? SeasonEnd { get; set; }

        public List<WeeklyScheduleRow> Schedules { get; set; } = [];

        public List<BreakRow> Breaks { get; set; } = [];

        public List<TargetGroupChoice> TargetGroups { get; set; } = [];

        /// <summary>The version the editor loaded: saving fails if someone saved in between, or if it is missing.</summary>
        public int? Version { get; set; }

        public static InputModel From(Team t) => new()
        {
            ClubId = t.ClubId,
            VenueId = t.VenueId,
            ActivityId = t.ActivityId,
            Title = t.Title,
            Description = t.Description,
            FirstTime = t.FirstTime,
            Intensity = t.Intensity,
            AgeFrom = t.AgeFrom,
            AgeTo = t.AgeTo,
            GenderMix = t.GenderMix,
            TypicalParticipants = t.TypicalParticipants,
            Price = Forms.Amount(t.PricePerSeason),
            FeeSubsidyPossible = t.FeeSubsidyPossible,
            Capacity = t.Capacity,
            ReservedPlaces = t.ReservedPlaces,
            FreePlaces = t.FreePlaces,
            ContactName = t.ContactName,
            ContactPhone = t.ContactPhone,
            ContactEmail = t.ContactEmail,
            VideoUrl = t.VideoUrl,
            PhotoUrl = t.PhotoUrl,
            PhotoAlt = t.PhotoAlt,
            LowThreshold = t.LowThreshold,
            Status = t.Status,
            SeasonStart = Forms.IsoDate(t.SeasonStart),
            SeasonEnd = Forms.IsoDate(t.SeasonEnd),
            Schedules = WeeklyScheduleInput.From(t.Schedules.Select(s => new WeeklyTime(s.Weekday, s.Start, s.End))),
            Breaks = [.. t.Breaks.OrderBy(b => b.From).Select(b => new BreakRow { Name = b.Name, From = Forms.IsoDate(b.From), To = Forms.IsoDate(b.To) })],
            TargetGroups = [.. t.TargetGroups.Select(g => new TargetGroupChoice { Id = g.Id, Selected = true })],
            Version = t.Version,
        };
    }

    public class BreakRow
    {
        [StringLength(100, ErrorMessage = "Pausens navn må højst være {1} tegn.")]
        [PlainText]
        public string? Name { get; set; }

        [StringLength(10, ErrorMessage = "Skriv datoen som dd-mm-åååå.")]
        public string? From { get; set; }

        [StringLength(10, ErrorMessage = "Skriv datoen som dd-mm-åååå.")]
        public string? To { get; set; }

        public bool Remove { get; set; }

        public bool IsBlank => string.IsNullOrWhiteSpace(Name) && string.IsNullOrWhiteSpace(From) && string.IsNullOrWhiteSpace(To);
    }

    public class TargetGroupChoice
    {
        public int Id { get; set; }

        public bool Selected { get; set; }
    }

    // Values read while validating, used when saving.
    private List<WeeklyTime> schedules = [];
    private readonly List<TeamBreak> breaks = [];
    private DateOnly? seasonStart;
    private DateOnly? seasonEnd;
    private decimal? price;

    private void Error(string key, string message) => ModelState.AddErrorOnce("Input." + key, message);

    private static bool Offers(List<SelectListItem> items, int? id) =>
        id is { } i && items.Exists(o => o.Value == i.ToString(CultureInfo.InvariantCulture));

    private void Validate()
    {
        if (IsCoordinator && !Offers(Clubs, Input.ClubId))
        {
            Error(nameof(InputModel.ClubId), "Vælg en forening.");
        }

        if (!Offers(Venues, Input.VenueId))
        {
            Error(nameof(InputModel.VenueId), "Vælg et sted.");
        }

        if (!Offers(Activities, Input.ActivityId))
        {
            Error(nameof(InputModel.ActivityId), "Vælg en aktivitet.");
        }

        if (Input.AgeFrom is { } from && Input.AgeTo is { } to && from > to)
        {
            Error(nameof(InputModel.AgeTo), "Alder til skal være den samme som eller højere end alder fra.");
        }

        if (Input.Capacity is { } capacity)
        {
            if (Input.ReservedPlaces is { } reserved && reserved > capacity)
            {
                Error(nameof(InputModel.ReservedPlaces), "Der kan ikke være flere reserverede pladser end pladser i alt.");
            }

            if (Input.FreePlaces is { } free && free > capacity)
            {
                Error(nameof(InputModel.FreePlaces), "Der kan ikke være flere ledige pladser end pladser i alt.");
            }
        }

        if (!string.IsNullOrWhiteSpace(Input.Price))
        {
            if (Forms.TryParseAmount(Input.Price, out var amount))
            {
                price = amount;
            }
            else
            {
                Error(nameof(InputModel.Price), "Skriv prisen i kroner, fx 300 eller 300,50.");
            }
        }

        if (!string.IsNullOrWhiteSpace(Input.PhotoUrl) && string.IsNullOrWhiteSpace(Input.PhotoAlt))
        {
            Error(nameof(InputModel.PhotoAlt), "Skriv en billedtekst, der fortæller, hvad fotoet viser (for dem, der ikke kan se det).");
        }

        seasonStart = ReadDate(Input.SeasonStart, nameof(InputModel.SeasonStart));
        seasonEnd = ReadDate(Input.SeasonEnd, nameof(InputModel.SeasonEnd));
        if (seasonStart is { } start && seasonEnd is { } end && end <= start)
        {
            Error(nameof(InputModel.SeasonEnd), "Sæsonen skal slutte efter, at den begynder.");
        }

        schedules = WeeklyScheduleInput.Read(Input.Schedules, ModelState, "Input." + nameof(InputModel.Schedules), "Et hold");
        ValidateBreaks();
    }

    private DateOnly? ReadDate(string? text, string key)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        if (Forms.TryParseDate(text, out var date))
        {
            return date;
        }

        Error(key, "Skriv datoen som dd-mm-åååå, fx 15-08-2026.");
        return null;
    }

    private void ValidateBreaks()
    {
        if (Input.Breaks.Count > MaxBreakRows)
        {
            Error(nameof(InputModel.Breaks), $"Et hold kan højst have {MaxBreakRows} pauser.");
            return;
        }

        for (var i = 0; i < Input.Breaks.Count; i++)
        {
            var row = Input.Breaks[i];
            if (row.Remove || row.IsBlank)
            {
                continue;
            }

            var key = $"{nameof(InputModel.Breaks)}[{i}].";
            if (string.IsNullOrWhiteSpace(row.Name))
            {
                Error(key + nameof(BreakRow.Name), $"Skriv et navn på pause {i + 1}, fx Juleferie.");
            }

            var hasFrom = Forms.TryParseDate(row.From, out var from);
            var hasTo = Forms.TryParseDate(row.To, out var to);
            if (!hasFrom)
            {
                Error(key + nameof(BreakRow.From), $"Skriv første dag i pause {i + 1} som dd-mm-åååå.");
            }

            if (!hasTo)
            {
                Error(key + nameof(BreakRow.To), $"Skriv sidste dag i pause {i + 1} som dd-mm-åååå.");
            }
            else if (hasFrom && to < from)
            {
                Error(key + nameof(BreakRow.To), $"Pause {i + 1} kan ikke slutte, før den begynder.");
            }

            if (!string.IsNullOrWhiteSpace(row.Name) && hasFrom && hasTo && to >= from)
            {
                breaks.Add(new TeamBreak { Name = row.Name.Trim(), From = from, To = to });
            }
        }
    }

    /// <summary>The form's values as labelled text, to tell an editor which fields someone else changed.</summary>
    private List<(string Label, string Value)> Describe(InputModel x)
    {
        string Name(List<SelectListItem> items, int? id) =>
            items.Find(o => o.Value == id?.ToString(CultureInfo.InvariantCulture))?.Text ?? (id is null ? "" : "#" + id);
        static string T(string? s) => s?.Trim() ?? "";
        static string N(int? n) => n?.ToString(CultureInfo.InvariantCulture) ?? "";
        static string YesNo(bool b) => b ? "Ja" : "Nej";
        static string Date(string? s) => Forms.TryParseDate(s, out var d) ? d.ToString("d. MMM yyyy", Localization.Danish) : T(s);

        var pauses = string.Join("; ", x.Breaks.Where(r => !r.Remove && !r.IsBlank)
            .Select(r => $"{T(r.Name)} {Date(r.From)}–{Date(r.To)}"));
        var groups = string.Join(", ", x.TargetGroups.Where(g => g.Selected)
            .Select(g => TargetGroupNames.GetValueOrDefault(g.Id, "#" + g.Id)).Order(StringComparer.Ordinal));

        return
        [
            ("Forening", IsCoordinator ? Name(Clubs, x.ClubId) : ClubName),
            ("Sted", Name(Venues, x.VenueId)),
            ("Aktivitet", Name(Activities, x.ActivityId)),
            ("Holdets navn", T(x.Title)),
            ("Beskrivelse", T(x.Description)),
            ("Hvad sker der første gang", T(x.FirstTime)),
            ("Ugentlige tidspunkter", WeeklyScheduleInput.Describe(x.Schedules)),
            ("Sæsonstart", Date(x.SeasonStart)),
            ("Sæsonslut", Date(x.SeasonEnd)),
            ("Pauser", pauses),
            ("Intensitet", x.Intensity is { } intensity ? intensity.Danish() : ""),
            ("Målgrupper", groups),
            ("Alder fra", N(x.AgeFrom)),
            ("Alder til", N(x.AgeTo)),
            ("Kønsfordeling", x.GenderMix is { } mix ? mix.Danish() : ""),
            ("Hvem kommer på holdet", T(x.TypicalParticipants)),
            ("Pris pr. sæson", Forms.TryParseAmount(x.Price, out var p) ? Forms.Amount(p) + " kr." : T(x.Price)),
            ("Kontingentstøtte mulig", YesNo(x.FeeSubsidyPossible)),
            ("Pladser i alt", N(x.Capacity)),
            ("Reserverede pladser", N(x.ReservedPlaces ?? 0)),
            ("Ledige pladser", N(x.FreePlaces)),
            ("Kontaktperson", T(x.ContactName)),
            ("Telefon", T(x.ContactPhone)),
            ("E-mail", T(x.ContactEmail)),
            ("Video (webadresse)", T(x.VideoUrl)),
            ("Foto (webadresse)", T(x.PhotoUrl)),
            ("Billedtekst", T(x.PhotoAlt)),
            ("Lav tærskel", YesNo(x.LowThreshold)),
            ("Status", x.Status is { } status ? status.Danish() : ""),
        ];
    }
}
