using System.Collections.Immutable;

namespace KnowledgeGraph.Core.Graph;

/// <summary>
/// The fixed vocabulary of the graph. Writers that build Cypher take labels and relationship types only from here,
/// never from data, so no text of an article can reach a query as anything but a parameter.
/// </summary>
public static class GraphSchema
{
    /// <summary>A person.</summary>
    public const string Person = "Person";
    /// <summary>An organisation (alliance, ministry, agency, armed force...).</summary>
    public const string Organization = "Organization";
    /// <summary>A sovereign country or territory.</summary>
    public const string Country = "Country";
    /// <summary>A city, region, continent or venue.</summary>
    public const string Location = "Location";
    /// <summary>A named event: summit, ministerial, forum, war.</summary>
    public const string Event = "Event";
    /// <summary>One in-person meeting (reified): people ATTENDED it, it was HELD_IN a place.</summary>
    public const string Meeting = "Meeting";
    /// <summary>A source article.</summary>
    public const string Article = "Article";

    /// <summary>Two people met in person. Stored once per pair and occasion, start id &lt; end id.</summary>
    public const string MetWith = "MET_WITH";
    /// <summary>A person travelled to a place.</summary>
    public const string Visited = "VISITED";
    /// <summary>A person holds a position in an organisation or government; a country belongs to an alliance.</summary>
    public const string MemberOf = "MEMBER_OF";
    /// <summary>A person took part in a meeting.</summary>
    public const string Attended = "ATTENDED";
    /// <summary>A meeting took place at a place.</summary>
    public const string HeldIn = "HELD_IN";
    /// <summary>An entity is mentioned in an article.</summary>
    public const string MentionedIn = "MENTIONED_IN";

    /// <summary>Labels of the entities the recognizer tags.</summary>
    public static ImmutableArray<string> EntityLabels { get; } = [Person, Organization, Country, Location, Event];

    /// <summary>Every node label the graph uses.</summary>
    public static ImmutableArray<string> NodeLabels { get; } = [Person, Organization, Country, Location, Event, Meeting, Article];

    /// <summary>Every relationship type the graph uses.</summary>
    public static ImmutableArray<string> RelationshipTypes { get; } = [MetWith, Visited, MemberOf, Attended, HeldIn, MentionedIn];

    /// <summary>True when <paramref name="label"/> is one of <see cref="NodeLabels"/>.</summary>
    public static bool IsNodeLabel(string label) => NodeLabels.Contains(label);

    /// <summary>True when <paramref name="type"/> is one of <see cref="RelationshipTypes"/>.</summary>
    public static bool IsRelationshipType(string type) => RelationshipTypes.Contains(type);
}
