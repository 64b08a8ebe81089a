using System.Collections.Concurrent;

namespace Foreningsbro.Web.Features.Catalogue.Search;

/// <summary>
/// The words of every team's folded search text, each stored once; a team keeps the ids of its
/// words. <see cref="SearchText.Normalize"/> leaves single spaces between words and a search
/// term has none, so a term is in a team's text exactly when it is inside one of its words.
/// Append-only; shared by the snapshots between two full builds.
/// </summary>
internal sealed class Vocabulary
{
    private readonly Dictionary<string, int> ids = new(StringComparer.Ordinal);
    private string[] words = new string[4096];
    private int count;

    public int Count => Volatile.Read(ref count);

    /// <summary>Words with an id below <paramref name="upTo"/>; safe to read while words are added.</summary>
    public ReadOnlySpan<string> Words(int upTo) => Volatile.Read(ref words).AsSpan(0, upTo);

    public int[] IdsOf(string searchText)
    {
        var parts = searchText.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var result = new HashSet<int>();
        lock (ids)
        {
            foreach (var word in parts)
            {
                if (!ids.TryGetValue(word, out var id))
                {
                    id = count;
                    if (id == words.Length)
                    {
                        var grown = new string[words.Length * 2];
                        words.CopyTo(grown, 0);
                        Volatile.Write(ref words, grown);
                    }

                    words[id] = word;
                    ids[word] = id;
                    Volatile.Write(ref count, id + 1);
                }

                result.Add(id);
            }
        }

        var sorted = result.ToArray();
        Array.Sort(sorted);
        return sorted;
    }
}

/// <summary>
/// Free text in one snapshot: per word, the positions (in title order) of the teams that have it
/// (the postings), and what each term matches.
/// </summary>
internal sealed class WordIndex(IndexEntry[] teams, Vocabulary vocabulary)
{
    // Built on the first free-text search of a snapshot, so a run of edits does not rebuild it each time.
    private readonly Lazy<int[][]> postings = new(() => BuildPostings(teams, vocabulary.Count));
    private readonly ConcurrentDictionary<string, TermMatch> terms = new(StringComparer.Ordinal);

    /// <summary>What a term matches: the teams' positions (a rare term), or the words (a common one).</summary>
    private sealed record TermMatch(int[]? Positions, bool[]? Words);

    /// <summary>
    /// The positions of the only teams that can match (rare terms, intersected; null when every team
    /// can), and per common term the words that contain it, to be checked with <see cref="HasAll"/>.
    /// </summary>
    public (int[]? Candidates, List<bool[]> Common) Find(IEnumerable<string> searchTerms)
    {
        int[]? candidates = null;
        var common = new List<bool[]>();
        foreach (var term in searchTerms)
        {
            var m = Match(term);
            if (m.Positions is { } positions)
            {
                candidates = candidates is null ? positions : Intersect(candidates, positions);
            }
            else
            {
                common.Add(m.Words!);
            }
        }

        return (candidates, common);
    }

    /// <summary>Whether a team's words contain each of the common terms.</summary>
    public static bool HasAll(int[] words, List<bool[]> common)
    {
        foreach (var matching in common)
        {
            var found = false;
            foreach (var w in words)
            {
                if (w < matching.Length && matching[w])
                {
                    found = true;
                    break;
                }
            }

            if (!found)
            {
                return false;
            }
        }

        return true;
    }

    private TermMatch Match(string term)
    {
        if (terms.TryGetValue(term, out var known))
        {
            return known;
        }

        var byWord = postings.Value;
        var words = vocabulary.Words(byWord.Length);
        var hits = new List<int>();
        long total = 0;
        for (var w = 0; w < words.Length; w++)
        {
            if (words[w].Contains(term, StringComparison.Ordinal))
            {
                hits.Add(w);
                total += byWord[w].Length;
            }
        }

        TermMatch result;
        if (total > teams.Length / 8)
        {
            var matching = new bool[words.Length];
            foreach (var w in hits)
            {
                matching[w] = true;
            }

            result = new TermMatch(null, matching);
        }
        else
        {
            var positions = hits.SelectMany(w => byWord[w]).Distinct().ToArray();
            Array.Sort(positions);
            result = new TermMatch(positions, null);
        }

        // Terms repeat (activities, towns); a snapshot remembers a bounded number of them.
        if (terms.Count > 5_000)
        {
            terms.Clear();
        }

        terms[term] = result;
        return result;
    }

    private static int[] Intersect(int[] a, int[] b)
    {
        var result = new List<int>(Math.Min(a.Length, b.Length));
        for (int i = 0, j = 0; i < a.Length && j < b.Length;)
        {
            if (a[i] == b[j])
            {
                result.Add(a[i]);
                i++;
                j++;
            }
            else if (a[i] < b[j])
            {
                i++;
            }
            else
            {
                j++;
            }
        }

        return [.. result];
    }

    private static int[][] BuildPostings(IndexEntry[] teams, int wordCount)
    {
        var counts = new int[wordCount];
        foreach (var team in teams)
        {
            foreach (var w in team.Words)
            {
                counts[w]++;
            }
        }

        var byWord = new int[wordCount][];
        for (var w = 0; w < wordCount; w++)
        {
            byWord[w] = counts[w] == 0 ? [] : new int[counts[w]];
        }

        Array.Clear(counts);
        for (var i = 0; i < teams.Length; i++)
        {
            foreach (var w in teams[i].Words)
            {
                byWord[w][counts[w]++] = i;
            }
        }

        return byWord;
    }
}
