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
    // Below this population a one-word town needs context: a locative before it or its country in the article.
    internal const long SmallTownPopulation = 100_000;

    private readonly Gazetteer _gazetteer;
    private readonly HeadLexicon _heads;
    private readonly WordLists _words;
    private readonly FrozenSet<string> _rankWords;

    // Each thread's per-token arrays of the sentence it is tagging (Tag does not call itself, and no array outlives it).
    [ThreadStatic]
    private static SentenceArrays? _arrays;

    /// <summary>Creates a tagger.</summary>
    public EntityTagger(Gazetteer gazetteer, HeadLexicon heads)
    {
        ArgumentNullException.ThrowIfNull(gazetteer);
        ArgumentNullException.ThrowIfNull(heads);
        _gazetteer = gazetteer;
        _heads = heads;
        _words = gazetteer.Words;
        // One-word honorifics and ranks ("Ms", "Dr", "Capt", "Maj"): never a word of a person's name.
        _rankWords = gazetteer.TitlesByKey
            .Where(t => t.Value.Kind is "honorific" or "military")
            .Select(t => t.Key.EndsWith(" .", StringComparison.Ordinal) ? t.Key[..^2] : t.Key)
            .Where(k => !k.Contains(' ', StringComparison.Ordinal))
            .ToFrozenSet(StringComparer.Ordinal);
    }


    /// <summary>Tags a sentence.</summary>
    public TaggedSentence Tag(Sentence sentence)
    {
        ArgumentNullException.ThrowIfNull(sentence);
        var tokens = sentence.Tokens;
        // The per-token arrays are the thread's (SentenceArrays), used only within this call: read below the sentence's
        // token count only, as every pass does.
        var arrays = _arrays ??= new SentenceArrays();
        arrays.Start(tokens.Count);
        var owner = arrays.Owner;
        var mentions = new List<Mention>();
        var titleAt = TitleMatches(tokens, arrays.TitleAt);
        TagGazetteer(sentence, owner, mentions, TitleSpans(titleAt, tokens.Count, arrays.TitleEnd));
        var titles = TagTitles(tokens, owner, titleAt);
        if (!sentence.IsHeadline)
        {
            ExtendGazetteerPeople(sentence, owner, mentions);
            TagTitledPeople(sentence, owner, mentions, titles);
            TagGivenNamePeople(sentence, owner, mentions, titles);
            TagAppositions(sentence, owner, mentions, titles);
            TagHeadNounNames(sentence, owner, mentions, titleAt);
            TagMeetingsOf(sentence, owner, mentions);
            TagDescribedBodies(sentence, owner, mentions);
            TagDescribedVenues(sentence, owner, mentions);
            TagPlacesOf(sentence, owner, mentions);
            TagNationCapitals(sentence, owner, mentions);
            TagCoordinatedBodies(sentence, owner, mentions);
            TagAcronymDefinitions(sentence, owner, mentions);
            TagCoordinatedPeople(sentence, owner, mentions);
            TagLegislatures(sentence, owner, mentions, titles);
            DropQuotedNicknames(sentence, owner, mentions);
        }
        else if (HeadNamesReadable(tokens))
        {
            // A short caption line ("Royal Castle, Warsaw") or a headline in sentence case still names its venues (only
            // venues: page headers name the publishing body, "Media Center", "Press Office").
            TagHeadNounNames(sentence, owner, mentions, titleAt, venuesOnly: true);
        }
        mentions.Sort((a, b) => a.TokenStart.CompareTo(b.TokenStart));
        return new TaggedSentence(sentence, mentions, titles);
    }

    // In a Title Case headline every word is capitalised, so runs of capitals say nothing; a line of a few words or with a
    // lower-case content word is written as names are.
    private bool HeadNamesReadable(IReadOnlyList<Token> tokens)
    {
        var words = 0;
        var lowerContent = false;
        foreach (var t in tokens)
        {
            if (t.Kind != TokenKind.Word)
                continue;
            words++;
            lowerContent |= t.IsLower && t.Text.Length > 3 && !_words.RunConnectors.Contains(t.Key) && !_words.NotNames.Contains(t.Key);
        }
        return words <= 4 || lowerContent;
    }

    // The longest title starting at each token (end -1 when none), looked up once for the spans and the title mentions.
    private (int End, List<PhraseMatch<TitleEntry>> Matches)[] TitleMatches(IReadOnlyList<Token> tokens, (int End, List<PhraseMatch<TitleEntry>> Matches)[] at)
    {
        for (var i = 0; i < tokens.Count; i++)
        {
            var end = _gazetteer.Titles.LongestMatch(tokens, i, caseSensitive: false, out var matches);
            at[i] = (end, matches);
        }
        return at;
    }

    // For each token inside a title ("Minister of National Defense"), the end of that title: the words of a title are
    // not names of their own, unless a name runs past the title's end.
    private static int[] TitleSpans((int End, List<PhraseMatch<TitleEntry>> Matches)[] titleAt, int count, int[] ends)
    {
        for (var i = 0; i < count;)
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
            if (end < 0 || !Acceptable(sentence, i, end, matches, out var needsContext))
            {
                i++;
                continue;
            }
            ImmutableArray<GazetteerEntry> names, candidates;
            if (matches.Count == 1)
            {
                // One phrase (most matches): what the queries below give for a single one, without running them.
                names = matches[0].Value.IsDemonym ? [] : [matches[0].Value.Entry];
                candidates = [matches[0].Value.Entry];
            }
            else
            {
                names = matches.Where(m => !m.Value.IsDemonym).Select(m => m.Value.Entry).Distinct().ToImmutableArray();
                candidates = names.IsEmpty
                    ? matches.Select(m => m.Value.Entry).Distinct().OrderByDescending(e => _gazetteer.Prominence(e.Country)).ThenBy(e => e.Id, StringComparer.Ordinal).ToImmutableArray()
                    : OrderCandidates(names);
            }
            var isDemonym = names.IsEmpty;
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
                NeedsContext = needsContext,
            };
            Claim(owner, m, mentions);
            i = end;
        }
    }

    private bool Acceptable(Sentence sentence, int start, int end, List<PhraseMatch<AliasTarget>> matches, out bool needsContext)
    {
        needsContext = false;
        var tokens = sentence.Tokens;
        // A name in running text is capitalised somewhere; a phrase of only lower-case words is not a name.
        // A name starts with a capital (after "the"): "war in Ukraine" is a description, "World War II" a name.
        var first = start;
        while (first < end - 1 && tokens[first].Key is "the" or "a" or "an")
            first++;
        if (!tokens[first].IsCapitalized && tokens[first].Kind != TokenKind.Number)
            return false;
        if (end - start != 1)
        {
            // "French government", "Israeli military": a country's adjective and a common noun describe a body; only
            // its name (written with capitals) names it. ("NATO alliance" is NATO.)
            var lowerTail = true;
            for (var k = first + 1; k < end; k++)
                lowerTail &= tokens[k].IsLower;
            return !(lowerTail && end - first >= 2 && _gazetteer.DemonymKeys.Contains(tokens[first].Key) && matches.All(m => m.Value.Entry.Kind == EntityKind.Organization));
        }
        var token = tokens[start];
        var onlyTowns = true;
        foreach (var m in matches)
            onlyTowns &= !m.Value.IsDemonym && (m.Value.Entry.Id.StartsWith("city:", StringComparison.Ordinal) || m.Value.Entry.Id.StartsWith("region:", StringComparison.Ordinal));
        // "SAGAR" in running text is an acronym, not the town Sāgar: an all-capitals word among ordinary words matches a
        // place only when the place is written so, or when it opens a wire dateline ("KAZAN, Oct 23", "ABUJA (Reuters)").
        var dateline = start == 0 && start + 1 < tokens.Count && tokens[start + 1].Text is "," or "(";
        if (token.IsAllCaps && token.Text.Length > 2 && !dateline && matches.All(m => m.Value.Entry.Kind == EntityKind.Location) &&
            !matches.Any(m => string.Equals(m.Surface, token.Text, StringComparison.Ordinal)) &&
            (start == 0 || !tokens[start - 1].IsAllCaps) && (start + 1 >= tokens.Count || !tokens[start + 1].IsAllCaps))
            return false;
        if (onlyTowns)
        {
            // A month or weekday is never a town ("March"); a town matched only through a spelling variant of an English
            // word is not the word ("Vice" is not Visé).
            if (_words.NotNames.Contains(token.Key) || !matches.Any(m => TextFolding.Fold(m.Surface) == token.Key))
                return false;
        }
        var afterLocative = start > 0 && _words.Locatives.Contains(tokens[start - 1].Key);
        if (_gazetteer.CommonWords.Contains(token.Key))
        {
            // A one-word name that is also an English word ("Turkey", "Nice", "Alliance") counts only in exact case.
            var exact = matches.Where(m => string.Equals(m.Surface, token.Text, StringComparison.Ordinal)).ToList();
            if (exact.Count == 0)
                return false;
            if (exact.Any(m => !m.Value.Entry.Id.StartsWith("city:", StringComparison.Ordinal)))
                return true;
            // Only cities: after a locative preposition ("in Nice", "from Mobile"); a large city also anywhere but at the
            // start of a sentence or in a headline.
            if (afterLocative)
                return true;
            return !sentence.IsHeadline && start > 0 && exact.Any(m => m.Value.Entry.Population >= SmallTownPopulation || m.Value.Entry.IsCapital);
        }
        // A small town without a locative counts only when the article names its country (checked by the resolver).
        needsContext = onlyTowns && !afterLocative && !matches.Any(m => m.Value.Entry.Population >= SmallTownPopulation || m.Value.Entry.IsCapital);
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

    // "Marcelo Ebrard Casaubón", "Gustavo Petro Urrego": a known person followed by one more capitalised word that is no
    // name of its own is the same person written with a second surname.
    private void ExtendGazetteerPeople(Sentence sentence, Mention?[] owner, List<Mention> mentions)
    {
        var tokens = sentence.Tokens;
        for (var i = 0; i < mentions.Count; i++)
        {
            var m = mentions[i];
            if (m.Kind != EntityKind.Person || m.Source != MentionSource.Gazetteer || m.TokenEnd - m.TokenStart < 2)
                continue;
            var j = m.TokenEnd;
            // "Prince Faisal bin Farhan bin Abdullah", "Juan Ramón de la Fuente": particles and a further name.
            var particles = j;
            while (particles < tokens.Count && _words.NameParticles.Contains(tokens[particles].Key) && !tokens[particles].IsCapitalized && particles - j < 2)
                particles++;
            if (particles > j && particles < tokens.Count && owner[particles] is null && IsNameWord(tokens[particles]))
                j = particles;
            if (j >= tokens.Count || (owner[j] is not null && !IsOneWordTown(owner[j])) || !IsNameWord(tokens[j]) || tokens[j].Text.Length < 3)
                continue;
            if (_heads.Suffixes.ContainsKey(tokens[j].Key) || _heads.Prefixes.ContainsKey(tokens[j].Key))
                continue;
            var last = j + 1;
            // "Pérez-Castejón": a hyphenated second surname.
            if (last + 1 < tokens.Count && TextFolding.IsConnector(tokens[last]) && tokens[last - 1].End == tokens[last].Start &&
                tokens[last].End == tokens[last + 1].Start && owner[last + 1] is null && IsNameWord(tokens[last + 1]))
                last += 2;
            // A further capitalised word means a longer name or title follows; leave it to the other patterns.
            if (last < tokens.Count && (tokens[last].IsCapitalized || tokens[last].Kind == TokenKind.Possessive))
                continue;
            if (owner[j] is { } town)
                mentions.Remove(town);
            var wider = m with { TokenEnd = last, Surface = SpanText(sentence, m.TokenStart, last) };
            mentions[i] = wider;
            for (var k = wider.TokenStart; k < wider.TokenEnd; k++)
                owner[k] = wider;
        }
    }

    private void TagTitledPeople(Sentence sentence, Mention?[] owner, List<Mention> mentions, List<TitleMention> titles)
    {
        var tokens = sentence.Tokens;
        for (var ti = 0; ti < titles.Count; ti++)
        {
            var t = titles[ti];
            var j = t.TokenEnd;
            // "H.E. Ms. Retno", "Datuk Seri Dr Ahmad": the last of adjacent titles introduces the name.
            if (ti + 1 < titles.Count && titles[ti + 1].TokenStart == j)
                continue;
            // "Alhaji (Dr) Abdulmumini Kabir Usman": a title in brackets between title and name.
            if (j + 2 < tokens.Count && tokens[j].Text == "(" && ti + 1 < titles.Count && titles[ti + 1].TokenStart == j + 1)
                continue;
            if (j + 1 < tokens.Count && tokens[j].Text == ")" && t.TokenStart > 0 && tokens[t.TokenStart - 1].Text == "(")
                j++;
            // "Vice President-elect Kashim Shettima".
            if (j + 1 < tokens.Count && TextFolding.IsConnector(tokens[j]) && tokens[j + 1].Key is "elect" or "designate")
                j += 2;
            // "President of Ukraine Volodymyr Zelenskyy", "Ambassador to Mexico Ken Salazar": skip "of/to <country or body>".
            if (j + 1 < tokens.Count && tokens[j].Key is "of" or "to" && owner[j + 1] is { IsDemonym: false, Kind: EntityKind.Country or EntityKind.Organization } q && q.TokenStart == j + 1)
                j = q.TokenEnd;
            if (j < tokens.Count && owner[j] is { } existing)
            {
                // A title before a place name makes it a person ("Defense Secretary Austin"); a known surname before a
                // given name is a relative or the family-name-first order ("first lady Jill Biden", "Madame Kishida Yuko").
                var oneWordPerson = existing is { Kind: EntityKind.Person, Source: MentionSource.Gazetteer } && existing.TokenEnd - existing.TokenStart == 1 &&
                    existing.TokenEnd < tokens.Count && owner[existing.TokenEnd] is null && IsNameWord(tokens[existing.TokenEnd]);
                if (!oneWordPerson && (existing.Kind != EntityKind.Location || existing.TokenEnd - existing.TokenStart != 1 || existing.Candidates.Any(c => c.Subkind is "venue" or "region" or "continent")))
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
        var titled = new bool[tokens.Count];
        foreach (var t in titles)
        {
            for (var k = t.TokenStart; k < t.TokenEnd; k++)
                titled[k] = true;
        }
        for (var i = 0; i < tokens.Count - 1; i++)
        {
            var t = tokens[i];
            // A given name that is also a one-word city ("Victoria Nuland", "Florence Parly") is a person when a free
            // capitalised surname follows.
            var cityName = IsOneWordTown(owner[i]);
            if ((owner[i] is not null && !cityName) || titled[i] || t.Kind != TokenKind.Word || !t.IsCapitalized || t.IsAllCaps ||
                !_gazetteer.GivenNames.Contains(t.Key) || _words.NotNames.Contains(t.Key))
                continue;
            // "the Oliy Majlis", "the Victoria Falls Bridge": a name after "the" is a thing's, not a person's.
            if (i > 0 && tokens[i - 1].Key == "the")
                continue;
            if (cityName && (i + 1 >= tokens.Count || !(owner[i + 1] is null || IsOneWordTown(owner[i + 1])) || !tokens[i + 1].IsCapitalized))
                continue;
            // A town right after a given name is a surname ("Juan Ramón de la Fuente", "Carlos Medina").
            var end = ScanName(tokens, i + 1, owner, allowFirstOwned: true, leading: 1);
            if (end <= i + 1)
                continue;
            // "Anne-Claire", "Jean-Yves": a capitalised word joined by a hyphen before the given name belongs to it.
            var s = i;
            if (s >= 2 && TextFolding.IsConnector(tokens[s - 1]) && tokens[s - 2].End == tokens[s - 1].Start && tokens[s - 1].End == tokens[s].Start &&
                owner[s - 2] is null && IsNameWord(tokens[s - 2]))
                s -= 2;
            AddPattern(sentence, owner, mentions, s, end, EntityKind.Person);
            i = end - 1;
        }
    }

    /// <summary>
    /// "Vice Premier He Lifeng": a capitalised "He" after a word inside a sentence, before a name word, is a family name
    /// (the pronoun is capitalised only where a sentence or a quotation starts).
    /// </summary>
    private bool IsFamilyNameHe(IReadOnlyList<Token> tokens, int k) =>
        tokens[k].Text == "He" && k > 0 && tokens[k - 1].Kind == TokenKind.Word && k + 1 < tokens.Count && IsNameWord(tokens[k + 1]);

    private static bool IsOneWordTown(Mention? m) =>
        m is { Kind: EntityKind.Location } o && o.TokenEnd - o.TokenStart == 1 && o.Candidates.All(c => c.Id.StartsWith("city:", StringComparison.Ordinal));

    private bool IsNameWord(Token t) =>
        t.Kind == TokenKind.Word && t.IsCapitalized && (!t.IsAllCaps || IsInitial(t)) && !_words.NotNames.Contains(t.Key) && !_rankWords.Contains(t.Key);

    // Name tokens: capitalised words, initials, particles between capitalised words, and a suffix (Jr., III). Up to five.
    private int ScanName(IReadOnlyList<Token> tokens, int j, Mention?[] owner, bool allowFirstOwned, int leading = 0)
    {
        var k = j;
        var words = 0;
        var free = leading;
        while (k < tokens.Count && words < 5)
        {
            var t = tokens[k];
            // A one-word place inside a name is part of the name ("Lloyd J. Austin III", "Jordan Bardella"), and so is a
            // known one-word surname ("Jill Biden", "Kishida Yuko").
            var ownedOk = owner[k] is null || (owner[k]!.TokenEnd - owner[k]!.TokenStart == 1 &&
                (owner[k]!.Kind == EntityKind.Location && (allowFirstOwned || k > j) || owner[k]!.Kind == EntityKind.Person && owner[k]!.Source == MentionSource.Gazetteer));
            if (!ownedOk)
                break;
            if (owner[k] is null && t.Kind == TokenKind.Word)
                free++;
            if (words > 0 && t.Kind == TokenKind.Word && _words.NameSuffixes.Contains(t.Key) && t.IsCapitalized)
            {
                k++;
                if (k < tokens.Count && tokens[k].Text == "." && tokens[k - 1].End == tokens[k].Start && t.Key.Length == 2)
                    k++;
                break;
            }
            if (IsNameWord(t) || (words == 0 && IsFamilyNameHe(tokens, k) && owner[k] is null))
            {
                k++;
                words++;
                continue;
            }
            // Juan Miguel "Migz" Zubiri: a nickname in quotes inside a name.
            if (words > 0 && t.Kind == TokenKind.Punctuation && t.Text is "\"" or "“" or "'" && k + 3 < tokens.Count && tokens[k + 1].IsCapitalized &&
                tokens[k + 2].Text is "\"" or "”" or "'" && IsNameWord(tokens[k + 3]) && owner[k + 3] is null)
            {
                k += 3;
                continue;
            }
            // "Fekitamoeloa 'Utoikamanu": a glottal stop written as an apostrophe opens a Polynesian name word.
            if (words > 0 && t.Kind == TokenKind.Punctuation && t.Text is "'" or "ʻ" or "‘" && k + 1 < tokens.Count && tokens[k - 1].End < t.Start &&
                t.End == tokens[k + 1].Start && owner[k + 1] is null && IsNameWord(tokens[k + 1]) &&
                (k + 2 >= tokens.Count || tokens[k + 2].Text is not ("'" or "’")))
            {
                k++;
                continue;
            }
            if (words > 0 && _words.NameParticles.Contains(t.Key) && !t.IsCapitalized)
            {
                // "de la Fuente", "bin Abdulkarim": one or two particles before a capitalised part of the name.
                var next = k + 1;
                if (next < tokens.Count && _words.NameParticles.Contains(tokens[next].Key) && !tokens[next].IsCapitalized)
                    next++;
                if (next < tokens.Count && tokens[next].IsCapitalized && owner[next] is null)
                {
                    k = next;
                    continue;
                }
            }
            if (words > 0 && TextFolding.IsConnector(t) && k + 1 < tokens.Count && owner[k + 1] is null && tokens[k - 1].End == t.Start && t.End == tokens[k + 1].Start &&
                tokens[k + 1].Kind == TokenKind.Word)
            {
                // "Al-Khereiji", and "Moo-hyun", "Jong-sup": the second part of a hyphenated given name may be lower case.
                if (tokens[k + 1].IsCapitalized)
                {
                    k++;
                    continue;
                }
                k += 2;
                words++;
                continue;
            }
            break;
        }
        while (k > j && (_words.NameParticles.Contains(tokens[k - 1].Key) && !tokens[k - 1].IsCapitalized || TextFolding.IsConnector(tokens[k - 1])))
            k--;
        // A known person alone ("President Biden") is already that person; only a longer name around it is new.
        var ownsPerson = false;
        for (var x = j; x < k; x++)
            ownsPerson |= owner[x] is { Kind: EntityKind.Person };
        if (ownsPerson && (free == 0 || words + leading < 2))
            return j;
        return words == 0 ? j : k;
    }

    // "J.", "L.P.", "A.P.J.": initials, one or more letters each followed by a dot.
    private static bool IsInitial(Token t)
    {
        if (t.Text.Length < 2 || t.Text.Length % 2 != 0)
            return false;
        for (var i = 0; i < t.Text.Length; i += 2)
        {
            if (!char.IsUpper(t.Text[i]) || t.Text[i + 1] != '.')
                return false;
        }
        return true;
    }

    // Apposition: "Anna Berg, the Swedish Ambassador," and "the Minister of Agriculture, Abubakar Kyari, ...": a name of two
    // to five name words beside a comma whose other side is a title is a person, also the second of "A and B".
    private void TagAppositions(Sentence sentence, Mention?[] owner, List<Mention> mentions, List<TitleMention> titles)
    {
        var tokens = sentence.Tokens;
        if (titles.Count == 0)
            return;
        for (var i = 0; i < tokens.Count; i++)
        {
            if ((owner[i] is not null && !IsOneWordTown(owner[i])) || !IsNameWord(tokens[i]) || (i > 0 && (IsNameWord(tokens[i - 1]) || owner[i - 1] is not null || TextFolding.IsConnector(tokens[i - 1]))))
                continue;
            var end = ScanName(tokens, i, owner, allowFirstOwned: owner[i] is not null);
            if (end - i < 2 || !LooksLikeName(tokens, i, end) || TitleOverlaps(titles, i, end))
                continue;
            var before = i > 0 && tokens[i - 1].Text == "," && TitleBefore(tokens, owner, titles, i - 1);
            var after = end < tokens.Count && tokens[end].Text == "," && TitleAfter(tokens, titles, end + 1) &&
                (i == 0 || !_words.RunConnectors.Contains(tokens[i - 1].Key) && !_words.Locatives.Contains(tokens[i - 1].Key));
            if (!before && !after)
                continue;
            if (before && end < tokens.Count && !(tokens[end].Kind == TokenKind.Punctuation || tokens[end].Key is "and" or "of" or "who" or "in"))
                continue;
            AddPattern(sentence, owner, mentions, i, end, EntityKind.Person);
            // "..., Tanzila Narbayeva and Nurdinjon Ismoilov."
            if (before && end + 1 < tokens.Count && tokens[end].Key == "and" && owner[end + 1] is null)
            {
                var second = ScanName(tokens, end + 1, owner, allowFirstOwned: false);
                if (second - end - 1 >= 2 && LooksLikeName(tokens, end + 1, second) && (second >= tokens.Count || tokens[second].Kind == TokenKind.Punctuation || tokens[second].Key is "of" or "who"))
                    AddPattern(sentence, owner, mentions, end + 1, second, EntityKind.Person);
            }
            i = end - 1;
        }
    }

    // Every word of a name is a name word that heads no organisation and starts no title.
    private bool LooksLikeName(IReadOnlyList<Token> tokens, int start, int end, bool allowCommonWords = false)
    {
        for (var k = start; k < end; k++)
        {
            var t = tokens[k];
            if (t.Kind != TokenKind.Word || (_words.NameParticles.Contains(t.Key) && !t.IsCapitalized))
                continue;
            // A head noun ends a body's name ("Ben Gurion Airport") or starts one ("Lake Chad"); elsewhere it may be a
            // surname or a given name ("Park Min-jun").
            if ((k == end - 1 && _heads.Suffixes.ContainsKey(t.Key)) || (k == start && (_heads.Prefixes.ContainsKey(t.Key) || _heads.Leads.ContainsKey(t.Key))) ||
                _gazetteer.TitlesByKey.ContainsKey(t.Key) || _words.PortfolioWords.Contains(t.Key) || (!allowCommonWords && _gazetteer.CommonWords.Contains(t.Key)) ||
                (t.Key.Length > 4 && t.Key[^1] == 's' && _gazetteer.TitlesByKey.ContainsKey(t.Key[..^1])))
                return false;
        }
        return true;
    }

    // A title ends the clause before the comma at <paramref name="comma"/>: "the Minister of Agriculture,", "the British
    // High Commissioner to Nigeria,".
    private static bool TitleBefore(IReadOnlyList<Token> tokens, Mention?[] owner, List<TitleMention> titles, int comma)
    {
        var k = comma;
        for (var steps = 0; steps < 10 && k > 0; steps++)
        {
            if (TitleEndsAt(titles, k))
                return true;
            var p = tokens[k - 1];
            if (owner[k - 1] is { Kind: not EntityKind.Person } o)
            {
                k = o.TokenStart;
                continue;
            }
            if (owner[k - 1] is null && (p.IsCapitalized || p.Key is "of" or "the" or "for" or "to" or "and" or "&" or "on" or "in" or "at" || TextFolding.IsConnector(p)))
            {
                k--;
                continue;
            }
            return false;
        }
        return false;
    }

    // A title starts after the comma, past "the", "new", a demonym or a possessive country: ", the Swedish Ambassador".
    private bool TitleAfter(IReadOnlyList<Token> tokens, List<TitleMention> titles, int k)
    {
        for (var steps = 0; steps < 4 && k < tokens.Count; steps++)
        {
            if (TitleStartsAt(titles, k))
                return true;
            if (_words.AppositionOpeners.Contains(tokens[k].Key) || tokens[k].Kind == TokenKind.Possessive || tokens[k].IsCapitalized)
            {
                k++;
                continue;
            }
            return false;
        }
        return false;
    }

    private void TagHeadNounNames(Sentence sentence, Mention?[] owner, List<Mention> mentions, (int End, List<PhraseMatch<TitleEntry>> Matches)[] titleAt, bool venuesOnly = false)
    {
        var tokens = sentence.Tokens;
        var i = 0;
        while (i < tokens.Count)
        {
            // "the Kenyan Embassy": a country's adjective may start a name whose next word is a free capitalised word.
            var demonymStart = owner[i] is { IsDemonym: true } dm && dm.TokenEnd == i + 1 && i + 1 < tokens.Count && owner[i + 1] is null &&
                tokens[i + 1].IsCapitalized && tokens[i + 1].Kind == TokenKind.Word;
            if (!IsRunWord(tokens[i], owner[i]) && !demonymStart)
            {
                i++;
                continue;
            }
            var end = i + 1;
            var hasAnd = -1;
            while (end < tokens.Count)
            {
                if (IsRunWord(tokens[end], owner[end]))
                {
                    end++;
                    continue;
                }
                // "Hispanic American Hall": a country's adjective between capitalised words of one name.
                if (owner[end] is { IsDemonym: true } inner && inner.TokenEnd < tokens.Count && owner[inner.TokenEnd] is null &&
                    tokens[inner.TokenEnd].IsCapitalized && tokens[inner.TokenEnd].Kind == TokenKind.Word && owner[end - 1] is null)
                {
                    end = inner.TokenEnd + 1;
                    continue;
                }
                // "National People's Congress", "Foreign Ministers' Meeting": a possessive inside a name, after a word no
                // list knows ("Russia's Foreign Ministry" is Russia's).
                if (IsPossessive(tokens, end) && owner[end - 1] is null && tokens[end - 1].Kind == TokenKind.Word && !_words.NotNames.Contains(tokens[end - 1].Key) &&
                    !_heads.Suffixes.ContainsKey(tokens[end - 1].Key) &&
                    end + 1 < tokens.Count && tokens[end + 1].IsCapitalized && IsRunWord(tokens[end + 1], owner[end + 1]))
                {
                    end += 2;
                    continue;
                }
                var c = end;
                while (c < tokens.Count && _words.RunConnectors.Contains(tokens[c].Key) && tokens[c].Kind != TokenKind.Possessive && c - end < 2)
                    c++;
                // "Council on Foreign Relations", but not "the Vilnius Summit on Tuesday": a weekday, month or pronoun
                // after a connector ends the name. "and" joins only words no list knows ("Development and Reform").
                if (c > end && c < tokens.Count && (IsRunWord(tokens[c], owner[c]) || IsDemonymBeforeWord(tokens, owner, c)) && !_words.NotNames.Contains(tokens[c].Key) &&
                    (tokens[end].Key != "and" || (c == end + 1 && owner[c] is null && owner[end - 1] is null && hasAnd < 0)))
                {
                    if (tokens[end].Key == "and")
                        hasAnd = end;
                    end = owner[c] is { IsDemonym: true } dem ? dem.TokenEnd + 1 : c + 1;
                    continue;
                }
                // A listed remit ends the name ("... Technology and Environment and Chairman of ...").
                if (RemitEnd(tokens, owner, i, end) is var remitEnd && remitEnd > end)
                    end = remitEnd;
                break;
            }
            var start = i;
            while (start < end && (tokens[start].Key is "the" or "a" or "an" || _words.NotNames.Contains(tokens[start].Key) && (start == 0 || tokens[start - 1].Kind == TokenKind.Punctuation)))
                start++;
            // A title is no name of a body or place ("Secretary of State", "Minister of State").
            if (start < end && titleAt[start].End >= end)
            {
                i = end;
                continue;
            }
            // "Chairman Senate": a title at the start of a run is not part of a name.
            if (start < end && titleAt[start].End > start && titleAt[start].End < end && owner[start] is null &&
                tokens[titleAt[start].End].Key != "of" && !IsPossessive(tokens, titleAt[start].End) && !_heads.Prefixes.ContainsKey(tokens[start].Key))
                start = titleAt[start].End;
            // "Secretary-General of the Gulf Cooperation Council", "Leaders of the ... Movement": a title (or its plural)
            // and "of" are not part of the body's name.
            for (var k = start; k < end - 2; k++)
            {
                var te = titleAt[k].End;
                if (te <= k && tokens[k].Key.Length > 3 && tokens[k].Key[^1] == 's' && _gazetteer.TitlesByKey.ContainsKey(tokens[k].Key[..^1]))
                    te = k + 1;
                if (te > k && te < end - 1 && tokens[te].Key == "of" && owner[k] is null && !_heads.Prefixes.ContainsKey(tokens[k].Key))
                {
                    start = tokens[te + 1].Key == "the" ? te + 2 : te + 1;
                    break;
                }
            }
            // "the Oslo Accords", "the Coast Guard Law": the name of a document or project names no entity, nor do its words.
            if (end - start >= 2 && tokens[end - 1].IsCapitalized && owner[end - 1] is null && _words.DocumentHeads.Contains(tokens[end - 1].Key))
            {
                for (var k = start; k < end; k++)
                {
                    if (owner[k] is { } inside)
                    {
                        mentions.Remove(inside);
                        for (var x = inside.TokenStart; x < inside.TokenEnd; x++)
                            owner[x] = null;
                    }
                }
                i = end;
                continue;
            }
            // "the Standing Committee of the National People's Congress", "the Political Bureau of the Communist Party of X
            // Central Committee": a part of a body named by generic words is told by the body it belongs to.
            if (!venuesOnly && InnerBody(tokens, owner, start, end) is var (innerStart, innerEnd) && innerStart >= start)
            {
                if (!(owner[innerStart] is { } whole && whole.TokenStart == innerStart && whole.TokenEnd == innerEnd))
                    TryHeadName(sentence, owner, mentions, innerStart, innerEnd);
                i = end;
                continue;
            }
            // "Montreal for the Global Progress Action Summit": a place before "for/in/at/on" is not part of the name.
            if (end - start >= 3 && owner[start] is { Kind: EntityKind.Location or EntityKind.Country } lead && lead.TokenEnd < end &&
                tokens[lead.TokenEnd].Key is "for" or "in" or "at" or "on" or "and")
            {
                start = lead.TokenEnd + 1;
                if (start < end && tokens[start].Key == "the")
                    start++;
            }
            // "Maulen Ashimbayev of the Senate": a person's name, then "of" and the body.
            var of = start + 2;
            while (of < end - 1 && tokens[of].Key != "of")
                of++;
            if (!venuesOnly && of < end - 1 && of - start >= 2 && of - start <= 4 && LooksLikeName(tokens, start, of) && !EndsInHead(tokens, start, of) &&
                Enumerable.Range(start, of - start).All(k => owner[k] is null && IsNameWord(tokens[k])) && _gazetteer.GivenNames.Contains(tokens[start].Key) is var given &&
                (given || (start > 0 && tokens[start - 1].Text == ",")))
            {
                AddPattern(sentence, owner, mentions, start, of, EntityKind.Person);
                start = of + 1 < end && tokens[of + 1].Key == "the" ? of + 2 : of + 1;
            }
            // "East Java", "South Sulawesi": a direction before a known place.
            if (end - start == 2 && _words.CompassWords.Contains(tokens[start].Key) && owner[start] is null &&
                owner[start + 1] is { Kind: EntityKind.Location, IsDemonym: false } part && part.TokenStart == start + 1 && part.TokenEnd == end)
            {
                AddPattern(sentence, owner, mentions, start, end, EntityKind.Location, replace: true);
                i = end;
                continue;
            }
            if (hasAnd >= 0 && hasAnd > start && EndsInHead(tokens, start, hasAnd))
            {
                // "the Ministry of Defence and the Army": two names, not one.
                TryHeadName(sentence, owner, mentions, start, hasAnd, venuesOnly);
                TryHeadName(sentence, owner, mentions, hasAnd + 1, end, venuesOnly);
            }
            else if (end - start >= 1)
            {
                TryHeadName(sentence, owner, mentions, start, end, venuesOnly);
            }
            i = end;
        }
    }

    // The body inside a run that names a part of it: "[Standing Committee of the] National People's Congress", "[First
    // Battalion of the] Royal Malay Regiment", "Communist Party of China [Central Committee]". (-1, -1) when the run is no
    // such part, or the rest is no body (a head noun or a gazetteer organisation).
    private (int Start, int End) InnerBody(IReadOnlyList<Token> tokens, Mention?[] owner, int start, int end)
    {
        var s = start;
        var e = end;
        // Leading part: generic words (and an ordinal), then "of (the)".
        var k = start;
        while (k < end && owner[k] is null && (_words.SubBodies.Contains(tokens[k].Key) && tokens[k].Key != "of" || _words.OrdinalWords.Contains(tokens[k].Key)))
            k++;
        if (k > start && k + 1 < end && tokens[k].Key == "of" && tokens[k - 1].IsCapitalized && !_words.OrdinalWords.Contains(tokens[k - 1].Key))
            s = tokens[k + 1].Key == "the" ? k + 2 : k + 1;
        // Trailing part: generic words right after "of <country>", or two after a body ("... of China Central Committee"); one
        // after a body is its own name ("ASEAN Secretariat").
        var t = e;
        while (t > s && owner[t - 1] is null && tokens[t - 1].IsCapitalized && _words.SubBodies.Contains(tokens[t - 1].Key) && tokens[t - 1].Key != "of")
            t--;
        if (t < e && t - s >= 1 && owner[t - 1] is { Kind: EntityKind.Country or EntityKind.Organization, IsDemonym: false } last && last.TokenEnd == t &&
            (e - t >= 2 || last.TokenStart >= 1 && tokens[last.TokenStart - 1].Key == "of"))
            e = t;
        if (s == start && e == end || e - s < 1)
            return (-1, -1);
        // "Việt Nam Central Committee" after a title that took the party's name: the country stays what it is.
        if (owner[s] is { Kind: EntityKind.Organization or EntityKind.Country, IsDemonym: false } known && known.TokenStart == s && known.TokenEnd == e)
            return (s, e);
        return e - s >= 2 && HeadOf(tokens, owner, s, e) is { Kind: EntityKind.Organization } ? (s, e) : (-1, -1);
    }

    // The head noun that makes tokens [start, end) a name, if any (as TryHeadName reads it, without the lower-case forms).
    private HeadNoun? HeadOf(IReadOnlyList<Token> tokens, Mention?[] owner, int start, int end)
    {
        var lastKey = tokens[end - 1].Key;
        if (end - start >= 3 && _heads.Suffixes.TryGetValue($"{tokens[end - 2].Key} {lastKey}", out var two))
            return two;
        if (_heads.Suffixes.TryGetValue(lastKey, out var one) && tokens[end - 1].IsCapitalized)
            return one;
        if (_heads.Prefixes.TryGetValue(tokens[start].Key, out var pre) && tokens[start + 1].Key is "of" or "on" or "for")
            return pre;
        for (var k = start + 1; k < end - 2; k++)
        {
            if (tokens[k + 1].Key is "on" or "of" or "for" && tokens[k].IsCapitalized && owner[k] is null &&
                (_heads.Suffixes.TryGetValue(tokens[k].Key, out var mid) || _heads.Prefixes.TryGetValue(tokens[k].Key, out mid)))
                return mid;
        }
        return null;
    }

    // "Committee for Science, Technology and Environment", "Subcommittee on Asia and the Pacific": a body's remit after "on"
    // or "for" may list several fields, or end with "and the" and a place. Returns where the list ends, or -1.
    private int RemitEnd(IReadOnlyList<Token> tokens, Mention?[] owner, int runStart, int end)
    {
        if (end >= tokens.Count)
            return -1;
        var remit = false;
        for (var j = runStart + 1; j < end && !remit; j++)
        {
            remit = tokens[j].Key is "on" or "for" && owner[j - 1] is null &&
                ((_heads.Suffixes.TryGetValue(tokens[j - 1].Key, out var h) || _heads.Prefixes.TryGetValue(tokens[j - 1].Key, out h)) && h.Kind == EntityKind.Organization);
        }
        if (!remit)
            return -1;
        int Field(int k)
        {
            var n = 0;
            while (k < tokens.Count && n < 3 && owner[k] is null && tokens[k].Kind == TokenKind.Word && tokens[k].IsCapitalized && !_words.NotNames.Contains(tokens[k].Key))
            {
                k++;
                n++;
            }
            return n == 0 ? -1 : k;
        }
        var at = end;
        if (tokens[at].Text == ",")
        {
            while (at < tokens.Count && tokens[at].Text == ",")
            {
                var next = Field(at + 1);
                if (next < 0)
                    return -1;
                at = next;
            }
            if (at >= tokens.Count || tokens[at].Key != "and")
                return -1;
            return Field(at + 1);
        }
        if (tokens[at].Key != "and")
            return -1;
        var p = at + 1 < tokens.Count && tokens[at + 1].Key == "the" ? at + 2 : at + 1;
        if (p >= tokens.Count)
            return -1;
        var last = owner[p] is { Kind: EntityKind.Location or EntityKind.Country, IsDemonym: false } place && place.TokenStart > at && place.TokenStart <= p ? place.TokenEnd : -1;
        // Only a place that ends the name: "... and the Pacific, who", not "... and the Pacific Islands Forum".
        return last > 0 && (last >= tokens.Count || !tokens[last].IsCapitalized) ? last : -1;
    }

    // "People's" or "Ministers'": a possessive ending, or an apostrophe straight after a plural in -s.
    private static bool IsPossessive(IReadOnlyList<Token> tokens, int k) =>
        tokens[k].Kind == TokenKind.Possessive ||
        (tokens[k].Kind == TokenKind.Punctuation && tokens[k].Text is "'" or "’" && k > 0 && tokens[k - 1].End == tokens[k].Start &&
         tokens[k - 1].Text.EndsWith('s') && (k + 1 >= tokens.Count || tokens[k + 1].Start > tokens[k].End));

    private bool IsSeatHead(IReadOnlyList<Token> tokens, int headEnd) =>
        _words.SeatHeads.Contains(tokens[headEnd - 1].Key) || headEnd >= 2 && _words.SeatHeads.Contains(tokens[headEnd - 2].Key + " " + tokens[headEnd - 1].Key);

    private bool EndsInHead(IReadOnlyList<Token> tokens, int start, int end) =>
        end - start >= 2 && _heads.Suffixes.ContainsKey(tokens[end - 1].Key);

    private void TryHeadName(Sentence sentence, Mention?[] owner, List<Mention> mentions, int start, int end, bool venuesOnly = false)
    {
        var tokens = sentence.Tokens;
        if (start >= end)
            return;
        // Lower-case head after the run: "the Vilnius summit", "NATO headquarters", "the 16th BRICS summit".
        if (end < tokens.Count && tokens[end].IsLower && owner[end] is null &&
            _heads.Suffixes.TryGetValue(tokens[end].Key, out var lowerHead) && lowerHead.Form == HeadForm.SuffixLower && (!venuesOnly || lowerHead.Kind == EntityKind.Location))
        {
            var s = end - 1;
            while (s > start && tokens[s - 1].Kind != TokenKind.Punctuation && !_words.RunConnectors.Contains(tokens[s - 1].Key) &&
                   (owner[s - 1] is not null || tokens[s - 1].IsCapitalized || tokens[s - 1].Kind == TokenKind.Number))
                s--;
            if (owner[s] is { } first && first.TokenStart < s)
                s = first.TokenStart;
            // "Russia-Africa summit", "Arab-Islamic summit": a hyphenated pair of places or peoples.
            while (s >= 2 && TextFolding.IsConnector(tokens[s - 1]) && tokens[s - 2].End == tokens[s - 1].Start && tokens[s - 1].End == tokens[s].Start &&
                   tokens[s - 2].IsCapitalized)
                s = owner[s - 2] is { } o ? o.TokenStart : s - 2;
            if (s > 0 && tokens[s - 1].Kind == TokenKind.Number && tokens[s - 1].Text.Length <= 4)
                s--;
            // "the Arab ministerial meeting on Syria", "the Riyadh meetings on Syria": a lower-case meeting is a named
            // event only with its subject; "ministerial" alone is an adjective.
            var e = end + 1;
            var isMeeting = lowerHead.Head is "meeting" or "meetings";
            if (lowerHead.Head == "ministerial" && e < tokens.Count && tokens[e].Key is "meeting" or "meetings")
            {
                e++;
                isMeeting = true;
            }
            if (isMeeting)
            {
                if (e + 1 >= tokens.Count || tokens[e].Key != "on" || owner[e + 1] is not { IsDemonym: false, Kind: EntityKind.Country or EntityKind.Location or EntityKind.Organization } topic || topic.TokenStart != e + 1)
                    return;
                e = topic.TokenEnd;
            }
            AddPattern(sentence, owner, mentions, s, e, lowerHead.Kind, replace: true);
            return;
        }
        if (end - start < 2)
            return;
        // "Raisina Dialogue 2023": a year after the head is part of the name.
        var headEnd = end;
        if (tokens[end - 1].Kind == TokenKind.Number && tokens[end - 1].Text.Length == 4 && end - start >= 3)
            headEnd = end - 1;
        HeadNoun? head = null;
        var lastKey = tokens[headEnd - 1].Key;
        var lastTwo = headEnd - start >= 3 ? $"{tokens[headEnd - 2].Key} {lastKey}" : null;
        if (lastTwo is not null && _heads.Suffixes.TryGetValue(lastTwo, out var two))
            head = two;
        else if (_heads.Suffixes.TryGetValue(lastKey, out var one) && tokens[headEnd - 1].IsCapitalized)
            head = one;
        else if (_heads.Prefixes.TryGetValue(tokens[start].Key, out var pre) && tokens[start + 1].Key is "of" or "on" or "for")
            head = pre;
        else if (_heads.Leads.TryGetValue(tokens[start].Key, out var lead) && tokens[start + 1].IsCapitalized)
            head = lead;
        else
        {
            // "Leaders' Summit on Climate", "Conference on Disarmament": a head followed by "on/of/for" and the rest. A known
            // body's name may be the start of a longer one: "State Department for Parliamentary Affairs".
            for (var k = start + 1; k < end - 2 && head is null; k++)
            {
                if (tokens[k + 1].Key is "on" or "of" or "for" && tokens[k].IsCapitalized &&
                    (owner[k] is null || tokens[k + 1].Key is "for" or "on" && owner[k] is { Kind: EntityKind.Organization, IsDemonym: false } known && known.TokenEnd == k + 1 && known.TokenStart == start) &&
                    (_heads.Suffixes.TryGetValue(tokens[k].Key, out var mid) || _heads.Prefixes.TryGetValue(tokens[k].Key, out mid)))
                    head = mid;
            }
        }
        if (head is null || (venuesOnly && head.Kind != EntityKind.Location))
            return;
        // A gazetteer name that covers the whole run already says what it is.
        if (owner[start] is { } o2 && o2.TokenStart == start && o2.TokenEnd == end)
            return;
        // "the Kenyan Embassy in Luanda", "the EU Delegation to Indonesia": a seated body goes on with its place.
        if (head.Kind == EntityKind.Organization && end + 1 < tokens.Count && tokens[end].Key is "in" or "at" or "to" && IsSeatHead(tokens, headEnd))
        {
            var p = end + 1;
            if (p < tokens.Count && tokens[p].Key == "the")
                p++;
            if (p < tokens.Count && owner[p] is { IsDemonym: false, Kind: EntityKind.Country or EntityKind.Location or EntityKind.Organization } place && place.TokenStart == p)
                end = place.TokenEnd;
        }
        // "talks at the Prime Minister's Office", "outside the Office of the President": a body's building where something
        // happens; "an adviser in the Office of the President" is the body.
        var kind = head.Kind;
        if (_words.VenuesOrBodies.Contains(head.Head) && kind is EntityKind.Organization or EntityKind.Location)
        {
            var b = start > 0 && tokens[start - 1].Key == "the" ? start - 1 : start;
            kind = b > 0 && _words.VenuePrepositions.Contains(tokens[b - 1].Key) ? EntityKind.Location : EntityKind.Organization;
        }
        AddPattern(sentence, owner, mentions, start, end, kind, replace: true);
    }

    // "Museum of the History of Polish Jews": a country's adjective before a free capitalised word inside a name.
    private static bool IsDemonymBeforeWord(IReadOnlyList<Token> tokens, Mention?[] owner, int k) =>
        owner[k] is { IsDemonym: true } d && d.TokenStart == k && d.TokenEnd < tokens.Count && owner[d.TokenEnd] is null &&
        tokens[d.TokenEnd].IsCapitalized && tokens[d.TokenEnd].Kind == TokenKind.Word;

    private static bool IsRunWord(Token t, Mention? owner) =>
        owner is { IsDemonym: false, Kind: not EntityKind.Person } ||
        (owner is null && (t.Kind == TokenKind.Word && (t.IsCapitalized || t.IsAllCaps) || t.Kind == TokenKind.Number && t.Text.Length <= 4));

    private void TagMeetingsOf(Sentence sentence, Mention?[] owner, List<Mention> mentions)
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
            if (k == j || !_words.MeetingOfHeads.Contains(tokens[k - 1].Key))
                continue;
            var s = i > 0 && _words.MeetingAdjectives.Contains(tokens[i - 1].Key) ? i - 1 : i;
            AddPattern(sentence, owner, mentions, s, k, EntityKind.Event, replace: true);
        }
    }

    // "the German development bank KfW", "the news agency Tass": a common noun for a kind of body, then its name.
    private void TagDescribedBodies(Sentence sentence, Mention?[] owner, List<Mention> mentions)
    {
        var tokens = sentence.Tokens;
        for (var i = 0; i + 1 < tokens.Count; i++)
        {
            if (!tokens[i].IsLower || !_words.BodyNouns.Contains(tokens[i].Key))
                continue;
            var end = i + 1;
            while (end < tokens.Count && end - i <= 4 && owner[end] is null && (tokens[end].Kind == TokenKind.Word && tokens[end].IsCapitalized || tokens[end].IsAllCaps) &&
                   !_words.NotNames.Contains(tokens[end].Key) && !_gazetteer.TitlesByKey.ContainsKey(tokens[end].Key))
                end++;
            if (end == i + 1 || _gazetteer.GivenNames.Contains(tokens[i + 1].Key))
            {
                TagDescribedBefore(sentence, owner, mentions, i);
                continue;
            }
            AddPattern(sentence, owner, mentions, i + 1, end, EntityKind.Organization);
            i = end - 1;
        }
    }

    // "Tass, the Russian state news agency, wrote", "Yoshizawa, a long-established sukiyaki restaurant in Ginza": a
    // capitalised name, a comma, then a determiner, modifiers and a noun for a kind of body (or venue) that ends the phrase.
    private void TagDescribedBefore(Sentence sentence, Mention?[] owner, List<Mention> mentions, int noun, EntityKind kind = EntityKind.Organization)
    {
        var tokens = sentence.Tokens;
        var hasNext = noun + 1 < tokens.Count;
        var next = hasNext ? tokens[noun + 1] : default!;
        if (hasNext && !(next.Kind == TokenKind.Punctuation && !TextFolding.IsConnector(next) || next.Key is "that" or "which" ||
                                  kind == EntityKind.Location && _words.Locatives.Contains(next.Key) || kind == EntityKind.Location && (next.Key is "on" or "where" or "known" or "built" or "run" or "set" || next.IsLower && next.Key.EndsWith("ed", StringComparison.Ordinal))))
            return;
        var k = noun - 1;
        while (k > 0 && k > noun - 8 && tokens[k].Key is not ("the" or "a" or "an" or "his" or "her" or "their" or "its") &&
               (tokens[k].Kind == TokenKind.Word && (tokens[k].IsLower || owner[k] is null && tokens[k].IsCapitalized && kind == EntityKind.Location) ||
                tokens[k].Kind == TokenKind.Number || TextFolding.IsConnector(tokens[k]) || owner[k] is { IsDemonym: true }))
            k--;
        if (k < 2 || tokens[k].Key is not ("the" or "a" or "an" or "his" or "her" or "their" or "its") || tokens[k - 1].Text != ",")
            return;
        if (kind == EntityKind.Organization && tokens[k].Key != "the")
            return;
        var end = k - 1;
        var start = end;
        while (start > 0 && end - start < 3 && owner[start - 1] is null && tokens[start - 1].Kind == TokenKind.Word && (tokens[start - 1].IsCapitalized || tokens[start - 1].IsAllCaps) &&
               !_words.NotNames.Contains(tokens[start - 1].Key) && !_gazetteer.TitlesByKey.ContainsKey(tokens[start - 1].Key))
            start--;
        // "Mar-a-Lago": a hyphenated name.
        while (start >= 2 && TextFolding.IsConnector(tokens[start - 1]) && tokens[start - 2].End == tokens[start - 1].Start && tokens[start - 1].End == tokens[start].Start &&
               owner[start - 2] is null && tokens[start - 2].Kind == TokenKind.Word && end - start < 5)
            start -= 2;
        // The name opens its clause: "..., and Tass, the agency," or a sentence's first words; or follows a locative.
        if (start == end || (start > 0 && tokens[start - 1].Kind == TokenKind.Word && !_words.ClauseOpeners.Contains(tokens[start - 1].Key) && !_words.Locatives.Contains(tokens[start - 1].Key)) ||
            _gazetteer.GivenNames.Contains(tokens[start].Key))
            return;
        AddPattern(sentence, owner, mentions, start, end, kind);
    }

    // "the island of Jeju", "the town of Kalinda": a noun for a kind of place, "of", and a capitalised name no list holds.
    private void TagPlacesOf(Sentence sentence, Mention?[] owner, List<Mention> mentions)
    {
        var tokens = sentence.Tokens;
        for (var i = 0; i + 2 < tokens.Count; i++)
        {
            if (!tokens[i].IsLower || !_words.PlaceNouns.Contains(tokens[i].Key) || tokens[i + 1].Key != "of")
                continue;
            var start = i + 2;
            var end = start;
            while (end < tokens.Count && end - start < 3 && owner[end] is null && tokens[end].Kind == TokenKind.Word && tokens[end].IsCapitalized && !tokens[end].IsAllCaps &&
                   !_words.NotNames.Contains(tokens[end].Key) && !_gazetteer.TitlesByKey.ContainsKey(tokens[end].Key) && !_heads.Suffixes.ContainsKey(tokens[end].Key) &&
                   !_words.PortfolioWords.Contains(tokens[end].Key))
                end++;
            if (end == start || (end < tokens.Count && (tokens[end].IsCapitalized || owner[end] is not null || tokens[end].Kind == TokenKind.Possessive)))
                continue;
            AddPattern(sentence, owner, mentions, start, end, EntityKind.Location);
            i = end - 1;
        }
    }

    // "the Ethiopian capital", "the Chadian capital": the capital city of the country of the demonym.
    private void TagNationCapitals(Sentence sentence, Mention?[] owner, List<Mention> mentions)
    {
        var tokens = sentence.Tokens;
        for (var k = 0; k < mentions.Count; k++)
        {
            var m = mentions[k];
            var end = m.TokenEnd;
            if (!m.IsDemonym || m.Kind != EntityKind.Country || m.TokenStart == 0 || tokens[m.TokenStart - 1].Key != "the" ||
                end >= tokens.Count || tokens[end].Key != "capital" || !tokens[end].IsLower)
                continue;
            // A demonym of several countries ("French") means the most prominent first, as everywhere else.
            if (m.Candidates.IsEmpty || m.Candidates[0].Country is not { } code || _gazetteer.CapitalOf(code) is not { } capital)
                continue;
            var city = new Mention
            {
                TokenStart = m.TokenStart,
                TokenEnd = end + 1,
                Start = m.Start,
                Surface = SpanText(sentence, m.TokenStart, end + 1),
                Kind = EntityKind.Location,
                Source = MentionSource.Gazetteer,
                Candidates = [capital],
            };
            mentions[k] = city;
            for (var t = city.TokenStart; t < city.TokenEnd; t++)
                owner[t] = city;
        }
    }

    // "Sunnylands, the Annenberg estate", "Rengatei, a 128-year-old restaurant": venues described after a comma.
    private void TagDescribedVenues(Sentence sentence, Mention?[] owner, List<Mention> mentions)
    {
        var tokens = sentence.Tokens;
        for (var i = 3; i < tokens.Count; i++)
        {
            if (tokens[i].IsLower && _words.VenueNouns.Contains(tokens[i].Key) && owner[i] is null)
                TagDescribedBefore(sentence, owner, mentions, i, EntityKind.Location);
        }
    }

    // "Airbus, EDF, Alstom and Veolia": names listed with a known body are bodies too.
    private void TagCoordinatedBodies(Sentence sentence, Mention?[] owner, List<Mention> mentions)
    {
        var tokens = sentence.Tokens;
        var items = new List<(int Start, int End, bool Known)>();
        var i = 0;
        while (i < tokens.Count)
        {
            items.Clear();
            var k = i;
            while (k < tokens.Count)
            {
                int s = k, e;
                bool known;
                if (owner[k] is { } o && o.TokenStart == k)
                {
                    if (o.Kind != EntityKind.Organization || o.IsDemonym)
                        break;
                    e = o.TokenEnd;
                    known = true;
                }
                else
                {
                    e = k;
                    while (e < tokens.Count && e - k < 3 && owner[e] is null && tokens[e].Kind == TokenKind.Word && (tokens[e].IsCapitalized || tokens[e].IsAllCaps) &&
                           !_words.NotNames.Contains(tokens[e].Key) && !_gazetteer.GivenNames.Contains(tokens[e].Key) && !_gazetteer.TitlesByKey.ContainsKey(tokens[e].Key) &&
                           !_words.PortfolioWords.Contains(tokens[e].Key))
                        e++;
                    if (e == k)
                        break;
                    known = false;
                }
                items.Add((s, e, known));
                // separators: ",", "and", ", and"
                var n = e;
                if (n < tokens.Count && tokens[n].Text == ",")
                    n++;
                if (n < tokens.Count && tokens[n].Key == "and")
                    n++;
                if (n == e)
                    break;
                k = n;
            }
            if (items.Count >= 3 && items.Any(x => x.Known) && items.Any(x => !x.Known))
            {
                foreach (var (s, e, known) in items.Where(x => !x.Known).ToList())
                    AddPattern(sentence, owner, mentions, s, e, EntityKind.Organization);
            }
            i = items.Count > 0 ? Math.Max(i + 1, items[^1].End) : i + 1;
        }
    }

    // "the Popular Unity Movement (PUM)": the acronym in brackets after a name is the same entity; the resolver links the
    // acronym's later uses in the article.
    private void TagAcronymDefinitions(Sentence sentence, Mention?[] owner, List<Mention> mentions)
    {
        var tokens = sentence.Tokens;
        for (var i = 1; i + 2 < tokens.Count; i++)
        {
            if (tokens[i].Text != "(" || tokens[i + 2].Text != ")" || !IsAcronym(tokens[i + 1]) || tokens[i + 1].Text.Contains('.', StringComparison.Ordinal))
                continue;
            // "Chama Cha Mapinduzi (CCM)", "Inter-Services Public Relations (ISPR)": capitalised words no list knows whose
            // initials spell the acronym are a name; a body unless a head noun says otherwise.
            if (owner[i - 1] is null && SpelledOut(tokens, owner, i, tokens[i + 1].Text) is var spelled && spelled >= 0)
                AddPattern(sentence, owner, mentions, spelled, i, HeadOf(tokens, owner, spelled, i)?.Kind ?? EntityKind.Organization);
            if (owner[i - 1] is not { Kind: EntityKind.Organization or EntityKind.Event or EntityKind.Location, IsDemonym: false } name || name.TokenEnd != i ||
                name.TokenEnd - name.TokenStart < 2 || owner[i + 1] is not null && owner[i + 1]!.Kind == name.Kind)
                continue;
            if (owner[i + 1] is { } other)
            {
                mentions.Remove(other);
                owner[i + 1] = null;
            }
            Claim(owner, new Mention
            {
                TokenStart = i + 1,
                TokenEnd = i + 2,
                Start = tokens[i + 1].Start,
                Surface = tokens[i + 1].Text,
                Kind = name.Kind,
                Source = MentionSource.Pattern,
                PatternName = name.PatternName ?? name.Candidates.FirstOrDefault()?.Name ?? name.Surface,
                Candidates = name.Candidates,
                AcronymOf = name,
            }, mentions);
        }
    }

    // "Ri Pyong Chol and Pak Jong Chon", "A. Bekov of the Senate and Yerlan Osman of the Mazhilis": a name of two to four
    // name words joined by "and" to a person (and the body that person belongs to) is a person too.
    private void TagCoordinatedPeople(Sentence sentence, Mention?[] owner, List<Mention> mentions)
    {
        var tokens = sentence.Tokens;
        var people = mentions.Where(m => m.Kind == EntityKind.Person).ToList();
        foreach (var p in people)
        {
            var j = p.TokenEnd;
            if (j + 1 < tokens.Count && tokens[j].Key == "of")
            {
                var b = tokens[j + 1].Key == "the" ? j + 2 : j + 1;
                if (b < tokens.Count && owner[b] is { Kind: EntityKind.Organization or EntityKind.Country, IsDemonym: false } body && body.TokenStart == b)
                    j = body.TokenEnd;
            }
            if (j + 2 >= tokens.Count || tokens[j].Key != "and" || owner[j + 1] is not null || !IsNameWord(tokens[j + 1]))
                continue;
            var end = ScanName(tokens, j + 1, owner, allowFirstOwned: false);
            var words = end - j - 1;
            if (words is < 2 or > 4 || !LooksLikeName(tokens, j + 1, end) || (end < tokens.Count && tokens[end].IsCapitalized) ||
                Enumerable.Range(j + 1, words).Any(k => tokens[k].IsAllCaps && !IsInitial(tokens[k])))
                continue;
            AddPattern(sentence, owner, mentions, j + 1, end, EntityKind.Person);
        }
    }

    // "two chambers of Parliament", "the Speaker of the National Assembly", "Senate approval": a legislature's common name,
    // capitalised and standing alone (no capitalised word before it, none after it but a title), is that body.
    private void TagLegislatures(Sentence sentence, Mention?[] owner, List<Mention> mentions, List<TitleMention> titles)
    {
        var tokens = sentence.Tokens;
        for (var i = 0; i < tokens.Count; i++)
        {
            if (owner[i] is not null || !tokens[i].IsCapitalized || tokens[i].IsAllCaps || tokens[i].Kind != TokenKind.Word)
                continue;
            var end = -1;
            var key = "";
            for (var k = i; k < tokens.Count && k - i < 4 && owner[k] is null && (tokens[k].IsCapitalized || tokens[k].Key == "of"); k++)
            {
                key = k == i ? tokens[k].Key : key + " " + tokens[k].Key;
                if (tokens[k].IsCapitalized && _words.Legislatures.Contains(key))
                    end = k + 1;
            }
            if (end < 0)
                continue;
            var before = i > 0 && tokens[i - 1].Kind is TokenKind.Word or TokenKind.Number && (tokens[i - 1].IsCapitalized || owner[i - 1] is not null) &&
                tokens[i - 1].Key != "the" && !(i == 1 || tokens[i - 2].Kind == TokenKind.Punctuation) || i > 0 && owner[i - 1] is { IsDemonym: false };
            var titleAfter = TitleStartsAt(titles, end);
            var afterName = end < tokens.Count && !titleAfter && (tokens[end].IsCapitalized || tokens[end].Kind == TokenKind.Number ||
                (tokens[end].Key == "of" && end + 1 < tokens.Count && (tokens[end + 1].IsCapitalized || tokens[end + 1].Key == "the")));
            if (before || afterName)
            {
                i = end - 1;
                continue;
            }
            AddPattern(sentence, owner, mentions, i, end, EntityKind.Organization);
            i = end - 1;
        }
    }

    // (Loops over the titles, not Any with a lambda: the lambda captured the loop's `end`, so every token of every sentence
    // allocated a closure in TagAppositions and TagLegislatures, whether or not the test ran.)
    private static bool TitleOverlaps(List<TitleMention> titles, int start, int end)
    {
        foreach (var t in titles)
        {
            if (t.TokenStart < end && t.TokenEnd > start)
                return true;
        }
        return false;
    }

    private static bool TitleEndsAt(List<TitleMention> titles, int end)
    {
        foreach (var t in titles)
        {
            if (t.TokenEnd == end)
                return true;
        }
        return false;
    }

    private static bool TitleStartsAt(List<TitleMention> titles, int start)
    {
        foreach (var t in titles)
        {
            if (t.TokenStart == start)
                return true;
        }
        return false;
    }

    // "CCM", "AfCFTA": two or more capitals, most of the letters capitals.
    private static bool IsAcronym(Token t)
    {
        if (t.Kind != TokenKind.Word || t.Text.Length < 2 || !char.IsUpper(t.Text[0]))
            return false;
        var upper = t.Text.Count(char.IsUpper);
        return upper >= 2 && upper * 2 >= t.Text.Count(char.IsLetter);
    }

    // The first token of the capitalised words before the bracket at <paramref name="paren"/> whose initials (words of a
    // hyphenated word each, small connectors skipped) are the acronym's capitals; -1 when none.
    private int SpelledOut(IReadOnlyList<Token> tokens, Mention?[] owner, int paren, string acronym)
    {
        var letters = new string(acronym.Where(char.IsUpper).ToArray());
        var initials = "";
        var words = 0;
        for (var k = paren - 1; k >= 0 && paren - k <= 12; k--)
        {
            var t = tokens[k];
            if (owner[k] is not null)
                return -1;
            if (t.Kind == TokenKind.Word && t.IsCapitalized && !t.IsAllCaps)
            {
                initials = char.ToUpperInvariant(t.Text[0]) + initials;
                words++;
                if (initials.Length > letters.Length || !letters.EndsWith(initials, StringComparison.Ordinal))
                    return -1;
                if (initials == letters)
                    return words >= 2 ? k : -1;
                continue;
            }
            if (TextFolding.IsConnector(t) || t.IsLower && _words.RunConnectors.Contains(t.Key) || t.Key is "y" or "e" or "et" or "und" or "des" or "du" or "da" or "do" or "di" or "del" or "la")
                continue;
            return -1;
        }
        return -1;
    }

    private void AddPattern(Sentence sentence, Mention?[] owner, List<Mention> mentions, int start, int end, EntityKind kind, bool replace = false)
    {
        // A person's name has no head noun, title or portfolio word in it ("Ben Gurion Airport", "Foreign Affairs").
        if (kind == EntityKind.Person && !LooksLikeName(sentence.Tokens, start, end, allowCommonWords: true))
            return;
        for (var k = start; k < end; k++)
        {
            if (owner[k] is not { } o)
                continue;
            // Never cut through a longer name, and only replace names that lie wholly inside the new one ("the Gulf" in
            // "the Gulf Cooperation Council" lies inside but for its article).
            var inside = o.TokenStart >= start || (o.TokenStart == start - 1 && sentence.Tokens[o.TokenStart].Key == "the");
            if (!inside || o.TokenEnd > end || (!replace && o.Kind != EntityKind.Location && !(kind == EntityKind.Person && o.Kind == EntityKind.Person && o.TokenEnd - o.TokenStart == 1)))
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

    /// <summary>
    /// A name found by pattern, in quotes after a nickname verb ("whom he calls "El Jefe"", "nicknamed "Migz""), is
    /// another name of someone the text already names, not a person of its own.
    /// </summary>
    private void DropQuotedNicknames(Sentence sentence, Mention?[] owner, List<Mention> mentions)
    {
        var tokens = sentence.Tokens;
        for (var i = mentions.Count - 1; i >= 0; i--)
        {
            var m = mentions[i];
            if (m is not { Kind: EntityKind.Person, Source: MentionSource.Pattern } || m.TokenStart < 2 || m.TokenEnd >= tokens.Count ||
                !IsQuote(tokens[m.TokenStart - 1].Text) || !IsQuote(tokens[m.TokenEnd].Text) ||
                !_words.NicknameVerbs.Contains(tokens[m.TokenStart - 2].Key))
                continue;
            mentions.RemoveAt(i);
            for (var k = m.TokenStart; k < m.TokenEnd; k++)
                owner[k] = null;
        }
        static bool IsQuote(string t) => t is "\"" or "“" or "”" or "'" or "‘" or "’";
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
        if (!HasOtherWhiteSpace(text) && !text.Contains("  ", StringComparison.Ordinal))
            return text;
        return string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
    }

    // A white-space character other than the plain space (a loop: Any over a string allocated an enumerator per mention).
    private static bool HasOtherWhiteSpace(string text)
    {
        foreach (var c in text)
        {
            if (char.IsWhiteSpace(c) && c != ' ')
                return true;
        }
        return false;
    }
}

/// <summary>
/// A thread's per-token arrays for tagging one sentence at a time (<see cref="EntityTagger.Tag"/>): the owning mention of
/// each token, each token's longest title match and the end of the title each token is inside. <see cref="Start"/> makes
/// them at least the sentence's length and clears the first <c>count</c> entries of the two a pass reads before writing
/// (<see cref="Owner"/>, <see cref="TitleEnd"/>); every entry of <see cref="TitleAt"/> below the count is written before
/// it is read. Entries past the count are left as they are and never read.
/// </summary>
internal sealed class SentenceArrays
{
    public Mention?[] Owner { get; private set; } = new Mention?[64];

    public (int End, List<PhraseMatch<TitleEntry>> Matches)[] TitleAt { get; private set; } = new (int, List<PhraseMatch<TitleEntry>>)[64];

    public int[] TitleEnd { get; private set; } = new int[64];

    /// <summary>Makes the arrays hold <paramref name="count"/> tokens, the first <paramref name="count"/> owners null and title ends 0.</summary>
    public void Start(int count)
    {
        if (count > Owner.Length)
        {
            var size = Math.Max(count, Owner.Length * 2);
            Owner = new Mention?[size];
            TitleAt = new (int, List<PhraseMatch<TitleEntry>>)[size];
            TitleEnd = new int[size];
            return;
        }
        Array.Clear(Owner, 0, count);
        Array.Clear(TitleEnd, 0, count);
    }
}
