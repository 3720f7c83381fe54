using System.Collections.Immutable;

namespace KnowledgeGraph.Core.Relations;

/// <summary>What a sentence says about a meeting.</summary>
public enum MeetingCue
{
    /// <summary>The sentence reports a meeting ("X met Y", "talks between X and Y", "a bilateral meeting").</summary>
    Meeting,
    /// <summary>The sentence adds people to a meeting ("also attended", "accompanied by", "the delegation included").</summary>
    Attendance,
}

/// <summary>
/// One sentence's report of a meeting, before the meetings of an article are linked: who was there (any number of
/// people), who came to the others, where and when the sentence says it happened, and whether the sentence points back
/// at an occasion already reported ("the meeting", "the talks", "during the dinner").
/// </summary>
public sealed record MeetingMention
{
    /// <summary>Meeting or attendance.</summary>
    public required MeetingCue Cue { get; init; }

    /// <summary>Index of the sentence in the document part.</summary>
    public required int Sentence { get; init; }

    /// <summary>Index of the paragraph the sentence is in (blank lines separate paragraphs).</summary>
    public int Paragraph { get; init; }

    /// <summary>The people at the table, in the order the sentence names them.</summary>
    public required ImmutableArray<string> Participants { get; init; }

    /// <summary>Participants who travelled to the meeting (guests of a host).</summary>
    public ImmutableArray<string> Visitors { get; init; } = [];

    /// <summary>For attendance: the people came with a guest ("accompanied by", "travelled with"), so they travelled too.</summary>
    public bool Companions { get; init; }

    /// <summary>For attendance: the person they accompany ("X was accompanied by Y"): they join X's meetings.</summary>
    public string? Accompanies { get; init; }

    /// <summary>The sentence names its pair as a pair ("the two met", "the two leaders"), which seats exactly them.</summary>
    public bool PairStated { get; init; }

    /// <summary>For companions: they came on the trip ("X's entourage included Y"), which seats them at none of its meetings.</summary>
    public bool TripOnly { get; init; }

    /// <summary>The most specific place the sentence gives, if any.</summary>
    public string? PlaceId { get; init; }

    /// <summary>How specific <see cref="PlaceId"/> is (higher is more specific).</summary>
    public int PlaceRank { get; init; } = -1;

    /// <summary>The date the sentence gives, if any.</summary>
    public DateOnly? Date { get; init; }

    /// <summary>True when the sentence refers back to an occasion ("the meeting", "the talks", "during the visit").</summary>
    public bool RefersBack { get; init; }

    /// <summary>
    /// True when a cue word alone reports it ("held talks", "the talks were widened to include A and B"), not a pattern
    /// that says who met whom: pointing back, it continues the meeting before it.
    /// </summary>
    public bool Generic { get; init; }

    /// <summary>True for one of several separate meetings a sentence reports ("met separately with A and B"): it never absorbs another.</summary>
    public bool Separate { get; init; }

    /// <summary>True when the sentence tells of an earlier occasion ("had met", "the last time"): the article's own date
    /// and dateline do not apply to it.</summary>
    public bool Past { get; init; }

    /// <summary>Days after the day the story had reached that the sentence sets its occasion by a phrase ("later that day":
    /// 0, "the following day": 1); null when it says no such thing.</summary>
    public int? StoryDayOffset { get; init; }

    /// <summary>The sentence.</summary>
    public required string Evidence { get; init; }

    /// <summary>The rule that matched (<c>rules/relations.rules:42</c>).</summary>
    public required string Rule { get; init; }
}
