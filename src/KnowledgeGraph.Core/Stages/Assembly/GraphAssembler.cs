using System.Collections.Immutable;
using System.Globalization;
using KnowledgeGraph.Core.Entities;
using KnowledgeGraph.Core.Graph;
using KnowledgeGraph.Core.Pipeline;
using KnowledgeGraph.Core.Relations;
using KnowledgeGraph.Core.Text;

namespace KnowledgeGraph.Core.Stages.Assembly;

/// <summary>
/// Turns the analyses of a corpus into one <see cref="PropertyGraph"/>. Per article: the facts about one pair of people
/// become occasions (one per distinct date; the most specific place wins), each a Meeting node with ATTENDED and
/// HELD_IN and a MET_WITH per pair; visits are the explicit ones plus those implied when people meet at a place that
/// is not a participant's home (their country, or their organisation's seat), one per person and trip; memberships are
/// deduplicated. Across articles the same id is one node, and the same meeting, visit or membership is one relationship
/// listing every article. Every relationship carries its evidence sentences.
/// Input: <see cref="DocumentAnalysis"/> per article part. Output: <see cref="PropertyGraph"/>. Corpus step.
/// </summary>
public sealed class GraphAssembler
{
    /// <summary>The most evidence sentences kept per relationship or meeting.</summary>
    public const int MaxEvidence = RelationFact.MaxEvidence;

    private readonly Gazetteer _gazetteer;

    /// <summary>Creates an assembler.</summary>
    public GraphAssembler(Gazetteer gazetteer)
    {
        ArgumentNullException.ThrowIfNull(gazetteer);
        _gazetteer = gazetteer;
    }

    /// <summary>Assembles the graph.</summary>
    public PropertyGraph Assemble(IEnumerable<DocumentAnalysis> analyses)
    {
        ArgumentNullException.ThrowIfNull(analyses);
        return AssembleOrdered(analyses.GroupBy(a => a.DocumentId, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal)
            .SelectMany(g => g.OrderBy(p => p.Part)));
    }

    /// <summary>
    /// Assembles the graph from analyses already ordered by document id (ordinal), then part — as a store reads them
    /// back — holding one document's parts at a time instead of the whole corpus: the same graph as
    /// <see cref="Assemble"/> gives for the same analyses.
    /// </summary>
    /// <exception cref="ArgumentException">The analyses are out of order.</exception>
    public PropertyGraph AssembleOrdered(IEnumerable<DocumentAnalysis> analyses)
    {
        ArgumentNullException.ThrowIfNull(analyses);
        var state = new AssemblyState();
        Fold(state, analyses);
        return BuildAndRelease(state);
    }

    /// <summary>
    /// Folds analyses ordered by document id (ordinal), then part, into <paramref name="state"/>: the documents must
    /// all sort after <see cref="AssemblyState.LastDocument"/>. A state kept from an earlier fold (see
    /// <see cref="AssemblyState.Load"/>) continued with the documents that sort after it is the state of one fold of
    /// them all, so <see cref="Build"/> gives the same graph. Every accumulator touched is marked changed.
    /// </summary>
    /// <exception cref="ArgumentException">The analyses are out of order, or sort before the state's last document.</exception>
    public void Fold(AssemblyState state, IEnumerable<DocumentAnalysis> analyses)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(analyses);
        var entities = state.Entities;
        foreach (var parts in Consecutive(analyses))
        {
            var docId = parts[0].DocumentId;
            if (state.LastDocument is { } last && string.CompareOrdinal(last, docId) >= 0)
                throw new ArgumentException($"Analyses of '{docId}' do not sort after '{last}', the last document folded.", nameof(analyses));
            state.LastDocument = docId;
            var published = parts.Select(p => p.Published).FirstOrDefault(p => p is not null);
            state.Articles[docId] = (published, parts[0].Title);
            state.NewArticles.Add(docId);
            foreach (var e in parts.SelectMany(p => p.Entities))
            {
                if (!entities.TryGetValue(e.Id, out var acc))
                    entities[e.Id] = acc = new EntityAcc(e.Id, e.Kind) { IsNew = true };
                acc.Add(docId, e);
            }
            // Sentence indexes restart in every part of a split file: offset them so facts of different parts never
            // look like one sentence.
            var facts = new List<RelationFact>();
            var offset = 0;
            foreach (var p in parts)
            {
                var o = offset;
                facts.AddRange(o == 0 ? p.Facts : p.Facts.Select(f => f with { SentenceIndex = f.SentenceIndex + o, OtherSentences = [.. f.OtherSentences.Select(x => x + o)] }));
                offset += p.Sentences;
            }
            var containment = parts.SelectMany(p => p.Containment).Distinct().ToLookup(c => c.Inner, c => c.Outer, StringComparer.Ordinal);
            var named = parts.SelectMany(p => p.Entities).Select(e => e.Id).ToHashSet(StringComparer.Ordinal);
            AssembleDocument(docId, published, facts, containment, named, state);
        }
    }

    /// <summary>
    /// After <see cref="Fold"/> continued a loaded state, and before its <see cref="AssemblyState.Changes"/> are
    /// taken: the rows of <see cref="Build"/>'s graph that may differ from the graph of the state as it was loaded.
    /// </summary>
    public GraphDelta Delta(AssemblyState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        // Entities new to the state, or renamed (a name that no gazetteer fixes): the text of the meetings and
        // relationships that name them changes, and a relationship whose end had no node may now have one.
        var named = state.Entities.Values
            .Where(e => e.Changed && (e.IsNew || (!_gazetteer.TryGet(e.Id, out _) && e.BestName() != e.NameBefore)))
            .Select(e => e.Id).ToHashSet(StringComparer.Ordinal);
        var meetings = state.Meetings.Values
            .Where(m => m.Changed || (named.Count > 0 && ((m.Place is { } p && named.Contains(p)) || m.People.Any(named.Contains))))
            .Select(m => m.Id).ToHashSet(StringComparer.Ordinal);
        var relationships = state.Relations.Values
            .Where(r => r.Changed || (named.Count > 0 && (named.Contains(r.Start) || named.Contains(r.End) || (r.PlaceId is { } p && named.Contains(p)))))
            .Select(r => r.Id).ToHashSet(StringComparer.Ordinal);
        var articles = state.NewArticles.Select(a => "article:" + a).ToHashSet(StringComparer.Ordinal);
        return new GraphDelta(meetings, relationships, articles);
    }

    /// <summary>The graph of everything folded into <paramref name="state"/> (which it leaves as it was).</summary>
    public PropertyGraph Build(AssemblyState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        return BuildGraph(new SortedDictionary<string, EntityAcc>(state.Entities, StringComparer.Ordinal), state.Relations, state.Meetings, state.Articles, release: false, null, null);
    }

    /// <summary>
    /// The graph <see cref="Build"/> gives, for the last use of <paramref name="state"/>: each accumulator is emptied
    /// once it has become nodes and relationships, and the state is left empty, so that the state and the graph made
    /// from it are not both held whole (at 100 MB of text the state's sets and lists are about a third of the graph).
    /// </summary>
    /// <param name="state">The state.</param>
    /// <param name="propertiesOnlyOf">When given, the relationships it says may not have changed
    /// (<see cref="GraphDelta.MayHaveChanged(GraphRelationship)"/>) come without properties: for a caller that reads
    /// the properties of the delta's rows only.</param>
    /// <param name="giveBack">Drop the relationships and then the meetings from the state as soon as they are made into
    /// the graph, each time followed by a full, compacting collection: the rest of the graph is then made in the memory
    /// they held instead of beside the whole state (the peak of a full build; two collections of a heap of the state's
    /// size cost far less than the assembly).</param>
    public PropertyGraph BuildAndRelease(AssemblyState state, GraphDelta? propertiesOnlyOf = null, bool giveBack = false)
    {
        ArgumentNullException.ThrowIfNull(state);
        var graph = BuildGraph(new SortedDictionary<string, EntityAcc>(state.Entities, StringComparer.Ordinal), state.Relations, state.Meetings, state.Articles, release: true, propertiesOnlyOf,
            giveBack ? state : null);
        state.Clear();
        return graph;
    }

    // Runs of analyses of one document; a document id smaller than the one before means the input was not ordered.
    private static IEnumerable<List<DocumentAnalysis>> Consecutive(IEnumerable<DocumentAnalysis> analyses)
    {
        List<DocumentAnalysis>? run = null;
        foreach (var a in analyses)
        {
            if (run is not null && run[0].DocumentId == a.DocumentId)
            {
                if (a.Part < run[^1].Part)
                    throw new ArgumentException($"Analyses of '{a.DocumentId}' are not ordered by part.", nameof(analyses));
                run.Add(a);
                continue;
            }
            if (run is not null)
            {
                if (string.CompareOrdinal(run[0].DocumentId, a.DocumentId) > 0)
                    throw new ArgumentException($"Analyses are not ordered by document id ('{a.DocumentId}' after '{run[0].DocumentId}').", nameof(analyses));
                yield return run;
            }
            run = [a];
        }
        if (run is not null)
            yield return run;
    }

    private void AssembleDocument(string docId, DateOnly? published, List<RelationFact> facts, ILookup<string, string> containment, HashSet<string> named, AssemblyState state)
    {
        var rels = state.Relations;
        var meetings = state.Meetings;
        var meetingsByDate = state.MeetingsByDate;
        // What the accumulators keep is one instance per distinct text (see AssemblyState.Texts).
        var texts = state.Texts;
        // Everything below is keyed or memoised so that an article part of a 200 MB dump stays linear in its facts.
        var memberships = facts.Where(f => f.Kind == RelationKind.MemberOf)
            .GroupBy(f => f.SubjectId, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(f => f.ObjectId).ToHashSet(StringComparer.Ordinal), StringComparer.Ordinal);
        var awayMemo = new Dictionary<(string, string, bool), bool?>();
        bool? Away(string person, string place, bool abroad = false)
        {
            if (!awayMemo.TryGetValue((person, place, abroad), out var away))
                awayMemo[(person, place, abroad)] = away = IsAway(person, place, published, memberships, containment, abroad);
            return away;
        }
        var relatedMemo = new Dictionary<(string, string), bool>();
        bool Rel8(string a, string b)
        {
            if (!relatedMemo.TryGetValue((a, b), out var r))
                relatedMemo[(a, b)] = r = Related(a, b, containment);
            return r;
        }
        // One visit per place an article tells of and the places inside it (the days of a state visit to a capital, its
        // venues, the country around it): Geneva, Montreux and Davos on one tour of Switzerland are three visits.
        // Two dates more than a week apart are two trips to the same place ("in May 2023 ... on Tuesday").
        bool Unplaced(string place) => !_gazetteer.TryGet(place, out _) && !containment[place].Any();
        var cityMemo = new Dictionary<string, string?>(StringComparer.Ordinal);
        string? City(string place)
        {
            if (!cityMemo.TryGetValue(place, out var city))
                cityMemo[place] = city = PlaceAndContainers(place, containment).FirstOrDefault(p => p.StartsWith("city:", StringComparison.Ordinal));
            return city;
        }
        // Two venues of one city (the palace of the talks, the museum of the afternoon) are one trip to that city.
        bool SameTrip((string Place, DateOnly? Date) x, (string Person, string Place, DateOnly? Date, string Evidence, int Rank, string Rule) v) =>
            !(x.Date is { } a && v.Date is { } b && Math.Abs(a.DayNumber - b.DayNumber) > 7) &&
            (Rel8(x.Place, v.Place) || (City(x.Place) is { } c && c == City(v.Place)));
        // One occasion: not on two different days, nor at two places neither of which lies in the other (a missing date
        // or place fits any).
        bool SameOccasion(DateOnly? d1, string? p1, DateOnly? d2, string? p2) =>
            (d1 is null || d2 is null || d1 == d2) && (p1 is null || p2 is null || Rel8(p1, p2));
        // Memberships: one per member and organisation.
        foreach (var f in facts.Where(f => f.Kind == RelationKind.MemberOf))
            Rel(rels, $"member_of:{f.SubjectId}:{f.ObjectId}", GraphSchema.MemberOf, f.SubjectId, f.ObjectId, texts).Add(docId, f, f.Role, texts);

        // Meetings: occasions per pair, then pairs that share a sentence and date are one meeting.
        var occasions = new List<Occasion>();
        var byPair = new Dictionary<(string, string), List<Occasion>>();
        foreach (var f in facts.Where(f => f.Kind == RelationKind.MetWith).OrderBy(f => f.SentenceIndex))
        {
            var (a, b) = string.CompareOrdinal(f.SubjectId, f.ObjectId) < 0 ? (f.SubjectId, f.ObjectId) : (f.ObjectId, f.SubjectId);
            if (!byPair.TryGetValue((a, b), out var ofPair))
                byPair[(a, b)] = ofPair = [];
            // One occasion per pair, date and place: the same pair at two places of one day, neither known to lie in the
            // other (the airport where the visitor landed, the town of the talks), met twice.
            var occ = ofPair.FirstOrDefault(o => SameOccasion(o.Date, o.PlaceId, f.Date, f.PlaceId));
            if (occ is null)
            {
                ofPair.Add(occ = new Occasion(a, b));
                occasions.Add(occ);
            }
            occ.Add(f, PlaceRank);
        }
        // Pairs stated by the same sentence (and not on different dates, nor at two places neither of which lies in the
        // other: "in New Delhi ..., and at the summit in Riyadh") are one meeting.
        var groups = new List<List<Occasion>>();
        var bySentence = new Dictionary<int, List<List<Occasion>>>();
        foreach (var o in occasions)
        {
            var g = o.Sentences.SelectMany(s => bySentence.TryGetValue(s, out var gs) ? gs : [])
                .FirstOrDefault(g => g.All(x => SameOccasion(x.Date, x.PlaceId, o.Date, o.PlaceId)));
            if (g is null)
                groups.Add(g = []);
            g.Add(o);
            foreach (var s in o.Sentences)
            {
                if (!bySentence.TryGetValue(s, out var gs))
                    bySentence[s] = gs = [];
                if (!gs.Contains(g))
                    gs.Add(g);
            }
        }
        var visits = new List<(string Person, string Place, DateOnly? Date, string Evidence, int Rank, string Rule)>();
        var homeUnknown = new List<(MeetingAcc Meeting, string Person, string Place, DateOnly? Date, RelationFact Source)>();
        foreach (var g in groups)
        {
            var date = g.Select(o => o.Date).FirstOrDefault(d => d is not null);
            var place = g.Where(o => o.PlaceId is not null).OrderByDescending(o => o.PlaceRank).Select(o => texts.Get(o.PlaceId!)).FirstOrDefault();
            var people = g.SelectMany(o => new[] { o.A, o.B }).Distinct().Order(StringComparer.Ordinal).Select(texts.Get).ToList();
            var meetingId = "meeting:" + (date is { } d ? d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : "undated-" + Slug.Of(docId)) + ":" +
                string.Join('+', people.Select(p => p[(p.IndexOf(':', StringComparison.Ordinal) + 1)..])) + (place is null ? "" : "@" + Slug.Of(place));
            // The same meeting told by another article: same date, the same place (or one of them names none), and two
            // or more of the same people — not necessarily the same list, since each article names whom it knows.
            var meeting = meetings.GetValueOrDefault(meetingId) ?? (date is { } day ? SameMeeting(meetingsByDate, day, place, people) : null);
            if (meeting is null)
            {
                meetings[meetingId] = meeting = new MeetingAcc(meetingId, date, place, people) { Sequence = state.NextMeetingSequence++ };
                if (date is { } day2)
                {
                    if (!meetingsByDate.TryGetValue(day2, out var ofDay))
                        meetingsByDate[day2] = ofDay = [];
                    ofDay.Add(meeting);
                }
            }
            else
            {
                meetingId = meeting.Id;
            }
            meeting.Changed = true;
            meeting.Join(people);
            meeting.Documents.Add(docId);
            // Who was host and who was guest: a visitor of a pair is a guest, the other side of it a host.
            foreach (var f in g.SelectMany(o => o.Facts))
            {
                if (f.VisitorId is not { } guest)
                    continue;
                meeting.Roles[texts.Get(guest)] = "guest";
                var host = texts.Get(f.SubjectId == guest ? f.ObjectId : f.SubjectId);
                // The other side of a guest is a host, unless they too are abroad: "the conversation was widened to include
                // the Secretary of State" puts the guest's own people beside the guest, not among the hosts.
                if (place is null || Away(host, place, abroad: true) != true)
                    meeting.Roles.TryAdd(host, "host");
            }
            foreach (var o in g)
            {
                // One MET_WITH per pair and day: the airport welcome and the talks at the palace are two meetings, but
                // the pair met once that day; the first meeting that names a place gives it.
                var relId = date is { } day3 ? $"met_with:{day3.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}:{o.A}:{o.B}" : $"met_with:{meetingId}:{o.A}:{o.B}";
                var fresh = !rels.ContainsKey(relId);
                var rel = Rel(rels, relId, GraphSchema.MetWith, o.A, o.B, texts);
                if (fresh)
                {
                    rel.Date = date;
                    rel.Meeting = meetingId;
                }
                if (fresh || rel.PlaceId is null)
                    rel.PlaceId = place;
                // The sentences that give the date and place come first: they are the best evidence to show.
                foreach (var f in o.Facts.OrderBy(f => (f.Date is null ? 1 : 0) + (f.PlaceId is null ? 1 : 0)).ThenBy(f => f.SentenceIndex))
                {
                    rel.Add(docId, f, null, texts);
                    meeting.AddEvidence(f.Evidence, texts);
                    foreach (var e in f.OtherEvidence)
                        meeting.AddEvidence(e, texts);
                }
            }
            if (place is null)
                continue;
            foreach (var p in people)
            {
                var explicitVisitor = g.SelectMany(o => o.Facts).Any(f => f.VisitorId == p);
                // The host of a guest who came to them ("Erdoğan received Shoukry at the Dolmabahçe Palace") is at home.
                var away = explicitVisitor ? true : meeting.Roles.GetValueOrDefault(p) == "host" ? false : Away(p, place);
                if (away == false)
                    continue;
                var source = g.SelectMany(o => o.Facts).OrderBy(f => f.VisitorId == p ? 0 : 1).First();
                if (away == true)
                    visits.Add((p, place, date, source.Evidence, PlaceRank(place), explicitVisitor ? source.Rule : "meeting away from home: " + source.Rule));
                else
                    homeUnknown.Add((meeting, p, place, date, source));
            }
        }
        // A host received the meeting at home: the people beside the guests whose home no one states (the wife, the chief
        // of staff, the spokesman of a visiting delegation) came to it, as the guests did. Decided once every sentence of
        // the meeting has said who its hosts are.
        foreach (var (meeting, p, place, date, source) in homeUnknown)
        {
            if (meeting.Roles.GetValueOrDefault(p) != "host" && meeting.Roles.Any(r => r.Value == "host" && Away(r.Key, place) == false))
                visits.Add((p, place, date, source.Evidence, PlaceRank(place), "meeting at a host's home, own home unknown: " + source.Rule));
        }
        var companions = new List<RelationFact>();
        foreach (var f in facts.Where(f => f.Kind == RelationKind.Visited))
        {
            if (f.OnlyIfAway && f.VisitorId is not null)
            {
                companions.Add(f);
                continue;
            }
            if (f.OnlyIfAway && Away(f.SubjectId, f.ObjectId) != true)
                continue;
            // No one visits their own country ("Orban met Zelensky in Kyiv, his first trip to Ukraine": "his" is not the
            // nearer man's); a trip to a town of it is another matter.
            if (_gazetteer.TryGet(f.ObjectId, out var pe) && pe.Kind == EntityKind.Country && Away(f.SubjectId, f.ObjectId) == false)
                continue;
            visits.Add((f.SubjectId, f.ObjectId, f.Date, f.Evidence, PlaceRank(f.ObjectId), f.Rule));
        }
        // A companion (RelationFact.VisitorId: the person they travelled with) visited a place when that person did, that
        // day, or was away there; unless it is the companion's own home (the host who walked the guest through his palace).
        var leads = visits.Count;
        foreach (var f in companions)
        {
            var lead = f.VisitorId!;
            var theirs = false;
            for (var k = 0; k < leads && !theirs; k++)
                theirs = visits[k].Person == lead && visits[k].Date == f.Date && Rel8(visits[k].Place, f.ObjectId);
            if ((theirs || Away(lead, f.ObjectId) == true) && Away(f.SubjectId, f.ObjectId) != false)
                visits.Add((f.SubjectId, f.ObjectId, f.Date, f.Evidence, PlaceRank(f.ObjectId), f.Rule));
        }
        // One visit per person and trip: places of a trip lie inside one another; the most specific place names it.
        foreach (var person in visits.GroupBy(v => v.Person, StringComparer.Ordinal))
        {
            var trips = new List<List<(string Person, string Place, DateOnly? Date, string Evidence, int Rank, string Rule)>>();
            var tripKeys = new List<HashSet<(string Place, DateOnly? Date)>>();
            // Dated visits first; a venue no list places after the places a list does, so that it finds their trip.
            foreach (var v in person.OrderByDescending(v => v.Date is not null).ThenBy(v => Unplaced(v.Place) ? 1 : 0))
            {
                var k = tripKeys.FindIndex(t => t.Any(x => SameTrip(x, v)));
                // A venue no list places ("the Hyatt hotel", "Haneda Airport") is part of the trip of its day; undated, of the
                // person's one trip, if the article tells of one.
                if (k < 0 && Unplaced(v.Place))
                    k = v.Date is { } vd ? tripKeys.FindIndex(t => t.Any(x => x.Date == vd)) : tripKeys.Count == 1 ? 0 : -1;
                if (k < 0)
                {
                    trips.Add([v]);
                    tripKeys.Add([(v.Place, v.Date)]);
                }
                else
                {
                    trips[k].Add(v);
                    tripKeys[k].Add((v.Place, v.Date));
                }
            }
            foreach (var trip in trips)
            {
                var best = trip.OrderBy(x => Unplaced(x.Place) ? 1 : 0).ThenByDescending(x => x.Rank).First();
                // A trip is named by its city when the article names that city and places the venue in it (or the gazetteer
                // does): the trip to Kyiv, whose evidence names the palace of the talks and the museum of the afternoon.
                var place = best.Rank > 3 && City(best.Place) is { } inCity && named.Contains(inCity) ? inCity : best.Place;
                var date = trip.Select(x => x.Date).FirstOrDefault(d => d is not null);
                var id = $"visited:{person.Key}:{place}:" + (date is { } d ? d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : "undated-" + Slug.Of(docId));
                var rel = Rel(rels, id, GraphSchema.Visited, person.Key, place, texts);
                rel.Date = date;
                rel.Documents.Add(docId);
                foreach (var x in trip)
                    rel.AddEvidence(x.Evidence, x.Rule, texts);
            }
        }
    }

    /// <summary>True when <paramref name="place"/> is away from every home of the person; null when no home is known.</summary>
    private bool? IsAway(string person, string place, DateOnly? published, Dictionary<string, HashSet<string>> memberships, ILookup<string, string> containment, bool abroad = false)
    {
        // Home: the organisations and countries the article says the person belongs to, and the gazetteer roles held
        // on the article's date (or the latest role when the date is unknown).
        var orgs = memberships.TryGetValue(person, out var stated) ? new HashSet<string>(stated, StringComparer.Ordinal) : new HashSet<string>(StringComparer.Ordinal);
        var roles = _gazetteer.RolesOf(person);
        var active = published is { } d ? roles.Where(r => r.IsActiveOn(d)) : roles.OrderByDescending(r => r.From ?? DateOnly.MinValue).Take(1);
        orgs.UnionWith(active.Select(r => r.OrgId));
        var homeIds = new HashSet<string>(StringComparer.Ordinal);
        var homeCountries = new HashSet<string>(StringComparer.Ordinal);
        foreach (var o in orgs)
        {
            homeIds.Add(o);
            if (!_gazetteer.TryGet(o, out var org))
                continue;
            if (org.Kind == EntityKind.Country)
            {
                if (org.Country is { } c)
                    homeCountries.Add(c);
                continue;
            }
            if (org.Headquarters is { } hq)
            {
                homeIds.Add(hq);
                if (_gazetteer.TryGet(hq, out var hqe) && hqe.City is { } city)
                    homeIds.Add(city);
                if (_gazetteer.CountryOf(hq) is { } hc)
                    homeCountries.Add(hc);
            }
            else if (org.Country is { } oc)
            {
                homeCountries.Add(oc);
            }
        }
        // No position the article or the gazetteer dates to the article (an opposition leader, a former minister): the
        // country the gazetteer gives the person is home.
        if (homeCountries.Count == 0 && _gazetteer.TryGet(person, out var self) && self.Country is { Length: 2 } own)
            homeCountries.Add(own);
        // Bodies with no seat or country (a contact group) say nothing about where home is.
        if (homeCountries.Count == 0 && homeIds.All(orgs.Contains))
            return null;
        var containers = PlaceAndContainers(place, containment).ToList();
        if (containers.Any(homeIds.Contains))
            return false;
        // Abroad: in a country that is not the person's (a trip inside one's own country does not count).
        if (abroad)
            return containers.Select(_gazetteer.CountryOf).FirstOrDefault(c => c is not null) is { } placeCountry && homeCountries.Count > 0 ? !homeCountries.Contains(placeCountry) : null;
        if (containers.Any(p => _gazetteer.CountryOf(p) is { } c && homeCountries.Contains(c)))
        {
            // In the home country, a national of it is home in its capital; a city of the country that is not its capital
            // (a cosmodrome in the Far East, a governor's town) is a trip. A place only known as the country or a region is home.
            var city = containers.FirstOrDefault(p => p.StartsWith("city:", StringComparison.Ordinal));
            return city is not null && _gazetteer.TryGet(city, out var ce) && !ce.IsCapital && ce.Population > 0 ? true : false;
        }
        // An unknown place (found by a pattern, no containment) cannot be judged.
        return _gazetteer.TryGet(place, out _) || containment.Contains(place) ? true : null;
    }

    private bool Related(string a, string b, ILookup<string, string> containment) =>
        a == b || Within(a, b, containment) || Within(b, a, containment);

    private bool Within(string inner, string outer, ILookup<string, string> containment)
    {
        var outerCountry = _gazetteer.TryGet(outer, out var oe) && oe.Kind == EntityKind.Country ? oe.Country : null;
        return PlaceAndContainers(inner, containment).Any(p => p == outer || (outerCountry is not null && _gazetteer.CountryOf(p) == outerCountry));
    }

    /// <summary>
    /// The place, then everything the article or the gazetteer puts it in, nearest first: the text's own containment
    /// ("NATO headquarters, Brussels"), and a venue's city. Lazy, so a caller that finds what it looks for stops there.
    /// </summary>
    private IEnumerable<string> PlaceAndContainers(string place, ILookup<string, string> containment)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var queue = new Queue<string>([place]);
        while (queue.Count > 0)
        {
            var p = queue.Dequeue();
            if (!seen.Add(p))
                continue;
            yield return p;
            foreach (var outer in containment[p])
                queue.Enqueue(outer);
            if (_gazetteer.TryGet(p, out var e) && e.City is { } city)
                queue.Enqueue(city);
        }
    }

    private int PlaceRank(string id) => _gazetteer.PlaceRank(id);

    private static RelAcc Rel(SortedDictionary<string, RelAcc> rels, string id, string type, string start, string end, AssemblyState.Pool texts)
    {
        if (!rels.TryGetValue(id, out var r))
            rels[id] = r = new RelAcc(id, type, texts.Get(start), texts.Get(end));
        r.Materialize();
        r.Changed = true;
        return r;
    }

    private PropertyGraph BuildGraph(SortedDictionary<string, EntityAcc> entities, SortedDictionary<string, RelAcc> rels,
        SortedDictionary<string, MeetingAcc> meetings, SortedDictionary<string, (DateOnly? Published, string? Title)> articles, bool release, GraphDelta? propertiesOnlyOf,
        AssemblyState? givingBack)
    {
        var none = PropertyDictionary.Empty;
        var nodes = new Dictionary<string, GraphNode>(StringComparer.Ordinal);
        // Relationship ends that no article names (an organisation from a gazetteer role) still need a node.
        foreach (var r in rels.Values)
        {
            foreach (var id in new[] { r.Start, r.End })
            {
                if (!entities.ContainsKey(id) && _gazetteer.TryGet(id, out var e))
                    entities[id] = new EntityAcc(id, e.Kind);
            }
        }
        foreach (var e in entities.Values)
        {
            _gazetteer.TryGet(e.Id, out var g);
            var name = g?.Name ?? e.BestName();
            var bag = new PropertyBag()
                .Add("name", name)
                .Add("aliases", e.Surfaces.Where(s => s != name).Order(StringComparer.Ordinal))
                .Add("documents", e.PerDocument.Select(p => p.Doc))
                .Add("mentions", e.Mentions > 0 ? e.Mentions : null);
            if (g is not null)
            {
                bag.Add("country", g.Country).Add("kind", g.Subkind).Add("latitude", g.Latitude).Add("longitude", g.Longitude)
                    .Add("population", g.Population > 0 ? g.Population : null).Add("source", "gazetteer");
            }
            else
            {
                bag.Add("source", "pattern");
            }
            nodes[e.Id] = new GraphNode(e.Id, [e.Kind.ToString()], bag.Build());
        }
        var relationships = new List<GraphRelationship>();
        // Most ids are their ends joined, with a type and a date around them: a relationship holds the text around (one
        // instance per distinct text), not an id string of its own (at 100 MB of text their ids were 58 of the graph's
        // 212 MB).
        var shapes = new IdShapes();
        var attended = shapes.Get("attended:", "");
        var heldIn = shapes.Get("held_in:", "");
        // Relationships mostly name one of a few sets of rules: one list per distinct set, not one per relationship.
        var ruleLists = new Dictionary<string, ImmutableArray<string>>(StringComparer.Ordinal);
        ImmutableArray<string> RulesOf(RelAcc r)
        {
            var key = string.Join('\n', r.Rules);
            if (!ruleLists.TryGetValue(key, out var list))
                ruleLists[key] = list = [.. r.Rules];
            return list;
        }
        foreach (var r in rels.Values)
        {
            if (!nodes.ContainsKey(r.Start) || !nodes.ContainsKey(r.End))
                continue;
            if (propertiesOnlyOf is not null && !propertiesOnlyOf.Relationships.Contains(r.Id))
            {
                relationships.Add(GraphRelationship.WithIdAround(r.Id, r.Type, r.Start, r.End, none, shapes));
                if (release)
                    r.Release();
                continue;
            }
            r.Materialize();
            var bag = new PropertyBag()
                .Add("date", r.Date)
                .Add("place", r.PlaceId is { } p && nodes.TryGetValue(p, out var pn) ? pn.Name : null)
                .Add("placeId", r.PlaceId)
                .Add("role", r.Role)
                .Add("meeting", r.Meeting)
                .Add("documents", r.Documents.Order(StringComparer.Ordinal))
                .Add("evidence", r.Evidence)
                .Add("rules", RulesOf(r));
            relationships.Add(GraphRelationship.WithIdAround(r.Id, r.Type, r.Start, r.End, bag.Build(), shapes));
            if (release)
                r.Release();
        }
        if (givingBack is not null)
        {
            givingBack.Relations.Clear();
            HeapCompaction.Collect();
        }
        foreach (var m in meetings.Values)
        {
            var names = m.People.Select(p => nodes.TryGetValue(p, out var n) ? n.Name : p).ToList();
            var placeName = m.Place is { } pl && nodes.TryGetValue(pl, out var pn) ? pn.Name : null;
            var title = string.Join(" and ", names) + (placeName is null ? "" : $" in {placeName}") +
                (m.Date is { } d ? $", {d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}" : "");
            // One list of the meeting's documents for its node, its ATTENDED and its HELD_IN (a sorted set enumerates in
            // its order: ordinal).
            ImmutableArray<string> meetingDocuments = [.. m.Documents];
            nodes[m.Id] = new GraphNode(m.Id, [GraphSchema.Meeting], new PropertyBag()
                .Add("name", title).Add("date", m.Date).Add("place", placeName)
                .Add("documents", meetingDocuments).Add("evidence", m.Evidence).Build());
            var bare = propertiesOnlyOf is not null && !propertiesOnlyOf.Meetings.Contains(m.Id);
            foreach (var p in m.People.Where(nodes.ContainsKey))
            {
                relationships.Add(GraphRelationship.WithIdAround(attended, GraphSchema.Attended, p, m.Id, bare ? none :
                    new PropertyBag().Add("role", m.Roles.GetValueOrDefault(p, "attendee")).Add("documents", meetingDocuments).Build()));
            }
            if (m.Place is { } place && nodes.ContainsKey(place))
            {
                relationships.Add(GraphRelationship.WithIdAround(heldIn, GraphSchema.HeldIn, m.Id, place, bare ? none :
                    new PropertyBag().Add("documents", meetingDocuments).Build()));
            }
            if (release)
                m.Release();
        }
        if (givingBack is not null)
        {
            givingBack.Meetings.Clear();
            givingBack.MeetingsByDate.Clear();
            HeapCompaction.Collect();
        }
        // MENTIONED_IN is most of an archive's relationships (nine in ten): they are kept as a table of numbers (an
        // entity's articles by index, and counts) that the graph makes into relationships only as they are read, in
        // id order (entities in the order of "id:", each one's articles in document order). The others are sorted.
        var documents = new string[articles.Count];
        var articleIds = new string[articles.Count];
        var documentIndex = new Dictionary<string, int>(articles.Count, StringComparer.Ordinal);
        foreach (var (doc, info) in articles)
        {
            var i = documentIndex[doc] = documentIndex.Count;
            documents[i] = doc;
            var id = articleIds[i] = "article:" + doc;
            nodes[id] = new GraphNode(id, [GraphSchema.Article], new PropertyBag()
                .Add("name", info.Title is { Length: > 0 } t ? t : doc).Add("file", doc).Add("published", info.Published).Build());
        }
        relationships.Sort(GraphRelationship.CompareIds);
        var ordered = entities.Values.OrderBy(e => e.Id + ":", StringComparer.Ordinal).ToList();
        var starts = new int[ordered.Count + 1];
        var rows = 0;
        for (var e = 0; e < ordered.Count; e++)
        {
            starts[e] = rows;
            rows += ordered[e].PerDocument.Count;
        }
        starts[ordered.Count] = rows;
        var document = new int[rows];
        var count = new int[rows];
        var k = 0;
        foreach (var e in ordered)
        {
            foreach (var (doc, n) in e.PerDocument)
            {
                // Every folded document is an article of the state; a mention of another would point at no node, which
                // the graph refuses, as it refused the relationship before.
                if (!documentIndex.TryGetValue(doc, out var d))
                    throw new InvalidOperationException($"Entity '{e.Id}' is mentioned in '{doc}', which is not an assembled article.");
                document[k] = d;
                count[k++] = n;
            }
            if (release)
                e.Release();
        }
        var mentions = new MentionTable([.. ordered.Select(e => e.Id)], starts, documents, articleIds, document, count);
        return new PropertyGraph(nodes.Values, relationships, mentions);
    }

    private sealed class Occasion(string a, string b)
    {
        public string A { get; } = a;
        public string B { get; } = b;
        public DateOnly? Date { get; private set; }
        public string? PlaceId { get; private set; }
        public int PlaceRank { get; private set; } = -1;
        public HashSet<int> Sentences { get; } = [];
        public List<RelationFact> Facts { get; } = [];

        public void Add(RelationFact f, Func<string, int> rank)
        {
            Facts.Add(f);
            // A meeting is named by its first sentence; its other sentences (a companion "accompanied by" joins every
            // meeting of the person accompanied) do not make two meetings one.
            Sentences.Add(f.SentenceIndex);
            Date ??= f.Date;
            if (f.PlaceId is { } p && rank(p) > PlaceRank)
            {
                PlaceId = p;
                PlaceRank = rank(p);
            }
        }
    }

    private static MeetingAcc? SameMeeting(Dictionary<DateOnly, List<MeetingAcc>> byDate, DateOnly date, string? place, List<string> people) =>
        byDate.TryGetValue(date, out var ofDay)
            ? ofDay.FirstOrDefault(m => (m.Place is null || place is null || m.Place == place) && m.People.Count(people.Contains) >= 2)
            : null;

    internal sealed class EntityAcc(string id, EntityKind kind)
    {
        public string Id { get; } = id;
        public EntityKind Kind { get; } = kind;
        public SortedSet<string> Surfaces { get; } = new(StringComparer.Ordinal);
        private readonly List<(string Doc, int Count)> _perDocument = [];

        /// <summary>Mentions per article, in document order (ordinal): documents arrive in that order, so a list kept
        /// in arrival order is sorted (an archive has one entry per entity and article: a tree node each cost 5 times more).</summary>
        public IReadOnlyList<(string Doc, int Count)> PerDocument => _perDocument;

        public Dictionary<string, int> Names { get; } = new(StringComparer.Ordinal);
        public int Mentions { get; private set; }

        /// <summary>Touched since the state was created or loaded (see <see cref="AssemblyState.Changes"/>).</summary>
        public bool Changed { get; set; }

        /// <summary>One article's mentions, as a kept state holds them (in document order).</summary>
        public void Restore(string doc, int count)
        {
            _perDocument.Add((doc, count));
            Mentions += count;
        }

        /// <summary>Created since the state was created or loaded.</summary>
        public bool IsNew { get; set; }

        /// <summary>The name it had when first touched since the state was loaded.</summary>
        public string? NameBefore { get; set; }

        public void Add(string doc, EntityOccurrence e)
        {
            if (!Changed)
            {
                Changed = true;
                NameBefore = IsNew ? null : BestName();
            }
            if (_perDocument.Count > 0 && _perDocument[^1].Doc == doc)
            {
                _perDocument[^1] = (doc, _perDocument[^1].Count + e.Count);
            }
            else
            {
                if (_perDocument.Count > 0 && string.CompareOrdinal(_perDocument[^1].Doc, doc) > 0)
                    throw new InvalidOperationException($"Analyses out of document order ('{doc}' after '{_perDocument[^1].Doc}').");
                _perDocument.Add((doc, e.Count));
            }
            Mentions += e.Count;
            Surfaces.UnionWith(e.Surfaces);
            Names[e.Name] = Names.GetValueOrDefault(e.Name) + e.Count;
        }

        /// <summary>Empties the accumulator (its graph is made: see <see cref="BuildAndRelease"/>).</summary>
        public void Release()
        {
            _perDocument.Clear();
            _perDocument.TrimExcess();
            Surfaces.Clear();
            Names.Clear();
        }

        // The name used most, then the longest (fullest), then ordinal: deterministic.
        public string BestName() => Names.Count == 0 ? Id :
            Names.OrderByDescending(kv => kv.Value).ThenByDescending(kv => kv.Key.Length).ThenBy(kv => kv.Key, StringComparer.Ordinal).First().Key;
    }

    internal sealed class RelAcc(string id, string type, string start, string end)
    {
        public string Id { get; } = id;
        public string Type { get; } = type;
        public string Start { get; } = start;
        public string End { get; } = end;
        public DateOnly? Date { get; set; }
        public string? PlaceId { get; set; }
        public string? Role { get; private set; }
        public string? Meeting { get; set; }
        public SortedSet<string> Documents { get; } = new(StringComparer.Ordinal);
        public List<string> Evidence { get; } = [];
        public SortedSet<string> Rules { get; } = new(StringComparer.Ordinal);

        /// <summary>Touched since the state was created or loaded (see <see cref="AssemblyState.Changes"/>).</summary>
        public bool Changed { get; set; }

        /// <summary>The role a kept state holds.</summary>
        public void Restore(string? role) => Role = role;

        /// <summary>An evidence sentence as a kept state holds it (its rule is in <see cref="Rules"/>).</summary>
        public void AddEvidence(string evidence)
        {
            if (Evidence.Count < MaxEvidence && !Evidence.Contains(evidence))
                Evidence.Add(evidence);
        }

        public void Add(string doc, RelationFact f, string? role, AssemblyState.Pool texts)
        {
            Documents.Add(doc);
            AddEvidence(f.Evidence, f.Rule, texts);
            foreach (var e in f.OtherEvidence)
                AddEvidence(e, f.Rule, texts);
            Role ??= role is null ? null : texts.Get(role);
        }

        /// <summary>
        /// The rest of the accumulator as a kept state holds it (role, meeting, documents, evidence, rules), read only
        /// when first needed: a build that continues the state touches few of an archive's relationships.
        /// </summary>
        public Action<RelAcc>? Pending { get; set; }

        /// <summary>Reads what <see cref="Pending"/> holds, once.</summary>
        public void Materialize()
        {
            if (Pending is { } read)
            {
                Pending = null;
                read(this);
            }
        }

        /// <summary>Empties the accumulator (its graph is made: see <see cref="BuildAndRelease"/>).</summary>
        public void Release()
        {
            Pending = null;
            Documents.Clear();
            Evidence.Clear();
            Evidence.TrimExcess();
            Rules.Clear();
        }

        public void AddEvidence(string evidence, string rule, AssemblyState.Pool texts)
        {
            // Up to MaxEvidence distinct sentences: enough to explain a fact, bounded for a fact a dump states 1,000 times.
            // Only a text kept is pooled (one left out would be held by the pool alone).
            // At most MaxEvidence sentences: searching them costs less than a set of them held beside them.
            if (Evidence.Count < MaxEvidence && !Evidence.Contains(evidence))
                Evidence.Add(texts.Get(evidence));
            if (!Rules.Contains(rule))
                Rules.Add(texts.Get(rule));
        }
    }

    internal sealed class MeetingAcc(string id, DateOnly? date, string? place, List<string> people)
    {
        public string Id { get; } = id;
        public DateOnly? Date { get; } = date;
        public string? Place { get; } = place;
        public List<string> People { get; } = [.. people];

        /// <summary>Order of creation: the cross-article merge tries a day's meetings in it.</summary>
        public long Sequence { get; init; }

        /// <summary>Touched since the state was created or loaded (see <see cref="AssemblyState.Changes"/>).</summary>
        public bool Changed { get; set; } = true;

        /// <summary>host or guest, for those the text makes one; everyone else attended.</summary>
        public Dictionary<string, string> Roles { get; } = new(StringComparer.Ordinal);

        public void Join(IEnumerable<string> people)
        {
            foreach (var p in people)
            {
                if (!People.Contains(p))
                    People.Add(p);
            }
        }
        public SortedSet<string> Documents { get; } = new(StringComparer.Ordinal);
        public List<string> Evidence { get; } = [];
        /// <summary>Empties the accumulator (its graph is made: see <see cref="BuildAndRelease"/>).</summary>
        public void Release()
        {
            Documents.Clear();
            Evidence.Clear();
            Evidence.TrimExcess();
            Roles.Clear();
        }

        public void AddEvidence(string evidence)
        {
            if (Evidence.Count < MaxEvidence && !Evidence.Contains(evidence))
                Evidence.Add(evidence);
        }

        /// <summary>An evidence sentence of a new article: pooled when kept.</summary>
        public void AddEvidence(string evidence, AssemblyState.Pool texts)
        {
            if (Evidence.Count < MaxEvidence && !Evidence.Contains(evidence))
                AddEvidence(texts.Get(evidence));
        }
    }
}
