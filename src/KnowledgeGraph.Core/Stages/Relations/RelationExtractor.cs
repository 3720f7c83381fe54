using System.Collections.Immutable;
using KnowledgeGraph.Core.Entities;
using KnowledgeGraph.Core.Relations;
using KnowledgeGraph.Core.Stages.Events;
using KnowledgeGraph.Core.Stages.Tagging;
using KnowledgeGraph.Core.Text;
using KnowledgeGraph.Core.Text.Dates;

namespace KnowledgeGraph.Core.Stages.Relations;

/// <summary>Finds the date a sentence gives, resolved against the article date; null when it gives none.</summary>
/// <param name="sentence">The sentence text.</param>
/// <param name="published">The article date, when known.</param>
public delegate DateOnly? SentenceDateFinder(string sentence, DateOnly? published);

/// <summary>What the relation rules found in one article part: facts, and which places the text puts inside which.</summary>
/// <param name="Facts">One fact per rule match.</param>
/// <param name="Containment">(inner, outer) place ids: "NATO headquarters, Brussels", "the Office of the President in Kyiv".</param>
public sealed record ExtractionResult(List<RelationFact> Facts, List<(string Inner, string Outer)> Containment);

/// <summary>
/// Applies the relation rules to the resolved sentences of an article. First the role phrases, which also become one
/// person each ("NATO Secretary General Jens Stoltenberg"); then block rules; then meetings, visits and memberships;
/// every fact gets the sentence's date and, for meetings, the sentence's most specific place.
/// Input: resolved <see cref="TaggedSentence"/>s. Output: <see cref="ExtractionResult"/>. Requires: <see cref="Resolution.MentionResolver"/>.
/// </summary>
public sealed class RelationExtractor
{
    // Each thread's items of the sentence it is extracting from (one sentence at a time per thread: ExtractSentence
    // does not call itself, and nothing it returns holds an item).
    [ThreadStatic]
    private static ItemPool? _itemPool;

    private readonly RuleSet _rules;
    private readonly Gazetteer _gazetteer;
    private readonly SentenceDateFinder _dates;

    /// <summary>Creates an extractor.</summary>
    public RelationExtractor(RuleSet rules, Gazetteer gazetteer, SentenceDateFinder dates)
    {
        ArgumentNullException.ThrowIfNull(rules);
        ArgumentNullException.ThrowIfNull(gazetteer);
        ArgumentNullException.ThrowIfNull(dates);
        _rules = rules;
        _gazetteer = gazetteer;
        _dates = dates;
        _normalizeKey = gazetteer.NormalizeKey;
        _normalizeKeyId = gazetteer.NormalizeKeyId;
        var phrases = PhraseIndexes.GetValue(rules, static r => [new(r.PairPhrases), new(r.SeparatePhrases), new(r.PastPhrases), new(r.SameDayPhrases), new(r.NextDayPhrases)]);
        (_pairPhrases, _separatePhrases, _pastPhrases, _sameDayPhrases, _nextDayPhrases) = (phrases[0], phrases[1], phrases[2], phrases[3], phrases[4]);
    }

    // The phrase lists a sentence is checked against, by first word (see PhraseIndex), made once per rule set: the
    // pipeline makes an extractor per document when it times its stages (the benchmark).
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<RuleSet, PhraseIndex[]> PhraseIndexes = new();
    private readonly PhraseIndex _pairPhrases;
    private readonly PhraseIndex _separatePhrases;
    private readonly PhraseIndex _pastPhrases;
    private readonly PhraseIndex _sameDayPhrases;
    private readonly PhraseIndex _nextDayPhrases;

    // The gazetteer's spelling map as delegates, made once (a method group passed per sentence is a new delegate each time).
    private readonly Func<string, string> _normalizeKey;
    private readonly Func<int, int> _normalizeKeyId;

    /// <summary>Extracts the facts of one article part.</summary>
    /// <param name="documentId">The document.</param>
    /// <param name="sentences">Its resolved sentences.</param>
    /// <param name="published">The article date, when known.</param>
    /// <param name="text">The part's text, to tell paragraphs apart (blank lines); null treats it as one paragraph.</param>
    public ExtractionResult Extract(string documentId, IReadOnlyList<TaggedSentence> sentences, DateOnly? published, string? text = null)
    {
        ArgumentNullException.ThrowIfNull(sentences);
        var facts = new List<RelationFact>();
        var meetings = new List<MeetingMention>();
        var containment = new List<(string, string)>();
        var personCounts = new Dictionary<string, (int Count, int First)>(StringComparer.Ordinal);
        string? lastSubject = null;
        string? author = null;
        var paragraph = 0;
        var previousEnd = -1;
        var dateline = DatelinePlace(sentences, published);
        // An article without a date of its own may still say its year ("Tuesday, 21 January" in a text about "the 2014
        // session"): its days and months are then in that year.
        var narrativeYear = published is null && text is not null ? ArticleDateFinder.YearOfNarrative(text) : null;
        var setting = new NarrativeSetting(published, dateline, dateline is null ? -1 : _gazetteer.PlaceRank(dateline));
        // The country of the dateline: the government a bare national title ("the Minister of Agriculture, X") serves.
        var homeCountry = dateline is null ? null : CountryIdOf(dateline);
        string? sectionCountry = null;
        var previousPeople = new List<string>();
        // The people named so far by their family name ("Joe Biden", "first lady Jill Biden"): "the Bidens" is them.
        var families = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        // The venues named so far by their head noun ("the National Palace"): "the palace" is the latest of them.
        var venues = new Dictionary<string, string>(StringComparer.Ordinal);
        string[]? previousPair = null;
        var previousParagraph = -1;
        foreach (var ts in sentences)
        {
            if (text is not null && previousEnd >= 0 && IsParagraphBreak(text, previousEnd, ts.Sentence.Start))
                paragraph++;
            previousEnd = ts.Sentence.Start + ts.Sentence.Text.Length;
            var subject = ts.Mentions.FirstOrDefault(m => m.Kind == EntityKind.Person && m.EntityId is not null)?.EntityId;
            // A person counts once a sentence: a title beside the name ("the Minister for Foreign Affairs of Ukraine,
            // Dmytro Kuleba") is not a second mention of them.
            // (In mention order, each id at its first mention: the counts' insertion order breaks ties in TopTwo.)
            for (var j = 0; j < ts.Mentions.Count; j++)
            {
                var m = ts.Mentions[j];
                if (m.Kind != EntityKind.Person || m.EntityId is null || PersonNamedBefore(ts.Mentions, j))
                    continue;
                personCounts.TryGetValue(m.EntityId, out var c);
                personCounts[m.EntityId] = (c.Count + 1, c.Count == 0 ? ts.Sentence.Index : c.First);
            }
            var pair = TopTwo(personCounts);
            var before = meetings.Count;
            // The author of a first-person readout is the first person it names (its header or signature).
            author ??= ts.Mentions.FirstOrDefault(m => m.Kind == EntityKind.Person && m.EntityId is not null && !m.IsDemonym && m.Source != MentionSource.TitleOnly)?.EntityId;
            // A heading that is only a place ("Mongolia", "KENYA") opens a section set in its country: a bare national
            // title in it ("President X") serves that country, not the dateline's.
            if (PlaceHeading(ts) is { } heading)
                sectionCountry = CountryIdOf(heading);
            else if (ts.Sentence.IsHeadline)
                sectionCountry = null;
            // "Then came Joe Biden. The two met ...": within a paragraph, "the two" are the people just named — the first
            // two of the sentence before, or its one person and the article's main person — rather than the two the
            // article names most; a sentence that itself spoke of "the two" hands its pair on ("They met again ...").
            if (previousParagraph != paragraph)
                (previousPeople, previousPair) = ([], null);
            string[]? recentPair = previousPair ?? (previousPeople.Count >= 2 ? [previousPeople[0], previousPeople[1]]
                : previousPeople.Count == 1 && pair.Length >= 1 && pair[0] != previousPeople[0] ? [pair[0], previousPeople[0]] : null);
            var (placeId, placeRank, date, statedPair, destination, pastPhrase, retells) = ExtractSentence(documentId, ts, published, pair.Length == 2 ? pair : null, lastSubject, author, paragraph, facts, meetings, containment, sectionCountry ?? homeCountry, recentPair, narrativeYear, families, venues);
            NoteFamilies(ts, families);
            NoteVenues(ts, venues, _gazetteer.Words.VenueNouns);
            // The people the sentence names, each once, in order (no list when none: most sentences).
            List<string>? named = null;
            string? reporter = null;
            foreach (var m in ts.Mentions)
            {
                if (m is { Kind: EntityKind.Person, EntityId: { } id } && ReportingSpokesperson(ts.Sentence.Tokens, m.TokenStart, m.TokenEnd))
                    reporter = id;
            }
            foreach (var m in ts.Mentions)
            {
                // A spokesman who reports ("The Kremlin spokesman, Dmitry Peskov, confirmed ...") is not one of "the two"
                // the next sentence may speak of.
                if (m is { Kind: EntityKind.Person, EntityId: { } id, IsDemonym: false } && !(named?.Contains(id) ?? false) && id != reporter)
                    (named ??= []).Add(id);
            }
            if (named is not null)
                previousPeople = named;
            previousPair = statedPair;
            previousParagraph = paragraph;
            // What the sentence does not say, its paragraph, its section or the article's dateline may
            // ("X arrived in Oslo on Monday. He met Y." — Oslo, Monday).
            setting.Observe(paragraph, ts.Sentence.IsHeadline, date, placeId, placeRank, dateLine: ts.Sentence.Tokens.Count <= 6 && ts.Mentions.Count == 0, past: pastPhrase);
            for (var k = before; k < meetings.Count; k++)
                meetings[k] = setting.Fill(meetings[k]);
            // "According to the spokesperson, the talks covered Gaza": a sentence that tells more of an occasion without a
            // date of its own brings the story back to the day it is at.
            if (retells)
                setting.Retell(paragraph);
            // "... before departing for Daura": what the story tells next happens there.
            if (destination is not null)
                setting.MoveTo(paragraph, destination, _gazetteer.PlaceRank(destination));
            lastSubject = subject ?? lastSubject;
        }
        var inside = containment.ToHashSet();
        bool Compatible(string p, string q) => _gazetteer.PlacesCompatible(p, q, (i, o) => inside.Contains((i, o)));
        var linker = new MeetingLinker(MeetingWindow, Compatible);
        var linked = linker.Link(meetings);
        facts.AddRange(MeetingLinker.Facts(documentId, linked));
        // Companions travel with the person they accompany: they visited what that person visited. Whether a place was
        // away from home is the travelling person's to decide (the companions' own homes are often unknown).
        var trips = facts.Where(f => f.Kind == RelationKind.Visited).ToLookup(f => f.SubjectId, StringComparer.Ordinal);
        foreach (var c in meetings.Where(m => m.Accompanies is not null))
        {
            // The trip of the day they came with the person; an undated trip ("Kim's first trip to Russia", years ago) only
            // when the companions' own sentence gives no day either.
            foreach (var trip in trips[c.Accompanies!].Where(t => t.Date == c.Date).ToList())
            {
                foreach (var p in c.Participants)
                    facts.Add(trip with { SubjectId = p, Evidence = c.Evidence, Rule = c.Rule, VisitorId = trip.OnlyIfAway ? c.Accompanies : null });
            }
            // And the places of the meetings of the person they accompany that the linker seated them at ("accompanied on
            // the trip by two ministers ... paid a courtesy call on the Emir"); when none of those says a place, of every
            // meeting of that person that day. A host's entourage in the host's capital is at home: not away.
            var ofDay = linked.Where(x => x.PlaceId is not null && x.Has(c.Accompanies!) && x.Date == c.Date).ToList();
            var seated = ofDay.Where(x => c.Participants.Any(x.Has)).ToList();
            foreach (var x in seated.Count > 0 ? seated : ofDay)
            {
                foreach (var p in c.Participants)
                {
                    facts.Add(new RelationFact
                    {
                        Kind = RelationKind.Visited,
                        SubjectId = p,
                        ObjectId = x.PlaceId!,
                        DocumentId = documentId,
                        SentenceIndex = c.Sentence,
                        Evidence = c.Evidence,
                        Rule = c.Rule,
                        Date = x.Date,
                        OnlyIfAway = true,
                        VisitorId = c.Accompanies,
                    });
                }
            }
        }
        return new ExtractionResult(facts, containment);
    }

    /// <summary>
    /// The (at most) two people named most so far, the one named first before the other among equals, and the earlier
    /// counted among full ties: what ordering by count, then by first sentence, would put first, without sorting every
    /// sentence.
    /// </summary>
    internal static string[] TopTwo(Dictionary<string, (int Count, int First)> counts)
    {
        static bool Before((int Count, int First) x, (int Count, int First) y) => x.Count > y.Count || (x.Count == y.Count && x.First < y.First);
        string? first = null, second = null;
        (int Count, int First) a = default, b = default;
        foreach (var (key, value) in counts)
        {
            if (first is null || Before(value, a))
            {
                (second, b) = (first, a);
                (first, a) = (key, value);
            }
            else if (second is null || Before(value, b))
            {
                (second, b) = (key, value);
            }
        }
        return first is null ? [] : second is null ? [first] : [first, second];
    }

    // True when a person mention before index j has the same id as the one at j.
    private static bool PersonNamedBefore(List<Mention> mentions, int j)
    {
        for (var k = 0; k < j; k++)
        {
            if (mentions[k].Kind == EntityKind.Person && mentions[k].EntityId == mentions[j].EntityId)
                return true;
        }
        return false;
    }

    /// <summary>The place a line names and nothing else ("Mongolia", "SOUTH AFRICA"): a section heading.</summary>
    private static string? PlaceHeading(TaggedSentence ts)
    {
        if (ts.Mentions is not [{ IsDemonym: false, EntityId: { } id, Kind: EntityKind.Country or EntityKind.Location, TokenStart: 0 } only])
            return null;
        for (var i = only.TokenEnd; i < ts.Sentence.Tokens.Count; i++)
        {
            if (ts.Sentence.Tokens[i].Kind == TokenKind.Word)
                return null;
        }
        return ts.Sentence.Text.TrimEnd().EndsWith('.') ? null : id;
    }

    /// <summary>How many sentences back "the meeting" or "also attended" may reach.</summary>
    public const int MeetingWindow = 4;

    /// <summary>
    /// The place of the article's dateline ("ABUJA, 28 May 2024 -", "Palenque, Chiapas, October 18, 2021 -"): a place at
    /// the very start of one of the first sentences, followed by punctuation, in a sentence that gives a date.
    /// </summary>
    private string? DatelinePlace(IReadOnlyList<TaggedSentence> sentences, DateOnly? published)
    {
        foreach (var ts in sentences.Take(12))
        {
            if (ts.Mentions.FirstOrDefault() is { TokenStart: 0, IsDemonym: false, EntityId: { } id, Kind: EntityKind.Location or EntityKind.Country } m &&
                m.TokenEnd < ts.Sentence.Tokens.Count && ts.Sentence.Tokens[m.TokenEnd].Text is "," or "-" or "—" or "–" or "|" &&
                _dates(ts.Sentence.Text, published) is not null)
                return id;
        }
        return null;
    }

    // The first day and month a sentence writes, in the given year unless it states its own: resolved against the year's
    // last day, a day and month keep its year.
    private static DateOnly? InYear(string sentence, int year)
    {
        var endOfYear = new DateOnly(year, 12, 31);
        foreach (var e in DateExpressionFinder.Find(sentence))
        {
            // (29 February of a year without one is no date, not the year before's.)
            if (e is { Month: { } month, Day: { } day } && (e.Year is not null || day <= DateTime.DaysInMonth(year, month)) && e.Resolve(endOfYear) is { } d)
                return d;
        }
        return null;
    }

    private static bool IsParagraphBreak(string text, int from, int to)
    {
        var newlines = 0;
        for (var i = Math.Max(0, from); i < to && i < text.Length; i++)
        {
            if (text[i] == '\n' && ++newlines >= 2)
                return true;
        }
        return false;
    }

    /// <summary>Files the people a sentence names by full name ("Jill Biden") under their family name ("biden").</summary>
    internal static void NoteFamilies(TaggedSentence ts, Dictionary<string, List<string>> families)
    {
        foreach (var m in ts.Mentions)
        {
            if (m is not { Kind: EntityKind.Person, EntityId: { } id, IsDemonym: false } || m.Source == MentionSource.TitleOnly || m.TokenEnd - m.TokenStart < 2)
                continue;
            var last = ts.Sentence.Tokens[m.TokenEnd - 1];
            if (last.Kind != TokenKind.Word || last.Text.Length < 2 || !char.IsUpper(last.Text[0]))
                continue;
            if (!families.TryGetValue(last.Key, out var ids))
                families[last.Key] = ids = [];
            if (!ids.Contains(id))
                ids.Add(id);
        }
    }

    /// <summary>Files the places a sentence names under the venue noun that ends their name ("National Palace": "palace").</summary>
    internal static void NoteVenues(TaggedSentence ts, Dictionary<string, string> venues, IReadOnlySet<string> venueNouns)
    {
        foreach (var m in ts.Mentions)
        {
            if (m is not { Kind: EntityKind.Location, EntityId: { } id, IsDemonym: false } || m.TokenEnd - m.TokenStart < 2)
                continue;
            var head = ts.Sentence.Tokens[m.TokenEnd - 1].Key;
            if (venueNouns.Contains(head))
                venues[head] = id;
        }
    }

    /// <summary>
    /// "a dinner at the palace": "the" and a venue noun, not followed by "of", stand for the latest venue of that kind the
    /// article has named ("the National Palace"), as a place item.
    /// </summary>
    internal static void JoinVenues(List<Item> items, IReadOnlyDictionary<string, string>? venues)
    {
        if (venues is null || venues.Count == 0)
            return;
        for (var k = 0; k + 1 < items.Count; k++)
        {
            if (items[k].Token is not { Key: "the" } || items[k + 1].Token is not { Kind: TokenKind.Word } noun || !venues.TryGetValue(noun.Key, out var id) ||
                (k + 2 < items.Count && items[k + 2].Token is { Key: "of" }))
                continue;
            items.ReplaceRange(k, k + 2, Item.Place(items[k], items[k + 1], id));
        }
    }

    /// <summary>
    /// "hosted the Bidens and the Trudeaus": "the" and a family name in the plural stand for the people of that family the
    /// article has named (the couple), as one item of several people.
    /// </summary>
    internal static void JoinFamilies(List<Item> items, IReadOnlyDictionary<string, List<string>>? families)
    {
        if (families is null || families.Count == 0)
            return;
        for (var k = 0; k + 1 < items.Count; k++)
        {
            if (items[k].Token is not { Key: "the" } || items[k + 1].Token is not { Kind: TokenKind.Word, Text: [var initial, .., 's'] } plural || !char.IsUpper(initial))
                continue;
            var key = plural.Key;
            var ids = families.GetValueOrDefault(key[..^1]) ?? (key.EndsWith("es", StringComparison.Ordinal) ? families.GetValueOrDefault(key[..^2]) : null);
            if (ids is null)
                continue;
            items.ReplaceRange(k, k + 2, Item.Group(items[k].TokenStart, items[k + 1].TokenEnd, ids));
        }
    }

    private (string? PlaceId, int PlaceRank, DateOnly? Date, string[]? StatedPair, string? Destination, bool Past, bool Retells) ExtractSentence(string doc, TaggedSentence ts, DateOnly? published, string[]? pair, string? previousSubject, string? author, int paragraph, List<RelationFact> facts, List<MeetingMention> meetings, List<(string, string)> containment, string? homeCountry = null, string[]? recentPair = null, int? narrativeYear = null, IReadOnlyDictionary<string, List<string>>? families = null, IReadOnlyDictionary<string, string>? venues = null)
    {
        // The items live only as long as this call: the thread's pool takes them back at its next sentence.
        var items = Item.Build(ts, _normalizeKey, _normalizeKeyId, _itemPool ??= new ItemPool());
        JoinFamilies(items, families);
        JoinVenues(items, venues);
        // (The thread's arrays, like the items: the words are read only within this call.)
        var keys = _rules.Vocabulary.OfReused(ts.Sentence.Tokens, _normalizeKey, _normalizeKeyId);
        // "he"/"she" is the subject: the first person earlier in the sentence, else the previous sentence's first person.
        for (var k = 0; k < items.Count; k++)
        {
            if (items[k].Token is { Key: var word } pronoun && _rules.Pronouns.Contains(word))
            {
                var antecedent = items.Take(k).FirstOrDefault(x => x.PersonIds is { Count: 1 })?.PersonIds![0] ?? previousSubject;
                if (antecedent is not null)
                    items[k] = Item.Chunk(items[k].TokenStart, items[k].TokenEnd, antecedent, pronoun: true);
            }
            // "I met the Prime Minister of Tonga": in a first-person readout, outside quotation marks, "I" is the author,
            // the first person the article names.
            else if (items[k].Token is { Key: var key, Text: [var initial, ..] } && char.IsUpper(initial) && _rules.FirstPerson.Contains(key) &&
                author is not null && !Quoted(ts.Sentence.Text))
            {
                items[k] = Item.Chunk(items[k].TokenStart, items[k].TokenEnd, author, pronoun: true);
            }
        }
        var date = _dates(ts.Sentence.Text, published) ?? (narrativeYear is { } year ? InYear(ts.Sentence.Text, year) : null);
        var evidence = ts.Sentence.Text;
        RelationFact Fact(RelationKind kind, string s, string o, RelationRule rule) => FactOf(kind, s, o, rule.Source);
        RelationFact FactOf(RelationKind kind, string s, string o, string source) => new()
        {
            Kind = kind,
            SubjectId = s,
            ObjectId = o,
            DocumentId = doc,
            SentenceIndex = ts.Sentence.Index,
            Evidence = evidence,
            Rule = source,
            Date = date,
        };

        // "H.E. João Lourenço", "Datuk Seri Dr Ahmad Zahid": honorifics name the person but state no position; they join
        // the person's phrase, so that a role phrase around them ("the President of Angola, H.E. X") still matches.
        for (var k = items.Count - 2; k >= 0; k--)
        {
            if (items[k].Title is { Title.IsHonorific: true } && items[k + 1].PersonIds is [var honoured])
                items.ReplaceRange(k, k + 2, Item.Chunk(items[k].TokenStart, items[k + 1].TokenEnd, honoured));
        }
        // "Zelenskyy's wife, Olena Zelenska": the spouse is the person named; the other is only whose spouse she is.
        // ("wife" may already stand for her: a relational title the resolver gave to the person it names.)
        for (var k = items.Count - 4; k >= 0; k--)
        {
            if (items[k].PersonIds is not [var whose] || items[k + 1].Token is not { Key: "'s" or "’s" } || items[k + 2].TokenEnd - items[k + 2].TokenStart != 1 ||
                !_rules.SpouseWords.Contains(ts.Sentence.Tokens[items[k + 2].TokenStart].Key))
                continue;
            var named = items[k + 3].Token is { Text: "," } ? k + 4 : k + 3;
            if (named < items.Count && items[named].PersonIds is [var spouse] && spouse != whose)
                items.ReplaceRange(k, named + 1, Item.Chunk(items[k].TokenStart, items[named].TokenEnd, spouse));
        }
        // Role phrases: member-of, then the phrase becomes one person.
        // One set of bindings for every start of every role rule: what a match binds is read before the next start is tried.
        Bindings? roleBindings = null;
        foreach (var rule in keys.Allowed(_rules, RuleKind.Role))
        {
            var pattern = _rules.PatternOf(rule);
            for (var start = 0; start < items.Count; start++)
            {
                if (!CanStart(pattern, items[start]))
                    continue;
                if (roleBindings is null)
                    roleBindings = new Bindings();
                else
                    roleBindings.Reset(0);
                var b = roleBindings;
                var end = Match(pattern.Steps, 0, items, start, b, pair);
                // "X, the Prime Minister's wife": a title followed by 's is someone else's; it is not X's.
                if (end < 0 || (end < items.Count && items[end].Token is { Key: "'s" or "’s" } && rule.Elements[^1] is SlotElement { Name: "r" }))
                    continue;
                // "A, US Ambassador to Vietnam B": a title followed by a name (after its "to Vietnam") is that name's.
                if (rule.Elements[^1] is SlotElement { Name: "r" } && TitleOfNext(items, end))
                    continue;
                var member = b.Single("m");
                // The title is a title item, or a title the resolver already gave to its holder ("Antony Blinken, the
                // U.S. Secretary of State"): the role phrase states the membership either way.
                var title = b.Single("r") is { } ri ? ri.Title?.Title ?? ri.Mention?.Title : null;
                if (member?.PersonIds is not [var personId] || title is null)
                    continue;
                // "In his meeting with X, the Minister reviewed": a title the resolver gave to someone else is not X's.
                if (b.Single("r") is { Mention.EntityId: { } holder } titleItem && holder != personId && titleItem.TokenStart > member.TokenStart)
                    continue;
                // "former President X", "the late Prime Minister X": a past role, not a membership.
                var past = (start > 0 && items[start - 1].Token is { Key: var before } && _rules.FormerWords.Contains(before)) ||
                    _rules.FormerWords.Contains(title.Canonical.Split(' ', 2)[0].ToLowerInvariant());
                if (!title.IsHonorific && !past)
                {
                    var orgItem = b.Single("o");
                    var orgId = orgItem?.EntityId ?? RoleOrganisation(personId, title, date ?? published) ??
                        (Serves(title) && !_gazetteer.RolesOf(personId).Any() ? (SettingCountry(items, out var set) is { } c ? c : set ? null : homeCountry) : null);
                    if (orgId is not null && orgId != personId)
                        // A relational title ("his Estonian counterpart") gives the country but no position.
                        facts.Add(Fact(RelationKind.MemberOf, personId, orgId, rule) with { Role = title.Kind == "relational" ? null : title.Canonical });
                }
                // An appositive role ("Mark Rutte, the NATO Secretary General, met ...") ends with a comma that belongs to it.
                if (rule.Elements.Length > 1 && rule.Elements[1] is LiteralElement comma && comma.Keys.Contains(",") &&
                    end < items.Count && items[end].Token is { Text: "," })
                    end++;
                // "received by the President of Nigeria, X": the article before the phrase belongs to it.
                if (start > 0 && items[start - 1].Token is { Key: "the" })
                    start--;
                items.ReplaceRange(start, end, Item.Chunk(items[start].TokenStart, items[end - 1].TokenEnd, personId));
            }
        }
        // A title standing for a person, with its qualifier before it ("NATO Leader", "Norwegian Prime Minister").
        for (var k = 1; k < items.Count; k++)
        {
            if (items[k].Mention is { Source: MentionSource.TitleOnly, QualifierId: not null } tm && items[k - 1].Mention is { } q &&
                Names(q, tm.QualifierId!))
            {
                // "the American president", "the NATO chief": the qualifier is the holder's country or organisation.
                if (tm.EntityId is { } holder && tm.Title is { IsHonorific: false } qt && qt.Kind != "relational" && !items[k].IsPronoun &&
                    _gazetteer.TryGet(tm.QualifierId!, out var qe) && qe.Kind is EntityKind.Country or EntityKind.Organization &&
                    !(k >= 2 && items[k - 2].Token is { Key: var pre } && _rules.FormerWords.Contains(pre)))
                {
                    var org = qe.Kind == EntityKind.Country ? tm.QualifierId! : GovernmentOf(tm.QualifierId!);
                    facts.Add(FactOf(RelationKind.MemberOf, holder, org, "qualified title") with { Role = qt.Canonical });
                }
                // "with the Kremlin leader": the article before the qualifier belongs to the phrase.
                var from = k >= 2 && items[k - 2].Token is { Key: "the" } ? k - 2 : k - 1;
                items.ReplaceRange(from, k + 1, Item.Chunk(items[from].TokenStart, items[k].TokenEnd, tm.EntityId!));
                k = from;
            }
        }
        // ... and with its qualifier after it ("the Minister of Defence of Poland travelled to Seoul"): the phrase is one
        // person, so that what follows it reads on.
        for (var k = 0; k + 2 < items.Count; k++)
        {
            if (items[k].Mention is { Source: MentionSource.TitleOnly, QualifierId: { } qid, EntityId: { } holder } && items[k].PersonIds is [_] &&
                items[k + 1].Token is { Key: "of" } && items[k + 2].Mention is { } q && Names(q, qid))
                items.ReplaceRange(k, k + 3, Item.Chunk(items[k].TokenStart, items[k + 2].TokenEnd, holder));
        }

        var blocked = Blocked(items, pair, keys);

        string? placeId = null;
        var placeRank = -1;
        // Place rules are tried from the highest priority down: a place a higher-priority rule finds ("Putrajaya, where the
        // Prime Minister welcomed him") wins over a more specific one found by a lower ("landed at the airport").
        int? placePriority = null;
        string? destination = null;
        foreach (var rule in keys.Allowed(_rules, RuleKind.Place))
        {
            // A destination ("departing for X") is where the story goes next, not where this sentence's meeting was.
            if (rule.Options.ContainsKey("destination"))
            {
                foreach (var b in AllMatches(rule, items, pair))
                {
                    if (b.Single("p")?.EntityId is { } dest && !InTitle(items, b.Single("p")!))
                        destination = dest;
                }
                continue;
            }
            if (placePriority is { } found && rule.Priority < found)
                break;
            foreach (var b in AllMatches(rule, items, pair))
            {
                if (b.Single("p")?.EntityId is { } p && !InTitle(items, b.Single("p")!) && !AfterTopic(ts.Sentence.Tokens, b.Single("p")!.TokenStart) &&
                    Rank(p, b.Single("p")!) is var r && r > placeRank)
                {
                    placeId = p;
                    placeRank = r;
                    placePriority = rule.Priority;
                }
            }
        }
        // "they picked an unusual venue for it: Russia's newest spaceport, the Vostochny Cosmodrome, in the Amur region": a
        // sentence whose rules find no place but that names one venue holds it there.
        if (placeId is null)
        {
            Item? venue = null;
            var places = 0;
            foreach (var item in items)
            {
                if (!item.IsPlace || InTitle(items, item))
                    continue;
                // A listed venue, or a name the tagger built on a venue noun ("Vostochny Cosmodrome"; not "Federal Capital Territory").
                var isVenue = _gazetteer.TryGet(item.EntityId!, out var known)
                    ? known.Kind == EntityKind.Location && known.Subkind == "venue"
                    : item.TokenEnd > 0 && _gazetteer.Words.VenueNouns.Contains(ts.Sentence.Tokens[item.TokenEnd - 1].Key);
                if (isVenue)
                {
                    places++;
                    venue = item;
                }
            }
            if (places == 1 && venue is not null && !AfterTopic(ts.Sentence.Tokens, venue.TokenStart))
                (placeId, placeRank) = (venue.EntityId, 4);
        }
        // "NATO headquarters, Brussels", "the Office of the President in Kyiv", "the Vostochny Cosmodrome, in the Amur
        // region": the first place lies in the second.
        for (var k = 0; k + 2 < items.Count; k++)
        {
            if (!items[k].IsPlace)
                continue;
            var j = k + 1;
            if (items[j].Token is { Text: "," })
                j++;
            if (j < items.Count && items[j].Token is { Key: "in" })
            {
                j++;
                if (j < items.Count && items[j].Token is { Key: "the" })
                    j++;
            }
            if (j > k + 1 && j < items.Count && items[j].IsPlace && Rank(items[k].EntityId!, items[k]) > Rank(items[j].EntityId!, items[j]))
            {
                containment.Add((items[k].EntityId!, items[j].EntityId!));
                continue;
            }
            // "the Konstantinovsky Palace in Strelna, on the Gulf of Finland outside St Petersburg": a venue no list places
            // lies in the first known city, region or country its clause puts it in, near or outside of.
            if (!_gazetteer.TryGet(items[k].EntityId!, out _) && Rank(items[k].EntityId!, items[k]) == 4)
            {
                for (j = k + 1; j < items.Count && j <= k + 12; j++)
                {
                    if (items[j].Token is { } t && (t.Text is ";" or "." or "—" || _rules.ClauseWords.Contains(t.Key)) || items[j].PersonIds is not null)
                        break;
                    if (items[j].IsPlace && _gazetteer.TryGet(items[j].EntityId!, out _) && Rank(items[j].EntityId!, items[j]) is > 0 and < 4 &&
                        items[j - 1].Token is { Key: "in" or "outside" or "near" })
                    {
                        containment.Add((items[k].EntityId!, items[j].EntityId!));
                        break;
                    }
                }
            }
        }

        var people = items.Count(i => i.PersonIds is not null);
        // "The two men" stands for the article's pair only where the sentence says it; elsewhere no rule needs the pair.
        // A phrase list matters only when the sentence has the first word of one of its phrases (a set lookup), so the
        // token scan runs on few sentences.
        bool HasPhrase(PhraseIndex phrases) => phrases.In(keys, TokenSpan(ts.Sentence.Tokens));
        var absentPossible = false;
        foreach (var phrase in _rules.AbsentPhrases)
            absentPossible |= keys.Contains(phrase[0]);
        foreach (var phrase in _rules.ExcludedPhrases)
            absentPossible |= keys.Contains(phrase[0]);
        var statedPair = pair is not null && HasPhrase(_pairPhrases) ? recentPair ?? pair : null;
        // A past phrase outside a relative clause ("where he had held talks"): the sentence tells of an earlier occasion.
        var pastPhrase = HasPhrase(_pastPhrases) && PastOutsideRelativeClauses(ts.Sentence.Tokens);
        // "The conversation with X turned on ...": a meeting word that names its own counterpart opens another meeting;
        // it points back only where nothing follows it but the story ("during the talks, A told B").
        // (The first refer rule whose words the sentence has and that matches; a loop, not a query with a delegate.)
        RelationRule? referRule = null;
        foreach (var r in keys.Allowed(_rules, RuleKind.Refer))
        {
            if (MatchesAnywhere(r, items, statedPair, notBefore: "with"))
            {
                referRule = r;
                break;
            }
        }
        var refersBack = referRule is not null;
        if (!blocked.Contains(RuleKind.MetWith) && (people > 0 || statedPair is not null || placeId is not null || date is not null))
        {
            var mentionsBefore = meetings.Count;
            var separately = HasPhrase(_separatePhrases);
            // An earlier occasion: a past phrase, or a year the sentence names without a day it can resolve
            // ("in November 2021").
            var past = pastPhrase ||
                (date is null && (ts.Sentence.Tokens.Any(t => t.Kind == TokenKind.Number && t.Text.Length == 4 && t.Text[0] is '1' or '2' && t.Text[1] is '9' or '0') ||
                    InMonth(ts.Sentence.Tokens)));
            // "The meeting with Zelensky later that day": the day the story had reached; "the following day", the next.
            int? storyDay = date is not null || past ? null : HasPhrase(_sameDayPhrases) ? 0 : HasPhrase(_nextDayPhrases) ? 1 : null;
            MeetingMention Mention(MeetingCue cue, List<string> participants, IEnumerable<string> visitors, string rule) => new()
            {
                Cue = cue,
                Sentence = ts.Sentence.Index,
                Paragraph = paragraph,
                Participants = [.. participants.Distinct(StringComparer.Ordinal)],
                Visitors = [.. visitors.Distinct(StringComparer.Ordinal)],
                PlaceId = placeId,
                PlaceRank = placeRank,
                Date = date,
                RefersBack = refersBack,
                PairStated = statedPair is not null,
                Past = past,
                StoryDayOffset = storyDay,
                Evidence = evidence,
                Rule = rule,
            };
            // Everyone the sentence puts at the table: its people, less those it names as absent ("representing X").
            // "The spokesperson stated that Minister X opened his visit with a session with Y": who reports is not at the
            // table, and "that" opens the clause that tells who was.
            var reportAt = -1;
            for (var k = 0; k + 2 < items.Count && reportAt < 0; k++)
            {
                if (items[k].Token is { Key: var verb } && _rules.ReportingWords.Contains(verb) && items[k + 1].Token is { Key: "that" })
                {
                    for (var j = k + 2; j < items.Count; j++)
                    {
                        if (items[j].PersonIds is not null)
                        {
                            reportAt = k;
                            break;
                        }
                    }
                }
            }
            List<string> Everyone()
            {
                var present = new List<string>();
                for (var k = reportAt < 0 ? 0 : reportAt; k < items.Count; k++)
                {
                    if (items[k].PersonIds is { } ids && !(absentPossible && AfterAbsentCue(ts.Sentence.Tokens, items[k].TokenStart, reported: reportAt >= 0)) &&
                        !ReportingSpokesperson(ts.Sentence.Tokens, items[k]))
                        present.AddRange(ids);
                }
                return present.Distinct(StringComparer.Ordinal).ToList();
            }
            foreach (var rule in keys.Allowed(_rules, RuleKind.MetWith, people > 0 || statedPair is not null))
            {
                if (rule.Options.ContainsKey("all"))
                {
                    // A sentence of separate meetings does not put everyone it names at one table.
                    if (!separately && MatchesAnywhere(rule, items, statedPair))
                        meetings.Add(Mention(MeetingCue.Meeting, Everyone(), [], rule.Source) with { Generic = true });
                    continue;
                }
                foreach (var b in AllMatches(rule, items, statedPair))
                {
                    var a = b.All("a").Where(i => !(absentPossible && AfterAbsentCue(ts.Sentence.Tokens, i.TokenStart))).SelectMany(i => i.PersonIds ?? []).ToList();
                    // "A meeting with X followed": the article's main person, the one it names most so far, met X.
                    if (rule.Options.ContainsKey("main") && pair is [var main, _])
                        a = [main];
                    var others = b.All("b").Where(i => !(absentPossible && AfterAbsentCue(ts.Sentence.Tokens, i.TokenStart))).SelectMany(i => i.PersonIds ?? []).ToList();
                    var visitorSlot = rule.Options.GetValueOrDefault("visitor");
                    var visitors = visitorSlot == "a" ? a : visitorSlot == "b" ? others : [];
                    // "met separately with A and B": a meeting with each, not one of all three.
                    if (others.Count > 1 && separately)
                    {
                        foreach (var o in others)
                            meetings.Add(Mention(MeetingCue.Meeting, [.. a, o], visitors.Where(v => a.Contains(v) || v == o), rule.Source) with { Separate = true });
                    }
                    else
                    {
                        meetings.Add(Mention(MeetingCue.Meeting, [.. a, .. others], visitors, rule.Source));
                    }
                }
            }
            foreach (var rule in keys.Allowed(_rules, RuleKind.Attend, people > 0))
            {
                foreach (var b in AllMatches(rule, items, statedPair))
                {
                    var named = rule.SlotNames.Contains("a") ? b.All("a").SelectMany(i => i.PersonIds ?? []).ToList() : Everyone();
                    var accompanies = b.Single("w")?.PersonIds is [var w] ? w : null;
                    meetings.Add(Mention(MeetingCue.Attendance, [.. named.Where(p => p != accompanies)], [], rule.Source) with
                    {
                        Companions = rule.Options.ContainsKey("companion"),
                        Accompanies = accompanies,
                        TripOnly = accompanies is not null && rule.Options.ContainsKey("trip"),
                    });
                }
            }
            // "Erdoğan and his wife, Emine Erdoğan": a spouse named beside a person came on that person's trip. (The title
            // and the name are one item: "his wife, Emine Erdoğan".)
            if (_rules.SpouseWords.Count > 0)
            {
                var tokens = ts.Sentence.Tokens;
                for (var k = 2; k < items.Count; k++)
                {
                    var start = items[k].TokenStart;
                    if (items[k].PersonIds is not [var spouse] || items[k - 1].Token is not { Key: "and" } || items[k - 2].PersonIds is not [var lead] ||
                        spouse == lead || start + 1 >= items[k].TokenEnd || !_rules.DeterminerWords.Contains(tokens[start].Key) ||
                        !_rules.SpouseWords.Contains(tokens[start + 1].Key))
                        continue;
                    meetings.Add(Mention(MeetingCue.Attendance, [spouse], [], _rules.SpouseSource!) with { Companions = true, Accompanies = lead, TripOnly = true });
                }
            }
            // "They had met on the sidelines of the G20 in New Delhi, and at the summit in Riyadh in November": an earlier
            // occasion told in passing with a second place joined by "and" is a second occasion, there.
            if (past && meetings.Count > mentionsBefore)
                AddConjoinedOccasions(items, meetings, mentionsBefore, containment);
            // "The meeting took place in the papal library": a sentence that points back and names no one still tells
            // where or when the meeting it points to was.
            if (meetings.Count == mentionsBefore && referRule is not null && (placeId is not null || date is not null))
                meetings.Add(Mention(MeetingCue.Attendance, [], [], referRule.Source));
            // "Also present on the host side was X, while the guest was accompanied by Y": a cue word ("host") that puts
            // only the sentence's attendees at a table of their own is no meeting of its own; they join the one before.
            var attendees = new HashSet<string>(StringComparer.Ordinal);
            for (var k = mentionsBefore; k < meetings.Count; k++)
            {
                if (meetings[k].Cue == MeetingCue.Attendance)
                    attendees.UnionWith(meetings[k].Participants);
            }
            if (attendees.Count > 0)
            {
                for (var k = meetings.Count - 1; k >= mentionsBefore; k--)
                {
                    if (meetings[k] is { Cue: MeetingCue.Meeting, Generic: true } g && g.Participants.All(attendees.Contains))
                        meetings.RemoveAt(k);
                }
            }
        }
        if (!blocked.Contains(RuleKind.Visited) && people > 0)
        {
            foreach (var rule in keys.Allowed(_rules, RuleKind.Visited))
            {
                foreach (var b in AllMatches(rule, items, statedPair))
                {
                    if (b.Single("p")?.EntityId is not { } p)
                        continue;
                    foreach (var who in b.All("a").SelectMany(i => i.PersonIds ?? []))
                        facts.Add(Fact(RelationKind.Visited, who, p, rule) with { OnlyIfAway = rule.Options.ContainsKey("away") });
                }
            }
        }
        if (!blocked.Contains(RuleKind.MemberOf))
        {
            foreach (var rule in keys.Allowed(_rules, RuleKind.MemberOf))
            {
                foreach (var b in AllMatches(rule, items, statedPair))
                {
                    var org = b.Single("o")?.EntityId;
                    foreach (var m in b.All("m"))
                    {
                        var member = m.PersonIds is [var pid] ? pid : m.EntityId;
                        if (org is not null && member is not null && member != org)
                            facts.Add(Fact(RelationKind.MemberOf, member, org, rule));
                    }
                }
            }
        }
        return (placeId, placeRank, date, statedPair, destination, pastPhrase, refersBack && date is null && !pastPhrase);
    }

    /// <summary>
    /// Copies the meeting mentions of a sentence (from <paramref name="first"/> on) to every other city or venue the sentence
    /// names after "in" or "at" when an "and" stands between the places and neither lies in the other: each place is
    /// an occasion of its own.
    /// </summary>
    private void AddConjoinedOccasions(List<Item> items, List<MeetingMention> meetings, int first, List<(string, string)> containment)
    {
        List<(string Id, int Rank, int At)>? places = null;
        for (var j = 1; j < items.Count; j++)
        {
            var before = items[j - 1].Token is { Key: "the" } && j >= 2 ? items[j - 2] : items[j - 1];
            if (!items[j].IsPlace || before.Token is not { Key: "in" or "at" } || InTitle(items, items[j]) || Rank(items[j].EntityId!, items[j]) is var rank && rank < 3)
                continue;
            (places ??= []).Add((items[j].EntityId!, rank, j));
        }
        if (places is null || places.Count < 2)
            return;
        var end = meetings.Count;
        for (var k = first; k < end; k++)
        {
            var m = meetings[k];
            if (m.Cue != MeetingCue.Meeting || m.Participants.Length < 2 || m.PlaceId is null)
                continue;
            var own = places.FindIndex(p => p.Id == m.PlaceId);
            if (own < 0)
                continue;
            foreach (var (id, rank, at) in places)
            {
                if (id == m.PlaceId || containment.Contains((id, m.PlaceId)) || containment.Contains((m.PlaceId, id)) || !AndBetween(items, places[own].At, at))
                    continue;
                if (!meetings.Skip(end).Any(x => x.PlaceId == id))
                    meetings.Add(m with { PlaceId = id, PlaceRank = rank, Date = null });
            }
        }
    }

    private static bool AndBetween(List<Item> items, int a, int b)
    {
        for (var k = Math.Min(a, b) + 1; k < Math.Max(a, b); k++)
        {
            if (items[k].Token is { Key: "and" })
                return true;
        }
        return false;
    }

    /// <summary>
    /// True when a place belongs to a title ("the Chargé d'Affaires at the Embassy in Luanda", "the Special Advisor in the
    /// Office of the Prime Minister"): it says where someone works, not where the sentence's meeting was.
    /// </summary>
    private static bool InTitle(List<Item> items, Item place)
    {
        var j = items.IndexOf(place) - 1;
        if (j >= 0 && items[j].Token is { Key: "the" })
            j--;
        if (j < 0 || items[j].Token is not { Key: "in" or "at" or "to" })
            return false;
        j--;
        return j >= 0 && items[j].Title is not null;
    }

    /// <summary>The organisation or country of a person's gazetteer role with this title, on the date (or the latest).</summary>
    private string? RoleOrganisation(string personId, TitleEntry title, DateOnly? when)
    {
        var roles = _gazetteer.RolesOf(personId)
            .Where(r => string.Equals(_gazetteer.CanonicalTitle(r.Title), title.Canonical, StringComparison.OrdinalIgnoreCase))
            .ToList();
        if (roles.Count == 0)
            return NationOf(personId, title);
        if (when is { } d && roles.FirstOrDefault(r => r.IsActiveOn(d)) is { } active)
            return GovernmentOf(active.OrgId);
        return when is null ? GovernmentOf(roles.OrderByDescending(r => r.From ?? DateOnly.MinValue).First().OrgId) : null;
    }

    /// <summary>
    /// A national title the gazetteer does not list for the person ("Foreign Minister X", X a former envoy): the one country
    /// all the person's gazetteer roles are in, when there is one; the title says they serve a government, and that is
    /// theirs.
    /// </summary>
    private string? NationOf(string personId, TitleEntry title)
    {
        if (!Serves(title) && title.Kind != "diplomat")
            return null;
        var countries = _gazetteer.RolesOf(personId).Select(r => GovernmentOf(r.OrgId)).Where(o => o.StartsWith("country:", StringComparison.Ordinal))
            .Distinct(StringComparer.Ordinal).ToList();
        return countries is [var only] ? only : null;
    }

    /// <summary>
    /// True when the words at <paramref name="k"/> name a person, directly or after a title's complement ("to Vietnam",
    /// "of the Council"): the title just before belongs to them.
    /// </summary>
    private static bool TitleOfNext(List<Item> items, int k)
    {
        if (k < items.Count && items[k].Token is { Key: "to" or "for" or "of" })
        {
            k++;
            if (k < items.Count && items[k].Token is { Key: "the" })
                k++;
            if (!(k < items.Count && (items[k].IsPlace || items[k].Mention is { Kind: EntityKind.Organization })))
                return false;
            k++;
            if (k < items.Count && items[k].Token is { Text: "," })
                k++;
        }
        return k < items.Count && items[k].PersonIds is { Count: > 0 };
    }

    /// <summary>Titles of a national government: a bare one ("Foreign Minister X") serves the country the text is about.</summary>
    private static bool Serves(TitleEntry title) => title.Kind is "minister" or "head-of-state" or "head-of-government" or "legislator";

    /// <summary>
    /// The country a sentence is set in by its opening: "In Kazakhstan, ..." or a list heading "Nigeria: ..." (after a
    /// bullet).
    /// </summary>
    private string? SettingCountry(List<Item> items, out bool set)
    {
        var k = 0;
        while (k < items.Count && items[k].Token is { Text: "*" or "-" or "•" or "–" or "—" })
            k++;
        string? place = null;
        if (k + 1 < items.Count && items[k].IsPlace && items[k + 1].Token is { Text: ":" })
        {
            place = items[k].EntityId;
        }
        else
        {
            // The story's opening, after a dateline if there is one ("WARSAW, June 8 — In Tashkent, ..."): a capitalised "In".
            for (var d = k; d + 2 < items.Count && d < 12; d++)
            {
                if (items[d].Token is { Text: "In" })
                {
                    place = items[d + 1].IsPlace && items[d + 2].Token is { Text: "," } ? items[d + 1].EntityId : null;
                    break;
                }
            }
        }
        // "the Argentine delegation: ...", "On the Russian side of the table ...": the people listed serve that nation.
        for (var d = 0; place is null && d + 1 < items.Count; d++)
        {
            if (items[d].Mention is { IsDemonym: true, Kind: EntityKind.Country, EntityId: { } nation } &&
                (items[d + 1].Token is { Key: "delegation" or "side" or "entourage" } ||
                 // "Accompanying the Turkish leader were ...": those who came with a nation's leader serve it.
                 (d >= 1 && items[d - 1].Token is { Key: "accompanying" }) || (d >= 2 && items[d - 1].Token is { Key: "the" } && items[d - 2].Token is { Key: "accompanying" })))
                place = nation;
        }
        set = place is not null;
        return place is null ? null : CountryIdOf(place);
    }

    /// <summary>The country a place is, or lies in, as a country id; null when the gazetteer does not know.</summary>
    private string? CountryIdOf(string placeId) =>
        placeId.StartsWith("country:", StringComparison.Ordinal) ? placeId :
        _gazetteer.CountryOf(placeId) is { } cc ? "country:" + cc.ToLowerInvariant() : null;

    /// <summary>
    /// A minister's ministry stands for the national government the person is part of ("Foreign Minister X" of Türkiye):
    /// a ministry or government body of one country is that country; any other organisation is itself.
    /// </summary>
    private string GovernmentOf(string orgId) =>
        _gazetteer.TryGet(orgId, out var org) && org.Subkind is "ministry" or "government" && org.Country is { Length: 2 } cc &&
        _gazetteer.TryGet("country:" + cc, out _) ? "country:" + cc : orgId;


    /// <summary>How specific a place is (see <see cref="Gazetteer.PlaceRank"/>); an organisation used as a place ranks below a city: "the Director at the Ministry" tells little of where a meeting was.</summary>
    internal int Rank(string id, Item item) =>
        item.Mention?.Kind == EntityKind.Organization ? 2 :
        _gazetteer.TryGet(id, out _) || item.Mention?.Kind is EntityKind.Location ? _gazetteer.PlaceRank(id) : 2;

    /// <summary>The kinds the sentence's block rules block (no set allocated: this runs on every sentence).</summary>
    private KindSet Blocked(List<Item> items, string[]? pair, SentenceWords keys)
    {
        var blocked = default(KindSet);
        foreach (var rule in _rules.Of(RuleKind.Block))
        {
            if (keys.HasAnchors(rule) && MatchesAnywhere(rule, items, pair))
                blocked = blocked.With(rule.Blocks!.Value);
        }
        return blocked;
    }

    private readonly record struct KindSet(int Bits)
    {
        public KindSet With(RuleKind kind) => new(Bits | (1 << (int)kind));

        public bool Contains(RuleKind kind) => (Bits & (1 << (int)kind)) != 0;
    }

    private List<Bindings> AllMatches(RelationRule rule, List<Item> items, string[]? pair)
    {
        // Most rules match nowhere in most sentences: the bindings and the list are made at the first start that fits.
        var pattern = _rules.PatternOf(rule);
        List<Bindings>? found = null;
        Bindings? b = null;
        for (var start = 0; start < items.Count; start++)
        {
            if (!CanStart(pattern, items[start]))
                continue;
            b ??= Bindings.Take();
            if (Match(pattern.Steps, 0, items, start, b, pair) >= 0)
            {
                (found ??= []).Add(b);
                b = null;
            }
            else
            {
                b.Reset(0);
            }
        }
        if (b is not null)
            Bindings.Return(b);
        return found ?? NoBindings;
    }

    // What AllMatches returns when nothing matched; only read (its callers iterate it).
    private static readonly List<Bindings> NoBindings = [];

    // A cheap test of the first element, before the recursive match (decided when the pattern was compiled).
    private static bool CanStart(CompiledPattern pattern, Item item) => pattern.Start switch
    {
        CompiledPattern.StartKind.Word => item.Token is not null && Contains(pattern.StartIds, item.KeyId, item.TokenKeyId),
        CompiledPattern.StartKind.Fit => Fits(item, pattern.StartTypes),
        _ => true,
    };

    private static bool Contains(int[] ids, int keyId, int tokenKeyId)
    {
        foreach (var id in ids)
        {
            if (id == keyId || id == tokenKeyId)
                return true;
        }
        return false;
    }

    private bool MatchesAnywhere(RelationRule rule, List<Item> items, string[]? pair, string? notBefore = null)
    {
        var pattern = _rules.PatternOf(rule);
        Bindings? b = null;
        for (var start = 0; start < items.Count; start++)
        {
            if (!CanStart(pattern, items[start]))
                continue;
            b ??= Bindings.Take();
            if (Match(pattern.Steps, 0, items, start, b, pair) is var end && end >= 0 &&
                !(notBefore is not null && end < items.Count && items[end].Token?.Key == notBefore))
            {
                Bindings.Return(b);
                return true;
            }
            b.Reset(0);
        }
        if (b is not null)
            Bindings.Return(b);
        return false;
    }

    /// <summary>Matches elements[e..] at items[i..]; returns the index past the match or -1. Bindings are filled on success.</summary>
    private int Match(CompiledPattern.Step[] elements, int e, List<Item> items, int i, Bindings b, string[]? pair)
    {
        if (e == elements.Length)
            return i;
        ref readonly var step = ref elements[e];
        switch (step.Kind)
        {
            case CompiledPattern.StepKind.Literal:
                if (i < items.Count && items[i].Token is not null && step.Matches(items[i].KeyId, items[i].TokenKeyId))
                {
                    var r = Match(elements, e + 1, items, i + 1, b, pair);
                    if (r >= 0)
                        return r;
                }
                return step.Optional ? Match(elements, e + 1, items, i, b, pair) : -1;
            case CompiledPattern.StepKind.Skip:
                for (var k = i; k <= items.Count && k - i <= step.Max; k++)
                {
                    var mark = b.Mark();
                    var r = Match(elements, e + 1, items, k, b, pair);
                    if (r >= 0)
                        return r;
                    b.Reset(mark);
                    if (!step.OverPeople && k < items.Count && items[k].PersonIds is not null)
                        break;
                }
                return -1;
            case CompiledPattern.StepKind.Slot:
                {
                    var slot = step;
                    if (slot.Pair && pair is not null && MatchPair(items, i) is var pe && pe > i)
                    {
                        var mark = b.Mark();
                        b.Add(slot.Name, Item.Chunk(items[i].TokenStart, items[pe - 1].TokenEnd, pair[0]));
                        b.Add(slot.Name, Item.Chunk(items[i].TokenStart, items[pe - 1].TokenEnd, pair[1]));
                        var r = Match(elements, e + 1, items, pe, b, pair);
                        if (r >= 0)
                            return r;
                        b.Reset(mark);
                    }
                    if (i >= items.Count || !Fits(items[i], slot.Types))
                        return -1;
                    var m0 = b.Mark();
                    b.Add(slot.Name, items[i]);
                    var next = i + 1;
                    if (slot.List)
                    {
                        // "X, Y and Z": extend while a comma or "and" is followed by another item of the type.
                        while (true)
                        {
                            // "A of the Senate and B": what a member is of is passed over.
                            var q = PastQualifier(items, next);
                            var k = SkipSeparators(items, q);
                            if (k == q || k >= items.Count)
                                break;
                            // "A, the President of Kenya; B, head of the Commission, and C": an appositive between members
                            // is passed over, so is a description before one ("and two marshals of the army, C").
                            // "A, the Prime Minister's wife, B": a person followed by 's describes the member before.
                            if ((!Fits(items[k], slot.Types) || Possessed(items, k)) && (k = PastDescription(items, k, slot.Types)) < 0)
                                break;
                            b.Add(slot.Name, items[k]);
                            next = k + 1;
                        }
                    }
                    var res = Match(elements, e + 1, items, next, b, pair);
                    if (res < 0)
                        b.Reset(m0);
                    return res;
                }
            default:
                return -1;
        }
    }

    // After a list member, the body or country it is of or from ("Maulen Ashimbayev of the Senate"): the index past it, or
    // the index given when there is none.
    private int PastQualifier(List<Item> items, int i)
    {
        if (i >= items.Count || items[i].Token is not { Key: var w } || !_rules.QualifierWords.Contains(w))
            return i;
        var j = i + 1;
        if (j < items.Count && items[j].Token is { Key: var d } && _rules.DeterminerWords.Contains(d))
            j++;
        if (j < items.Count && items[j] is { PersonIds: null, Mention.Kind: EntityKind.Organization or EntityKind.Country or EntityKind.Location })
            return j + 1;
        // A body no list holds: a few capitalised words ("of the Mazhilis").
        var end = j;
        while (end < items.Count && end - j < 4 && items[end].Token is { Kind: TokenKind.Word } t && char.IsUpper(t.Text[0]))
            end++;
        return end > j ? end : i;
    }

    // A mention that names the entity, resolved or as its first candidate (a title's qualifier: "Norwegian", "of Poland").
    private static bool Names(Mention m, string id) => m.EntityId == id || (m.Candidates.Length > 0 && m.Candidates[0].Id == id);

    // An item followed by the possessive ending ("the Prime Minister['s] wife").
    private static bool Possessed(List<Item> items, int k) => k + 1 < items.Count && items[k + 1].Token is { Text: "'s" or "’s" };

    private int SkipSeparators(List<Item> items, int k)
    {
        while (k < items.Count && items[k].Token is { Key: var sep } && _rules.ListWords.Contains(sep))
            k++;
        return k;
    }

    /// <summary>
    /// The index of the list member after a description that starts at <paramref name="k"/> and ends with a comma or a
    /// semicolon ("the President of Kenya;", "two marshals of the army,"), or -1 when there is none: a description is a
    /// few words that name nobody and tell nothing happening (no clause: "who", "said").
    /// </summary>
    private int PastDescription(List<Item> items, int k, SlotType types)
    {
        const int MaxDescription = 12;
        for (var j = k; j < items.Count && j - k <= MaxDescription; j++)
        {
            var item = items[j];
            // The rest of a title the lexicon does not hold whole ("Treasury and [Finance Minister X]"): capitalised words.
            if (item.PersonIds is not null && Fits(item, types) && ((j - k <= 3 && TitleFragment(items, k, j)) || (j - k <= 5 && DeterminedDescription(items, k, j))))
                return j;
            // "the Special Adviser to the President on Policy Coordination, X": a title standing for someone, after a
            // preposition of the description, is part of it.
            if (item.Mention?.Source == MentionSource.TitleOnly && j > k && items[j - 1].Token is { Kind: TokenKind.Word } before &&
                char.IsLower(before.Text[0]) && !_rules.ListWords.Contains(before.Key) && !_rules.ClauseWords.Contains(before.Key))
                continue;
            if (item.PersonIds is not null && Possessed(items, j))
                continue;
            // "the Prime Minister's [wife, Wan Azizah]": the one the possessive tells of is the member.
            if (item.PersonIds is not null && j >= k + 2 && Possessed(items, j - 2) && Fits(item, types))
                return j;
            if (item.PersonIds is not null || (item.Token is { Key: var w } && _rules.ClauseWords.Contains(w)))
                return -1;
            if (item.Token is { Text: "," or ";" } && j > k)
            {
                var m = SkipSeparators(items, j);
                return m < items.Count && Fits(items[m], types) ? m : -1;
            }
        }
        return -1;
    }

    // "the presidency's [communications director, X]": a determiner and a few words that are neither clause nor punctuation
    // but the possessive.
    private bool DeterminedDescription(List<Item> items, int from, int to)
    {
        if (to - from < 1 || items[from].Token is not { Key: var first } || !_rules.DeterminerWords.Contains(first))
            return false;
        for (var j = from + 1; j < to; j++)
        {
            if (items[j].Token is not { } t || _rules.ClauseWords.Contains(t.Key) || (t.Kind != TokenKind.Word && t.Text is not ("'s" or "’s")))
                return false;
        }
        return true;
    }

    private static bool TitleFragment(List<Item> items, int from, int to)
    {
        var capitals = 0;
        for (var j = from; j < to; j++)
        {
            if (items[j].Token is not { } t)
                return false;
            if (char.IsUpper(t.Text[0]))
                capitals++;
            else if (t.Key is not ("and" or "of" or "&"))
                return false;
        }
        return capitals > 0;
    }

    // With reported set, "that" after a reporting verb opens the clause that tells the meeting: no absent cue.
    private bool AfterAbsentCue(IReadOnlyList<Token> sentenceTokens, int start, bool reported = false)
    {
        var tokens = TokenSpan(sentenceTokens);
        // "..., but not to earlier visitors such as X or Y": everyone after the phrase, up to the end of its clause (a
        // semicolon or a dash), was left out.
        foreach (var phrase in _rules.ExcludedPhrases)
        {
            for (var i = start - phrase.Length; i >= 0; i--)
            {
                if (tokens[i].Text is ";" or "—" or "–")
                    break;
                if (PhraseIndex.At(tokens, i, phrase))
                    return true;
            }
        }
        foreach (var phrase in _rules.AbsentPhrases)
        {
            if (reported && phrase is ["that"])
                continue;
            // The phrase ends right before the person, or before a title and the person ("representing President X").
            for (var end = start; end >= Math.Max(0, start - 3); end--)
            {
                // "After that they sat down": "that" after a preposition is a demonstrative, not "said that X".
                // "Later that day, X met Y": "that" before a common noun is a demonstrative too.
                if (PhraseIndex.At(tokens, end - phrase.Length, phrase) &&
                    !(phrase is ["that"] && end - 2 >= 0 && tokens[end - 2].Key is "after" or "before" or "following" or "with" or "at" or "of" or "in" or "on" or "by" or "for" or "since" or "from" or "like") &&
                    !(phrase is ["that"] && end < start && Demonstrative(tokens[end])))
                    return true;
            }
        }
        return false;
    }

    // A lower-case word that is not a determiner: "that day", "that evening" (not "that the minister").
    private bool Demonstrative(Token next) =>
        next.Kind == TokenKind.Word && next.Text.Length > 0 && char.IsLower(next.Text[0]) && !_rules.DeterminerWords.Contains(next.Key) && next.Key is not ("a" or "an");

    private static bool Quoted(string sentence) => sentence.AsSpan().IndexOfAny("\"“”«»") >= 0;

    /// <summary>
    /// True when the person is named after a spokesperson noun and reports ("Orban's spokesman, Zoltan Kovacs, said the
    /// meeting ...", "Kremlin spokesman Dmitry Peskov told reporters"): who speaks for the table was not at it.
    /// </summary>
    private bool ReportingSpokesperson(IReadOnlyList<Token> tokens, Item person) =>
        ReportingSpokesperson(tokens, person.TokenStart, person.TokenEnd);

    private bool ReportingSpokesperson(IReadOnlyList<Token> tokens, int tokenStart, int tokenEnd)
    {
        if (_rules.SpokespersonWords.Count == 0)
            return false;
        // The noun stands right before the name, after it a comma ("spokesman, X,"), or starts the item when the
        // resolver joined the title and its appositive into one.
        var spoken = false;
        for (var k = Math.Max(0, tokenStart - 2); k < tokenEnd && !spoken; k++)
            spoken = _rules.SpokespersonWords.Contains(tokens[k].Key) && (k >= tokenStart || k == tokenStart - 1 || tokens[k + 1].Text == ",");
        if (!spoken)
            return false;
        var after = tokenEnd;
        if (after < tokens.Count && tokens[after].Text == ",")
            after++;
        return after < tokens.Count && _rules.ReportingWords.Contains(tokens[after].Key);
    }

    /// <summary>
    /// True when the sentence dates something by its month alone ("in June", "last November"): an occasion whose day the
    /// article does not give, so neither the article's date nor its dateline applies.
    /// </summary>
    private static bool InMonth(IReadOnlyList<Token> tokens)
    {
        for (var k = 1; k < tokens.Count; k++)
        {
            if (tokens[k - 1].Key is "in" or "last" && DateExpressionFinder.IsFullMonthName(tokens[k].Text))
                return true;
        }
        return false;
    }

    /// <summary>
    /// True when a past phrase ("had", "previously") stands in the sentence's own clauses, not inside a clause the
    /// Subordinate list opens ("X, who had travelled to Beijing for the occasion, then joined them"; "..., after the two
    /// leaders had landed": today's occasion).
    /// </summary>
    private bool PastOutsideRelativeClauses(IReadOnlyList<Token> sentenceTokens)
    {
        var tokens = TokenSpan(sentenceTokens);
        // "After the two leaders had landed, ...": a sentence may open with such a clause too.
        var inRelative = tokens.Length > 0 && _rules.SubordinateWords.Contains(tokens[0].Key);
        for (var i = 0; i < tokens.Length; i++)
        {
            // "The two met on the margins of the summit; the White House had put the bilateral on his schedule": the
            // clause after a semicolon tells a story of its own.
            if (tokens[i].Text == ";")
                break;
            if (tokens[i].Text == ",")
            {
                inRelative = i + 1 < tokens.Length && _rules.SubordinateWords.Contains(tokens[i + 1].Key);
                continue;
            }
            if (inRelative)
                continue;
            foreach (var phrase in _rules.PastPhrases)
            {
                if (PhraseIndex.At(tokens, i, phrase))
                    return true;
            }
        }
        return false;
    }

    // A sentence's tokens as a span (the phrase scans run over every token for every phrase: no interface call per token).
    internal static ReadOnlySpan<Token> TokenSpan(IReadOnlyList<Token> tokens) => tokens switch
    {
        List<Token> list => System.Runtime.InteropServices.CollectionsMarshal.AsSpan(list),
        Token[] array => array,
        _ => tokens.ToArray(),
    };

    private int MatchPair(List<Item> items, int i)
    {
        foreach (var phrase in _rules.PairPhrases)
        {
            var k = 0;
            while (k < phrase.Length && i + k < items.Count && items[i + k].Token is { } t && t.Key == phrase[k])
                k++;
            if (k == phrase.Length)
                return i + k;
        }
        return -1;
    }

    // Whether an item fits a slot: one mask test (the item's fits are worked out once, see Item.Fit).
    private static bool Fits(Item item, SlotType types) => (item.Fit & types) != 0;

    /// <summary>The slot types an item fits, as one mask: <c>Fits(item, t)</c> is true exactly when <c>t</c> shares a flag with it.</summary>
    internal static SlotType FitOf(Item item)
    {
        var fit = SlotType.None;
        if (item.Mention is { Source: MentionSource.TitleOnly, Title: not null })
            fit |= SlotType.Title;
        return fit | FitRest(item);
    }

    private static SlotType FitRest(Item item)
    {
        if (item.PersonIds is not null)
            return SlotType.Person;
        if (item.Title is not null)
            return SlotType.Title;
        if (item.Mention is not { EntityId: not null } m)
            return SlotType.None;
        if (m.IsDemonym)
            return SlotType.Demonym;
        return m.Kind switch
        {
            EntityKind.Organization => SlotType.Organization,
            EntityKind.Country => SlotType.Country,
            EntityKind.Location => SlotType.Location,
            EntityKind.Event => SlotType.Event,
            _ => SlotType.None,
        };
    }

    /// <summary>The slot test as the rules first defined it (the mask of <see cref="FitOf"/> must agree with it; tests).</summary>
    internal static bool FitsByKind(Item item, SlotType types)
    {
        if (item.Mention is { Source: MentionSource.TitleOnly, Title: not null } && types.HasFlag(SlotType.Title))
            return true;
        if (item.PersonIds is not null)
            return types.HasFlag(SlotType.Person);
        if (item.Title is not null)
            return types.HasFlag(SlotType.Title);
        if (item.Mention is not { EntityId: not null } m)
            return false;
        if (m.IsDemonym)
            return types.HasFlag(SlotType.Demonym);
        return m.Kind switch
        {
            EntityKind.Organization => types.HasFlag(SlotType.Organization),
            EntityKind.Country => types.HasFlag(SlotType.Country),
            EntityKind.Location => types.HasFlag(SlotType.Location),
            EntityKind.Event => types.HasFlag(SlotType.Event),
            _ => false,
        };
    }

    // "the war in Ukraine", "the situation in the Middle East": a place after a topic noun and its preposition is what
    // the talks were about.
    private bool AfterTopic(IReadOnlyList<Token> tokens, int placeStart)
    {
        var j = placeStart - 1;
        if (j >= 0 && tokens[j].Key is "the")
            j--;
        if (j < 1 || tokens[j].Key is not ("in" or "on" or "of" or "over" or "around" or "at"))
            return false;
        // "the Global Refugee Forum, to be held in Geneva in December": where something will be held is not where the
        // sentence's people are.
        if (j >= 2 && tokens[j].Key == "in" && tokens[j - 1].Key is "held" or "hosted" or "staged" or "convened" && tokens[j - 2].Key == "be")
            return true;
        // "a candidate to hold COP30 in Belém in 2025", "will host the summit in Kazan": a future occasion's place.
        for (var k = j - 1; k >= 1 && k >= j - 4; k--)
        {
            if (tokens[k].Key is "hold" or "host" or "stage" or "convene" && tokens[k - 1].Key is "to" or "will" or "would")
                return true;
        }
        if (_rules.TopicWords.Contains(tokens[j - 1].Key))
            return true;
        var span = TokenSpan(tokens);
        foreach (var phrase in _rules.TopicPhrases)
        {
            if (PhraseIndex.At(span, j - phrase.Length, phrase))
                return true;
        }
        return false;
    }

    /// <summary>Slot bindings during a match, with undo marks for backtracking.</summary>
    private sealed class Bindings
    {
        // The thread's spare: bindings a search used for starts that matched nothing (or only to say that a rule
        // matches), emptied, for the next search, so that most searches allocate neither the bindings nor their list.
        [ThreadStatic]
        private static Bindings? _spare;

        private readonly List<(string Slot, Item Item)> _list = [];

        /// <summary>Empty bindings: the thread's spare if it has one, else new ones.</summary>
        public static Bindings Take()
        {
            var b = _spare ?? new Bindings();
            _spare = null;
            return b;
        }

        /// <summary>Gives bindings no one holds back as the thread's spare (emptied).</summary>
        public static void Return(Bindings b)
        {
            b.Reset(0);
            _spare = b;
        }

        public int Mark() => _list.Count;

        public void Reset(int mark) => _list.RemoveRange(mark, _list.Count - mark);

        public void Add(string slot, Item item) => _list.Add((slot, item));

        public Item? Single(string slot)
        {
            // (A loop: the query allocated a closure per call.)
            foreach (var (name, item) in _list)
            {
                if (name == slot)
                    return item;
            }
            return null;
        }

        public IEnumerable<Item> All(string slot) => _list.Where(x => x.Slot == slot).Select(x => x.Item);
    }
}

/// <summary>One unit a pattern matches: a word, an entity mention, a title, or a person phrase (chunk).</summary>
internal sealed class Item
{
    // (Setters, not init: the items Build makes come from a thread's ItemPool and are set afresh for each sentence.)
    public int TokenStart { get; private set; }
    public int TokenEnd { get; private set; }
    public Token? Token { get; private set; }
    /// <summary>For a word: the number of its normalised key (the gazetteer's spelling), -1 when no table holds it (<see cref="TokenKeys"/>).</summary>
    public int KeyId { get; private set; } = -1;

    /// <summary>For a word: the number of the token's own key, -1 when no table holds it.</summary>
    public int TokenKeyId { get; private set; } = -1;
    public Mention? Mention { get; private set; }
    public TitleMention? Title { get; private set; }
    public IReadOnlyList<string>? PersonIds { get; private set; }
    public bool IsPronoun { get; private set; }

    public string? EntityId => Mention?.EntityId;

    public bool IsPlace => Mention is { IsDemonym: false, EntityId: not null, Kind: EntityKind.Location or EntityKind.Country };

    // The slot types the item fits (RelationExtractor.FitOf), worked out at the first test: an item is not changed once made.
    private SlotType _fit = (SlotType)(-1);

    /// <summary>The slot types this item fits, as a mask (see <see cref="RelationExtractor.FitOf"/>).</summary>
    public SlotType Fit => _fit >= 0 ? _fit : _fit = RelationExtractor.FitOf(this);

    public static Item Chunk(int start, int end, string personId, bool pronoun = false) =>
        new() { TokenStart = start, TokenEnd = end, PersonIds = [personId], IsPronoun = pronoun };

    public static Item Place(Item article, Item noun, string placeId) => new()
    {
        TokenStart = article.TokenStart,
        TokenEnd = noun.TokenEnd,
        Mention = new Mention
        {
            TokenStart = article.TokenStart,
            TokenEnd = noun.TokenEnd,
            Start = article.Token!.Value.Start,
            Surface = article.Token.Value.Text + " " + noun.Token!.Value.Text,
            Kind = EntityKind.Location,
            Source = MentionSource.Pattern,
            EntityId = placeId,
        },
    };

    public static Item Group(int start, int end, IReadOnlyList<string> personIds) =>
        new() { TokenStart = start, TokenEnd = end, PersonIds = [.. personIds] };

    // The number of a token's normalised key, by its text (for a normaliser with no map over numbers).
    private static int NormalizedId(Token token, int keyId, Func<string, string> normalize) =>
        normalize(token.Key) is var key && ReferenceEquals(key, token.Key) ? keyId : TokenKeys.IdOf(key);

    // An item with every field set as a new one would have them (the slot mask not yet worked out).
    private Item Set(int start, int end, Token? token = null, int keyId = -1, int tokenKeyId = -1, Mention? mention = null, TitleMention? title = null, IReadOnlyList<string>? personIds = null)
    {
        TokenStart = start;
        TokenEnd = end;
        Token = token;
        KeyId = keyId;
        TokenKeyId = tokenKeyId;
        Mention = mention;
        Title = title;
        PersonIds = personIds;
        IsPronoun = false;
        _fit = (SlotType)(-1);
        return this;
    }

    /// <summary>
    /// The items of a sentence: one per mention, title and word (connectors left out). With <paramref name="pool"/> the
    /// list and its items are the pool's, handed out again at the next call with that pool: to be used only until then.
    /// </summary>
    public static List<Item> Build(TaggedSentence ts, Func<string, string> normalize, Func<int, int>? normalizeId = null, ItemPool? pool = null)
    {
        var tokens = ts.Sentence.Tokens;
        // (At most one item per token: sized once instead of grown.)
        var items = pool is null ? new List<Item>(tokens.Count) : pool.Start(tokens.Count);
        var mi = 0;
        var ti = 0;
        for (var i = 0; i < tokens.Count;)
        {
            while (mi < ts.Mentions.Count && ts.Mentions[mi].TokenStart < i)
                mi++;
            while (ti < ts.Titles.Count && ts.Titles[ti].TokenStart < i)
                ti++;
            if (mi < ts.Mentions.Count && ts.Mentions[mi].TokenStart == i)
            {
                var m = ts.Mentions[mi];
                items.Add((pool?.Next() ?? new Item()).Set(
                    m.TokenStart,
                    m.TokenEnd,
                    mention: m,
                    personIds: m.Kind == EntityKind.Person && m.EntityId is not null && !m.IsDemonym ? [m.EntityId] : null));
                i = m.TokenEnd;
                continue;
            }
            if (ti < ts.Titles.Count && ts.Titles[ti].TokenStart == i)
            {
                var t = ts.Titles[ti];
                items.Add((pool?.Next() ?? new Item()).Set(t.TokenStart, t.TokenEnd, title: t));
                i = t.TokenEnd;
                continue;
            }
            var token = tokens[i];
            if (!TextFolding.IsConnector(token))
            {
                var keyId = TokenKeys.IdOf(token);
                items.Add((pool?.Next() ?? new Item()).Set(
                    i,
                    i + 1,
                    token: token,
                    keyId: normalizeId is not null ? normalizeId(keyId) : NormalizedId(token, keyId, normalize),
                    tokenKeyId: keyId));
            }
            i++;
        }
        return items;
    }
}

/// <summary>
/// A thread's items for one sentence at a time (<see cref="Item.Build"/>): the list and the items it hands out are
/// handed out again by the next <see cref="Start"/>, so nothing of a sentence's items may be kept past it. A word item
/// per token was the analysis' largest allocation (~170 MB per 10 MB of text).
/// </summary>
internal sealed class ItemPool
{
    private readonly List<Item> _list = [];
    private Item[] _items = new Item[64];
    private int _used;

    /// <summary>The number of items handed out since the last <see cref="Start"/>.</summary>
    public int Used => _used;

    /// <summary>Takes back every item handed out and gives the (emptied) list, with room for <paramref name="capacity"/>.</summary>
    public List<Item> Start(int capacity)
    {
        _used = 0;
        _list.Clear();
        _list.EnsureCapacity(capacity);
        return _list;
    }

    /// <summary>An item not handed out since the last <see cref="Start"/> (its fields to be set by the caller).</summary>
    public Item Next()
    {
        if (_used == _items.Length)
            Array.Resize(ref _items, _items.Length * 2);
        return _items[_used++] ??= new Item();
    }
}

internal static class ListExtensions
{
    public static void ReplaceRange<T>(this List<T> list, int start, int end, T item)
    {
        list.RemoveRange(start, end - start);
        list.Insert(start, item);
    }
}
