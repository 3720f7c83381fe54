using KnowledgeGraph.Core.Relations;

namespace KnowledgeGraph.Core.Stages.Events;

/// <summary>One meeting of an article after linking: everyone at the table, and the sentences that report it.</summary>
public sealed class LinkedMeeting
{
    private readonly List<string> _participants = [];
    private readonly HashSet<string> _seen = new(StringComparer.Ordinal);

    /// <summary>The people present, in the order the article names them.</summary>
    public IReadOnlyList<string> Participants => _participants;

    /// <summary>Participants who travelled to it: the guests, and those who came with them when there are guests.</summary>
    public IReadOnlySet<string> Visitors => _visitors.Count == 0 ? _visitors : [.. _visitors, .. _companions];

    private readonly HashSet<string> _visitors = new(StringComparer.Ordinal);
    private readonly HashSet<string> _companions = new(StringComparer.Ordinal);

    /// <summary>The date, from the first sentence that gives one.</summary>
    public DateOnly? Date { get; private set; }

    /// <summary>The most specific place any of its sentences gives.</summary>
    public string? PlaceId { get; private set; }

    /// <summary>How specific <see cref="PlaceId"/> is.</summary>
    public int PlaceRank { get; private set; } = -1;

    /// <summary>The first sentence that reports it.</summary>
    public int FirstSentence { get; private set; } = -1;

    /// <summary>The latest sentence that reports it.</summary>
    public int LastSentence { get; private set; } = -1;

    /// <summary>The paragraph of the latest sentence.</summary>
    public int LastParagraph { get; private set; }

    /// <summary>The mentions linked into it, in text order.</summary>
    public List<MeetingMention> Mentions { get; } = [];

    /// <summary>True when the person is at the table.</summary>
    public bool Has(string person) => _seen.Contains(person);

    internal void Add(MeetingMention m)
    {
        if (FirstSentence < 0)
            FirstSentence = m.Sentence;
        if (m.Accompanies is null)
        {
            LastSentence = Math.Max(LastSentence, m.Sentence);
            LastParagraph = m.Paragraph;
        }
        Mentions.Add(m);
        foreach (var p in m.Participants)
        {
            if (_seen.Add(p))
                _participants.Add(p);
        }
        _visitors.UnionWith(m.Visitors);
        if (m.Companions)
            _companions.UnionWith(m.Participants);
        // "Mr. Blair had called on him in May 2023. X also took part in that meeting": what joins an earlier occasion
        // brings the day the story is at, not that occasion's.
        if (!(Mentions.Count > 1 && Mentions[0].Past && (m.Cue == MeetingCue.Attendance || m.RefersBack)))
            Date ??= m.Date;
        // A sentence that adds people ("accompanied by the Chargé d'Affaires at the Embassy in Luanda") names places in
        // their titles, not where the table was: it gives a place only to a meeting that has none. A sentence of the
        // setting alone ("The meeting took place in the papal library") refines it.
        var addsPeople = m.Cue == MeetingCue.Attendance && m.Participants.Length > 0 && Mentions.Count > 1;
        if (m.PlaceId is not null && m.PlaceRank > PlaceRank && !(addsPeople && PlaceId is not null))
        {
            PlaceId = m.PlaceId;
            PlaceRank = m.PlaceRank;
        }
    }

    internal void TakePlace(string place, int rank)
    {
        PlaceId = place;
        PlaceRank = rank;
    }

    /// <summary>The sentence that best shows that <paramref name="a"/> and <paramref name="b"/> were there: one naming both, else the
    /// one that brought the later of them, else the first.</summary>
    public MeetingMention EvidenceFor(string a, string b)
    {
        MeetingMention? both = null, later = null;
        foreach (var m in Mentions)
        {
            var hasA = m.Participants.Contains(a);
            var hasB = m.Participants.Contains(b);
            if (hasA && hasB)
            {
                both = m;
                break;
            }
            if (hasA || hasB)
                later = m;
        }
        return both ?? later ?? Mentions[0];
    }
}

/// <summary>
/// The document-level event stage: links the meeting mentions of an article into meetings. A sentence that points back
/// ("the meeting", "the talks", "during the dinner"), or that names people already at a recent meeting, continues that
/// meeting and brings its place and date; attendance ("also attended", "accompanied by", "the delegation included")
/// adds people to the meeting of its own sentence or to the latest one; a meeting on another date, or at another place
/// of the same kind, is a new one.
/// Input: <see cref="MeetingMention"/>s in text order. Output: <see cref="LinkedMeeting"/>s. Requires: nothing.
/// </summary>
public sealed class MeetingLinker
{
    private readonly Func<string, string, bool> _placesCompatible;

    /// <summary>Creates a linker.</summary>
    /// <param name="window">How many sentences back a reference or an attendance may reach.</param>
    /// <param name="placesCompatible">True when two places can be the same meeting's (equal, or one inside the other).</param>
    public MeetingLinker(int window, Func<string, string, bool>? placesCompatible = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(window);
        Window = window;
        _placesCompatible = placesCompatible ?? ((a, b) => a == b);
    }

    /// <summary>How many sentences back a reference or an attendance may reach.</summary>
    public int Window { get; }

    /// <summary>Links mentions (in text order) into meetings.</summary>
    public List<LinkedMeeting> Link(IReadOnlyList<MeetingMention> mentions)
    {
        ArgumentNullException.ThrowIfNull(mentions);
        var meetings = new List<LinkedMeeting>();
        var companions = new List<MeetingMention>();
        foreach (var m in mentions)
        {
            // "X was accompanied by Y": Y was at every meeting of X the article tells of, before or after.
            if (m.Accompanies is not null)
            {
                // A companion of the trip alone ("X's entourage included Y") is seated at none of X's meetings.
                if (!m.TripOnly)
                    companions.Add(m);
                continue;
            }
            var target = Target(meetings, m);
            // A cue that seats only one person ("X then joined them for a three-way meeting") adds that person to the
            // meeting just told, as attendance does, rather than opening a table of one.
            if (target is null && m.Generic && m.Participants.Length < 2)
                target = Target(meetings, m with { Cue = MeetingCue.Attendance });
            if (target is null)
            {
                // Attendance with nobody to join: people who attended something together still met.
                if (m.Cue == MeetingCue.Attendance && m.Participants.Length < 2)
                    continue;
                meetings.Add(target = new LinkedMeeting());
            }
            target.Add(m);
        }
        foreach (var c in companions)
        {
            // The meetings of the person accompanied that the article tells of near the sentence; else all of that day.
            var theirs = meetings.Where(x => x.Has(c.Accompanies!) && (x.Date is null || c.Date is null || x.Date == c.Date)).ToList();
            var near = theirs.Where(x => Math.Abs(x.FirstSentence - c.Sentence) <= Window || Math.Abs(x.LastSentence - c.Sentence) <= Window).ToList();
            // "Accompanying the president were A and B. The talks ...": the meeting told next, when one is near.
            var next = near.Where(x => x.FirstSentence > c.Sentence).Take(1).ToList();
            foreach (var x in next.Count > 0 ? next : near.Count > 0 ? near : theirs)
                x.Add(c with { PlaceId = null, PlaceRank = -1, Date = null, Companions = true });
        }
        // "A met B in Munich. ... The conversation with C turned on ...": a meeting that says no place, of someone at the
        // table just before on the same day, was held where they were.
        for (var k = 1; k < meetings.Count; k++)
        {
            var m = meetings[k];
            if (m.PlaceId is not null || m.Mentions[0].Past)
                continue;
            for (var j = k - 1; j >= 0; j--)
            {
                var x = meetings[j];
                if (m.FirstSentence - x.LastSentence > Window)
                    break;
                if (x.PlaceId is not null && x.PlaceRank is > 0 and <= 3 && !x.Mentions[0].Past && (x.Date is null || m.Date is null || x.Date == m.Date) && m.Participants.Any(x.Has))
                {
                    m.TakePlace(x.PlaceId, x.PlaceRank);
                    break;
                }
            }
        }
        return meetings.Where(x => x.Participants.Count >= 2).ToList();
    }

    private LinkedMeeting? Target(List<LinkedMeeting> meetings, MeetingMention m)
    {
        for (var k = meetings.Count - 1; k >= 0; k--)
        {
            var x = meetings[k];
            var distance = m.Sentence - x.LastSentence;
            // A reference back ("after the one-on-one conversation, the Pope greeted ...") reaches twice as far.
            if (distance > (m.RefersBack ? 2 * Window : Window))
                break;
            if (!Compatible(x, m) || (m.Separate && x.Mentions[^1].Separate && distance == 0))
                continue;
            var shared = 0;
            foreach (var p in m.Participants)
            {
                if (x.Has(p))
                    shared++;
            }
            // The same sentence reporting two parts of one meeting ("A met B, and C joined them"); a cue that puts everyone
            // the sentence names at the table ("In Palenque the two met with A, B and C") is one meeting with the rest of it.
            if (distance == 0 && (shared > 0 || m.Generic || x.Mentions[^1] is { Generic: true } g && g.Sentence == m.Sentence))
                return x;
            // Attendance and references reach back within the paragraph, or to the sentence just before it.
            var near = m.Paragraph == x.LastParagraph || distance <= 1;
            if (m.Cue == MeetingCue.Attendance && near)
                return x;
            // A reference that names a pair of its own, of whom at most one was at this meeting while some of this
            // meeting's are missing ("Then came Biden. The two met on the margins ..."), is another meeting.
            var otherTable = m.PairStated && m.Cue != MeetingCue.Attendance && m.Participants.Length >= 2 && shared <= 1 &&
                shared < x.Participants.Count;
            // "The meeting came only days after Yoon received X in Seoul": an earlier occasion with a place of its own is
            // not the meeting just told.
            var earlier = m.Past && m.PlaceId is not null && !x.Mentions[0].Past;
            if (m.RefersBack && !otherTable && !earlier && ((near && (m.Participants.Length < 2 || m.Generic)) || (shared > 0 && (near || distance <= 2 * Window))))
                return x;
            // Named again by everyone it names: the same occasion told once more.
            if (shared >= 2 && shared == m.Participants.Length && m.Date is null && m.PlaceId is null)
                return x;
        }
        return null;
    }

    private bool Compatible(LinkedMeeting x, MeetingMention m)
    {
        if (x.Date is { } d && m.Date is { } e && d != e)
            return false;
        if (x.PlaceId is { } p && m.PlaceId is { } q && !_placesCompatible(p, q))
            return false;
        return true;
    }

    /// <summary>
    /// The met-with facts of linked meetings: one per pair of participants, all of one meeting sharing its first sentence
    /// (so that assembly keeps them one meeting), each with the meeting's date and place and the sentence that best shows
    /// the pair there.
    /// </summary>
    public static IEnumerable<RelationFact> Facts(string documentId, IEnumerable<LinkedMeeting> meetings)
    {
        ArgumentNullException.ThrowIfNull(meetings);
        foreach (var meeting in meetings)
        {
            var people = meeting.Participants;
            var visitors = meeting.Visitors;
            var others = meeting.Mentions.Select(x => x.Evidence).Distinct(StringComparer.Ordinal).ToList();
            for (var i = 0; i < people.Count; i++)
            {
                for (var j = i + 1; j < people.Count; j++)
                {
                    var (a, b) = (people[i], people[j]);
                    var source = meeting.EvidenceFor(a, b);
                    var visitor = visitors.Contains(a) && !visitors.Contains(b) ? a
                        : visitors.Contains(b) && !visitors.Contains(a) ? b : null;
                    yield return new RelationFact
                    {
                        Kind = RelationKind.MetWith,
                        SubjectId = a,
                        ObjectId = b,
                        DocumentId = documentId,
                        SentenceIndex = meeting.FirstSentence,
                        OtherSentences = [.. meeting.Mentions.Select(x => x.Sentence).Where(s => s != meeting.FirstSentence).Distinct()],
                        Evidence = source.Evidence,
                        OtherEvidence = [.. others.Where(e => e != source.Evidence).Take(RelationFact.MaxEvidence - 1)],
                        Rule = source.Rule,
                        Date = meeting.Date,
                        PlaceId = meeting.PlaceId,
                        VisitorId = visitor,
                    };
                }
            }
        }
    }
}
