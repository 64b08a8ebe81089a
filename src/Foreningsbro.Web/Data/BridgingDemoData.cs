using Foreningsbro.Web.Features.Catalogue;
using Foreningsbro.Web.Features.Catalogue.Search;
using Foreningsbro.Web.Features.Referrals;
using Foreningsbro.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Foreningsbro.Web.Data;

/// <summary>
/// A handful of invented citizens in both municipalities at different stages of the funnel, with
/// histories that lead there, so the funnel, the task list and the club's visit list have content.
/// </summary>
public static class BridgingDemoData
{
    private sealed record Step(ReferralStatus Status, int DaysAfterReferral, string By, string? Reason = null, string? ClosingReason = null);

    public static async Task LoadAsync(AppDbContext db, DateTimeOffset now)
    {
        await ClosingReasons.EnsureAsync(db);
        var departments = await db.Departments.ToDictionaryAsync(d => d.Name);
        var activities = await db.Activities.ToDictionaryAsync(a => a.Name, a => a.Id);
        var teams = await db.Teams.Include(t => t.Schedules).Include(t => t.Breaks).AsSplitQuery().ToDictionaryAsync(t => t.Title);
        var reasons = await db.ClosingReasons.ToDictionaryAsync(r => r.Name, r => r.Id);

        const string jonas = "Jonas Jobkonsulent";
        const string hanne = "Hanne Sundhedskonsulent";
        const string furesoe = "Malene Jobkonsulent (Furesø)";
        const string club = "Foreningen";

        var phones = 0;
        Citizen C(string department, string first, string last, int born, string postal, CitizenTargetGroup group, ContactChannel channel, string by, int daysAgo, params ConsentPurpose[] consents)
        {
            var created = now.UtcDateTime.AddDays(-daysAgo);
            var phone = $"6000{++phones:D4}";
            var citizen = new Citizen
            {
                Department = departments[department],
                FirstName = first,
                LastName = last,
                Phone = phone,
                Email = channel == ContactChannel.Email ? $"{SearchText.Normalize(first)}@example.dk" : null,
                BirthYear = born,
                PostalCode = postal,
                TargetGroup = group,
                PreferredChannel = channel,
                NameKey = SearchText.Normalize($"{first} {last}"),
                PhoneKey = phone,
                CreatedAtUtc = created,
                CreatedBy = by,
                Consents = [.. consents.Select(p => new Consent { Purpose = p, Method = ConsentMethod.Verbal, GivenAtUtc = created, GivenBy = by })],
            };
            db.Citizens.Add(citizen);
            return citizen;
        }

        void Talk(Citizen c, ConversationKind kind, int daysAgo, string by, string[] likes, DayOfWeek[] days, TimeOfDay[] times, Intensity? intensity, Barriers barriers, int motivation, string? club_, string? note) =>
            c.Conversations.Add(new Conversation
            {
                Kind = kind,
                HeldAtUtc = now.UtcDateTime.AddDays(-daysAgo),
                HeldBy = by,
                LikedActivityIds = [.. likes.Select(a => activities[a])],
                PreferredDays = [.. days],
                PreferredTimes = [.. times],
                Company = Company.WithOthers,
                Intensity = intensity,
                Barriers = barriers,
                Motivation = motivation,
                ImaginedClub = club_,
                Note = note,
            });

        Referral Refer(Citizen c, string team, int daysAgo, VisitMode mode, string by, Step[] steps, Referral? previous = null)
        {
            var created = now.AddDays(-daysAgo);
            var t = teams[team];
            var visit = NextSession.Find(t, created) ?? created.UtcDateTime.AddDays(7);
            var visitUtc = DanishTime.ToUtc(visit);
            var r = new Referral
            {
                Team = t,
                VisitMode = mode,
                VisitAtUtc = visitUtc,
                Status = ReferralStatus.Referred,
                StatusChangedAtUtc = created.UtcDateTime,
                CreatedAtUtc = created.UtcDateTime,
                CreatedBy = by,
                IdempotencyKey = Guid.NewGuid(),
                History = [new() { To = ReferralStatus.Referred, AtUtc = created.UtcDateTime, By = by, Reason = $"Henvist til {team}" }],
            };
            if (previous is not null)
            {
                r.PreviousReferralId = previous.Id;
            }

            foreach (var s in steps)
            {
                var at = created.UtcDateTime.AddDays(s.DaysAfterReferral);
                var closing = s.ClosingReason is null ? (int?)null : reasons[s.ClosingReason];
                r.History.Add(new() { From = r.Status, To = s.Status, AtUtc = at, By = s.By, Reason = s.Reason, ClosingReasonId = closing });
                r.Status = s.Status;
                r.StatusChangedAtUtc = at;
                r.MemberSinceUtc = s.Status == ReferralStatus.Member ? at : r.MemberSinceUtc;
                r.ClosingReasonId = closing ?? r.ClosingReasonId;
            }

            c.Referrals.Add(r);
            return r;
        }

        ConsentPurpose[] all = [ConsentPurpose.ShareWithClub, ConsentPurpose.Reminders, ConsentPurpose.Questionnaires];
        const string jobHT = "Jobcenter Høje-Taastrup";
        const string healthHT = "Sundhedscenter Høje-Taastrup";
        const string jobF = "Jobcenter Furesø";

        // Active after three months; the six-month check comes up later.
        var anne = C(jobHT, "Anne", "Andersen", 1968, "2630", CitizenTargetGroup.OutsideLabourMarketAtRisk, ContactChannel.Sms, jonas, 110, all);
        Talk(anne, ConversationKind.Clarifying, 105, jonas, ["Stavgang"], [DayOfWeek.Tuesday], [TimeOfDay.Morning], Intensity.Light, Barriers.NewPeople, 3, "Motionsforeningen", "Har gået meget med hund tidligere.");
        Refer(anne, "Stavgang for alle", 104, VisitMode.WithProfessional, jonas,
            [new(ReferralStatus.VisitScheduled, 1, club), new(ReferralStatus.Visited, 1, club), new(ReferralStatus.Member, 8, club), new(ReferralStatus.Active3Months, 100, jonas, "Går fast hver tirsdag.")]);

        // No answer from the club for ten days: escalated to the coordinator.
        var bilal = C(jobHT, "Bilal", "Hansen", 1979, "2640", CitizenTargetGroup.OutsideLabourMarketAtRisk, ContactChannel.Sms, jonas, 12, ConsentPurpose.ShareWithClub, ConsentPurpose.Reminders);
        Talk(bilal, ConversationKind.Clarifying, 10, jonas, ["Motionsbadminton", "Fodbold"], [DayOfWeek.Monday, DayOfWeek.Thursday], [TimeOfDay.Morning], Intensity.Moderate, Barriers.Money, 4, null, null);
        Refer(bilal, "Motionsbadminton formiddag", 10, VisitMode.Alone, jonas, []);

        // Visited three weeks ago; the follow-up conversation is overdue.
        var camilla = C(jobHT, "Camilla", "Nielsen", 1985, "2630", CitizenTargetGroup.OutsideLabourMarketAtRisk, ContactChannel.Email, jonas, 25, all);
        Talk(camilla, ConversationKind.Clarifying, 24, jonas, ["Yoga"], [DayOfWeek.Tuesday], [TimeOfDay.Afternoon], Intensity.Light, Barriers.NewPeople | Barriers.Time, 3, null, "Vil gerne starte roligt.");
        Refer(camilla, "Blid yoga og vejrtrækning", 24, VisitMode.WithBuddy, jonas, [new(ReferralStatus.VisitScheduled, 2, club), new(ReferralStatus.Visited, 7, club)]);

        // Did not come to table tennis; re-referred to krolf, where he signed up.
        var dennis = C(jobHT, "Dennis", "Larsen", 1972, "2640", CitizenTargetGroup.OutsideLabourMarketAtRisk, ContactChannel.Phone, jonas, 60, ConsentPurpose.ShareWithClub);
        Talk(dennis, ConversationKind.Clarifying, 58, jonas, ["Bordtennis", "Krolf"], [DayOfWeek.Wednesday, DayOfWeek.Thursday], [TimeOfDay.Morning], Intensity.Light, Barriers.Transport, 2, null, null);
        var first = Refer(dennis, "Motionsbordtennis", 57, VisitMode.Alone, jonas,
            [new(ReferralStatus.NoShow, 8, club), new(ReferralStatus.Closed, 12, jonas, "Bussen passer ikke med tiden.", "Praktiske grunde")]);
        await db.SaveChangesAsync();
        Talk(dennis, ConversationKind.FollowUp, 45, jonas, ["Krolf"], [DayOfWeek.Thursday], [TimeOfDay.Morning], Intensity.Light, Barriers.Transport, 3, "Krolfklubben", "Kan cykle til Reerslev.");
        Refer(dennis, "Krolf i Reerslev", 44, VisitMode.WithProfessional, jonas, [new(ReferralStatus.Visited, 3, club), new(ReferralStatus.Member, 10, club)], first);
        Talk(dennis, ConversationKind.FollowUp, 25, jonas, ["Krolf"], [DayOfWeek.Thursday], [TimeOfDay.Morning], Intensity.Light, Barriers.None, 4, null, "Glad for holdet; kaffen bagefter betyder meget.");

        // Coming next week, with consent to share: the club sees her first name.
        var eva = C(jobHT, "Eva", "Petersen", 1990, "2630", CitizenTargetGroup.Other, ContactChannel.Sms, jonas, 2, all);
        Talk(eva, ConversationKind.Clarifying, 1, jonas, ["Stavgang", "Løb"], [DayOfWeek.Tuesday], [TimeOfDay.Morning], null, Barriers.None, 5, null, null);
        Refer(eva, "Stavgang for alle", 1, VisitMode.Alone, jonas, []);

        // Health centre: active after six months, and one who stopped for health reasons.
        var frank = C(healthHT, "Frank", "Olsen", 1958, "2630", CitizenTargetGroup.ChronicIllnessWeakAttachment, ContactChannel.Phone, hanne, 210, all);
        Talk(frank, ConversationKind.Clarifying, 205, hanne, ["Svømning", "Vandgymnastik"], [DayOfWeek.Tuesday], [TimeOfDay.Afternoon], Intensity.Light, Barriers.HealthLimits, 3, null, null);
        Refer(frank, "Vandgymnastik på lavt vand", 204, VisitMode.WithProgrammeGroup, hanne,
            [new(ReferralStatus.Visited, 7, club), new(ReferralStatus.Member, 14, club), new(ReferralStatus.Active3Months, 105, hanne), new(ReferralStatus.Active6Months, 196, hanne)]);

        var gitte = C(healthHT, "Gitte", "Jensen", 1962, "2630", CitizenTargetGroup.ChronicIllnessWeakAttachment, ContactChannel.Sms, hanne, 55, ConsentPurpose.Reminders);
        Talk(gitte, ConversationKind.Clarifying, 52, hanne, ["Gymnastik"], [DayOfWeek.Wednesday], [TimeOfDay.Morning], Intensity.Light, Barriers.HealthLimits, 2, null, null);
        Refer(gitte, "Stole-gymnastik", 52, VisitMode.WithProgrammeGroup, hanne,
            [new(ReferralStatus.Visited, 2, club), new(ReferralStatus.Closed, 30, hanne, null, "Helbred")]);

        // Furesø: the volleyball hall of "Sundere sammen".
        var hassan = C(jobF, "Hassan", "Ali", 1983, "3520", CitizenTargetGroup.OutsideLabourMarketAtRisk, ContactChannel.Sms, furesoe, 70, all);
        Talk(hassan, ConversationKind.Clarifying, 68, furesoe, ["Volleyball", "Fodbold"], [DayOfWeek.Thursday], [TimeOfDay.Evening], Intensity.Moderate, Barriers.None, 4, "Furesø Volleyball", null);
        Refer(hassan, "Motionsvolley i Farum", 66, VisitMode.WithProgrammeGroup, furesoe, [new(ReferralStatus.Visited, 3, club), new(ReferralStatus.Member, 17, club)]);

        var ida = C(jobF, "Ida", "Mortensen", 1995, "3500", CitizenTargetGroup.OutsideLabourMarketAtRisk, ContactChannel.Email, furesoe, 3, ConsentPurpose.Reminders);
        Talk(ida, ConversationKind.Clarifying, 3, furesoe, ["Volleyball"], [DayOfWeek.Thursday], [TimeOfDay.Evening], Intensity.Moderate, Barriers.NewPeople, 3, null, null);
        Refer(ida, "Motionsvolley i Farum", 2, VisitMode.WithBuddy, furesoe, [new(ReferralStatus.VisitScheduled, 1, club)]);

        await db.SaveChangesAsync();
    }
}
