using Foreningsbro.Web.Data;
using Foreningsbro.Web.Features.Catalogue;
using Foreningsbro.Web.Features.Catalogue.Search;
using Foreningsbro.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc.Localization;

using Microsoft.EntityFrameworkCore;

namespace Foreningsbro.Web.Features.Referrals;

/// <summary>What the conversation said, as far as the ranking uses it.</summary>
public sealed record Wishes(
    IReadOnlyCollection<int> LikedActivityIds,
    IReadOnlyCollection<DayOfWeek> Days,
    IReadOnlyCollection<TimeOfDay> Times,
    Intensity? Intensity,
    Barriers Barriers,
    string? ImaginedClub,
    int? Age,
    string PostalCode,
    CitizenTargetGroup TargetGroup)
{
    public static Wishes None(string postalCode, CitizenTargetGroup group, int? age) => new([], [], [], null, Barriers.None, null, age, postalCode, group);
}

/// <summary>The facts about a team the ranking looks at.</summary>
public sealed record TeamFacts(
    int Id, string Title, string ClubName, int ActivityId, string Activity, Intensity Intensity,
    IReadOnlyList<(DayOfWeek Weekday, TimeOnly Start)> Schedule, string PostalCode, string Town,
    double? DistanceKm, IReadOnlyCollection<string> TargetGroups, int? FreePlaces, decimal? Price,
    bool FeeSubsidyPossible, int? AgeFrom, int? AgeTo, bool LowThreshold, DateTime? NextSession);

public sealed record Suggestion(TeamFacts Team, int Score, IReadOnlyList<SuggestionReason> Reasons);

/// <summary>
/// One reason a team was suggested: a Danish text that is the localizer's key, with its words filled in
/// ({0}: a weekday, or a label read inside the sentence, or a number). <see cref="ToString"/> is the Danish.
/// </summary>
public sealed class SuggestionReason(string template, params object[] args)
{
    public string Template { get; } = template;

    public IReadOnlyList<object> Args { get; } = args;

    /// <remarks>A reason without values may share its key with a label ("Ingen ledige pladser lige nu") and is read inside the sentence.</remarks>
    public override string ToString() => Args.Count == 0
        ? Template.InSentence()
        : string.Format(Localization.Danish, Template, [.. Args.Select(a => a switch { DayOfWeek d => d.Danish(), string s => s.InSentence(), _ => a })]);

    /// <summary>The reason in the request's language.</summary>
    public string Text(IHtmlLocalizer l) => Args.Count == 0
        ? l[Template].Value.InSentence()
        : l.GetString(Template, [.. Args.Select(a => a switch { DayOfWeek d => l[d.Danish()].Value, string s => l[s].Value.InSentence(), _ => a })]).Value;
}

/// <summary>
/// Ranks the catalogue's teams against a conversation's answers and says why each was suggested,
/// in the words a caseworker would use ("tirsdag formiddag, let intensitet, samme postnummer").
/// Distance is honest but rough: from the team's venue to the middle of the venues we know in the
/// citizen's postal code, when there are any; otherwise only "samme postnummer" counts.
/// </summary>
public static class Suggestions
{
    public static Suggestion Score(Wishes w, TeamFacts t)
    {
        var score = 0;
        var reasons = new List<SuggestionReason>();

        if (!string.IsNullOrWhiteSpace(w.ImaginedClub) && SearchText.Normalize(t.ClubName).Contains(SearchText.Normalize(w.ImaginedClub), StringComparison.Ordinal))
        {
            score += 6;
            reasons.Add(new("den forening, borgeren selv nævnte"));
        }

        if (w.LikedActivityIds.Contains(t.ActivityId))
        {
            score += 4;
            // The activity is the catalogue's own word (the lists are data), shown as it is.
            reasons.Add(new("{0}", t.Activity.ToLowerInvariant()));
        }

        // Day and time of day must hold for the same session.
        var match = t.Schedule
            .Select(s => (s.Weekday, s.Start, Time: TimesOfDay.Of(s.Start)))
            .Select(s => (s.Weekday, s.Time, Day: w.Days.Count == 0 || w.Days.Contains(s.Weekday), InTime: w.Times.Count == 0 || w.Times.Contains(s.Time)))
            .OrderByDescending(s => (s.Day ? 1 : 0) + (s.InTime ? 1 : 0))
            .FirstOrDefault();
        if (t.Schedule.Count > 0)
        {
            var dayWanted = w.Days.Count > 0 && match.Day;
            var timeWanted = w.Times.Count > 0 && match.InTime;
            score += (dayWanted ? 3 : 0) + (timeWanted ? 2 : 0);
            if (w.Days.Count > 0 && !match.Day)
            {
                score -= 2;
            }

            if (dayWanted || timeWanted)
            {
                reasons.Add(new("{0} {1}", match.Weekday, match.Time.Danish()));
            }
        }

        if (w.Intensity is { } wanted)
        {
            var gap = Math.Abs((int)wanted - (int)t.Intensity);
            score += gap == 0 ? 3 : -2 * gap;
            if (gap == 0)
            {
                reasons.Add(new("{0} intensitet", t.Intensity.Danish()));
            }
        }

        if (t.PostalCode == w.PostalCode)
        {
            score += 2;
            reasons.Add(new("samme postnummer"));
        }
        else if (t.DistanceKm is { } km)
        {
            score += km <= 3 ? 2 : km <= 8 ? 1 : (w.Barriers.HasFlag(Barriers.Transport) ? -2 : 0);
            reasons.Add(new("ca. {0} km", Math.Max(1, (int)Math.Round(km))));
        }

        var groupName = w.TargetGroup switch
        {
            CitizenTargetGroup.OutsideLabourMarketAtRisk => "Uden for arbejdsmarkedet",
            CitizenTargetGroup.ChronicIllnessWeakAttachment => "Kronisk sygdom",
            _ => null,
        };
        if (groupName is not null && t.TargetGroups.Contains(groupName))
        {
            score += 2;
            reasons.Add(new("holdet er for borgerens målgruppe"));
        }

        if (w.Barriers.HasFlag(Barriers.Money) && (t.Price is null or <= 200 || t.FeeSubsidyPossible))
        {
            score += 1;
            reasons.Add(new(t.Price is null or <= 200 ? "billigt" : "Kontingentstøtte mulig"));
        }

        if (w.Barriers.HasFlag(Barriers.NewPeople) && (t.TargetGroups.Contains("Begyndere") || t.TargetGroups.Contains("Angst og stress")))
        {
            score += 1;
            reasons.Add(new("vant til nye deltagere"));
        }

        if (w.Age is { } age && ((t.AgeFrom is { } lo && age < lo - 5) || (t.AgeTo is { } hi && age > hi + 5)))
        {
            score -= 3;
            reasons.Add(new("uden for holdets aldersgruppe"));
        }

        if (t.FreePlaces == 0)
        {
            score -= 3;
            reasons.Add(new("Ingen ledige pladser lige nu"));
        }

        return new Suggestion(t, score, reasons);
    }

    /// <summary>The best <paramref name="take"/> active teams in the citizen's municipality, best first.</summary>
    public static async Task<List<Suggestion>> RankAsync(AppDbContext db, int municipalityId, Wishes w, DateTimeOffset now, int take, CancellationToken ct = default)
    {
        var centre = await db.Venues.AsNoTracking()
            .Where(v => v.PostalCode == w.PostalCode && v.Latitude != null && v.Longitude != null)
            .GroupBy(v => 1)
            .Select(g => new { Lat = g.Average(v => v.Latitude!.Value), Lon = g.Average(v => v.Longitude!.Value) })
            .FirstOrDefaultAsync(ct);

        var teams = await db.Teams.AsNoTracking()
            .Where(t => t.Status == TeamStatus.Active && t.Club.MunicipalityId == municipalityId)
            .Select(t => new
            {
                t.Id,
                t.Title,
                ClubName = t.Club.Name,
                t.ActivityId,
                Activity = t.Activity.Name,
                t.Intensity,
                t.Venue.PostalCode,
                t.Venue.Town,
                t.Venue.Latitude,
                t.Venue.Longitude,
                TargetGroups = t.TargetGroups.Select(g => g.Name).ToList(),
                t.FreePlaces,
                t.PricePerSeason,
                t.FeeSubsidyPossible,
                t.AgeFrom,
                t.AgeTo,
                t.LowThreshold,
                t.SeasonStart,
                t.SeasonEnd,
                Schedule = t.Schedules.Select(s => new { s.Weekday, s.Start }).ToList(),
                Breaks = t.Breaks.Select(b => new { b.From, b.To }).ToList(),
            })
            .AsSplitQuery()
            .ToListAsync(ct);

        return [.. teams
            .Select(t =>
            {
                var schedule = t.Schedule.Select(s => (s.Weekday, s.Start)).ToList();
                var next = NextSession.Find(schedule, t.SeasonStart, t.SeasonEnd, [.. t.Breaks.Select(b => (b.From, b.To))], now);
                double? km = centre is not null && t.Latitude is { } lat && t.Longitude is { } lon ? Kilometres(centre.Lat, centre.Lon, lat, lon) : null;
                return Score(w, new TeamFacts(t.Id, t.Title, t.ClubName, t.ActivityId, t.Activity, t.Intensity, schedule, t.PostalCode, t.Town, km,
                    t.TargetGroups, t.FreePlaces, t.PricePerSeason, t.FeeSubsidyPossible, t.AgeFrom, t.AgeTo, t.LowThreshold, next));
            })
            .Where(s => s.Team.NextSession is not null)
            .OrderByDescending(s => s.Score)
            .ThenBy(s => s.Team.NextSession)
            .ThenBy(s => s.Team.Title, StringComparer.Ordinal)
            .Take(take)];
    }

    /// <summary>Great-circle distance (haversine), good enough within a municipality.</summary>
    public static double Kilometres(double lat1, double lon1, double lat2, double lon2)
    {
        const double R = 6371;
        var dLat = (lat2 - lat1) * Math.PI / 180;
        var dLon = (lon2 - lon1) * Math.PI / 180;
        var a = (Math.Sin(dLat / 2) * Math.Sin(dLat / 2)) + (Math.Cos(lat1 * Math.PI / 180) * Math.Cos(lat2 * Math.PI / 180) * Math.Sin(dLon / 2) * Math.Sin(dLon / 2));
        return 2 * R * Math.Asin(Math.Sqrt(a));
    }

    public static Wishes From(Conversation? c, string postalCode, CitizenTargetGroup group, int? age) =>
        c is null
            ? Wishes.None(postalCode, group, age)
            : new Wishes(c.LikedActivityIds, c.PreferredDays, c.PreferredTimes, c.Intensity, c.Barriers, c.ImaginedClub, age, postalCode, group);
}
