using System.Collections.Frozen;
using KnowledgeGraph.Core.Entities;
using KnowledgeGraph.Core.Stages.Tagging;
using KnowledgeGraph.Core.Text;

namespace KnowledgeGraph.Core.Stages.Resolution;

/// <summary>A person known in one article: id and the folded tokens of every full form seen.</summary>
internal sealed class ArticlePerson(string id, string name)
{
    public string Id { get; } = id;
    public string Name { get; set; } = name;
    public List<string[]> Forms { get; } = [];
    public int FirstSentence { get; set; } = int.MaxValue;

    /// <summary>True for a person the gazetteer knows (the more prominent of two who share a surname).</summary>
    public bool Known { get; set; }
}

/// <summary>
/// Resolves the mentions of one article to entity ids. People: full names (gazetteer or pattern) anchor the article's
/// people; surnames and short forms ("Austin", "Gahr Støre") join the full name they end; a one-word place name that is
/// the surname of a person of the article is that person unless a locative preposition precedes it ("in Austin").
/// Titles that stand alone ("the Secretary General", "NATO Leader", "the Russian leader") become mentions of the one
/// person of the article who holds that role, by the article's own role phrases or the gazetteer's dated roles.
/// Places with one name in several countries prefer a country the article mentions. Names found by patterns get ids
/// from their slug, or the gazetteer's id when the gazetteer knows them in another case.
/// Input: tagged sentences. Output: the same mentions with <see cref="Mention.EntityId"/> set, plus title-only mentions.
/// Requires: <see cref="EntityTagger"/>.
/// </summary>
public sealed class MentionResolver
{
    private readonly Gazetteer _gazetteer;
    private readonly FrozenSet<string> _placePrepositions;

    // Folded name forms of gazetteer people, computed once per entry for the life of the resolver.
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, string[][]> _entryForms = new(StringComparer.Ordinal);

    /// <summary>Creates a resolver.</summary>
    public MentionResolver(Gazetteer gazetteer)
    {
        ArgumentNullException.ThrowIfNull(gazetteer);
        _gazetteer = gazetteer;
        _placePrepositions = gazetteer.Words.PlacePrepositions;
    }

    /// <summary>Resolves all mentions of an article in place; <paramref name="published"/> dates the gazetteer roles.</summary>
    public void Resolve(IReadOnlyList<TaggedSentence> sentences, DateOnly? published)
    {
        ArgumentNullException.ThrowIfNull(sentences);
        var people = new Dictionary<string, ArticlePerson>(StringComparer.Ordinal);
        var countries = new HashSet<string>(StringComparer.Ordinal);
        // Full names first, over the whole article: a headline may use a surname the body spells out later.
        foreach (var ts in sentences)
        {
            foreach (var m in ts.Mentions)
            {
                if (m.Kind == EntityKind.Country && m.Candidates.Length > 0)
                    countries.Add(m.Candidates[0].Country ?? "");
                if (m.Kind != EntityKind.Person)
                    continue;
                if (m.Source == MentionSource.Gazetteer)
                {
                    var e = m.Candidates[0];
                    m.EntityId = e.Id;
                    var p = Person(people, e.Id, e.Name, ts.Sentence.Index);
                    p.Known = true;
                    if (p.Forms.Count == 0)
                        p.Forms.AddRange(_entryForms.GetOrAdd(e.Id, _ => e.Aliases.Prepend(e.Name).Select(Keys).Where(k => k.Length > 0).DistinctBy(k => string.Join(' ', k)).ToArray()));
                }
                else if (NameKeys(m).Length >= 2 && !IsShortFormOfKnown(people, NameKeys(m)))
                {
                    var id = GazetteerPersonId(m.PatternName!) ?? ReversedGazetteerPersonId(m.PatternName!) ?? "person:" + Slug.Of(m.PatternName!);
                    m.EntityId = id;
                    var name = _gazetteer.TryGet(id, out var ge) ? ge.Name : m.PatternName!;
                    AddForm(Person(people, id, name, ts.Sentence.Index), m.PatternName!);
                }
            }
        }
        TagShortForms(sentences, people);
        foreach (var ts in sentences)
        {
            var tokens = ts.Sentence.Tokens;
            for (var i = 0; i < ts.Mentions.Count; i++)
            {
                var m = ts.Mentions[i];
                if (m.EntityId is not null)
                    continue;
                if (m.Kind == EntityKind.Person)
                {
                    var keys = NameKeys(m);
                    var p = FindByShortForm(people, keys, ts.Sentence.Index);
                    m.EntityId = p?.Id ?? "person:" + Slug.Of(m.PatternName ?? m.Surface);
                    if (p is null)
                        AddForm(Person(people, m.EntityId, m.PatternName ?? m.Surface, ts.Sentence.Index), m.PatternName ?? m.Surface);
                    continue;
                }
                if (m.Kind == EntityKind.Location && m.TokenEnd - m.TokenStart == 1 && !m.IsDemonym &&
                    (m.TokenStart == 0 || !_placePrepositions.Contains(tokens[m.TokenStart - 1].Key)) &&
                    FindByShortForm(people, [_gazetteer.NormalizeKey(tokens[m.TokenStart].Key)], ts.Sentence.Index) is { } person)
                {
                    // "Austin thanked..." where the article names Lloyd J. Austin III: the person, not the city.
                    ts.Mentions[i] = new Mention
                    {
                        TokenStart = m.TokenStart,
                        TokenEnd = m.TokenEnd,
                        Start = m.Start,
                        Surface = m.Surface,
                        Kind = EntityKind.Person,
                        Source = MentionSource.Pattern,
                        PatternName = m.Surface,
                        EntityId = person.Id,
                    };
                    continue;
                }
                if (m.NeedsContext && !m.Candidates.Any(c => c.Country is { } cc && countries.Contains(cc)))
                {
                    // A small town the article gives no reason to expect: a surname, a month, a common word.
                    ts.Mentions.RemoveAt(i--);
                    continue;
                }
                if (m.Source == MentionSource.Gazetteer && IsBareHeadWord(m) && !NamedInFull(sentences, m.Candidates[0].Id) &&
                    !(m.Candidates[0].Country is { } home && countries.Contains(home)))
                {
                    // "the Commission", "Congress": the last word of a body's name stands for it only where the article
                    // names it in full or names its country. A legislature's common name ("the Senate") still names the
                    // legislature the article is about, just not the gazetteer's.
                    if (_gazetteer.Words.Legislatures.Contains(TextFolding.Fold(WithoutArticle(m.Surface))))
                    {
                        ts.Mentions[i] = AsBody(m);
                        continue;
                    }
                    ts.Mentions.RemoveAt(i--);
                    continue;
                }
                if (m.Kind == EntityKind.Location && !m.IsDemonym && ActsAsGovernment(ts, m))
                {
                    // "The Kremlin said", "a White House spokesman": the building stands for the government inside it.
                    // It keeps the building as its candidate: "the Kremlin leader" is still the leader of its country.
                    ts.Mentions[i] = AsBody(m) with { Candidates = m.Candidates };
                    continue;
                }
                if (m.AcronymOf is { } full)
                {
                    m.EntityId = full.EntityId;
                    continue;
                }
                m.EntityId = m.Source == MentionSource.Gazetteer ? ChooseCandidate(m, countries).Id : PatternId(m);
            }
        }
        LinkAcronyms(sentences);
        ResolveTitles(sentences, people, published);
    }

    // "Owusu-Ansah toured the market", "Wulandari said": once the article names a person in full, a free capitalised
    // surname (one or more last words of a full form) or a given name that only one person of the article has is that
    // person. Words that are also English words or never names ("May", "Will", "March") are left alone.
    private void TagShortForms(IReadOnlyList<TaggedSentence> sentences, Dictionary<string, ArticlePerson> people)
    {
        if (people.Count == 0)
            return;
        // A surname two people share goes to the one the gazetteer knows, if only one is known; else to the one the
        // article names in full more often ("Kim" is Kim Jong Un in a story that names his sister once; "Trudeau" the
        // prime minister, not his wife); else to neither.
        var named = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var ts in sentences)
        {
            foreach (var m in ts.Mentions)
            {
                if (m.Kind == EntityKind.Person && m.EntityId is { } id && m.Source != MentionSource.TitleOnly)
                    named[id] = named.GetValueOrDefault(id) + 1;
            }
        }
        ArticlePerson? Prominent(ArticlePerson q, ArticlePerson p)
        {
            if (q.Known != p.Known)
                return q.Known ? q : p;
            var (nq, np) = (named.GetValueOrDefault(q.Id), named.GetValueOrDefault(p.Id));
            return nq > np ? q : np > nq ? p : null;
        }
        // Who holds each short form: one holder takes it, two the more prominent of them, three or more no one.
        static void Hold(Dictionary<string, List<ArticlePerson>> holders, string key, ArticlePerson p)
        {
            if (!holders.TryGetValue(key, out var list))
                holders[key] = list = [];
            if (!list.Contains(p))
                list.Add(p);
        }
        ArticlePerson? Holder(List<ArticlePerson> holders) => holders.Count switch
        {
            1 => holders[0],
            2 => Prominent(holders[0], holders[1]),
            _ => null,
        };
        var surnameHolders = new Dictionary<string, List<ArticlePerson>>(StringComparer.Ordinal);
        var firstNameHolders = new Dictionary<string, List<ArticlePerson>>(StringComparer.Ordinal);
        foreach (var p in people.Values)
        {
            foreach (var f in p.Forms)
            {
                if (f.Length < 2)
                    continue;
                // "Kim" for Kim Jong Un and Kim Yo Jong: a family name written first, as a given name two people share.
                Hold(firstNameHolders, f[0], p);
                for (var k = 1; k < f.Length; k++)
                {
                    if (_gazetteer.Words.NameSuffixes.Contains(f[k]))
                        continue;
                    Hold(surnameHolders, string.Join(' ', f[k..]), p);
                }
            }
        }
        var byForm = surnameHolders.ToDictionary(h => h.Key, h => Holder(h.Value), StringComparer.Ordinal);
        var firstNames = firstNameHolders.ToDictionary(h => h.Key, h => Holder(h.Value), StringComparer.Ordinal);
        var words = _gazetteer.Words;
        var keys = new List<string>(4);
        foreach (var ts in sentences)
        {
            var tokens = ts.Sentence.Tokens;
            var covered = new bool[tokens.Count];
            foreach (var m in ts.Mentions)
            {
                for (var k = m.TokenStart; k < m.TokenEnd; k++)
                    covered[k] = true;
            }
            foreach (var t in ts.Titles)
            {
                for (var k = t.TokenStart; k < t.TokenEnd; k++)
                    covered[k] = true;
            }
            var added = false;
            for (var i = 0; i < tokens.Count; i++)
            {
                var t = tokens[i];
                if (covered[i] || t.Kind != TokenKind.Word || !t.IsCapitalized || t.IsAllCaps || words.NotNames.Contains(t.Key) || _gazetteer.CommonWords.Contains(t.Key) ||
                    (i > 0 && tokens[i - 1].Kind == TokenKind.Word && tokens[i - 1].IsCapitalized && !covered[i - 1]))
                    continue;
                // The longest run of name words (hyphens skipped) that is a known surname.
                keys.Clear();
                ArticlePerson? found = null;
                var foundEnd = i;
                var k2 = i;
                while (k2 < tokens.Count && !covered[k2] && keys.Count < 4)
                {
                    if (TextFolding.IsConnector(tokens[k2]))
                    {
                        k2++;
                        continue;
                    }
                    if (tokens[k2].Kind != TokenKind.Word || !tokens[k2].IsCapitalized)
                        break;
                    keys.Add(_gazetteer.NormalizeKey(tokens[k2].Key));
                    k2++;
                    if (byForm.TryGetValue(string.Join(' ', keys), out var p) && p is not null)
                    {
                        found = p;
                        foundEnd = k2;
                    }
                }
                if (found is null && firstNames.TryGetValue(_gazetteer.NormalizeKey(t.Key), out var byFirst) && byFirst is not null &&
                    !byForm.ContainsKey(_gazetteer.NormalizeKey(t.Key)) && (i + 1 >= tokens.Count || !tokens[i + 1].IsCapitalized))
                {
                    found = byFirst;
                    foundEnd = i + 1;
                }
                // A capitalised word right after the match means a longer name this article has not seen.
                if (found is null || (foundEnd < tokens.Count && tokens[foundEnd].Kind == TokenKind.Word && tokens[foundEnd].IsCapitalized && !covered[foundEnd]))
                    continue;
                var surface = EntityTagger.SpanText(ts.Sentence, i, foundEnd);
                ts.Mentions.Add(new Mention
                {
                    TokenStart = i,
                    TokenEnd = foundEnd,
                    Start = t.Start,
                    Surface = surface,
                    Kind = EntityKind.Person,
                    Source = MentionSource.Pattern,
                    PatternName = surface,
                    EntityId = found.Id,
                });
                for (var k = i; k < foundEnd; k++)
                    covered[k] = true;
                added = true;
                i = foundEnd - 1;
            }
            if (added)
                ts.Mentions.Sort((a, b) => a.TokenStart.CompareTo(b.TokenStart));
        }
    }

    /// <summary>A name without its leading "the" ("the Kremlin" → "Kremlin").</summary>
    internal static string WithoutArticle(string surface) =>
        surface.StartsWith("the ", StringComparison.OrdinalIgnoreCase) ? surface[4..] : surface;

    // A body named by the words as written, with an id of its own rather than a gazetteer entry's.
    private static Mention AsBody(Mention m)
    {
        var name = WithoutArticle(m.Surface);
        return new Mention
        {
            TokenStart = m.TokenStart,
            TokenEnd = m.TokenEnd,
            Start = m.Start,
            Surface = m.Surface,
            Kind = EntityKind.Organization,
            Source = MentionSource.Pattern,
            PatternName = name,
            EntityId = EntityKinds.IdPrefix(EntityKind.Organization) + ":" + Slug.Of(name),
        };
    }

    // A seat of power ("Kremlin", "White House") acts as the government when a title follows it ("the Kremlin spokesman",
    // "the White House's press secretary") or when it opens a clause and a lower-case word other than a preposition follows
    // ("The White House says", "..., though the Kremlin made clear"). After a preposition it is the place ("at the Kremlin").
    private bool ActsAsGovernment(TaggedSentence ts, Mention m)
    {
        var words = _gazetteer.Words;
        if (!words.SeatsOfPower.Contains(TextFolding.Fold(WithoutArticle(m.Surface))))
            return false;
        var tokens = ts.Sentence.Tokens;
        var after = m.TokenEnd;
        if (after < tokens.Count && tokens[after].Kind == TokenKind.Possessive)
            after++;
        if (TitleAt(ts, after) is not null)
            return true;
        if (after >= tokens.Count || tokens[after].Kind != TokenKind.Word || !tokens[after].IsLower || after != m.TokenEnd ||
            _placePrepositions.Contains(tokens[after].Key) || tokens[after].Key is "and" or "or" or "of" or "complex" or "grounds" or "walls")
            return false;
        var p = m.TokenStart;
        if (p > 0 && tokens[p - 1].Key == "the")
            p--;
        return p == 0 || (tokens[p - 1].Kind == TokenKind.Punctuation && !TextFolding.IsConnector(tokens[p - 1])) || words.ClauseOpeners.Contains(tokens[p - 1].Key);
    }

    private static bool IsBareHeadWord(Mention m)
    {
        if (m.Kind != EntityKind.Organization || m.Candidates.Length == 0 || m.IsDemonym)
            return false;
        var surface = WithoutArticle(m.Surface);
        var name = m.Candidates[0].Name;
        return !surface.Contains(' ', StringComparison.Ordinal) && !surface.All(c => !char.IsLetter(c) || char.IsUpper(c)) && name.Contains(' ', StringComparison.Ordinal) &&
            name.EndsWith(" " + surface, StringComparison.OrdinalIgnoreCase);
    }

    private static bool NamedInFull(IReadOnlyList<TaggedSentence> sentences, string id) =>
        sentences.Any(ts => ts.Mentions.Any(x => x.Source == MentionSource.Gazetteer && x.Candidates.Length > 0 && x.Candidates[0].Id == id && !IsBareHeadWord(x)));

    // "the Popular Unity Movement (PUM)" ... "PUM said": a defined acronym names the same entity wherever the article uses it.
    private static void LinkAcronyms(IReadOnlyList<TaggedSentence> sentences)
    {
        Dictionary<string, Mention>? defined = null;
        foreach (var ts in sentences)
        {
            foreach (var m in ts.Mentions)
            {
                if (m.AcronymOf is not null && m.EntityId is not null)
                    (defined ??= new(StringComparer.Ordinal)).TryAdd(m.Surface, m);
            }
        }
        if (defined is null)
            return;
        foreach (var ts in sentences)
        {
            var tokens = ts.Sentence.Tokens;
            var added = false;
            for (var k = 0; k < tokens.Count; k++)
            {
                if (!tokens[k].IsAllCaps || !defined.TryGetValue(tokens[k].Text, out var def))
                    continue;
                var covering = ts.Mentions.FindIndex(x => x.TokenStart <= k && x.TokenEnd > k);
                if (covering >= 0)
                {
                    var c = ts.Mentions[covering];
                    // A one-word gazetteer match of the same letters ("PUM" as another body) yields to the article's definition.
                    if (c.TokenStart != k || c.TokenEnd != k + 1 || c.Source != MentionSource.Gazetteer || c.EntityId == def.EntityId)
                        continue;
                    ts.Mentions.RemoveAt(covering);
                }
                ts.Mentions.Add(def with { TokenStart = k, TokenEnd = k + 1, Start = tokens[k].Start, Surface = tokens[k].Text, AcronymOf = null });
                added = true;
            }
            if (added)
                ts.Mentions.Sort((a, b) => a.TokenStart.CompareTo(b.TokenStart));
        }
    }

    private static ArticlePerson Person(Dictionary<string, ArticlePerson> people, string id, string name, int sentence)
    {
        if (!people.TryGetValue(id, out var p))
            people[id] = p = new ArticlePerson(id, name);
        p.FirstSentence = Math.Min(p.FirstSentence, sentence);
        return p;
    }

    private void AddForm(ArticlePerson p, string form)
    {
        var keys = Keys(form);
        if (keys.Length > 0 && !p.Forms.Any(f => f.SequenceEqual(keys)))
            p.Forms.Add(keys);
    }

    private string[] Keys(string phrase) =>
        Tokenizer.Tokenize(phrase).Where(t => t.Kind == TokenKind.Word && !TextFolding.IsConnector(t)).Select(t => _gazetteer.NormalizeKey(t.Key)).ToArray();

    private string[] NameKeys(Mention m) => Keys(m.PatternName ?? m.Surface);

    private static bool IsShortFormOfKnown(Dictionary<string, ArticlePerson> people, string[] keys) =>
        people.Values.Any(p => p.Forms.Any(f => f.Length > keys.Length && EndsWith(f, keys)));

    // A short form is the end of a full form ("Austin", "Gahr Støre"), or its first and last words ("Lloyd Austin").
    private static ArticlePerson? FindByShortForm(Dictionary<string, ArticlePerson> people, string[] keys, int sentence)
    {
        if (keys.Length == 0)
            return null;
        var matches = people.Values.Where(p => p.Forms.Any(f => f.SequenceEqual(keys) || EndsWith(f, keys) ||
            (keys.Length == 2 && f.Length > 2 && f[0] == keys[0] && f[^1] == keys[1]))).ToList();
        if (matches.Count == 0 && keys.Length == 1)
        {
            // "Retno", "Keir": a one-word given name of exactly one person of the article, when no name ends with it.
            var byFirst = people.Values.Where(p => p.Forms.Any(f => f.Length >= 2 && f[0] == keys[0])).Take(2).ToList();
            return byFirst.Count == 1 ? byFirst[0] : null;
        }
        if (matches.Count == 0)
            return null;
        // "Marcos" with President Ferdinand Marcos Jr. and the First Lady Liza Araneta Marcos: the one the gazetteer knows.
        return matches.OrderBy(p => p.FirstSentence <= sentence ? 0 : 1).ThenBy(p => p.Known ? 0 : 1).ThenBy(p => Math.Abs(p.FirstSentence - sentence)).First();
    }

    private static bool EndsWith(string[] full, string[] tail)
    {
        if (tail.Length > full.Length)
            return false;
        // Allow a trailing suffix on the full form: "Austin" ends "Lloyd J. Austin III".
        var f = full.Length;
        if (f > tail.Length && full[f - 1] is "iii" or "ii" or "iv" or "jr" or "sr")
            f--;
        for (var k = 1; k <= tail.Length; k++)
        {
            if (f - k < 0 || full[f - k] != tail[^k])
                return false;
        }
        return true;
    }

    // "Kishida Fumio", "Orbán Viktor": a two-word name written family name first is the gazetteer's "Fumio Kishida"; a
    // longer name whose first and last words are a gazetteer person's name is that person.
    private string? ReversedGazetteerPersonId(string name)
    {
        var parts = name.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length == 2)
            return GazetteerPersonId(parts[1] + " " + parts[0]);
        // "Cyril Matamela Ramaphosa": a middle name the gazetteer's form leaves out.
        return parts.Length >= 3 && parts[^1].Length > 2 ? GazetteerPersonId(parts[0] + " " + parts[^1]) : null;
    }

    private string? GazetteerPersonId(string name)
    {
        var tokens = Tokenizer.Tokenize(name);
        var end = _gazetteer.Entities.LongestMatch(tokens, 0, caseSensitive: false, out var matches);
        return end == tokens.Count ? matches.Select(m => m.Value.Entry).FirstOrDefault(e => e.Kind == EntityKind.Person)?.Id : null;
    }

    private static GazetteerEntry ChooseCandidate(Mention m, HashSet<string> countries)
    {
        if (m.Candidates.Length == 1 || m.IsDemonym)
            return m.Candidates[0];
        var top = m.Candidates[0];
        if (top.Kind != EntityKind.Location)
            return top;
        return m.Candidates.FirstOrDefault(c => c.Kind == EntityKind.Location && c.Country is { } cc && countries.Contains(cc)) ?? top;
    }

    private string PatternId(Mention m)
    {
        var name = WithoutArticle(m.PatternName ?? m.Surface);
        var tokens = Tokenizer.Tokenize(name);
        // "the 59th Munich Security Conference": an edition of an event the gazetteer knows is that event.
        var first = tokens.Count > 1 && m.Kind == EntityKind.Event && IsOrdinal(tokens[0]) ? 1 : 0;
        var end = _gazetteer.Entities.LongestMatch(tokens, first, caseSensitive: false, out var matches);
        if (end == tokens.Count && matches.Select(x => x.Value).FirstOrDefault(v => !v.IsDemonym && v.Entry.Kind == m.Kind) is { } known)
            return known.Entry.Id;
        return EntityKinds.IdPrefix(m.Kind) + ":" + Slug.Of(name);
    }

    // "59th", "3rd", "Third".
    private bool IsOrdinal(Token t) =>
        _gazetteer.Words.OrdinalWords.Contains(t.Key) ||
        (t.Text.Length >= 3 && char.IsAsciiDigit(t.Text[0]) && t.Key[^2..] is "st" or "nd" or "rd" or "th" && t.Key[..^2].All(char.IsAsciiDigit));

    private void ResolveTitles(IReadOnlyList<TaggedSentence> sentences, Dictionary<string, ArticlePerson> people, DateOnly? published)
    {
        if (people.Count == 0)
            return;
        // Roles the article itself states: a title right before a person ("Defense Minister Hulusi Akar").
        var stated = new List<(string Person, string Title, string? Qualifier)>();
        foreach (var ts in sentences)
        {
            foreach (var t in ts.Titles)
            {
                if ((FollowingPerson(ts, t) ?? AppositionPerson(ts, t)) is { } p)
                    stated.Add((p.EntityId!, t.Title.Canonical, Qualifier(ts, t)));
            }
        }
        // How often the article names each person: an ambiguous bare title ("the Foreign Minister") goes to the article's
        // main person among those who hold it.
        var mentionCount = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var ts in sentences)
        {
            foreach (var m in ts.Mentions)
            {
                if (m.Kind == EntityKind.Person && m.EntityId is { } id)
                    mentionCount[id] = mentionCount.GetValueOrDefault(id) + 1;
            }
        }
        // The countries the article or the gazetteer ties each person to.
        var countriesOf = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        foreach (var p in people.Values)
        {
            var set = new HashSet<string>(StringComparer.Ordinal);
            foreach (var x in stated)
            {
                if (x.Person == p.Id && x.Qualifier is not null && _gazetteer.CountryOf(x.Qualifier) is { } c)
                    set.Add(c);
            }
            if (_gazetteer.TryGet(p.Id, out var e) && e.Country is { Length: > 0 } home)
                set.Add(home);
            foreach (var r in _gazetteer.RolesOf(p.Id))
            {
                if ((published is null || r.IsActiveOn(published.Value)) && _gazetteer.CountryOf(r.OrgId) is { } rc)
                    set.Add(rc);
            }
            countriesOf[p.Id] = set;
        }
        foreach (var ts in sentences)
        {
            foreach (var t in ts.Titles)
            {
                if (t.Title.IsHonorific || FollowingPerson(ts, t) is not null || Predicative(ts, t))
                    continue;
                var qualifier = Qualifier(ts, t);
                var qualifierCountry = qualifier is null ? null : _gazetteer.CountryOf(qualifier);
                // Who may hold the title: the article's own role phrases first, then the gazetteer's dated roles. A title
                // qualified by a country ("the Turkish President") never goes to a person the article or the gazetteer
                // ties to another country.
                var ranked = new List<(ArticlePerson Person, int Rank)>();
                foreach (var p in people.Values)
                {
                    var known = countriesOf[p.Id];
                    if (qualifierCountry is not null && known.Count > 0 && !known.Contains(qualifierCountry))
                        continue;
                    // (Loops, not queries: this runs for every person at every title, and the queries' closures and
                    // lists were a good part of the resolver's allocations. The same answers: the tests are pure.)
                    // Within a rank, a holder of the very title ("the President": President X) before the holder of a
                    // longer or qualified title it heads ("Senate President Y").
                    bool exactStated = false, looseStated = false, sameTitle = false;
                    foreach (var x in stated)
                    {
                        if (x.Person != p.Id || !TitleFits(t.Title, x.Title))
                            continue;
                        exactStated |= qualifier is not null && x.Qualifier is not null && QualifierFits(qualifier, x.Qualifier);
                        looseStated |= qualifier is null || x.Qualifier is null;
                        sameTitle |= string.Equals(x.Title, t.Title.Canonical, StringComparison.OrdinalIgnoreCase) && (qualifier is not null || x.Qualifier is null);
                    }
                    bool exactRole = false, looseRole = false;
                    foreach (var r in _gazetteer.RolesOf(p.Id))
                    {
                        if ((published is not null && !r.IsActiveOn(published.Value)) || !TitleFits(t.Title, _gazetteer.CanonicalTitle(r.Title)))
                            continue;
                        exactRole |= qualifier is not null && QualifierFits(qualifier, r.OrgId);
                        looseRole |= qualifier is null;
                        sameTitle |= string.Equals(_gazetteer.CanonicalTitle(r.Title), t.Title.Canonical, StringComparison.OrdinalIgnoreCase);
                    }
                    var rank = exactStated ? 0 : exactRole ? 1 : looseStated ? 2 : looseRole ? 3 : -1;
                    if (rank >= 0)
                        ranked.Add((p, 2 * rank + (sameTitle ? 0 : 1)));
                }
                if (ranked.Count == 0)
                    continue;
                // "Prince Faisal, Minister of Foreign Affairs,": a title in apposition belongs to its person.
                // A title in apposition to a person the article does not give that title to still describes that person,
                // never another holder of it.
                var apposition = AppositionPerson(ts, t);
                if ((apposition ?? DescribedPerson(ts, t)) is { } appositive)
                {
                    if (ranked.FirstOrDefault(r => r.Person.Id == appositive.EntityId) is not { Person: not null } own)
                        continue;
                    ranked = [(own.Person, -1)];
                }
                var best = ranked.Min(r => r.Rank);
                var holders = ranked.Where(r => r.Rank == best).Select(r => r.Person).ToList();
                // A person named in the same sentence is rarely also its title ("the Minister received ... Hakan Fidan").
                var holder = holders.Count == 1 ? holders[0] : holders
                    .OrderBy(p => ts.Mentions.Any(m => m.EntityId == p.Id && m.Source != MentionSource.TitleOnly) ? 1 : 0)
                    .ThenBy(p => p.FirstSentence <= ts.Sentence.Index ? 0 : 1)
                    .ThenByDescending(p => mentionCount.GetValueOrDefault(p.Id))
                    .ThenBy(p => p.FirstSentence).First();
                var start = t.TokenStart;
                if (start > 0 && ts.Sentence.Tokens[start - 1].Key == "the")
                    start--;
                var surfaceStart = start;
                if (QualifierMention(ts, t) is { } qm && qm.TokenStart < surfaceStart)
                    surfaceStart = qm.TokenStart;
                var surfaceEnd = t.TokenEnd;
                if (OfQualifier(ts, t) is { } after)
                    surfaceEnd = after.TokenEnd;
                // A title with its own portfolio before the name it stands beside covers the portfolio too, so that a list
                // reads on past it ("A, and the Minister of Budget and National Planning, B").
                var tokenEnd = t.TokenEnd;
                if (apposition is { } named && named.TokenStart > t.TokenStart && PortfolioEnd(ts.Sentence.Tokens, surfaceEnd) is var pe && pe > surfaceEnd)
                    tokenEnd = surfaceEnd = pe;
                if (ts.Mentions.Any(m => m.TokenStart < tokenEnd && m.TokenEnd > start && !(m.TokenEnd <= t.TokenStart)))
                    continue;
                ts.Mentions.Add(new Mention
                {
                    TokenStart = start,
                    TokenEnd = tokenEnd,
                    Start = ts.Sentence.Tokens[start].Start,
                    Surface = EntityTagger.SpanText(ts.Sentence, surfaceStart, surfaceEnd),
                    Kind = EntityKind.Person,
                    Source = MentionSource.TitleOnly,
                    Title = t.Title,
                    QualifierId = qualifier,
                    EntityId = holder.Id,
                });
            }
            ts.Mentions.Sort((a, b) => a.TokenStart.CompareTo(b.TokenStart));
        }
    }


    // A generic leader title ("leader", "chief") fits any leading role; otherwise the canonical titles must agree.
    private bool TitleFits(TitleEntry used, string heldCanonical)
    {
        if (string.Equals(used.Canonical, heldCanonical, StringComparison.OrdinalIgnoreCase))
            return true;
        if (used.Kind == "leader")
            return _gazetteer.TitleOf(heldCanonical) is { IsLeader: true };
        // "the Minister" for the Foreign Minister: a one-word title is the head of the longer titles of its kind, but not
        // of a deputy's ("Deputy Minister", "Vice President").
        if (!used.Canonical.Contains(' ', StringComparison.Ordinal) && _gazetteer.TitleOf(heldCanonical) is { } held && held.Kind == used.Kind)
        {
            var words = heldCanonical.Split(' ');
            var of = Array.FindIndex(words, w => w is "of" or "for" or "to");
            var head = of > 0 ? words[of - 1] : words[^1];
            return string.Equals(head, used.Canonical, StringComparison.OrdinalIgnoreCase) &&
                words[0] is not ("Vice" or "Deputy" or "Assistant" or "Acting" or "Under" or "Prime" or "First" or "Junior" or "Interim" or "Associate");
        }
        return false;
    }

    /// <summary>
    /// True when the words before a title, past its qualifier and article, make it predicative ("who served as Prime
    /// Minister of the United Kingdom", "FORMER BRITISH PRIME MINISTER"): it then names no current holder.
    /// </summary>
    private bool Predicative(TaggedSentence ts, TitleMention t)
    {
        var k = t.TokenStart - 1;
        while (k >= 0 && CountryOrOrganisationEndingAt(ts.Mentions, k + 1) is { } q)
            k = q.TokenStart - 1;
        // "a rare audience for a British opposition leader": an indefinite title (past its qualifier and a lower-case word
        // or two) is a kind of person, not someone the article has named.
        var j = k;
        for (var steps = 0; j >= 0 && steps < 3; steps++)
        {
            if (ts.Sentence.Tokens[j].Key is "a" or "an")
                return true;
            if (CountryOrOrganisationEndingAt(ts.Mentions, j + 1) is { } q)
                j = q.TokenStart - 1;
            else if (ts.Sentence.Tokens[j] is { Kind: TokenKind.Word, IsCapitalized: false })
                j--;
            else
                break;
        }
        if (k >= 0 && ts.Sentence.Tokens[k].Key is "the" or "a" or "an")
            k--;
        return k >= 0 && _gazetteer.Words.Predicatives.Contains(ts.Sentence.Tokens[k].Key);
    }

    private bool QualifierFits(string qualifier, string orgId)
    {
        if (qualifier == orgId)
            return true;
        // "Norwegian Prime Minister": the role's organisation is Norway or a Norwegian body.
        if (!_gazetteer.TryGet(qualifier, out var q))
            return false;
        if (q.Kind == EntityKind.Country)
            return _gazetteer.CountryOf(orgId) == q.Country;
        // "the Kremlin leader": a seat of government stands for the government of its country.
        return q.Kind == EntityKind.Location && q.Subkind == "venue" && orgId.StartsWith("country:", StringComparison.Ordinal) &&
            _gazetteer.CountryOf(qualifier) is { } seat && seat == _gazetteer.CountryOf(orgId);
    }

    private static Mention? FollowingPerson(TaggedSentence ts, TitleMention t)
    {
        var j = t.TokenEnd;
        if (OfQualifier(ts, t) is { } of)
            j = of.TokenEnd;
        // "External Affairs Minister Dr. S. Jaishankar": an honorific between the title and the name belongs to the name.
        while (TitleAt(ts, j, honorificOnly: true) is { } honorific)
        {
            j = honorific.TokenEnd;
            if (j < ts.Sentence.Tokens.Count && ts.Sentence.Tokens[j].Text == ".")
                j++;
        }
        return NamedPersonAt(ts, j);
    }

    // "Prince Faisal bin Farhan, Minister of Foreign Affairs," and "the Minister of Agriculture, Abubakar Kyari,": the person
    // on the other side of the comma.
    private static Mention? AppositionPerson(TaggedSentence ts, TitleMention t)
    {
        var tokens = ts.Sentence.Tokens;
        var end = t.TokenEnd;
        if (OfQualifier(ts, t) is { } of)
            end = of.TokenEnd;
        end = PortfolioEnd(tokens, end);
        // "the Secretary-General of the Gulf Cooperation Council (GCC), Jasem ...": skip an acronym in brackets.
        if (end + 2 < tokens.Count && tokens[end].Text == "(" && tokens[end + 2].Text == ")")
            end += 3;
        // "the Minister of Foreign Affairs, Ambassador Mauro Vieira,": a second title before the name is part of it.
        var name = end + 1;
        if (end < tokens.Count && tokens[end].Text == "," && TitleAt(ts, name) is { } second)
        {
            name = second.TokenEnd;
            if (name < tokens.Count && tokens[name].Text == ".")
                name++;
        }
        if (end + 1 < tokens.Count && tokens[end].Text == "," &&
            NamedPersonAt(ts, name) is { } after &&
            (after.TokenEnd >= tokens.Count || tokens[after.TokenEnd].Kind == TokenKind.Punctuation))
            return after;
        var k = t.TokenStart;
        while (k > 0)
        {
            if (CountryOrOrganisationEndingAt(ts.Mentions, k) is { } q)
                k = q.TokenStart;
            else if (tokens[k - 1].Key is "the" or "a" or "new" or "former" || tokens[k - 1].Kind == TokenKind.Possessive)
                k--;
            else
                break;
        }
        if (k < 2 || tokens[k - 1].Text != ",")
            return null;
        // An appositive is closed: "X, the Chairperson, said", not "At the invitation of X, the Chairperson paid".
        var close = end;
        // "the Chair of the Board,", "the Ambassador to Japan,": the title's complement belongs to the appositive.
        if (close + 1 < tokens.Count && tokens[close].Key is "of" or "to" or "in" or "at" or "for" or "on")
        {
            var c = close + 1;
            if (c < tokens.Count && tokens[c].Key == "the")
                c++;
            var words = 0;
            while (c < tokens.Count && (tokens[c].IsCapitalized || (words > 0 && tokens[c].Key is "of" or "and" or "the" or "for")))
            {
                c++;
                words++;
            }
            if (words > 0)
                close = c;
        }
        if (close < tokens.Count && !(tokens[close].Kind == TokenKind.Punctuation && !TextFolding.IsConnector(tokens[close])))
            return null;
        return NamedPersonEndingAt(ts, k - 1);
    }

    // "Zhao Leji, chairman of the Standing Committee of the National People's Congress": a title with its complement right
    // after a name and a comma describes that name, even when the complement does not end at a comma.
    private static Mention? DescribedPerson(TaggedSentence ts, TitleMention t)
    {
        var tokens = ts.Sentence.Tokens;
        if (t.TokenEnd >= tokens.Count || tokens[t.TokenEnd].Key is not ("of" or "for" or "to"))
            return null;
        var k = t.TokenStart;
        if (k > 0 && tokens[k - 1].Key is "the" or "a" or "an")
            k--;
        if (k < 2 || tokens[k - 1].Text != ",")
            return null;
        return NamedPersonEndingAt(ts, k - 1);
    }

    // "the Minister of Budget and National Planning, Atiku Bagudu": a portfolio the title list lacks, up to a comma, is part
    // of the title. Returns where the title ends.
    private static int PortfolioEnd(IReadOnlyList<Token> tokens, int end)
    {
        var c = end + 1;
        if (c < tokens.Count && tokens[c].Key == "the")
            c++;
        if (c >= tokens.Count || tokens[end].Key is not ("of" or "for") || !tokens[c].IsCapitalized)
            return end;
        while (c < tokens.Count && (tokens[c].IsCapitalized || tokens[c].Key is "and" or "of" or "the" or "for" or "&"))
            c++;
        return c < tokens.Count && tokens[c].Text == "," ? c : end;
    }

    // A person the tagger named (not a title standing for one) starting, or ending, at a token. (These mention searches
    // are loops rather than FirstOrDefault with a capturing lambda: they run for every title, and each call allocated a
    // closure and a delegate.)
    private static Mention? NamedPersonAt(TaggedSentence ts, int start)
    {
        foreach (var m in ts.Mentions)
        {
            if (m.TokenStart == start && m.Kind == EntityKind.Person && m.Source != MentionSource.TitleOnly && m.EntityId is not null)
                return m;
        }
        return null;
    }

    private static Mention? NamedPersonEndingAt(TaggedSentence ts, int end)
    {
        foreach (var m in ts.Mentions)
        {
            if (m.TokenEnd == end && m.Kind == EntityKind.Person && m.Source != MentionSource.TitleOnly && m.EntityId is not null)
                return m;
        }
        return null;
    }

    // The first title (honorific, when asked) that starts at a token.
    private static TitleMention? TitleAt(TaggedSentence ts, int start, bool honorificOnly = false)
    {
        foreach (var t in ts.Titles)
        {
            if (t.TokenStart == start && (!honorificOnly || t.Title.IsHonorific))
                return t;
        }
        return null;
    }

    // The first country or organisation mention that ends at a token.
    private static Mention? CountryOrOrganisationEndingAt(List<Mention> mentions, int end)
    {
        foreach (var m in mentions)
        {
            if (m.TokenEnd == end && m.Kind is EntityKind.Country or EntityKind.Organization)
                return m;
        }
        return null;
    }

    private static Mention? OfQualifier(TaggedSentence ts, TitleMention t)
    {
        var tokens = ts.Sentence.Tokens;
        var j = t.TokenEnd;
        if (j < tokens.Count && tokens[j].Key == "of")
        {
            if (j + 1 < tokens.Count && tokens[j + 1].Key == "the")
                j++;
            foreach (var m in ts.Mentions)
            {
                if (m.TokenStart == j + 1 && !m.IsDemonym && m.Kind is EntityKind.Country or EntityKind.Organization)
                    return m;
            }
        }
        return null;
    }

    private static Mention? QualifierMention(TaggedSentence ts, TitleMention t)
    {
        var tokens = ts.Sentence.Tokens;
        var j = t.TokenStart;
        if (j > 0 && tokens[j - 1].Kind == TokenKind.Possessive)
            j--;
        // "the Kremlin leader", "the Elysee spokesman": a venue of government before the title qualifies it too.
        foreach (var m in ts.Mentions)
        {
            if (m.TokenEnd == j && m.Kind is EntityKind.Country or EntityKind.Organization or EntityKind.Location)
                return m;
        }
        return null;
    }

    private static string? Qualifier(TaggedSentence ts, TitleMention t) =>
        (QualifierMention(ts, t) ?? OfQualifier(ts, t)) is { } m
            ? m is { Source: MentionSource.Pattern, Candidates: [{ Kind: EntityKind.Location } seat, ..] } ? seat.Id
            : m.EntityId ?? (m.Candidates.Length > 0 ? m.Candidates[0].Id : null)
            : null;
}
