using System.Globalization;
using Foreningsbro.Web.Features.Catalogue;
using Foreningsbro.Web.Features.Catalogue.Search;
using Foreningsbro.Web.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Foreningsbro.Web.Data;

/// <summary>
/// Demo data drawn from the two municipal cases: Høje-Taastrup's "Kom og vær med" (15 clubs,
/// 29 low-threshold teams) and Furesø's "Sundere sammen" hall. Every name, phone number and
/// e-mail address is invented.
/// </summary>
public static class DemoData
{
    public const string Password = "Foreningsbro-demo1";

    /// <summary>The demo instructors' PIN for leaving kiosk mode.</summary>
    public const string KioskPin = "2468";

    public static readonly (string Email, string Name, string Role)[] Users =
    [
        ("koordinator@demo.foreningsbro.dk", "Karin Koordinator", Roles.Coordinator),
        ("koordinator.furesoe@demo.foreningsbro.dk", "Frederik Furesø-koordinator", Roles.Coordinator),
        ("admin@demo.foreningsbro.dk", "Nanna National administrator", Roles.NationalAdmin),
        ("fagperson@demo.foreningsbro.dk", "Jonas Jobkonsulent", Roles.Professional),
        ("sundhed@demo.foreningsbro.dk", "Hanne Sundhedskonsulent", Roles.Professional),
        ("forening@demo.foreningsbro.dk", "Frida Foreningskontakt", Roles.ClubContact),
        ("forening2@demo.foreningsbro.dk", "Bent Bordtennis", Roles.ClubContact),
        ("instruktor@demo.foreningsbro.dk", "Ida Instruktør", Roles.Instructor),
        ("instruktor2@demo.foreningsbro.dk", "Ole Instruktør", Roles.Instructor),
        ("furesoe@demo.foreningsbro.dk", "Malene Jobkonsulent", Roles.Professional),
    ];

    public static async Task LoadIfEmptyAsync(IServiceProvider services)
    {
        var db = services.GetRequiredService<AppDbContext>();
        if (await db.Municipalities.AnyAsync())
        {
            return;
        }

        var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
        await LoadCatalogueAsync(db, now);
        await LoadUsersAsync(db, services.GetRequiredService<UserManager<AppUser>>());
        await BridgingDemoData.LoadAsync(db, now);
        await ProgrammeDemoData.LoadAsync(db, now);
        await OutcomeDemoData.LoadAsync(db);
    }

    /// <summary>The five roles exist in every database, demo or not.</summary>
    public static async Task EnsureRolesAsync(IServiceProvider services)
    {
        var roles = services.GetRequiredService<RoleManager<IdentityRole>>();
        foreach (var role in Roles.All)
        {
            if (!await roles.RoleExistsAsync(role))
            {
                await roles.CreateAsync(new IdentityRole(role));
            }
        }
    }

    private static async Task LoadCatalogueAsync(AppDbContext db, DateTimeOffset now)
    {
        var hoejeTaastrup = new Municipality { Name = "Høje-Taastrup", Code = 169 };
        var furesoe = new Municipality { Name = "Furesø", Code = 190 };
        db.Municipalities.AddRange(hoejeTaastrup, furesoe);
        db.Departments.AddRange(
            new Department { Municipality = hoejeTaastrup, Name = "Jobcenter Høje-Taastrup", Kind = DepartmentKind.Jobcenter },
            new Department { Municipality = hoejeTaastrup, Name = "Sundhedscenter Høje-Taastrup", Kind = DepartmentKind.Sundhedscenter },
            new Department { Municipality = furesoe, Name = "Jobcenter Furesø", Kind = DepartmentKind.Jobcenter });

        string[] activityNames =
        [
            "Stavgang", "Motionsbadminton", "Seniorfitness", "Yoga", "Volleyball", "Svømning", "Dans", "Bordtennis",
            "Cykling", "Krolf", "Gymnastik", "Løb", "Fodbold", "Petanque", "Vandgymnastik", "Pilates",
        ];
        var activities = activityNames.ToDictionary(n => n, n => new Activity { Name = n });
        db.Activities.AddRange(activities.Values);

        string[] groupNames = ["Uden for arbejdsmarkedet", "Kronisk sygdom", "Senior", "Kvinder", "Mænd", "Begyndere", "Angst og stress", "Overvægt"];
        var groups = groupNames.ToDictionary(n => n, n => new TargetGroup { Name = n });
        db.TargetGroups.AddRange(groups.Values);

        Venue V(Municipality m, string name, string address, string postal, string town, double lat, double lon, string? access) =>
            new() { Municipality = m, Name = name, Address = address, PostalCode = postal, Town = town, TownKey = SearchText.Normalize(town), Latitude = lat, Longitude = lon, AccessibilityNotes = access };

        var venues = new Dictionary<string, Venue>
        {
            ["taastruphallen"] = V(hoejeTaastrup, "Taastrup Idrætscenter", "Parkvej 78", "2630", "Taastrup", 55.6517, 12.2927, "Niveaufri adgang og handicaptoilet."),
            ["hedehushallen"] = V(hoejeTaastrup, "Hedehushallen", "Rugvænget 20", "2640", "Hedehusene", 55.6530, 12.1980, "Elevator til 1. sal. Handicapparkering ved indgangen."),
            ["svoemmehal"] = V(hoejeTaastrup, "Taastrup Svømmehal", "Parkvej 76", "2630", "Taastrup", 55.6520, 12.2940, "Lift til bassinet. Omklædning med bruser på hjul."),
            ["fløng"] = V(hoejeTaastrup, "Fløng Hallen", "Fløng Bygade 40", "2640", "Hedehusene", 55.6650, 12.1850, null),
            ["reerslev"] = V(hoejeTaastrup, "Reerslev Forsamlingshus", "Reerslev Bygade 12", "2640", "Hedehusene", 55.6300, 12.1900, "Trin ved indgangen; rampe kan lånes."),
            ["sengeloese"] = V(hoejeTaastrup, "Sengeløse Hallen", "Sengeløse Skolevej 3", "2630", "Taastrup", 55.6900, 12.2700, null),
            ["parken"] = V(hoejeTaastrup, "Byparken, mødested ved søen", "Taastrup Hovedgade 120", "2630", "Taastrup", 55.6500, 12.3000, "Fast sti rundt om søen; bænke for hver 200 m."),
            ["kulturhus"] = V(hoejeTaastrup, "Taastrup Kulturhus", "Taastrup Hovedgade 103", "2630", "Taastrup", 55.6510, 12.2990, "Niveaufri adgang."),
            ["vridsloese"] = V(hoejeTaastrup, "Vridsløsemagle Klubhus", "Vridsløsemaglevej 2", "2630", "Taastrup", 55.6700, 12.2800, null),
            ["furesoe"] = V(furesoe, "Farum Volleyballhal", "Stavnsholtvej 50", "3520", "Farum", 55.8080, 12.3600, "Niveaufri adgang; omklædning i stueplan."),
            ["vaerloese"] = V(furesoe, "Værløse Hallen", "Stavnsholtvej 1", "3500", "Værløse", 55.7800, 12.3700, null),
        };
        db.Venues.AddRange(venues.Values);

        Club C(Municipality m, string name, string postal, string town, string contact, string phone) =>
            new()
            {
                Municipality = m,
                Name = name,
                Address = "Foreningsvej 1",
                PostalCode = postal,
                Town = town,
                Website = $"https://{SearchText.Normalize(name).Replace(" ", "", StringComparison.Ordinal)}.example.dk",
                ContactPersons = [new ClubContactPerson { Name = contact, Role = "Kontaktperson for Kom og vær med", Phone = phone, Email = $"kontakt@{SearchText.Normalize(name).Replace(" ", "", StringComparison.Ordinal)}.example.dk" }],
            };

        var clubs = new Dictionary<string, Club>
        {
            ["motion"] = C(hoejeTaastrup, "Taastrup Motionsforening", "2630", "Taastrup", "Frida Foreningskontakt", "20 11 22 33"),
            ["badminton"] = C(hoejeTaastrup, "Hedehusene Badmintonklub", "2640", "Hedehusene", "Poul Fjerbold", "20 22 33 44"),
            ["gym"] = C(hoejeTaastrup, "Taastrup Gymnastikforening", "2630", "Taastrup", "Lone Vejrmølle", "20 33 44 55"),
            ["svoem"] = C(hoejeTaastrup, "Taastrup Svømmeklub", "2630", "Taastrup", "Søren Crawl", "20 44 55 66"),
            ["bordtennis"] = C(hoejeTaastrup, "Høje-Taastrup Bordtennisklub", "2630", "Taastrup", "Bent Bordtennis", "20 55 66 77"),
            ["cykel"] = C(hoejeTaastrup, "Hedehusene Cykelklub", "2640", "Hedehusene", "Mette Gear", "20 66 77 88"),
            ["krolf"] = C(hoejeTaastrup, "Reerslev Krolfklub", "2640", "Hedehusene", "Arne Kølle", "20 77 88 99"),
            ["dans"] = C(hoejeTaastrup, "Taastrup Danseforening", "2630", "Taastrup", "Birthe Trin", "21 11 22 33"),
            ["yoga"] = C(hoejeTaastrup, "Yoga i Taastrup", "2630", "Taastrup", "Nina Lotus", "21 22 33 44"),
            ["volley"] = C(hoejeTaastrup, "Taastrup Volleyball Klub", "2630", "Taastrup", "Kasper Blok", "21 33 44 55"),
            ["fodbold"] = C(hoejeTaastrup, "Fløng Boldklub", "2640", "Hedehusene", "Ali Hjørne", "21 44 55 66"),
            ["loeb"] = C(hoejeTaastrup, "Taastrup Løbeklub", "2630", "Taastrup", "Rikke Tempo", "21 55 66 77"),
            ["petanque"] = C(hoejeTaastrup, "Sengeløse Petanqueklub", "2630", "Taastrup", "Jens Kugle", "21 66 77 88"),
            ["senior"] = C(hoejeTaastrup, "Ældre Sagen Høje-Taastrup Motion", "2630", "Taastrup", "Grethe Frisk", "21 77 88 99"),
            ["vridsloese"] = C(hoejeTaastrup, "Vridsløsemagle Idrætsforening", "2630", "Taastrup", "Hans Mark", "22 11 22 33"),
            ["furesoevolley"] = C(furesoe, "Furesø Volleyball Klub", "3520", "Farum", "Tine Hæv", "22 22 33 44"),
        };
        db.Clubs.AddRange(clubs.Values);

        // The season runs from mid-August to the end of June, with the usual school holidays off.
        var today = DanishTime.Today(now);
        var seasonYear = today.Month >= 7 ? today.Year : today.Year - 1;
        var seasonStart = new DateOnly(seasonYear, 8, 15);
        var seasonEnd = new DateOnly(seasonYear + 1, 6, 30);
        TeamBreak[] Breaks() =>
        [
            new() { Name = "Efterårsferie", From = ISOWeek.ToDateOnly(seasonYear, 42, DayOfWeek.Monday), To = ISOWeek.ToDateOnly(seasonYear, 42, DayOfWeek.Sunday) },
            new() { Name = "Juleferie", From = new DateOnly(seasonYear, 12, 21), To = new DateOnly(seasonYear + 1, 1, 3) },
            new() { Name = "Vinterferie", From = ISOWeek.ToDateOnly(seasonYear + 1, 7, DayOfWeek.Monday), To = ISOWeek.ToDateOnly(seasonYear + 1, 7, DayOfWeek.Sunday) },
        ];

        var teams = new List<Team>();
        void T(string club, string venue, string activity, string title, Intensity intensity, string who, (DayOfWeek Day, int Hour, int Minute, int Minutes)[] schedule,
            string[] targetGroups, int? ageFrom = null, int? ageTo = null, GenderMix mix = GenderMix.Mixed, decimal? price = 300, int? free = 5, bool outdoor = false, bool yearRound = false)
        {
            var c = clubs[club];
            var team = new Team
            {
                Club = c,
                Venue = venues[venue],
                Activity = activities[activity],
                Title = title,
                Intensity = intensity,
                TypicalParticipants = who,
                Description = $"{title} er et roligt hold for dig, der vil i gang med {activity.ToLowerInvariant()} i dit eget tempo. Der er plads til at holde pauser, og ingen forudsætninger er nødvendige.",
                FirstTime = outdoor
                    ? "Mød op ved mødestedet ti minutter før. Instruktøren tager imod dig, præsenterer dig for holdet og låner dig stave, hvis du ikke har nogen. Tag tøj på efter vejret og gode sko."
                    : "Kom ti minutter før, så tager kontaktpersonen imod dig ved indgangen og viser dig omklædningsrummet. Tag løst tøj, indendørssko og en drikkedunk med. Du kan prøve to gange gratis.",
                AgeFrom = ageFrom,
                AgeTo = ageTo,
                GenderMix = mix,
                PricePerSeason = price,
                FeeSubsidyPossible = price > 0,
                Capacity = 20,
                ReservedPlaces = 3,
                FreePlaces = free,
                ContactName = c.ContactPersons[0].Name,
                ContactPhone = c.ContactPersons[0].Phone,
                ContactEmail = c.ContactPersons[0].Email,
                VideoUrl = "https://www.youtube-nocookie.com/embed/demo-" + teams.Count,
                LowThreshold = true,
                Status = TeamStatus.Active,
                SeasonStart = yearRound ? null : seasonStart,
                SeasonEnd = yearRound ? null : seasonEnd,
                Breaks = yearRound ? [] : [.. Breaks()],
                // Most listings were confirmed recently; a few are overdue so the coordinator's list has content.
                LastConfirmedAtUtc = now.UtcDateTime.AddDays(-(teams.Count % 5 == 0 ? 220 + teams.Count : 10 + (teams.Count * 3))),
                UpdatedAtUtc = now.UtcDateTime,
                Schedules = [.. schedule.Select(s => new TeamSchedule { Weekday = s.Day, Start = new TimeOnly(s.Hour, s.Minute), End = new TimeOnly(s.Hour, s.Minute).AddMinutes(s.Minutes) })],
                TargetGroups = [.. targetGroups.Select(g => groups[g])],
            };
            team.SearchText = SearchText.ForTeam(team, c.Name, team.Venue, activity, targetGroups);
            teams.Add(team);
        }

        const string outside = "Uden for arbejdsmarkedet";
        const string chronic = "Kronisk sygdom";
        T("motion", "parken", "Stavgang", "Stavgang for alle", Intensity.Light, "Mest kvinder mellem 50 og 70; flere er nye i byen.", [(DayOfWeek.Tuesday, 10, 0, 60)], [outside, chronic, "Begyndere"], 40, 80, GenderMix.MostlyWomen, 150, outdoor: true, yearRound: true);
        T("motion", "parken", "Stavgang", "Morgenstavgang ved søen", Intensity.Light, "Blandet hold af pensionister og folk på sygedagpenge.", [(DayOfWeek.Thursday, 9, 0, 60)], [chronic, "Senior"], 50, 85, price: 150, outdoor: true, yearRound: true);
        T("motion", "kulturhus", "Gymnastik", "Stole-gymnastik", Intensity.Light, "Mest ældre; nogle kommer med rollator.", [(DayOfWeek.Wednesday, 10, 30, 45)], ["Senior", chronic], 65, 95, price: 200);
        T("badminton", "hedehushallen", "Motionsbadminton", "Motionsbadminton formiddag", Intensity.Moderate, "Blandet hold 30–65 år; de fleste har ikke spillet i mange år.", [(DayOfWeek.Monday, 10, 0, 90), (DayOfWeek.Thursday, 10, 0, 90)], [outside, "Begyndere"], 30, 65);
        T("badminton", "fløng", "Motionsbadminton", "Badminton for begyndere", Intensity.Moderate, "Voksne begyndere, flest mænd.", [(DayOfWeek.Wednesday, 19, 0, 90)], ["Begyndere", outside], 25, 60, GenderMix.MostlyMen, 450, 2);
        T("gym", "taastruphallen", "Gymnastik", "Blid gymnastik", Intensity.Light, "Kvinder og mænd 55+, mange med ledsmerter.", [(DayOfWeek.Monday, 13, 0, 60)], [chronic, "Senior"], 55, 90);
        T("gym", "taastruphallen", "Seniorfitness", "Seniorfitness i hallen", Intensity.Moderate, "Aktive seniorer; god stemning og kaffe bagefter.", [(DayOfWeek.Tuesday, 9, 30, 60), (DayOfWeek.Friday, 9, 30, 60)], ["Senior"], 60, 90);
        T("gym", "kulturhus", "Pilates", "Pilates for ryggen", Intensity.Light, "Mest kvinder 35–65, flere med rygproblemer.", [(DayOfWeek.Thursday, 17, 0, 60)], [chronic, "Kvinder"], 35, 65, GenderMix.MostlyWomen, 500, 0);
        T("svoem", "svoemmehal", "Vandgymnastik", "Vandgymnastik på lavt vand", Intensity.Light, "Blandet hold 40–80 år; mange med gigt eller overvægt.", [(DayOfWeek.Tuesday, 14, 0, 45)], [chronic, "Overvægt"], 40, 80, price: 400);
        T("svoem", "svoemmehal", "Svømning", "Voksensvømning for øvede begyndere", Intensity.Moderate, "Voksne, der vil lære at crawle; flest kvinder.", [(DayOfWeek.Sunday, 9, 0, 60)], ["Begyndere"], 25, 70, GenderMix.MostlyWomen, 600);
        T("svoem", "svoemmehal", "Svømning", "Svømning kun for kvinder", Intensity.Moderate, "Kvinder i alle aldre; kvindelig livredder og afskærmede vinduer.", [(DayOfWeek.Saturday, 16, 0, 60)], ["Kvinder", outside], 18, 80, GenderMix.WomenOnly, 400, 6);
        T("bordtennis", "taastruphallen", "Bordtennis", "Motionsbordtennis", Intensity.Light, "Mest mænd 50+; hyggelig tone.", [(DayOfWeek.Wednesday, 10, 0, 120)], [outside, "Mænd", "Senior"], 40, 85, GenderMix.MostlyMen, 250);
        T("bordtennis", "sengeloese", "Bordtennis", "Bordtennis for parkinsonramte", Intensity.Light, "Mennesker med Parkinsons sygdom og pårørende.", [(DayOfWeek.Friday, 13, 0, 90)], [chronic], 40, 90, price: 200, free: 4);
        T("cykel", "hedehushallen", "Cykling", "Rolige cykelture", Intensity.Moderate, "Blandet hold 40–75; turene er 20–30 km i roligt tempo.", [(DayOfWeek.Saturday, 10, 0, 120)], [outside, "Begyndere"], 40, 75, price: 300, outdoor: true);
        T("cykel", "hedehushallen", "Cykling", "Spinning for begyndere", Intensity.Hard, "Mest 30–55 år; du styrer selv modstanden.", [(DayOfWeek.Tuesday, 18, 0, 50)], ["Begyndere", "Overvægt"], 25, 60, price: 500, free: 3);
        T("krolf", "reerslev", "Krolf", "Krolf i Reerslev", Intensity.Light, "Seniorer og førtidspensionister; meget socialt.", [(DayOfWeek.Thursday, 10, 0, 120)], ["Senior", chronic, outside], 55, 95, price: 100, outdoor: true);
        T("dans", "kulturhus", "Dans", "Line dance for begyndere", Intensity.Moderate, "Mest kvinder 45–75.", [(DayOfWeek.Monday, 19, 0, 75)], ["Begyndere", "Kvinder"], 40, 80, GenderMix.MostlyWomen, 450);
        T("dans", "kulturhus", "Dans", "Seniordans om eftermiddagen", Intensity.Light, "Par og enlige 65+; man behøver ikke en partner.", [(DayOfWeek.Friday, 14, 0, 90)], ["Senior"], 60, 95, price: 350);
        T("yoga", "kulturhus", "Yoga", "Blid yoga og vejrtrækning", Intensity.Light, "Blandet 25–70; flere med stress eller angst.", [(DayOfWeek.Tuesday, 16, 30, 60)], ["Angst og stress", outside], 25, 70, price: 400);
        T("yoga", "kulturhus", "Yoga", "Stolyoga", Intensity.Light, "Ældre og folk med nedsat bevægelighed.", [(DayOfWeek.Thursday, 11, 0, 45)], [chronic, "Senior"], 50, 95, price: 300);
        T("volley", "taastruphallen", "Volleyball", "Motionsvolley", Intensity.Moderate, "Blandet 25–60; mange begyndere.", [(DayOfWeek.Wednesday, 20, 0, 90)], [outside, "Begyndere"], 25, 60);
        T("fodbold", "fløng", "Fodbold", "Walking football", Intensity.Moderate, "Mænd 50+; ingen løb, ingen tacklinger.", [(DayOfWeek.Monday, 17, 0, 60)], ["Mænd", "Senior", chronic], 50, 85, GenderMix.MostlyMen, 300, outdoor: true);
        T("fodbold", "fløng", "Fodbold", "Motionsfodbold for kvinder", Intensity.Hard, "Kvinder 25–50, ingen erfaring nødvendig.", [(DayOfWeek.Thursday, 19, 30, 75)], ["Kvinder"], 25, 50, GenderMix.WomenOnly, 500, 8, outdoor: true);
        T("loeb", "parken", "Løb", "Start to run", Intensity.Moderate, "Nybegyndere 25–60; vi går og løber skiftevis.", [(DayOfWeek.Monday, 17, 30, 60), (DayOfWeek.Wednesday, 17, 30, 60)], ["Begyndere", "Overvægt", outside], 25, 60, price: 200, outdoor: true);
        T("petanque", "sengeloese", "Petanque", "Petanque i Sengeløse", Intensity.Light, "Seniorer og førtidspensionister.", [(DayOfWeek.Tuesday, 13, 0, 120)], ["Senior", outside], 50, 95, price: 100, outdoor: true);
        T("senior", "taastruphallen", "Seniorfitness", "Motion for mænd 60+", Intensity.Moderate, "Kun mænd, mange er nye pensionister.", [(DayOfWeek.Wednesday, 9, 0, 60)], ["Mænd", "Senior"], 60, 90, GenderMix.MenOnly, 250);
        T("senior", "kulturhus", "Gymnastik", "Balancetræning", Intensity.Light, "Ældre, der vil undgå fald.", [(DayOfWeek.Friday, 10, 0, 45)], ["Senior", chronic], 65, 95, price: 150);
        T("vridsloese", "vridsloese", "Gymnastik", "Morgenmotion i klubhuset", Intensity.Light, "Blandet hold fra landsbyerne omkring Taastrup.", [(DayOfWeek.Monday, 9, 0, 60), (DayOfWeek.Thursday, 9, 0, 60)], [outside, "Senior"], 40, 90, price: 150);
        T("vridsloese", "vridsloese", "Motionsbadminton", "Badminton og kaffe", Intensity.Moderate, "Mest 40–70; kaffe og snak efter træning.", [(DayOfWeek.Tuesday, 19, 0, 90)], [outside], 40, 70, price: 350, free: 0);
        T("furesoevolley", "furesoe", "Volleyball", "Motionsvolley i Farum", Intensity.Moderate, "Blandet hold 25–65; deltagere fra Sundere sammen er velkomne.", [(DayOfWeek.Thursday, 19, 0, 90)], [outside, "Begyndere"], 25, 65);

        db.Teams.AddRange(teams);
        await db.SaveChangesAsync();
    }

    private static async Task LoadUsersAsync(AppDbContext db, UserManager<AppUser> users)
    {
        var jobcenter = await db.Departments.SingleAsync(d => d.Name == "Jobcenter Høje-Taastrup");
        var sundhed = await db.Departments.SingleAsync(d => d.Name == "Sundhedscenter Høje-Taastrup");
        var furesoe = await db.Departments.SingleAsync(d => d.Name == "Jobcenter Furesø");
        var motion = await db.Clubs.SingleAsync(c => c.Name == "Taastrup Motionsforening");
        var bordtennis = await db.Clubs.SingleAsync(c => c.Name == "Høje-Taastrup Bordtennisklub");
        var hoejeTaastrup = await db.Municipalities.SingleAsync(m => m.Code == 169);
        var furesoeMunicipality = await db.Municipalities.SingleAsync(m => m.Code == 190);

        foreach (var (email, name, role) in Users)
        {
            var user = new AppUser
            {
                UserName = email,
                Email = email,
                EmailConfirmed = true,
                DisplayName = name,
                // Furesø's coordinator, consultant and the two instructors of "Sundere sammen" (Ida also
                // instructs Høje-Taastrup's "Livsstilsholdet": instructors are scoped by their programmes).
                MunicipalityId = role == Roles.NationalAdmin ? null
                    : email.StartsWith("koordinator.furesoe", StringComparison.Ordinal) || email.StartsWith("furesoe", StringComparison.Ordinal) || email.StartsWith("instruktor", StringComparison.Ordinal)
                        ? furesoeMunicipality.Id
                        : hoejeTaastrup.Id,
                DepartmentId = email.StartsWith("fagperson", StringComparison.Ordinal) ? jobcenter.Id : email.StartsWith("sundhed", StringComparison.Ordinal) ? sundhed.Id : email.StartsWith("furesoe", StringComparison.Ordinal) ? furesoe.Id : null,
                ClubId = email.StartsWith("forening2", StringComparison.Ordinal) ? bordtennis.Id : email.StartsWith("forening@", StringComparison.Ordinal) ? motion.Id : null,
            };
            if (role == Roles.Instructor)
            {
                user.KioskPinHash = users.PasswordHasher.HashPassword(user, KioskPin);
            }

            var created = await users.CreateAsync(user, Password);
            if (!created.Succeeded)
            {
                throw new InvalidOperationException("Demo user could not be created: " + string.Join("; ", created.Errors.Select(e => e.Description)));
            }

            await users.AddToRoleAsync(user, role);
        }
    }
}
