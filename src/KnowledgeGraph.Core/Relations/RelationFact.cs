using System.Collections.Immutable;

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

    /// <summary>Other sentences of the same document part that state exactly this fact (see <see cref="Aggregate"/>).</summary>
    public ImmutableArray<int> OtherSentences { get; init; } = [];

    /// <summary>Up to <see cref="MaxEvidence"/> − 1 further distinct sentences that state this fact.</summary>
    public ImmutableArray<string> OtherEvidence { get; init; } = [];

    /// <summary>The most evidence sentences a fact (and a relationship of the graph) keeps.</summary>
    public const int MaxEvidence = 20;

    /// <summary>
    /// Folds facts that say exactly the same thing (relation, ends, role, date, place, visitor, rule) into one that lists
    /// every sentence and keeps up to <see cref="MaxEvidence"/> distinct evidence sentences. A document part that states
    /// one meeting a thousand times then holds one fact, so memory grows with what an article says, not how often.
    /// </summary>
    public static ImmutableArray<RelationFact> Aggregate(IEnumerable<RelationFact> facts)
    {
        ArgumentNullException.ThrowIfNull(facts);
        var groups = new Dictionary<(RelationKind, string, string, string?, DateOnly?, string?, string?, bool, string), (RelationFact First, List<int> Sentences, List<string> Evidence, HashSet<string> Seen)>();
        var order = new List<(RelationKind, string, string, string?, DateOnly?, string?, string?, bool, string)>();
        foreach (var f in facts)
        {
            var key = (f.Kind, f.SubjectId, f.ObjectId, f.Role, f.Date, f.PlaceId, f.VisitorId, f.OnlyIfAway, f.Rule);
            if (!groups.TryGetValue(key, out var g))
            {
                groups[key] = (f, [], [], new HashSet<string>(StringComparer.Ordinal) { f.Evidence });
                order.Add(key);
                continue;
            }
            if (f.SentenceIndex != g.First.SentenceIndex && (g.Sentences.Count == 0 || g.Sentences[^1] != f.SentenceIndex))
                g.Sentences.Add(f.SentenceIndex);
            if (g.Evidence.Count < MaxEvidence - 1 && g.Seen.Add(f.Evidence))
                g.Evidence.Add(f.Evidence);
        }
        return order.Select(k => groups[k]).Select(g => g.Sentences.Count == 0 && g.Evidence.Count == 0
            ? g.First
            : g.First with { OtherSentences = [.. g.Sentences], OtherEvidence = [.. g.Evidence] }).ToImmutableArray();
    }
}
