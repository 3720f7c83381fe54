using System.Collections.Frozen;
using System.Collections.Immutable;
using KnowledgeGraph.Core.Entities;
using KnowledgeGraph.Core.Text;

namespace KnowledgeGraph.Core.Stages.Tagging;

/// <summary>A sentence with its entity mentions (non-overlapping, in order) and titles.</summary>
/// <param name="Sentence">The sentence.</param>
/// <param name="Mentions">Entity and demonym mentions, sorted by token position.</param>
/// <param name="Titles">Titles, sorted by token position.</param>
public sealed record TaggedSentence(Sentence Sentence, List<Mention> Mentions, List<TitleMention> Titles);

/// <summary>
/// Tags one sentence: gazetteer names first (longest match over tokens, case-insensitive with capitalisation required
/// where the name is capitalised), then titles, then — outside headlines — patterns for what no list holds: a title
/// before a capitalised name is a person; a known given name before capitalised words is a person; a run of
/// capitalised words with a head noun from <c>heads.csv</c> is an organisation, event or venue; "meeting of ... Ministers"
/// is an event.
/// Input: a <see cref="Sentence"/>. Output: a <see cref="TaggedSentence"/>. Requires: a <see cref="Gazetteer"/>.
/// </summary>
public sealed class EntityTagger
{
    private static readonly FrozenSet<string> NameParticles =
        new[] { "van", "von", "der", "den", "de", "del", "della", "di", "da", "dos", "du", "la", "le", "al", "el", "bin", "ibn", "ben", "ter", "zu" }
            .ToFrozenSet(StringComparer.Ordinal);

    private static readonly FrozenSet<string> NameSuffixes =
        new[] { "jr", "jr.", "sr", "sr.", "ii", "iii", "iv" }.ToFrozenSet(StringComparer.Ordinal);

    // Capitalised words that start sentences or name times, never people.
    private static readonly FrozenSet<string> NotNames = new[]
    {
        "the", "a", "an", "and", "or", "but", "in", "on", "at", "of", "for", "to", "with", "by", "from", "as", "this", "that",
        "these", "those", "he", "she", "it", "we", "they", "i", "you", "his", "her", "its", "our", "their", "my", "your",
        "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "today", "yesterday", "tomorrow",
        "january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november",
        "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
        "thank", "thanks", "also", "after", "before", "when", "while", "during", "meanwhile", "however", "still",
        "said", "says", "told", "will", "would", "has", "have", "had", "is", "was", "were", "are", "be", "not",
    }.ToFrozenSet(StringComparer.Ordinal);

    private static readonly FrozenSet<string> Locatives =
        new[] { "in", "at", "from", "to", "near", "outside", "via", "into", "toward", "towards" }.ToFrozenSet(StringComparer.Ordinal);

    private static readonly FrozenSet<string> RunConnectors =
        new[] { "of", "the", "for", "de", "on", "and", "&", "-" }.ToFrozenSet(StringComparer.Ordinal);

    private static readonly FrozenSet<string> MeetingOfHeads =
        new[] { "ministers", "leaders", "chiefs", "heads", "presidents", "governors", "envoys", "ambassadors", "secretaries" }
            .ToFrozenSet(StringComparer.Ordinal);

    private static readonly FrozenSet<string> MeetingAdjectives =
        new[] { "informal", "extraordinary", "emergency", "special", "annual", "regular", "formal", "joint", "ministerial", "virtual", "trilateral" }
            .ToFrozenSet(StringComparer.Ordinal);

    private readonly Gazetteer _gazetteer;
    private readonly HeadLexicon _heads;

    /// <summary>Creates a tagger.</summary>
    public EntityTagger(Gazetteer gazetteer, HeadLexicon heads)
    {
        ArgumentNullException.ThrowIfNull(gazetteer);
        ArgumentNullException.ThrowIfNull(heads);
        _gazetteer = gazetteer;
        _heads = heads;
    }

    /// <summary>Tags a sentence.</summary>
    public TaggedSentence Tag(Sentence sentence)
    {
        ArgumentNullException.ThrowIfNull(sentence);
        var tokens = sentence.Tokens;
        var owner = new Mention?[tokens.Count];
        var mentions = new List<Mention>();
        var titleAt = TitleMatches(tokens);
        TagGazetteer(sentence, owner, mentions, TitleSpans(titleAt));
        var titles = TagTitles(tokens, owner, titleAt);
        if (!sentence.IsHeadline)
        {
            TagTitledPeople(sentence, owner, mentions, titles);
            TagGivenNamePeople(sentence, owner, mentions, titles);
            TagHeadNounNames(sentence, owner, mentions);
            TagMeetingsOf(sentence, owner, mentions);
        }
        mentions.Sort((a, b) => a.TokenStart.CompareTo(b.TokenStart));
        return new TaggedSentence(sentence, mentions, titles);
    }

    // The longest title starting at each token (end -1 when none), looked up once for the spans and the title mentions.
    private (int End, List<PhraseMatch<TitleEntry>> Matches)[] TitleMatches(IReadOnlyList<Token> tokens)
    {
        var at = new (int, List<PhraseMatch<TitleEntry>>)[tokens.Count];
        for (var i = 0; i < tokens.Count; i++)
        {
            var end = _gazetteer.Titles.LongestMatch(tokens, i, caseSensitive: false, out var matches);
            at[i] = (end, matches);
        }
        return at;
    }

    // For each token inside a title ("Minister of National Defense"), the end of that title: the words of a title are
    // not names of their own, unless a name runs past the title's end.
    private static int[] TitleSpans((int End, List<PhraseMatch<TitleEntry>> Matches)[] titleAt)
    {
        var ends = new int[titleAt.Length];
        for (var i = 0; i < titleAt.Length;)
        {
            var end = titleAt[i].End;
            if (end <= i + 1)
            {
                i++;
                continue;
            }
            for (var k = i + 1; k < end; k++)
                ends[k] = end;
            i = end;
        }
        return ends;
    }

    private void TagGazetteer(Sentence sentence, Mention?[] owner, List<Mention> mentions, int[] titleEnd)
    {
        var tokens = sentence.Tokens;
        for (var i = 0; i < tokens.Count;)
        {
            var end = _gazetteer.Entities.LongestMatch(tokens, i, caseSensitive: true, out var matches);
            if (end > 0 && titleEnd[i] >= end)
                end = -1;
            if (end < 0 || !Acceptable(sentence, i, end, matches))
            {
                i++;
                continue;
            }
            var names = matches.Where(m => !m.Value.IsDemonym).Select(m => m.Value.Entry).Distinct().ToImmutableArray();
            var isDemonym = names.IsEmpty;
            var candidates = isDemonym
                ? matches.Select(m => m.Value.Entry).Distinct().OrderByDescending(e => _gazetteer.Prominence(e.Country)).ThenBy(e => e.Id, StringComparer.Ordinal).ToImmutableArray()
                : OrderCandidates(names);
            var m = new Mention
            {
                TokenStart = i,
                TokenEnd = end,
                Start = tokens[i].Start,
                Surface = SpanText(sentence, i, end),
                Kind = candidates[0].Kind,
                Source = MentionSource.Gazetteer,
                Candidates = candidates,
                IsDemonym = isDemonym,
            };
            Claim(owner, m, mentions);
            i = end;
        }
    }

    private bool Acceptable(Sentence sentence, int start, int end, List<PhraseMatch<AliasTarget>> matches)
    {
        var tokens = sentence.Tokens;
        // A name in running text is capitalised somewhere; a phrase of only lower-case words is not a name.
        // A name starts with a capital (after "the"): "war in Ukraine" is a description, "World War II" a name.
        var first = start;
        while (first < end - 1 && tokens[first].Key is "the" or "a" or "an")
            first++;
        if (!tokens[first].IsCapitalized && tokens[first].Kind != TokenKind.Number)
            return false;
        if (end - start == 1 && _gazetteer.CommonWords.Contains(tokens[start].Key))
        {
            // A one-word name that is also an English word ("Turkey", "Nice", "Alliance") counts only in exact case.
            var exact = matches.Where(m => string.Equals(m.Surface, tokens[start].Text, StringComparison.Ordinal)).ToList();
            if (exact.Count == 0)
                return false;
            if (exact.Any(m => !m.Value.Entry.Id.StartsWith("city:", StringComparison.Ordinal)))
                return true;
            // Only cities: after a locative preposition ("in Nice", "from Mobile"); a large city also anywhere but at the
            // start of a sentence or in a headline.
            if (start > 0 && Locatives.Contains(tokens[start - 1].Key))
                return true;
            return !sentence.IsHeadline && start > 0 && exact.Any(m => m.Value.Entry.Population >= 100_000 || m.Value.Entry.IsCapital);
        }
        return true;
    }

    // Countries and organisations before people before events before places; among places the most populous first.
    private static ImmutableArray<GazetteerEntry> OrderCandidates(ImmutableArray<GazetteerEntry> entries) =>
        entries.OrderBy(e => e.Kind switch
            {
                EntityKind.Country => 0,
                EntityKind.Organization => 1,
                EntityKind.Person => 2,
                EntityKind.Event => 3,
                _ => e.Subkind is "venue" or "region" or "continent" ? 4 : 5,
            })
            .ThenByDescending(e => e.IsCapital)
            .ThenByDescending(e => e.Population)
            .ThenBy(e => e.Id, StringComparer.Ordinal)
            .ToImmutableArray();

    private static List<TitleMention> TagTitles(IReadOnlyList<Token> tokens, Mention?[] owner, (int End, List<PhraseMatch<TitleEntry>> Matches)[] titleAt)
    {
        var titles = new List<TitleMention>();
        for (var i = 0; i < tokens.Count;)
        {
            var matches = titleAt[i].Matches;
            var end = owner[i] is null ? titleAt[i].End : -1;
            if (end < 0)
            {
                i++;
                continue;
            }
            var free = true;
            for (var k = i; k < end; k++)
                free &= owner[k] is null;
            var title = free ? matches[0].Value : null;
            // Honorifics are written capitalised ("Mr"), and a lone lower-case rank ("general") is an ordinary word.
            if (title is not null && !(tokens[i].IsLower && (title.IsHonorific || title.Kind == "military" && end - i == 1)))
            {
                titles.Add(new TitleMention(i, end, title, string.Join(' ', Enumerable.Range(i, end - i).Select(k => tokens[k].Text))));
                i = end;
            }
            else
            {
                i++;
            }
        }
        return titles;
    }

    private static void TagTitledPeople(Sentence sentence, Mention?[] owner, List<Mention> mentions, List<TitleMention> titles)
    {
        var tokens = sentence.Tokens;
        foreach (var t in titles)
        {
            var j = t.TokenEnd;
            // "President of Ukraine Volodymyr Zelenskyy": skip "of <country or organisation>".
            if (j + 1 < tokens.Count && tokens[j].Key == "of" && owner[j + 1] is { IsDemonym: false, Kind: EntityKind.Country or EntityKind.Organization } q)
                j = q.TokenEnd;
            if (j < tokens.Count && owner[j] is { } existing)
            {
                // A title before a place name makes it a person ("Defense Secretary Austin").
                if (existing.Kind != EntityKind.Location || existing.TokenEnd - existing.TokenStart != 1 || existing.Candidates.Any(c => c.Subkind is "venue" or "region" or "continent"))
                    continue;
            }
            var end = ScanName(tokens, j, owner, allowFirstOwned: true);
            if (end <= j)
                continue;
            AddPattern(sentence, owner, mentions, j, end, EntityKind.Person);
        }
    }

    private void TagGivenNamePeople(Sentence sentence, Mention?[] owner, List<Mention> mentions, List<TitleMention> titles)
    {
        var tokens = sentence.Tokens;
        var titled = new HashSet<int>(titles.SelectMany(t => Enumerable.Range(t.TokenStart, t.TokenEnd - t.TokenStart)));
        for (var i = 0; i < tokens.Count - 1; i++)
        {
            var t = tokens[i];
            // A given name that is also a one-word city ("Victoria Nuland", "Florence Parly") is a person when a free
            // capitalised surname follows.
            var cityName = owner[i] is { Kind: EntityKind.Location } o && o.TokenEnd - o.TokenStart == 1 &&
                o.Candidates.All(c => c.Id.StartsWith("city:", StringComparison.Ordinal));
            if ((owner[i] is not null && !cityName) || titled.Contains(i) || t.Kind != TokenKind.Word || !t.IsCapitalized || t.IsAllCaps ||
                !_gazetteer.GivenNames.Contains(t.Key) || NotNames.Contains(t.Key))
                continue;
            if (cityName && (i + 1 >= tokens.Count || owner[i + 1] is not null || !tokens[i + 1].IsCapitalized))
                continue;
            var end = ScanName(tokens, i + 1, owner, allowFirstOwned: false);
            if (end <= i + 1)
                continue;
            AddPattern(sentence, owner, mentions, i, end, EntityKind.Person);
            i = end - 1;
        }
    }

    // Name tokens: capitalised words, initials, particles between capitalised words, and a suffix (Jr., III). Up to four.
    private static int ScanName(IReadOnlyList<Token> tokens, int j, Mention?[] owner, bool allowFirstOwned)
    {
        var k = j;
        var words = 0;
        while (k < tokens.Count && words < 4)
        {
            var t = tokens[k];
            // A one-word place inside a name is part of the name ("Lloyd J. Austin III", "Jordan Bardella").
            var ownedOk = owner[k] is null || (owner[k]!.Kind == EntityKind.Location && owner[k]!.TokenEnd - owner[k]!.TokenStart == 1 && (allowFirstOwned || k > j));
            if (!ownedOk)
                break;
            if (t.Kind == TokenKind.Word && t.IsCapitalized && (!t.IsAllCaps || IsInitial(t)) && !NotNames.Contains(t.Key))
            {
                k++;
                words++;
                continue;
            }
            if (words > 0 && t.Kind == TokenKind.Word && NameSuffixes.Contains(t.Key) && t.IsCapitalized)
            {
                k++;
                break;
            }
            if (words > 0 && NameParticles.Contains(t.Key) && k + 1 < tokens.Count && tokens[k + 1].IsCapitalized && owner[k + 1] is null)
            {
                k++;
                continue;
            }
            if (words > 0 && TextFolding.IsConnector(t) && k + 1 < tokens.Count && tokens[k + 1].IsCapitalized && owner[k + 1] is null && tokens[k - 1].End == t.Start)
            {
                k++;
                continue;
            }
            break;
        }
        while (k > j && (NameParticles.Contains(tokens[k - 1].Key) || TextFolding.IsConnector(tokens[k - 1])))
            k--;
        return words == 0 ? j : k;
    }

    private static bool IsInitial(Token t) => t.Text.Length == 2 && t.Text[1] == '.' && char.IsUpper(t.Text[0]);

    private void TagHeadNounNames(Sentence sentence, Mention?[] owner, List<Mention> mentions)
    {
        var tokens = sentence.Tokens;
        var i = 0;
        while (i < tokens.Count)
        {
            if (!IsRunWord(tokens[i], owner[i]))
            {
                i++;
                continue;
            }
            var end = i + 1;
            while (end < tokens.Count)
            {
                if (IsRunWord(tokens[end], owner[end]))
                {
                    end++;
                    continue;
                }
                var c = end;
                while (c < tokens.Count && RunConnectors.Contains(tokens[c].Key) && tokens[c].Kind != TokenKind.Possessive && c - end < 2)
                    c++;
                // "Council on Foreign Relations", but not "the Vilnius Summit on Tuesday": a weekday, month or pronoun
                // after a connector ends the name.
                if (c > end && c < tokens.Count && IsRunWord(tokens[c], owner[c]) && tokens[end].Key != "and" && !NotNames.Contains(tokens[c].Key))
                {
                    end = c + 1;
                    continue;
                }
                break;
            }
            var start = i;
            while (start < end && (tokens[start].Key is "the" or "a" or "an" || NotNames.Contains(tokens[start].Key) && start == 0))
                start++;
            if (end - start >= 1)
                TryHeadName(sentence, owner, mentions, start, end);
            i = end;
        }
    }

    private void TryHeadName(Sentence sentence, Mention?[] owner, List<Mention> mentions, int start, int end)
    {
        var tokens = sentence.Tokens;
        // Lower-case head after the run: "the Vilnius summit", "NATO headquarters".
        if (end < tokens.Count && tokens[end].IsLower && owner[end] is null &&
            _heads.Suffixes.TryGetValue(tokens[end].Key, out var lowerHead) && lowerHead.Form == HeadForm.SuffixLower)
        {
            var s = end - 1;
            while (s > start && owner[s] is null && tokens[s].IsCapitalized)
                s--;
            if (owner[end - 1] is { } last)
                s = last.TokenStart;
            AddPattern(sentence, owner, mentions, s, end + 1, lowerHead.Kind, replace: true);
            return;
        }
        if (end - start < 2)
            return;
        HeadNoun? head = null;
        var lastKey = tokens[end - 1].Key;
        var lastTwo = end - start >= 3 ? $"{tokens[end - 2].Key} {lastKey}" : null;
        if (lastTwo is not null && _heads.Suffixes.TryGetValue(lastTwo, out var two))
            head = two;
        else if (_heads.Suffixes.TryGetValue(lastKey, out var one) && tokens[end - 1].IsCapitalized)
            head = one;
        else if (_heads.Prefixes.TryGetValue(tokens[start].Key, out var pre) && tokens[start + 1].Key == "of")
            head = pre;
        if (head is null)
            return;
        // A gazetteer name that covers the whole run already says what it is.
        if (owner[start] is { } o && o.TokenStart == start && o.TokenEnd == end)
            return;
        AddPattern(sentence, owner, mentions, start, end, head.Kind, replace: true);
    }

    private static bool IsRunWord(Token t, Mention? owner) =>
        owner is { IsDemonym: false, Kind: not EntityKind.Person } ||
        (owner is null && (t.Kind == TokenKind.Word && (t.IsCapitalized || t.IsAllCaps) || t.Kind == TokenKind.Number && t.Text.Length <= 4));

    private static void TagMeetingsOf(Sentence sentence, Mention?[] owner, List<Mention> mentions)
    {
        var tokens = sentence.Tokens;
        for (var i = 0; i + 2 < tokens.Count; i++)
        {
            if (tokens[i].Key is not ("meeting" or "meetings") || tokens[i + 1].Key != "of")
                continue;
            var j = i + 2;
            if (tokens[j].Key == "the")
                j++;
            var k = j;
            while (k < tokens.Count && (tokens[k].IsCapitalized || owner[k] is { IsDemonym: false }))
                k++;
            if (k == j || !MeetingOfHeads.Contains(tokens[k - 1].Key))
                continue;
            var s = i > 0 && MeetingAdjectives.Contains(tokens[i - 1].Key) ? i - 1 : i;
            AddPattern(sentence, owner, mentions, s, k, EntityKind.Event, replace: true);
        }
    }

    private static void AddPattern(Sentence sentence, Mention?[] owner, List<Mention> mentions, int start, int end, EntityKind kind, bool replace = false)
    {
        for (var k = start; k < end; k++)
        {
            if (owner[k] is not { } o)
                continue;
            // Never cut through a longer name, and only replace names that lie wholly inside the new one.
            if (o.TokenStart < start || o.TokenEnd > end || (!replace && o.Kind != EntityKind.Location))
                return;
        }
        for (var k = start; k < end; k++)
        {
            if (owner[k] is { } o)
            {
                mentions.Remove(o);
                for (var x = o.TokenStart; x < o.TokenEnd; x++)
                    owner[x] = null;
            }
        }
        var text = SpanText(sentence, start, end);
        Claim(owner, new Mention
        {
            TokenStart = start,
            TokenEnd = end,
            Start = sentence.Tokens[start].Start,
            Surface = text,
            Kind = kind,
            Source = MentionSource.Pattern,
            PatternName = text,
        }, mentions);
    }

    private static void Claim(Mention?[] owner, Mention m, List<Mention> mentions)
    {
        for (var k = m.TokenStart; k < m.TokenEnd; k++)
            owner[k] = m;
        mentions.Add(m);
    }

    /// <summary>The text of tokens [start, end) as written, from the sentence.</summary>
    public static string SpanText(Sentence sentence, int start, int end)
    {
        var s = sentence.Tokens[start].Start - sentence.Start;
        var e = sentence.Tokens[end - 1].End - sentence.Start;
        var text = sentence.Text[s..e];
        // A name's words are separated by one space, whatever the article had (tabs, runs, no-break spaces).
        if (!text.Any(c => char.IsWhiteSpace(c) && c != ' ') && !text.Contains("  ", StringComparison.Ordinal))
            return text;
        return string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
    }
}
