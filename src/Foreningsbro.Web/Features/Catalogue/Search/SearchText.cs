using System.Globalization;
using System.Text;

namespace Foreningsbro.Web.Features.Catalogue.Search;

/// <summary>
/// Folds text so that search ignores case and accents and treats Danish spellings alike:
/// "Tåstrup", "Taastrup" and "TAASTRUP" all become "taastrup"; "Café" becomes "cafe";
/// "Kørsel" becomes "koersel" (as does "Körsel").
/// </summary>
public static class SearchText
{
    public static string Normalize(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return "";
        }

        var sb = new StringBuilder(text.Length + 8);
        var lastWasSpace = true;
        foreach (var raw in text.Normalize(NormalizationForm.FormD))
        {
            var c = char.ToLowerInvariant(raw);
            switch (c)
            {
                case 'æ' or 'ä':
                    sb.Append("ae");
                    lastWasSpace = false;
                    continue;
                case 'ø' or 'ö':
                    sb.Append("oe");
                    lastWasSpace = false;
                    continue;
                case 'ß':
                    sb.Append("ss");
                    lastWasSpace = false;
                    continue;
            }

            var category = CharUnicodeInfo.GetUnicodeCategory(c);
            if (category == UnicodeCategory.NonSpacingMark)
            {
                // FormD splits å into a + ring, ä into a + diaeresis, é into e + acute.
                // The ring and the diaeresis carry Danish meaning (å = aa, ä = ae, ö = oe); other marks are dropped.
                if (raw == '\u030A' && sb.Length > 0 && sb[^1] == 'a')
                {
                    sb.Append('a');
                }
                else if (raw == '\u0308' && sb.Length > 0 && (sb[^1] == 'a' || sb[^1] == 'o'))
                {
                    sb.Append('e');
                }

                continue;
            }

            if (char.IsLetterOrDigit(c))
            {
                sb.Append(c);
                lastWasSpace = false;
            }
            else if (!lastWasSpace)
            {
                sb.Append(' ');
                lastWasSpace = true;
            }
        }

        return sb.ToString().TrimEnd();
    }

    /// <summary>The distinct words of a query, normalised; every one must match for a team to be found.</summary>
    public static string[] Terms(string? query) =>
        Normalize(query).Split(' ', StringSplitOptions.RemoveEmptyEntries).Distinct().Take(8).ToArray();

    /// <summary>
    /// What free-text search looks through for a team: its own texts and those of its club, venue,
    /// activity and target groups. The target groups are sorted, so the same team always gets the
    /// same text, whatever order they were read in.
    /// </summary>
    public static string ForTeam(Data.Team team, string clubName, Data.Venue venue, string activityName, IEnumerable<string> targetGroups) =>
        Normalize(string.Join(
            ' ',
            [team.Title, activityName, clubName, venue.Name, venue.Town, venue.PostalCode, team.TypicalParticipants,
             team.Description, team.FirstTime, .. targetGroups.Order(StringComparer.Ordinal)]));
}
