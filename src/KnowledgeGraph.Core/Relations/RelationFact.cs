namespace KnowledgeGraph.Core.Relations;

/// <summary>The relations the rules extract.</summary>
public enum RelationKind
{
    /// <summary>Two people met in person (<c>met-with</c>, <c>MET_WITH</c>).</summary>
    MetWith,
    /// <summary>A person travelled to a place (<c>visited</c>, <c>VISITED</c>).</summary>
    Visited,
    /// <summary>A person or country belongs to an organisation or country (<c>member-of</c>, <c>MEMBER_OF</c>).</summary>
    MemberOf,
}

/// <summary>
/// One relation stated by one sentence, before the facts of an article are merged into occasions.
/// </summary>
public sealed record RelationFact
{
    /// <summary>The relation.</summary>
    public required RelationKind Kind { get; init; }

    /// <summary>Who: person (met-with a, visited, member-of member).</summary>
    public required string SubjectId { get; init; }

    /// <summary>Whom or what: the other person, the place, the organisation.</summary>
    public required string ObjectId { get; init; }

    /// <summary>The title, for member-of.</summary>
    public string? Role { get; init; }

    /// <summary>The date the sentence gives (resolved against the article date), when it gives one.</summary>
    public DateOnly? Date { get; init; }

    /// <summary>For met-with: the most specific place the sentence gives.</summary>
    public string? PlaceId { get; init; }

    /// <summary>For met-with: the person who came to the other (visited the meeting's place).</summary>
    public string? VisitorId { get; init; }

    /// <summary>For visited: only when the place is not the person's home.</summary>
    public bool OnlyIfAway { get; init; }

    /// <summary>The document.</summary>
    public required string DocumentId { get; init; }

    /// <summary>Index of the sentence in the document part.</summary>
    public int SentenceIndex { get; init; }

    /// <summary>The sentence that states it.</summary>
    public required string Evidence { get; init; }

    /// <summary>The rule that matched: <c>rules/relations.rules:42</c>.</summary>
    public required string Rule { get; init; }
}
