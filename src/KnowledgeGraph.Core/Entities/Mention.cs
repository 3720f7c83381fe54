using System.Collections.Immutable;

namespace KnowledgeGraph.Core.Entities;

/// <summary>How a mention was found.</summary>
public enum MentionSource
{
    /// <summary>A gazetteer name or alias.</summary>
    Gazetteer,
    /// <summary>A pattern: title before a name, given name, head noun ("the Vilnius Summit").</summary>
    Pattern,
    /// <summary>A title standing for a person ("the Secretary General"), resolved inside the article.</summary>
    TitleOnly,
    /// <summary>A plural phrase standing for the two people of the article ("the two men").</summary>
    Pair,
}

/// <summary>
/// A span of a sentence that names an entity (or, for a demonym, an adjective of a country). Token indexes are within the
/// sentence; <see cref="Start"/> is the character offset in the document part.
/// </summary>
public sealed record Mention
{
    /// <summary>Index of the first token in the sentence.</summary>
    public required int TokenStart { get; init; }

    /// <summary>Index just past the last token.</summary>
    public required int TokenEnd { get; init; }

    /// <summary>Character offset in the document part.</summary>
    public required int Start { get; init; }

    /// <summary>The text as written.</summary>
    public required string Surface { get; init; }

    /// <summary>Entity type.</summary>
    public required EntityKind Kind { get; init; }

    /// <summary>How it was found.</summary>
    public required MentionSource Source { get; init; }

    /// <summary>Gazetteer entries the surface can mean (several for ambiguous names); empty for pattern mentions.</summary>
    public ImmutableArray<GazetteerEntry> Candidates { get; init; } = [];

    /// <summary>True for a country adjective ("Turkish"): evidence for membership, not a mention of the country.</summary>
    public bool IsDemonym { get; init; }

    /// <summary>For pattern mentions: the name the pattern extracted (without a title or article).</summary>
    public string? PatternName { get; init; }

    /// <summary>The resolved entity id, set by resolution.</summary>
    public string? EntityId { get; set; }

    /// <summary>For <see cref="MentionSource.Pair"/>: the second person.</summary>
    public string? SecondEntityId { get; set; }

    /// <summary>For title-only mentions: the title.</summary>
    public TitleEntry? Title { get; init; }

    /// <summary>
    /// For a one-word small town found without a locative: it counts only when the article names the town's country.
    /// </summary>
    public bool NeedsContext { get; init; }

    /// <summary>For an acronym defined in brackets ("(PUM)"): the mention of the name it abbreviates.</summary>
    public Mention? AcronymOf { get; init; }

    /// <summary>For title-only mentions: the organisation or country qualifying the title ("NATO" in "NATO Leader").</summary>
    public string? QualifierId { get; set; }
}

/// <summary>A title in a sentence ("Defense Minister", "Secretary General").</summary>
/// <param name="TokenStart">Index of the first token.</param>
/// <param name="TokenEnd">Index just past the last token.</param>
/// <param name="Title">The title.</param>
/// <param name="Surface">As written.</param>
public sealed record TitleMention(int TokenStart, int TokenEnd, TitleEntry Title, string Surface);
