using KnowledgeGraph.Core.Graph;

namespace KnowledgeGraph.Core.Stages.Assembly;

/// <summary>
/// Which rows of the graph may differ from the previous build's after a fold continued from a kept
/// <see cref="AssemblyState"/> (<see cref="GraphAssembler.Delta"/>): the meetings and relationships the new articles
/// touched, those whose text names an entity that is new or was renamed, the new articles with their mentions, and
/// every entity node (their network figures may move with any new meeting). Everything else is the previous build's,
/// so a store needs to compare and write only these.
/// </summary>
public sealed class GraphDelta
{
    internal GraphDelta(HashSet<string> meetings, HashSet<string> relationships, HashSet<string> articles)
    {
        Meetings = meetings;
        Relationships = relationships;
        Articles = articles;
    }

    /// <summary>Meeting ids.</summary>
    public IReadOnlySet<string> Meetings { get; }

    /// <summary>Ids of MET_WITH, VISITED and MEMBER_OF relationships.</summary>
    public IReadOnlySet<string> Relationships { get; }

    /// <summary>Article node ids (with their MENTIONED_IN).</summary>
    public IReadOnlySet<string> Articles { get; }

    /// <summary>Meetings, relationships (other than ATTENDED, HELD_IN and MENTIONED_IN) and articles that may have changed.</summary>
    public int Count => Meetings.Count + Relationships.Count + Articles.Count;

    /// <summary>True unless the node is certainly the previous build's.</summary>
    public bool MayHaveChanged(GraphNode node)
    {
        ArgumentNullException.ThrowIfNull(node);
        return node.Label switch
        {
            GraphSchema.Meeting => Meetings.Contains(node.Id),
            GraphSchema.Article => Articles.Contains(node.Id),
            _ => true,
        };
    }

    /// <summary>True unless the relationship is certainly the previous build's.</summary>
    public bool MayHaveChanged(GraphRelationship relationship)
    {
        ArgumentNullException.ThrowIfNull(relationship);
        return relationship.Type switch
        {
            GraphSchema.MentionedIn => Articles.Contains(relationship.EndId),
            GraphSchema.Attended => Meetings.Contains(relationship.EndId),
            GraphSchema.HeldIn => Meetings.Contains(relationship.StartId),
            _ => Relationships.Contains(relationship.Id),
        };
    }
}
