using Foreningsbro.Web.Data;
using Foreningsbro.Web.Features.Catalogue;
using Foreningsbro.Web.Features.Catalogue.Search;

using Foreningsbro.Web.Infrastructure;
using Microsoft.AspNetCore.Identity;

namespace Foreningsbro.Bench;

/// <summary>The users the load scenarios log in as; all share <see cref="BridgingGenerator.Password"/>.</summary>
public sealed record BenchUsers(string Coordinator, IReadOnlyList<(string Email, int DepartmentId)> Professionals, IReadOnlyList<(string Email, int ClubId)> ClubContacts);

/// <summary>The bridging rows made for a catalogue: citizens with consents, referrals with their status histories, and users.</summary>
public sealed class GeneratedBridging
{
    public List<IdentityRole> Roles { get; } = [];
    public List<AppUser> Users { get; } = [];
    public List<AppUserRole> UserRoles { get; } = [];
    public List<ClosingReason> ClosingReasons { get; } = [];
    public List<Citizen> Citizens { get; } = [];
    public List<Consent> Consents { get; } = [];
    public List<Referral> Referrals { get; } = [];
    public List<ReferralStatusChange> History { get; } = [];
}

/// <summary>
/// Citizens and referrals over the departments of the 98 municipalities, made up from a seed: each
/// citizen belongs to their municipality's job centre or health centre (by population), gives the
/// usual consents, and is referred about twice over two years to teams in their own municipality.
/// Each referral walks the real state machine (ReferralRules) as far as its age allows: booked visit,
/// visit or no-show as the club reports it, sign-up, still active after 3 and 6 months, or closed with
/// one of the managed reasons, each step a ReferralStatusChange row with who and when.
/// </summary>
public sealed class BridgingGenerator(int seed, int citizenCount, DateTime nowUtc)
{
    public const string Password = "Foreningsbro-bench1";

    // The app's defaults (Features/Referrals/ClosingReasons.cs), so the app finds the list filled.
    private static readonly string[] ClosingReasonNames = ["Passede ikke", "Helbred", "Praktiske grunde", "Fik job eller uddannelse", "Flyttet", "Ukendt", "Andet"];

    private static readonly string[] Needs =
    [
        "Har ondt i knæet og skal kunne holde pauser.",
        "Er nervøs for at møde nye mennesker; vil gerne tages godt imod.",
        "Har ikke dyrket motion i mange år.",
        "Taler bedst engelsk.",
        "Kommer med bus og kan først være der fem minutter efter start.",
    ];

    private readonly Random random = new(seed + 7);

    public (GeneratedBridging Data, BenchUsers Users) Generate(GeneratedCatalogue catalogue)
    {
        var result = new GeneratedBridging();
        var roles = Web.Data.Roles.All.Select((name, i) => new IdentityRole(name)
        {
            Id = $"bench-role-{i + 1}",
            NormalizedName = name.ToUpperInvariant(),
            ConcurrencyStamp = $"bench-role-{i + 1}",
        }).ToDictionary(r => r.Name!);
        result.Roles.AddRange(roles.Values);
        result.ClosingReasons.AddRange(ClosingReasonNames.Select((name, i) => new ClosingReason { Id = i + 1, Name = name, SortOrder = i, RequiresText = name == "Andet" }));

        // Where each municipality's active teams are, to refer its citizens to them.
        var clubMunicipality = catalogue.Clubs.ToDictionary(c => c.Id, c => c.MunicipalityId);
        var teamsByMunicipality = catalogue.Teams
            .Where(t => t.Status == TeamStatus.Active)
            .GroupBy(t => clubMunicipality[t.ClubId])
            .ToDictionary(g => g.Key, g => g.Select(t => (t.Id, t.ClubId)).ToArray());
        var teamTitle = catalogue.Teams.ToDictionary(t => t.Id, t => t.Title);
        var places = DanishPlaces.Municipalities;
        var perMunicipality = Spread(citizenCount, [.. places.Select(p => p.Population)]);

        for (var m = 0; m < places.Length; m++)
        {
            var municipalityId = catalogue.Municipalities[m].Id;
            var departments = catalogue.Departments.Where(d => d.MunicipalityId == municipalityId).ToArray();
            var teams = teamsByMunicipality.GetValueOrDefault(municipalityId, []);
            for (var i = 0; i < perMunicipality[m]; i++)
            {
                var department = departments[random.Next(100) < 65 ? 0 : departments.Length - 1];
                AddCitizen(result, department, places[m], teams, teamTitle);
            }
        }

        var users = AddUsers(result, roles, catalogue);
        return (result, users);
    }

    private void AddCitizen(GeneratedBridging result, Department department, MunicipalityInfo place, (int Id, int ClubId)[] teams, Dictionary<int, string> teamTitle)
    {
        var first = Pick(CatalogueGenerator.FirstNames);
        var last = Pick(CatalogueGenerator.LastNames);
        var phone = random.Next(10) < 9 ? $"+45 {random.Next(20, 99)} {random.Next(10, 99)} {random.Next(10, 99)} {random.Next(10, 99)}" : null;
        var created = nowUtc.AddDays(-1 - random.Next(730)).AddMinutes(-random.Next(600));
        var jobcentre = department.Kind == DepartmentKind.Jobcenter;
        var professional = $"{Pick(CatalogueGenerator.FirstNames)} {Pick(CatalogueGenerator.LastNames)}";
        var citizen = new Citizen
        {
            Id = result.Citizens.Count + 1,
            DepartmentId = department.Id,
            FirstName = first,
            LastName = last,
            Phone = phone,
            Email = random.Next(2) == 0 ? $"{SearchText.Normalize(first)}.{SearchText.Normalize(last)}{random.Next(1000)}@example.dk" : null,
            BirthYear = 1955 + random.Next(50),
            PostalCode = Pick(place.Towns).PostalCode,
            TargetGroup = (jobcentre ? random.Next(100) switch { < 70 => 0, < 90 => 1, _ => 2 } : random.Next(100) switch { < 25 => 0, < 85 => 1, _ => 2 }) switch
            {
                0 => CitizenTargetGroup.OutsideLabourMarketAtRisk,
                1 => CitizenTargetGroup.ChronicIllnessWeakAttachment,
                _ => CitizenTargetGroup.Other,
            },
            PreferredChannel = random.Next(100) switch { < 55 => ContactChannel.Sms, < 75 => ContactChannel.Email, < 95 => ContactChannel.Phone, _ => ContactChannel.DoNotContact },
            NameKey = SearchText.Normalize($"{first} {last}"),
            PhoneKey = phone is null ? null : new string([.. phone.Where(char.IsAsciiDigit).TakeLast(8)]),
            CreatedAtUtc = created,
            CreatedBy = professional,
        };
        result.Citizens.Add(citizen);

        foreach (var (purpose, share) in new[] { (ConsentPurpose.ShareWithClub, 80), (ConsentPurpose.Reminders, 70), (ConsentPurpose.Questionnaires, 35) })
        {
            if (random.Next(100) < share)
            {
                var withdrawn = random.Next(100) < 4 ? created.AddDays(random.Next(1, 200)) : (DateTime?)null;
                result.Consents.Add(new Consent
                {
                    Id = result.Consents.Count + 1,
                    CitizenId = citizen.Id,
                    Purpose = purpose,
                    Method = random.Next(3) == 0 ? ConsentMethod.Written : ConsentMethod.Verbal,
                    GivenAtUtc = created,
                    GivenBy = professional,
                    WithdrawnAtUtc = withdrawn < nowUtc ? withdrawn : null,
                    WithdrawnBy = withdrawn < nowUtc ? professional : null,
                });
            }
        }

        // About two referrals per citizen: 0-5, each two to ten weeks after the previous one, never two to one team.
        var count = random.Next(100) switch { < 5 => 0, < 30 => 1, < 60 => 2, < 80 => 3, < 92 => 4, _ => 5 };
        var at = created.AddDays(random.Next(15));
        int? previous = null;
        var used = new HashSet<int>();
        for (var r = 0; r < count && at < nowUtc && teams.Length > 0; r++)
        {
            var team = teams[random.Next(teams.Length)];
            if (!used.Add(team.Id))
            {
                continue;
            }

            previous = AddReferral(result, citizen, team.Id, teamTitle[team.Id], professional, at, previous);
            at = at.AddDays(14 + random.Next(60));
        }
    }

    private int AddReferral(GeneratedBridging result, Citizen citizen, int teamId, string teamTitle, string professional, DateTime created, int? previous)
    {
        var visitDay = DanishTime.Today(created).AddDays(2 + random.Next(20));
        var visitAt = DanishTime.ToUtc(visitDay, new TimeOnly(Pick([10, 17, 18, 19]), Pick([0, 30])));
        var referral = new Referral
        {
            Id = result.Referrals.Count + 1,
            CitizenId = citizen.Id,
            TeamId = teamId,
            VisitMode = random.Next(100) switch { < 45 => VisitMode.Alone, < 75 => VisitMode.WithProfessional, < 90 => VisitMode.WithBuddy, _ => VisitMode.WithProgrammeGroup },
            VisitAtUtc = visitAt,
            NeedsForClub = random.Next(100) < 30 ? Pick(Needs) : null,
            PreviousReferralId = previous,
            CreatedAtUtc = created,
            CreatedBy = professional,
            IdempotencyKey = NewGuid(),
        };
        result.Referrals.Add(referral);

        var club = "Meldt af foreningen";
        var steps = new List<(ReferralStatus To, DateTime At, string By, string? Reason, int? ClosingReasonId)>
        {
            (ReferralStatus.Referred, created, professional, $"Henvist til {teamTitle}", null),
        };
        void Step(ReferralStatus to, DateTime at, string by, string? reason = null) => steps.Add((to, at, by, reason, null));
        void Close(DateTime at)
        {
            var reasonId = 1 + random.Next(ClosingReasonNames.Length);
            steps.Add((ReferralStatus.Closed, at, professional, reasonId == ClosingReasonNames.Length ? "Borgeren ønsker en pause." : null, reasonId));
        }

        if (random.Next(100) < 60)
        {
            // The club books the visit within a few days, and always before it takes place.
            Step(ReferralStatus.VisitScheduled, created + ((visitAt - created) * (0.1 + (random.NextDouble() * 0.4))), club, club);
        }

        var reported = visitAt.AddHours(3 + random.Next(48));
        var roll = random.Next(100);
        var visited = (DateTime?)null;
        if (roll < 22)
        {
            Step(ReferralStatus.NoShow, reported, club, club);
            var next = random.Next(100);
            if (next < 50)
            {
                Close(reported.AddDays(7 + random.Next(24)));
            }
            else if (next < 60)
            {
                visited = reported.AddDays(7 + random.Next(14));
            }
        }
        else if (roll < 92)
        {
            visited = reported;
        }

        if (visited is { } v)
        {
            Step(ReferralStatus.Visited, v, club, club);
            var next = random.Next(100);
            if (next < 55)
            {
                var member = v.AddDays(3 + random.Next(19));
                Step(ReferralStatus.Member, member, club, club);
                var three = random.Next(100);
                if (three < 70)
                {
                    Step(ReferralStatus.Active3Months, member.AddDays(90 + random.Next(10)), professional);
                    var six = random.Next(100);
                    if (six < 75)
                    {
                        Step(ReferralStatus.Active6Months, member.AddDays(180 + random.Next(10)), professional);
                        if (random.Next(100) < 20)
                        {
                            Close(member.AddDays(210 + random.Next(170)));
                        }
                    }
                    else if (six < 90)
                    {
                        Close(member.AddDays(120 + random.Next(50)));
                    }
                }
                else if (three < 90)
                {
                    Close(member.AddDays(20 + random.Next(60)));
                }
            }
            else if (next < 85)
            {
                Close(v.AddDays(5 + random.Next(25)));
            }
        }

        // Only what has happened by now: a referral from last week is still waiting for its visit.
        ReferralStatus? from = null;
        foreach (var (to, at, by, reason, closingReasonId) in steps.Where(s => s.At <= nowUtc).OrderBy(s => s.At))
        {
            result.History.Add(new ReferralStatusChange
            {
                Id = result.History.Count + 1,
                ReferralId = referral.Id,
                From = from,
                To = to,
                AtUtc = at,
                By = by,
                Reason = reason,
                ClosingReasonId = closingReasonId,
            });
            referral.Status = to;
            referral.StatusChangedAtUtc = at;
            referral.MemberSinceUtc = to == ReferralStatus.Member ? at : referral.MemberSinceUtc;
            referral.ClosingReasonId = closingReasonId ?? referral.ClosingReasonId;
            referral.Version = from is null ? 0 : referral.Version + 1;
            from = to;
        }

        return referral.Id;
    }

    /// <summary>
    /// A coordinator, a professional in each of the four departments with the most citizens, and a
    /// contact for each of the eight clubs with the most visits in the last 30 days and ahead.
    /// </summary>
    private BenchUsers AddUsers(GeneratedBridging result, Dictionary<string, IdentityRole> roles, GeneratedCatalogue catalogue)
    {
        var hash = new PasswordHasher<AppUser>().HashPassword(null!, Password);
        // Every staff user belongs to a municipality (issue 11): the coordinator to the one whose department
        // has the most citizens, so the funnel they read is the biggest municipality's, never empty.
        var departmentMunicipality = catalogue.Departments.ToDictionary(d => d.Id, d => d.MunicipalityId);
        var clubMunicipality = catalogue.Clubs.ToDictionary(c => c.Id, c => c.MunicipalityId);
        string Add(string email, string name, string role, int municipalityId, int? departmentId = null, int? clubId = null)
        {
            var user = new AppUser
            {
                Id = $"bench-user-{result.Users.Count + 1}",
                UserName = email,
                NormalizedUserName = email.ToUpperInvariant(),
                Email = email,
                NormalizedEmail = email.ToUpperInvariant(),
                EmailConfirmed = true,
                PasswordHash = hash,
                SecurityStamp = NewGuid().ToString("N").ToUpperInvariant(),
                ConcurrencyStamp = NewGuid().ToString(),
                LockoutEnabled = true,
                DisplayName = name,
                MunicipalityId = municipalityId,
                DepartmentId = departmentId,
                ClubId = clubId,
            };
            result.Users.Add(user);
            result.UserRoles.Add(new AppUserRole { UserId = user.Id, RoleId = roles[role].Id });
            return email;
        }

        var largest = result.Citizens.GroupBy(c => departmentMunicipality[c.DepartmentId]).OrderByDescending(g => g.Count()).ThenBy(g => g.Key).First().Key;
        var coordinator = Add("koordinator@bench.foreningsbro.dk", "Bench Koordinator", Web.Data.Roles.Coordinator, largest);
        var professionals = result.Citizens.GroupBy(c => c.DepartmentId).OrderByDescending(g => g.Count()).ThenBy(g => g.Key).Take(4)
            .Select((g, i) => (Add($"fagperson{i + 1}@bench.foreningsbro.dk", $"Bench Fagperson {i + 1}", Web.Data.Roles.Professional, departmentMunicipality[g.Key], departmentId: g.Key), g.Key))
            .ToList();
        var teamClub = catalogue.Teams.ToDictionary(t => t.Id, t => t.ClubId);
        var since = nowUtc.AddDays(-30);
        var clubs = result.Referrals.Where(r => r.VisitAtUtc >= since && r.Status != ReferralStatus.Closed)
            .GroupBy(r => teamClub[r.TeamId]).OrderByDescending(g => g.Count()).ThenBy(g => g.Key).Take(8)
            .Select((g, i) => (Add($"forening{i + 1}@bench.foreningsbro.dk", $"Bench Foreningskontakt {i + 1}", Web.Data.Roles.ClubContact, clubMunicipality[g.Key], clubId: g.Key), g.Key))
            .ToList();
        return new BenchUsers(coordinator, professionals, clubs);
    }

    private T Pick<T>(IReadOnlyList<T> items) => items[random.Next(items.Count)];

    private Guid NewGuid()
    {
        Span<byte> bytes = stackalloc byte[16];
        random.NextBytes(bytes);
        return new Guid(bytes);
    }

    private static int[] Spread(int total, double[] weights)
    {
        var sum = weights.Sum();
        var parts = weights.Select(w => (int)Math.Floor(total * w / sum)).ToArray();
        for (var i = 0; parts.Sum() < total; i = (i + 1) % parts.Length)
        {
            parts[i]++;
        }

        return parts;
    }
}
