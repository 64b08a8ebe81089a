using System.Globalization;
using Foreningsbro.Web.Data;

namespace Foreningsbro.Web.Features.Catalogue.OpenReferral;

/// <summary>The catalogue's own classifications as HSDS taxonomies: activity, target group, intensity and the team's marks.</summary>
public enum HsdsTaxonomyCode : byte
{
    Activity = 1,
    TargetGroup = 2,
    Intensity = 3,
    Mark = 4,
}

/// <summary>
/// How a club, a team and a venue read in HSDS: club → organization (CVR as an organization_identifier),
/// team → service (with its venue as its one service_at_location), venue → location, weekly times →
/// schedules, activity, target groups, intensity and "Kom og vær med" → attributes with taxonomy terms.
/// Pure functions of loaded entities, so the tests can map generated edge cases too.
/// </summary>
public static class HsdsMapping
{
    public const string Version = "3.0";

    /// <summary>Marks (taxonomy "kendetegn"): primary numbers of the two terms.</summary>
    public const int LowThresholdMark = 1;
    public const int FeeSubsidyMark = 2;

    private static string Inv(int n) => n.ToString(CultureInfo.InvariantCulture);

    private static string Date(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Time(TimeOnly t) => t.ToString("HH':'mm", CultureInfo.InvariantCulture);

    private static string Utc(DateTime utc) => DateTime.SpecifyKind(utc, DateTimeKind.Utc).ToString("yyyy-MM-dd'T'HH':'mm':'ss'Z'", CultureInfo.InvariantCulture);

    public static IReadOnlyList<HsdsTaxonomy> Taxonomies { get; } =
    [
        Taxonomy(HsdsTaxonomyCode.Activity, "Aktivitet", "Hvad man laver på holdet (stavgang, yoga, svømning …). Foreningsbros egen liste, som koordinatoren holder."),
        Taxonomy(HsdsTaxonomyCode.TargetGroup, "Målgruppe", "Hvem holdet især er for (seniorer, kronisk sygdom …). Foreningsbros egen liste."),
        Taxonomy(HsdsTaxonomyCode.Intensity, "Intensitet", "Hvor hårdt holdet træner: let, moderat eller hård."),
        Taxonomy(HsdsTaxonomyCode.Mark, "Kendetegn", "Kendetegn ved holdet, fx at det er et \"Kom og vær med\"-hold med lav tærskel for nye."),
    ];

    private static HsdsTaxonomy Taxonomy(HsdsTaxonomyCode code, string name, string description) =>
        new(OpenReferralIds.Of(HsdsKind.Taxonomy, (int)code), name, description, "1");

    public static HsdsTaxonomy TaxonomyOf(HsdsTaxonomyCode code) => Taxonomies[(int)code - 1];

    public static HsdsTaxonomyTerm Term(HsdsTaxonomyCode taxonomy, int number, string code, string name, string description)
    {
        var t = TaxonomyOf(taxonomy);
        return new(OpenReferralIds.Of(HsdsKind.TaxonomyTerm, number, sub: (byte)taxonomy), code, name, description, t.Id, t.Name, "da", t);
    }

    public static HsdsTaxonomyTerm ActivityTerm(int id, string name) =>
        Term(HsdsTaxonomyCode.Activity, id, "aktivitet-" + Inv(id), name, $"Aktiviteten \"{name}\".");

    public static HsdsTaxonomyTerm TargetGroupTerm(int id, string name) =>
        Term(HsdsTaxonomyCode.TargetGroup, id, "maalgruppe-" + Inv(id), name, $"Hold for målgruppen \"{name}\".");

    public static HsdsTaxonomyTerm IntensityTerm(Intensity i) =>
        Term(HsdsTaxonomyCode.Intensity, (int)i + 1, i.ToString().ToLowerInvariant(), i.Danish(), $"{i.Danish()} intensitet.");

    public static IReadOnlyList<HsdsTaxonomyTerm> MarkTerms { get; } =
    [
        Term(HsdsTaxonomyCode.Mark, LowThresholdMark, "kom-og-vaer-med", "Kom og vær med",
            "Et lavtærskelhold: nye er velkomne uden forudsætninger, og foreningen tager imod borgere, der bygges bro til."),
        Term(HsdsTaxonomyCode.Mark, FeeSubsidyMark, "kontingentstoette", "Kontingentstøtte mulig", "Kommunen kan give tilskud til kontingentet."),
    ];

    public static IEnumerable<HsdsTaxonomyTerm> IntensityTerms => Enum.GetValues<Intensity>().Select(IntensityTerm);

    public static string ServiceStatus(TeamStatus status) => status switch
    {
        TeamStatus.Active => "active",
        TeamStatus.Paused => "temporarily closed",
        _ => "inactive",
    };

    private static string? Email(string? value) =>
        !string.IsNullOrWhiteSpace(value) && System.Net.Mail.MailAddress.TryCreate(value.Trim(), out var a) && a.Address == value.Trim() && !value.Contains(' ', StringComparison.Ordinal)
            ? value.Trim()
            : null;

    private static string? Web(string? value) => SafeUrls.IsWebLink(value) ? value : null;

    private static string? Text(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    public static HsdsOrganization Organization(Club club, string publicBase, bool full, IReadOnlyList<HsdsService>? services = null)
    {
        var id = OpenReferralIds.Of(HsdsKind.Organization, club.Id);
        var description = club.Municipality is { } m
            ? $"Forening i {m.Name} Kommune, der har hold i Foreningsbros katalog."
            : "Forening, der har hold i Foreningsbros katalog.";
        if (!full)
        {
            return new(id, club.Name, description, Web(club.Website));
        }

        var identifiers = Text(club.Cvr) is { } cvr
            ? new List<HsdsOrganizationIdentifier> { new(OpenReferralIds.Of(HsdsKind.OrganizationIdentifier, club.Id), id, "DK-CVR", "CVR-nummer", cvr) }
            : [];
        var contacts = club.ContactPersons
            .OrderBy(p => p.Name, StringComparer.Ordinal)
            .Select(p =>
            {
                var contactId = OpenReferralIds.Of(HsdsKind.Contact, p.Id, sub: 2);
                return new HsdsContact(contactId, p.Name, Text(p.Role), Email(p.Email), OrganizationId: id,
                    Phones: Text(p.Phone) is { } phone ? [new HsdsPhone(OpenReferralIds.Of(HsdsKind.Phone, p.Id, sub: 2), phone, "voice", ContactId: contactId)] : []);
            })
            .ToList();
        return new(id, club.Name, description, Web(club.Website), $"{publicBase}/api/openreferral/organizations/{id}", identifiers, contacts, services);
    }

    /// <summary>The venue as a location; <paramref name="full"/> adds its addresses, accessibility and language (lists carry only the one-to-one fields).</summary>
    public static HsdsLocation? Location(Venue venue, string publicBase, bool full = true)
    {
        if (venue.Archived)
        {
            return null;
        }

        var id = OpenReferralIds.Of(HsdsKind.Location, venue.Id);
        var municipality = venue.Municipality?.Name is { } m ? m + " Kommune" : "Danmark";
        var addresses = Text(venue.Address) is { } street
            ? new List<HsdsAddress> { new(OpenReferralIds.Of(HsdsKind.Address, venue.Id), id, street, venue.Town, municipality, venue.PostalCode, "DK", "physical") }
            : [];
        var accessibility = Text(venue.AccessibilityNotes) is { } notes
            ? new List<HsdsAccessibility> { new(OpenReferralIds.Of(HsdsKind.Accessibility, venue.Id), id, notes) }
            : [];
        var location = new HsdsLocation(id, "physical", venue.Name, Description: $"{venue.Name}, {venue.PostalCode} {venue.Town}",
            Latitude: venue.Latitude, Longitude: venue.Longitude, Url: $"{publicBase}/api/openreferral/locations/{id}");
        return full
            ? location with
            {
                Addresses = addresses,
                Accessibility = accessibility,
                Languages = [new HsdsLanguage(OpenReferralIds.Of(HsdsKind.Language, venue.Id, sub: 2), "Dansk", "da", LocationId: id)],
            }
            : location;
    }

    /// <summary>"MO", "TU", …: RFC 5545's two letters of a weekday.</summary>
    public static string ByDay(DayOfWeek day) => day switch
    {
        DayOfWeek.Monday => "MO",
        DayOfWeek.Tuesday => "TU",
        DayOfWeek.Wednesday => "WE",
        DayOfWeek.Thursday => "TH",
        DayOfWeek.Friday => "FR",
        DayOfWeek.Saturday => "SA",
        _ => "SU",
    };

    /// <summary>The breaks as words, since HSDS's schedule has no field for dates without sessions; the team's .ics has them as EXDATE.</summary>
    public static string? BreakNotes(IEnumerable<TeamBreak> breaks)
    {
        var list = breaks.OrderBy(b => b.From).Select(b => $"{b.Name} {Date(b.From)}–{Date(b.To)}").ToList();
        return list.Count == 0 ? null : "Ingen træning i pauserne: " + string.Join("; ", list) + ".";
    }

    public static IReadOnlyList<HsdsSchedule> Schedules(Team team, string publicBase, bool atLocation)
    {
        var serviceId = OpenReferralIds.Of(HsdsKind.Service, team.Id);
        var salId = OpenReferralIds.Of(HsdsKind.ServiceAtLocation, team.Id);
        var notes = BreakNotes(team.Breaks);
        return [.. team.Schedules
            .OrderBy(s => ((int)s.Weekday + 6) % 7).ThenBy(s => s.Start)
            .Select(s => new HsdsSchedule(
                OpenReferralIds.Of(HsdsKind.Schedule, s.Id, sub: atLocation ? (byte)2 : (byte)1),
                "WEEKLY",
                1,
                ByDay(s.Weekday),
                "MO",
                Time(s.Start),
                Time(s.End),
                $"Hver {s.Weekday.Danish()} kl. {CatalogueText.Time(s.Start)}–{CatalogueText.Time(s.End)} (dansk tid)",
                "in_person",
                ServiceId: atLocation ? null : serviceId,
                ServiceAtLocationId: atLocation ? salId : null,
                ValidFrom: team.SeasonStart is { } from ? Date(from) : null,
                ValidTo: team.SeasonEnd is { } to ? Date(to) : null,
                Dtstart: team.SeasonStart is { } start ? Date(FirstOnOrAfter(start, s.Weekday)) : null,
                Until: team.SeasonEnd is { } end ? Date(end) : null,
                Notes: notes,
                ScheduleLink: $"{publicBase}/hold/{Inv(team.Id)}.ics"))];
    }

    private static DateOnly FirstOnOrAfter(DateOnly date, DayOfWeek day) => date.AddDays(((int)day - (int)date.DayOfWeek + 7) % 7);

    public static string? FeesDescription(decimal? price, bool subsidy)
    {
        var text = price switch
        {
            null => null,
            0 => "Gratis.",
            { } p => $"{p.ToString("#,0.##", CultureInfo.GetCultureInfo("da-DK"))} kr. pr. sæson.",
        };
        return subsidy ? (text is null ? "" : text + " ") + "Kommunen kan give kontingentstøtte." : text;
    }

    public static string? Eligibility(Team team)
    {
        var parts = new List<string>();
        var ages = (team.AgeFrom, team.AgeTo) switch
        {
            ({ } f, { } t) => $"{f}–{t} år",
            ({ } f, null) => $"fra {f} år",
            (null, { } t) => $"op til {t} år",
            _ => null,
        };
        if (ages is not null)
        {
            parts.Add("Alder: " + ages + ".");
        }

        if (team.TargetGroups.Count > 0)
        {
            parts.Add("Især for: " + string.Join(", ", team.TargetGroups.OrderBy(g => g.Name, StringComparer.Ordinal).Select(g => g.Name)) + ".");
        }

        parts.Add(team.GenderMix.Danish() + ".");
        if (Text(team.TypicalParticipants) is { } typical)
        {
            parts.Add(typical);
        }

        return string.Join(" ", parts);
    }

    public static IReadOnlyList<HsdsAttributeRecord> Attributes(Team team)
    {
        var serviceId = OpenReferralIds.Of(HsdsKind.Service, team.Id);
        var terms = new List<(HsdsTaxonomyCode Taxonomy, int Number, HsdsTaxonomyTerm Term, string LinkType)>
        {
            (HsdsTaxonomyCode.Activity, team.ActivityId, ActivityTerm(team.ActivityId, team.Activity.Name), "activity"),
            (HsdsTaxonomyCode.Intensity, (int)team.Intensity + 1, IntensityTerm(team.Intensity), "intensity"),
        };
        terms.AddRange(team.TargetGroups.OrderBy(g => g.Name, StringComparer.Ordinal).Select(g => (HsdsTaxonomyCode.TargetGroup, g.Id, TargetGroupTerm(g.Id, g.Name), "audience")));
        if (team.LowThreshold)
        {
            terms.Add((HsdsTaxonomyCode.Mark, LowThresholdMark, MarkTerms[0], "mark"));
        }

        if (team.FeeSubsidyPossible)
        {
            terms.Add((HsdsTaxonomyCode.Mark, FeeSubsidyMark, MarkTerms[1], "mark"));
        }

        return [.. terms.Select(t => new HsdsAttributeRecord(
            OpenReferralIds.Of(HsdsKind.Attribute, team.Id, t.Number, (byte)t.Taxonomy), serviceId, t.LinkType, "service", t.Term.Id, t.Term))];
    }

    /// <summary>A team as a service; <paramref name="full"/> adds its nested records (GET /services/{id}).</summary>
    public static HsdsService Service(Team team, string publicBase, bool full)
    {
        var id = OpenReferralIds.Of(HsdsKind.Service, team.Id);
        var organization = Organization(team.Club, publicBase, full: false);
        var service = new HsdsService(
            id,
            organization.Id,
            team.Title,
            ServiceStatus(team.Status),
            Description: Text(team.Description),
            Url: $"{publicBase}/hold/{Inv(team.Id)}",
            Email: Email(team.ContactEmail),
            ApplicationProcess: Text(team.FirstTime),
            FeesDescription: FeesDescription(team.PricePerSeason, team.FeeSubsidyPossible),
            EligibilityDescription: Eligibility(team),
            MinimumAge: team.AgeFrom,
            MaximumAge: team.AgeTo,
            AssuredDate: team.LastConfirmedAtUtc is { } confirmed ? Date(DateOnly.FromDateTime(Infrastructure.DanishTime.ToDanish(confirmed))) : null,
            Alert: team.Status == TeamStatus.Paused ? "Holdet holder pause lige nu og tager ikke imod nye." : null,
            LastModified: Utc(team.UpdatedAtUtc),
            Organization: organization);
        if (!full)
        {
            return service;
        }

        var contactId = OpenReferralIds.Of(HsdsKind.Contact, team.Id, sub: 1);
        var phone = Text(team.ContactPhone) is { } number ? new HsdsPhone(OpenReferralIds.Of(HsdsKind.Phone, team.Id, sub: 1), number, "voice", ServiceId: id) : null;
        var contacts = Text(team.ContactName) is not null || Email(team.ContactEmail) is not null || phone is not null
            ? new List<HsdsContact>
            {
                new(contactId, Text(team.ContactName), "Kontaktperson for holdet", Email(team.ContactEmail), ServiceId: id,
                    Phones: phone is null ? [] : [phone with { Id = OpenReferralIds.Of(HsdsKind.Phone, team.Id, sub: 3), ServiceId = null, ContactId = contactId }]),
            }
            : [];
        var location = Location(team.Venue, publicBase);
        var costs = team.PricePerSeason is { } price
            ? new List<HsdsCostOption>
            {
                new(OpenReferralIds.Of(HsdsKind.CostOption, team.Id), id, "Kontingent pr. sæson", "DKK", price,
                    FeesDescription(price, team.FeeSubsidyPossible)!,
                    team.SeasonStart is { } from ? Date(from) : null, team.SeasonEnd is { } to ? Date(to) : null),
            }
            : [];
        return service with
        {
            Organization = Organization(team.Club, publicBase, full: true),
            Phones = phone is null ? [] : [phone],
            Schedules = Schedules(team, publicBase, atLocation: false),
            ServiceAreas = team.Club.Municipality is { } m
                ? [new HsdsServiceArea(OpenReferralIds.Of(HsdsKind.ServiceArea, team.Id), id, m.Name + " Kommune", $"Borgere i og omkring {m.Name} Kommune.")]
                : [],
            ServiceAtLocations = location is null ? [] : [ServiceAtLocation(team, location, publicBase, withService: false)],
            Languages = [new HsdsLanguage(OpenReferralIds.Of(HsdsKind.Language, team.Id, sub: 1), "Dansk", "da", ServiceId: id)],
            CostOptions = costs,
            Contacts = contacts,
            Attributes = Attributes(team),
        };
    }

    public static HsdsServiceAtLocation ServiceAtLocation(Team team, HsdsLocation location, string publicBase, bool withService) =>
        new(OpenReferralIds.Of(HsdsKind.ServiceAtLocation, team.Id),
            OpenReferralIds.Of(HsdsKind.Service, team.Id),
            location.Id,
            $"{team.Title} på {location.Name}",
            location,
            withService ? Service(team, publicBase, full: false) : null,
            withService ? null : Schedules(team, publicBase, atLocation: true));
}
