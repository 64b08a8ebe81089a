using Foreningsbro.Web.Data;
using Foreningsbro.Web.Features.Catalogue.Search;

namespace Foreningsbro.Bench;

/// <summary>Where a kind of activity takes place; decides the venue a club uses for it.</summary>
public enum VenueKind
{
    Hall,
    Pool,
    Outdoor,
    Room,
    Water,
}

/// <summary>A kind of activity with the words clubs use for its teams.</summary>
public sealed record ActivityKind(
    string Name,
    VenueKind Venue,
    Intensity[] Intensities,
    string[] Titles,
    string Opening,
    string Equipment,
    int[] StartHours,
    int Minutes,
    bool Outdoor = false);

/// <summary>Everything the generator made, ready to be written; ids are assigned here, not by the database.</summary>
public sealed class GeneratedCatalogue
{
    public List<Municipality> Municipalities { get; } = [];
    public List<Department> Departments { get; } = [];
    public List<Activity> Activities { get; } = [];
    public List<TargetGroup> TargetGroups { get; } = [];
    public List<Club> Clubs { get; } = [];
    public List<ClubContactPerson> ContactPersons { get; } = [];
    public List<Venue> Venues { get; } = [];
    public List<Team> Teams { get; } = [];
    public List<TeamSchedule> Schedules { get; } = [];
    public List<TeamBreak> Breaks { get; } = [];
    public List<Dictionary<string, object>> TeamTargetGroups { get; } = [];
}

/// <summary>
/// A national catalogue made up from a seed: the same seed, size and season give the same rows.
/// Clubs are spread over the 98 municipalities by population; each club offers the activities of
/// its kind at one or two venues in its municipality's towns; texts are assembled from sentences
/// clubs actually write, so free-text search meets realistic text lengths and word spread.
/// </summary>
public sealed class CatalogueGenerator(int seed, int teamCount, DateOnly seasonStart)
{
    // 15,000 clubs for 100,000 teams nationally: about 6.7 teams per club.
    public int ClubCount => Math.Max(DanishPlaces.Municipalities.Length, (int)Math.Round(teamCount * 0.15));

    private readonly Random random = new(seed);
    private readonly List<(string Club, Venue Venue, string Activity, string[] TargetGroups)> searchTextInputs = [];

    public static readonly ActivityKind[] ActivityKinds =
    [
        new("Stavgang", VenueKind.Outdoor, [Intensity.Light, Intensity.Moderate], ["Stavgang", "Stavgang i naturen", "Morgenstavgang", "Stavgang og kaffe"], "Vi går en tur på 4-6 km med stave i roligt tempo, og der er altid nogen at følges med.", "Du kan låne stave de første gange.", [9, 10, 17], 75, Outdoor: true),
        new("Gang", VenueKind.Outdoor, [Intensity.Light], ["Gåhold", "Gå-klub", "Gåtur med snak", "Hverdagsgang"], "Vi går sammen i et tempo, hvor alle kan snakke undervejs, og vender hjem efter en times tid.", "Tag gode sko og tøj efter vejret på.", [9, 10, 13, 17], 60, Outdoor: true),
        new("Motionsbadminton", VenueKind.Hall, [Intensity.Moderate, Intensity.Hard], ["Motionsbadminton", "Badminton for motionister", "Formiddagsbadminton", "Badminton – double for alle"], "Vi spiller double på skift, så alle får spillet med forskellige makkere.", "Du kan låne ketsjer, og vi har fjerbolde.", [9, 10, 17, 19, 20], 90),
        new("Seniorfitness", VenueKind.Room, [Intensity.Light, Intensity.Moderate], ["Seniorfitness", "Fitness 60+", "Styrke og balance", "Seniortræning i motionsrummet"], "Vi træner styrke, balance og kondition ved maskiner og med elastikker, med en instruktør ved siden af.", "Tag indendørssko og et håndklæde med.", [9, 10, 11, 13], 60),
        new("Yoga", VenueKind.Room, [Intensity.Light, Intensity.Moderate], ["Yoga", "Blid yoga", "Yoga for begyndere", "Hatha yoga", "Stolyoga"], "Vi laver rolige stillinger og vejrtrækningsøvelser, og hver time slutter med afspænding.", "Du kan låne måtte og tæppe.", [9, 10, 16, 17, 18, 19], 75),
        new("Pilates", VenueKind.Room, [Intensity.Moderate], ["Pilates", "Pilates på måtten", "Ryg og core med pilates"], "Vi styrker ryg og mave med rolige, kontrollerede øvelser på måtten.", "Du kan låne måtte.", [10, 17, 18, 19], 60),
        new("Volleyball", VenueKind.Hall, [Intensity.Moderate, Intensity.Hard], ["Motionsvolley", "Volleyball for alle", "Sundere sammen – volleyball", "Skolevolley for voksne"], "Vi spiller med en blød bold og enkle regler, så alle er med fra første gang.", "Du skal kun have indendørssko med.", [17, 18, 19, 20], 90),
        new("Svømning", VenueKind.Pool, [Intensity.Light, Intensity.Moderate, Intensity.Hard], ["Motionssvømning", "Svømning for voksne", "Crawlkursus for voksne", "Morgensvømning"], "Vi svømmer i baner efter tempo, og træneren giver gode råd om teknikken.", "Husk badetøj og håndklæde; der er omklædning med aflåste skabe.", [7, 8, 16, 18, 19, 20], 60),
        new("Vandgymnastik", VenueKind.Pool, [Intensity.Light], ["Vandgymnastik", "Vandtræning", "Varmtvandstræning", "Aquafitness"], "Vi træner i varmt vand, som tager vægten fra leddene, til musik og i roligt tempo.", "Husk badetøj; du kan låne flydeudstyr.", [9, 10, 11, 13, 14], 45),
        new("Dans", VenueKind.Room, [Intensity.Light, Intensity.Moderate], ["Linedance", "Seniordans", "Folkedans", "Dans for alle", "Zumba"], "Vi lærer trinene stille og roligt, og det gør ikke noget at træde forkert.", "Tag sko med glat sål på.", [10, 14, 17, 19], 90),
        new("Bordtennis", VenueKind.Hall, [Intensity.Light, Intensity.Moderate], ["Motionsbordtennis", "Bordtennis for voksne", "Bordtennis for seniorer", "Ping-pong og hygge"], "Vi spiller på mange borde på én gang, og du møder nye modspillere hver gang.", "Du kan låne bat og bolde.", [10, 13, 17, 19], 120),
        new("Cykling", VenueKind.Outdoor, [Intensity.Moderate, Intensity.Hard], ["Motionscykling", "Cykeltur i roligt tempo", "Cykling uden for byen", "Spinning"], "Vi cykler sammen på ruter mellem 20 og 40 km, og ingen bliver kørt fra.", "Husk cykelhjelm og en cykel i god stand.", [9, 10, 17, 18], 120, Outdoor: true),
        new("Krolf", VenueKind.Outdoor, [Intensity.Light], ["Krolf", "Krolf for alle", "Krolf og kaffe"], "Krolf er en blanding af kroket og golf, og reglerne er lette at lære.", "Du kan låne kølle og bold.", [9, 10, 13, 14], 120, Outdoor: true),
        new("Petanque", VenueKind.Outdoor, [Intensity.Light], ["Petanque", "Petanque på banen", "Petanque for begyndere"], "Vi spiller på klubbens baner, og der er altid nogen, der viser de nye til rette.", "Du kan låne kugler.", [10, 13, 14, 18], 120, Outdoor: true),
        new("Gåfodbold", VenueKind.Outdoor, [Intensity.Moderate], ["Gåfodbold", "Gåfodbold 60+", "Walking football"], "Fodbold, hvor man går i stedet for at løbe: ingen tacklinger, og bolden holdes nede.", "Tag sko med knopper eller gode løbesko.", [10, 17, 18], 75, Outdoor: true),
        new("Motionsfodbold", VenueKind.Outdoor, [Intensity.Hard], ["Motionsfodbold", "Fodbold for voksne", "Oldboys for alle"], "Vi spiller på små baner, og holdene sættes, så kampene bliver lige.", "Tag fodboldstøvler eller løbesko på.", [17, 18, 19], 90, Outdoor: true),
        new("Løb", VenueKind.Outdoor, [Intensity.Moderate, Intensity.Hard], ["Løb for begyndere", "Start to run", "Motionsløb", "Løbeklub"], "Vi skifter mellem gang og løb og bygger langsomt op, så du kan løbe 5 km efter ti uger.", "Tag løbesko og tøj efter vejret på.", [7, 17, 18], 60, Outdoor: true),
        new("Gymnastik", VenueKind.Hall, [Intensity.Light, Intensity.Moderate], ["Motionsgymnastik", "Morgengymnastik", "Gymnastik for seniorer", "Hverdagsgymnastik"], "Vi laver opvarmning, styrke og smidighed til god musik, og alle øvelser kan gøres lettere.", "Tag indendørssko eller bare tæer.", [9, 10, 17, 19], 60),
        new("Styrketræning", VenueKind.Room, [Intensity.Moderate, Intensity.Hard], ["Styrketræning", "Kom i gang med styrketræning", "Cirkeltræning", "Funktionel træning"], "Vi træner i små hold med en instruktør, der lægger et program, som passer til dig.", "Tag indendørssko, drikkedunk og håndklæde med.", [7, 10, 16, 17, 18], 60),
        new("Tai chi", VenueKind.Room, [Intensity.Light], ["Tai chi", "Qigong", "Tai chi for balance"], "Langsomme, flydende bevægelser, der træner balance og ro.", "Tag løst tøj på.", [10, 11, 17], 60),
        new("Roning", VenueKind.Water, [Intensity.Moderate, Intensity.Hard], ["Motionsroning", "Roning for begyndere", "Inrigger-roning"], "Vi ror i inriggere med en erfaren styrmand, og du lærer det grundlæggende på første tur.", "Tag tøj på, der må blive vådt; redningsvest ligger klar.", [9, 17, 18], 90, Outdoor: true),
        new("Kajak", VenueKind.Water, [Intensity.Moderate], ["Kajak for begyndere", "Kajak i roligt vand", "Havkajak"], "Vi padler i læ langs kysten, og alle starter med en tur i en stabil kajak.", "Du kan låne kajak, pagaj og redningsvest.", [10, 17, 18], 120, Outdoor: true),
        new("Tennis", VenueKind.Outdoor, [Intensity.Moderate, Intensity.Hard], ["Motionstennis", "Tennis for begyndere", "Padel for alle"], "Vi spiller double og får tips fra en træner, der går rundt mellem banerne.", "Du kan låne ketsjer.", [10, 17, 18, 19], 90, Outdoor: true),
        new("Bowling", VenueKind.Hall, [Intensity.Light], ["Motionsbowling", "Bowling for seniorer", "Hyggebowling"], "Vi bowler to serier og drikker kaffe bagefter.", "Sko lånes i centret.", [10, 13, 14], 120),
        new("Floorball", VenueKind.Hall, [Intensity.Hard], ["Motionsfloorball", "Floorball for voksne"], "Floorball er hockey med en let plastbold, og vi spiller med skiftende hold.", "Du kan låne stav.", [18, 19, 20], 90),
        new("Håndbold", VenueKind.Hall, [Intensity.Moderate], ["Fitness-håndbold", "Motionshåndbold", "Håndbold for voksne"], "Vi træner håndbold uden hårde tacklinger, med vægt på bevægelse og boldleg.", "Tag indendørssko på.", [17, 18, 19, 20], 75),
        new("Boksning", VenueKind.Room, [Intensity.Hard], ["Motionsboksning", "Boksefitness", "Boksning for alle"], "Vi træner boksning uden slag mod hinanden: pudearbejde, sjipning og kondition.", "Du kan låne handsker.", [17, 18, 19], 60),
        new("Klatring", VenueKind.Hall, [Intensity.Moderate], ["Klatring for voksne", "Bouldering for begyndere"], "Vi klatrer på lave vægge med tykke måtter under, og instruktøren viser teknikken.", "Du kan låne klatresko.", [17, 18, 19], 90),
        new("Golf", VenueKind.Outdoor, [Intensity.Light], ["Golf for begyndere", "Prøv golf", "Seniorgolf"], "Vi starter på træningsbanen og spiller de første huller sammen med en erfaren golfer.", "Du kan låne køller.", [10, 14, 17], 120, Outdoor: true),
        new("Mindfulness", VenueKind.Room, [Intensity.Light], ["Mindfulness og bevægelse", "Ro og åndedræt", "Afspænding"], "Vi laver rolige bevægelser og åndedrætsøvelser og taler lidt om, hvordan ugen er gået.", "Tag løst tøj og et tæppe med.", [10, 13, 17, 19], 60),
        new("Rundbold", VenueKind.Outdoor, [Intensity.Moderate], ["Rundbold for voksne", "Rundbold og grill"], "Vi spiller rundbold på græsset og tænder grillen bagefter.", "Tag løbesko på.", [17, 18], 90, Outdoor: true),
        new("Sejlads", VenueKind.Water, [Intensity.Light, Intensity.Moderate], ["Sejlads for begyndere", "Prøv at sejle", "Kølbådssejlads"], "Vi sejler i klubbens både med en skipper, der lærer fra sig.", "Redningsvest og sejlertøj kan lånes.", [10, 17, 18], 180, Outdoor: true),
    ];

    public static readonly (string Name, string[] TitleSuffixes)[] TargetGroupKinds =
    [
        ("uden for arbejdsmarkedet", [" – formiddagshold", " i dagtimerne"]),
        ("kronisk sygdom", [" for dig med kronisk sygdom", " – blid start"]),
        ("senior", [" for seniorer", " 60+"]),
        ("kvinder", [" for kvinder", " – kun kvinder"]),
        ("mænd", [" for mænd", " – mænd i bevægelse"]),
        ("psykisk sårbarhed", [" i roligt tempo", " – i trygge rammer"]),
        ("overvægt", [" for alle størrelser", " – i dit eget tempo"]),
        ("nybegyndere", [" for begyndere", " for nybegyndere"]),
        ("genoptræning", [" efter genoptræning", " – videre efter genoptræning"]),
        ("nydanskere", [" – nye i Danmark", " for nydanskere"]),
        ("unge voksne", [" for 18-30-årige", " for unge voksne"]),
        ("smerter", [" for dig med smerter", " – skånsomt"]),
    ];

    private static readonly (string Pattern, VenueKind[] Kinds, string[] Activities)[] ClubKinds =
    [
        ("{0} Idrætsforening", [VenueKind.Hall, VenueKind.Outdoor, VenueKind.Room], ["Gymnastik", "Motionsbadminton", "Motionsfodbold", "Gåfodbold", "Håndbold", "Løb", "Stavgang", "Floorball", "Volleyball"]),
        ("{0} Motionsforening", [VenueKind.Outdoor, VenueKind.Room, VenueKind.Hall], ["Stavgang", "Gang", "Seniorfitness", "Gymnastik", "Løb", "Cykling", "Styrketræning", "Yoga"]),
        ("{0} Badmintonklub", [VenueKind.Hall], ["Motionsbadminton"]),
        ("{0} Gymnastikforening", [VenueKind.Hall, VenueKind.Room], ["Gymnastik", "Pilates", "Dans", "Yoga", "Styrketræning", "Seniorfitness"]),
        ("{0} Svømmeklub", [VenueKind.Pool], ["Svømning", "Vandgymnastik"]),
        ("{0} Boldklub", [VenueKind.Outdoor, VenueKind.Hall], ["Motionsfodbold", "Gåfodbold", "Løb", "Rundbold"]),
        ("{0} Bordtennisklub", [VenueKind.Hall], ["Bordtennis"]),
        ("{0} Volleyballklub", [VenueKind.Hall], ["Volleyball"]),
        ("{0} Senioridræt", [VenueKind.Room, VenueKind.Outdoor, VenueKind.Hall], ["Seniorfitness", "Krolf", "Petanque", "Stavgang", "Dans", "Bowling", "Tai chi", "Bordtennis"]),
        ("{0} Roklub", [VenueKind.Water, VenueKind.Room], ["Roning", "Kajak", "Styrketræning"]),
        ("{0} Petanqueklub", [VenueKind.Outdoor], ["Petanque", "Krolf"]),
        ("{0} Cykelklub", [VenueKind.Outdoor, VenueKind.Room], ["Cykling", "Styrketræning"]),
        ("{0} Tennisklub", [VenueKind.Outdoor], ["Tennis"]),
        ("Yogaforeningen {0}", [VenueKind.Room], ["Yoga", "Mindfulness", "Tai chi", "Pilates"]),
        ("{0} Bokseklub", [VenueKind.Room], ["Boksning", "Styrketræning"]),
        ("{0} Sejlklub", [VenueKind.Water], ["Sejlads", "Kajak"]),
        ("{0} Golfklub", [VenueKind.Outdoor], ["Golf"]),
        ("{0} Klatreklub", [VenueKind.Hall], ["Klatring"]),
        ("Dansk Folkedans {0}", [VenueKind.Room], ["Dans"]),
        ("{0} Løbeklub", [VenueKind.Outdoor], ["Løb", "Stavgang"]),
    ];

    private static readonly string[] ClubSuffixes = ["", "", "", " af 1921", " af 1946", " af 1968", " af 1975", " af 1982", " af 1999", " Nord", " Syd", " Øst", " Vest", " Centrum"];

    internal static readonly string[] FirstNames =
    [
        "Anne", "Kirsten", "Hanne", "Mette", "Susanne", "Lene", "Marianne", "Pia", "Helle", "Camilla", "Louise", "Tina", "Bente", "Inge", "Jette",
        "Peter", "Jens", "Lars", "Michael", "Henrik", "Søren", "Thomas", "Jan", "Niels", "Morten", "Jesper", "Ole", "Hans", "Bo", "Karsten", "Ahmed", "Fatima", "Ali", "Sara",
    ];

    internal static readonly string[] LastNames =
    [
        "Jensen", "Nielsen", "Hansen", "Pedersen", "Andersen", "Christensen", "Larsen", "Sørensen", "Rasmussen", "Jørgensen", "Petersen", "Madsen",
        "Kristensen", "Olsen", "Thomsen", "Christiansen", "Poulsen", "Johansen", "Møller", "Mortensen", "Holm", "Østergaard", "Dahl", "Kaya", "Yilmaz",
    ];

    private static readonly string[] Welcome =
    [
        "Alle kan være med uanset form og alder.",
        "Du behøver ikke at have prøvet det før.",
        "Der er altid en instruktør, som tilpasser øvelserne til dig.",
        "Efter træningen drikker vi kaffe sammen, og nye er altid velkomne.",
        "Holdet er lavet i samarbejde med kommunens sundhedscenter.",
        "Vi lægger lige så meget vægt på fællesskabet som på træningen.",
        "Mange på holdet startede gennem jobcenteret eller sundhedscenteret.",
        "Du kan prøve gratis de første tre gange.",
        "Det er helt i orden at holde pauser undervejs.",
        "Vi har plads til flere og glæder os til at se dig.",
        "Instruktørerne er frivillige og har taget kurser i at tage imod nye.",
        "Holdet passer godt, hvis du vil i gang igen efter en pause fra motion.",
    ];

    private static readonly string[] FirstTimeTexts =
    [
        "Mød op 10 minutter før, så tager instruktøren imod dig ved indgangen.",
        "Ring gerne til kontaktpersonen, før du kommer første gang, så ved vi, at du kommer.",
        "Første gang er gratis, og du forpligter dig ikke til noget.",
        "Sig til instruktøren, at du er ny, så får du en makker den første gang.",
        "Du skal ikke melde dig ind før anden eller tredje gang.",
        "Vi starter altid med en runde, hvor alle siger deres navn.",
    ];

    private static readonly string[] Represented =
    [
        "mange er på efterløn eller pension",
        "flere er sygemeldte eller ledige",
        "mange kom med gennem jobcenteret",
        "flere har en kronisk sygdom som diabetes eller KOL",
        "mange er nye i byen",
        "flere er i gang igen efter en skade",
        "en del arbejder på deltid",
        "mange kommer for fællesskabets skyld",
    ];

    private static readonly string[] BreakNames = ["Efterårsferie", "Juleferie", "Vinterferie", "Påskeferie"];

    public GeneratedCatalogue Generate()
    {
        var result = new GeneratedCatalogue();
        var now = seasonStart.ToDateTime(new TimeOnly(12, 0), DateTimeKind.Utc).AddMonths(3);

        foreach (var (kind, id) in ActivityKinds.Select((k, i) => (k, i + 1)))
        {
            result.Activities.Add(new Activity { Id = id, Name = kind.Name });
        }

        foreach (var (kind, id) in TargetGroupKinds.Select((k, i) => (k, i + 1)))
        {
            result.TargetGroups.Add(new TargetGroup { Id = id, Name = kind.Name });
        }

        var municipalityIds = new Dictionary<MunicipalityInfo, int>();
        foreach (var info in DanishPlaces.Municipalities)
        {
            var municipality = new Municipality { Id = result.Municipalities.Count + 1, Name = $"{info.Name} Kommune", Code = info.Code };
            result.Municipalities.Add(municipality);
            municipalityIds[info] = municipality.Id;
            result.Departments.Add(new Department { Id = result.Departments.Count + 1, MunicipalityId = municipality.Id, Name = $"Jobcenter {info.Name}", Kind = DepartmentKind.Jobcenter });
            result.Departments.Add(new Department { Id = result.Departments.Count + 1, MunicipalityId = municipality.Id, Name = $"Sundhedscenter {info.Name}", Kind = DepartmentKind.Sundhedscenter });
        }

        // Spread the clubs by population, then the teams over the clubs (1 to 14, about 6.7 on average).
        var clubsPerMunicipality = Spread(ClubCount, DanishPlaces.Municipalities.Select(m => m.Population).ToArray());
        var teamsPerClub = Spread(teamCount, Enumerable.Range(0, ClubCount).Select(_ => 1.0 + (random.NextDouble() * 12)).ToArray());
        var activityByName = result.Activities.ToDictionary(a => a.Name);
        var clubIndex = 0;

        for (var m = 0; m < DanishPlaces.Municipalities.Length; m++)
        {
            var info = DanishPlaces.Municipalities[m];
            for (var c = 0; c < clubsPerMunicipality[m]; c++, clubIndex++)
            {
                var town = Pick(info.Towns);
                var (pattern, venueKinds, activities) = Pick(ClubKinds);
                var club = new Club
                {
                    Id = result.Clubs.Count + 1,
                    MunicipalityId = municipalityIds[info],
                    Name = string.Format(System.Globalization.CultureInfo.InvariantCulture, pattern, town.Name) + Pick(ClubSuffixes),
                    Cvr = random.Next(3) == 0 ? null : random.Next(10_000_000, 99_999_999).ToString(System.Globalization.CultureInfo.InvariantCulture),
                    Address = $"{Pick(DanishPlaces.Streets)} {random.Next(1, 120)}",
                    PostalCode = town.PostalCode,
                    Town = town.Name,
                    Website = $"https://www.{Slug(town.Name)}-{result.Clubs.Count + 1}.dk",
                };
                result.Clubs.Add(club);

                var contacts = 1 + random.Next(2);
                for (var p = 0; p < contacts; p++)
                {
                    var name = PersonName();
                    result.ContactPersons.Add(new ClubContactPerson
                    {
                        Id = result.ContactPersons.Count + 1,
                        ClubId = club.Id,
                        Name = name,
                        Role = p == 0 ? "Formand" : Pick(["Kasserer", "Frivilligkoordinator", "Træner"]),
                        Phone = Phone(),
                        Email = Email(name),
                    });
                }

                // The club's venues: one per kind of place it trains at, in its own or a neighbouring town.
                var venues = new Dictionary<VenueKind, Venue>();
                foreach (var kind in venueKinds)
                {
                    var venueTown = random.Next(4) == 0 ? Pick(info.Towns) : town;
                    var venue = new Venue
                    {
                        Id = result.Venues.Count + 1,
                        MunicipalityId = club.MunicipalityId,
                        Name = VenueName(kind, venueTown.Name),
                        Address = $"{Pick(DanishPlaces.Streets)} {random.Next(1, 120)}",
                        PostalCode = venueTown.PostalCode,
                        Town = venueTown.Name,
                        TownKey = SearchText.Normalize(venueTown.Name),
                        AccessibilityNotes = random.Next(3) == 0 ? "Niveaufri adgang og handicaptoilet." : random.Next(2) == 0 ? "Trappe til første sal; elevator findes." : null,
                    };
                    venues[kind] = venue;
                    result.Venues.Add(venue);
                }

                for (var t = 0; t < teamsPerClub[clubIndex]; t++)
                {
                    var activityName = Pick(activities);
                    var kind = ActivityKinds.First(k => k.Name == activityName);
                    if (!venues.TryGetValue(kind.Venue, out var venue))
                    {
                        venue = venues.Values.First();
                    }

                    AddTeam(result, club, venue, kind, activityByName[kind.Name], now);
                }
            }
        }

        // The app's own folding, as the edit pages will run it; it is pure, so it can run on every core.
        Parallel.For(0, result.Teams.Count, i =>
        {
            var (clubName, venue, activityName, groups) = searchTextInputs[i];
            result.Teams[i].SearchText = SearchText.ForTeam(result.Teams[i], clubName, venue, activityName, groups);
        });

        return result;
    }

    private void AddTeam(GeneratedCatalogue result, Club club, Venue venue, ActivityKind kind, Activity activity, DateTime now)
    {
        var groups = result.TargetGroups.OrderBy(_ => random.Next()).Take(random.Next(4)).ToList();
        var lowThreshold = random.Next(100) < 40;
        var title = Pick(kind.Titles);
        if (groups.Count > 0 && random.Next(2) == 0)
        {
            title += Pick(TargetGroupKinds.First(g => g.Name == groups[0].Name).TitleSuffixes);
        }

        var ageFrom = Pick<int?>([null, 18, 25, 40, 50, 60, 65]);
        var ageTo = ageFrom is null ? null : Pick<int?>([null, ageFrom + 20, ageFrom + 30]);
        var genderMix = Pick([GenderMix.Mixed, GenderMix.Mixed, GenderMix.Mixed, GenderMix.MostlyWomen, GenderMix.MostlyWomen, GenderMix.MostlyMen, GenderMix.WomenOnly, GenderMix.MenOnly]);
        var who = genderMix switch
        {
            GenderMix.MostlyWomen or GenderMix.WomenOnly => "Mest kvinder",
            GenderMix.MostlyMen or GenderMix.MenOnly => "Mest mænd",
            _ => "Både mænd og kvinder",
        };
        var capacity = Pick<int?>([null, 12, 16, 20, 24, 30, 40]);
        var contact = PersonName();
        var statusRoll = random.Next(100);
        var confirmed = random.Next(10) == 0 ? (DateTime?)null : now.AddDays(-random.Next(400));

        var team = new Team
        {
            Id = result.Teams.Count + 1,
            ClubId = club.Id,
            VenueId = venue.Id,
            ActivityId = activity.Id,
            Title = (lowThreshold && random.Next(3) == 0 ? "Kom og vær med: " : "") + title,
            Description = string.Join(' ', [kind.Opening, .. Welcome.OrderBy(_ => random.Next()).Take(2 + random.Next(3))]),
            FirstTime = $"{Pick(FirstTimeTexts)} {kind.Equipment}",
            Intensity = Pick(kind.Intensities),
            AgeFrom = ageFrom,
            AgeTo = ageTo,
            GenderMix = genderMix,
            TypicalParticipants = $"{who} mellem {ageFrom ?? 30 + (10 * random.Next(4))} og {ageTo ?? 75} år; {Pick(Represented)}.",
            PricePerSeason = Pick<decimal?>([null, 0m, 150m, 300m, 450m, 600m, 850m, 1200m]),
            FeeSubsidyPossible = random.Next(2) == 0,
            Capacity = capacity,
            ReservedPlaces = random.Next(5),
            FreePlaces = random.Next(10) < 3 ? null : random.Next(10) < 3 ? 0 : random.Next(1, 11),
            ContactName = contact,
            ContactPhone = Phone(),
            ContactEmail = Email(contact),
            VideoUrl = random.Next(10) == 0 ? $"https://video.example.dk/{Slug(kind.Name)}-{result.Teams.Count + 1}" : null,
            LowThreshold = lowThreshold,
            Status = statusRoll < 90 ? TeamStatus.Active : statusRoll < 97 ? TeamStatus.Paused : TeamStatus.Archived,
            LastConfirmedAtUtc = confirmed,
            LastConfirmedBy = confirmed is null ? null : contact,
            UpdatedAtUtc = now.AddDays(-random.Next(400)),
        };

        // Indoor teams follow the school year with its holidays; outdoor teams run spring to autumn or all year.
        var year = seasonStart.Year;
        if (kind.Outdoor)
        {
            if (random.Next(2) == 0)
            {
                team.SeasonStart = new DateOnly(year + 1, 3, 30);
                team.SeasonEnd = new DateOnly(year + 1, 10, 25);
            }
        }
        else
        {
            team.SeasonStart = seasonStart.AddDays(random.Next(21));
            team.SeasonEnd = new DateOnly(year + 1, random.Next(2) == 0 ? 5 : 6, 15 + random.Next(15));
            Span<(DateOnly From, DateOnly To)> holidays =
            [
                (new DateOnly(year, 10, 12), new DateOnly(year, 10, 18)),
                (new DateOnly(year, 12, 21), new DateOnly(year + 1, 1, 3)),
                (new DateOnly(year + 1, 2, 15), new DateOnly(year + 1, 2, 21)),
                (new DateOnly(year + 1, 3, 22), new DateOnly(year + 1, 3, 29)),
            ];
            for (var b = 0; b < holidays.Length; b++)
            {
                if (random.Next(100) < 60)
                {
                    result.Breaks.Add(new TeamBreak { Id = result.Breaks.Count + 1, TeamId = team.Id, Name = BreakNames[b], From = holidays[b].From, To = holidays[b].To });
                }
            }
        }

        // One to three sessions a week on different days, at the hours this activity is usually offered.
        var sessions = random.Next(100) switch { < 55 => 1, < 90 => 2, _ => 3 };
        var days = Enum.GetValues<DayOfWeek>().OrderBy(_ => random.Next()).Take(sessions).Order();
        foreach (var day in days)
        {
            var start = new TimeOnly(Pick(kind.StartHours), Pick([0, 0, 0, 15, 30, 30, 45]));
            result.Schedules.Add(new TeamSchedule { Id = result.Schedules.Count + 1, TeamId = team.Id, Weekday = day, Start = start, End = start.AddMinutes(kind.Minutes) });
        }

        foreach (var group in groups)
        {
            result.TeamTargetGroups.Add(new() { ["TeamsId"] = team.Id, ["TargetGroupsId"] = group.Id });
        }

        result.Teams.Add(team);
        searchTextInputs.Add((club.Name, venue, activity.Name, [.. groups.Select(g => g.Name)]));
    }

    private T Pick<T>(IReadOnlyList<T> items) => items[random.Next(items.Count)];

    private string PersonName() => $"{Pick(FirstNames)} {Pick(LastNames)}";

    private string Phone() => $"+45 {random.Next(20, 99)} {random.Next(10, 99)} {random.Next(10, 99)} {random.Next(10, 99)}";

    private static string Email(string name) => $"{Slug(name).Replace('-', '.')}@example.dk";

    private string VenueName(VenueKind kind, string town) => kind switch
    {
        VenueKind.Hall => Pick([$"{town}hallen", $"{town} Idrætscenter", $"{town} Skole, gymnastiksalen", $"{town} Fritidscenter"]),
        VenueKind.Pool => Pick([$"{town} Svømmehal", $"{town} Svømme- og Badeland", $"{town} Varmtvandsbassin"]),
        VenueKind.Outdoor => Pick([$"P-pladsen ved {town} Skov", $"{town} Stadion", $"Klubhuset ved {town} Idrætspark", $"{town} Sø, ved shelterne"]),
        VenueKind.Room => Pick([$"{town} Kulturhus", $"Motionsrummet, {town} Medborgerhus", $"{town} Aktivitetscenter", $"Salen i {town} Sundhedshus"]),
        _ => Pick([$"{town} Havn, bådhuset", $"Klubhuset ved {town} Strand"]),
    };

    private static string Slug(string text) => SearchText.Normalize(text).Replace(' ', '-');

    /// <summary>Splits <paramref name="total"/> into whole parts proportional to the weights, each at least one.</summary>
    private static int[] Spread(int total, double[] weights)
    {
        var sum = weights.Sum();
        var parts = weights.Select(w => Math.Max(1, (int)Math.Floor(total * w / sum))).ToArray();
        var diff = total - parts.Sum();
        for (var i = 0; diff != 0; i = (i + 1) % parts.Length)
        {
            if (diff > 0)
            {
                parts[i]++;
                diff--;
            }
            else if (parts[i] > 1)
            {
                parts[i]--;
                diff++;
            }
        }

        return parts;
    }
}
