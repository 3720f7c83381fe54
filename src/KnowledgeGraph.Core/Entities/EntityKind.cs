namespace KnowledgeGraph.Core.Entities;

/// <summary>The entity types the recognizer tags. Their names are the graph labels.</summary>
public enum EntityKind
{
    /// <summary>A person.</summary>
    Person,
    /// <summary>An organisation.</summary>
    Organization,
    /// <summary>A country or territory.</summary>
    Country,
    /// <summary>A city, region, continent or venue.</summary>
    Location,
    /// <summary>A named event.</summary>
    Event,
}

/// <summary>Helpers for <see cref="EntityKind"/>.</summary>
public static class EntityKinds
{
    /// <summary>The names as written in data files, in order.</summary>
    public const string Expected = "Person, Organization, Country, Location, Event";

    /// <summary>Parses a type name exactly as written in data files ("Person"), case-sensitively.</summary>
    public static bool TryParse(string? text, out EntityKind kind) =>
        Enum.TryParse(text, ignoreCase: false, out kind) && Enum.IsDefined(kind) && !int.TryParse(text, out _);

    /// <summary>The id prefix used for entities found by patterns rather than the gazetteer.</summary>
    public static string IdPrefix(EntityKind kind) => kind switch
    {
        EntityKind.Person => "person",
        EntityKind.Organization => "org",
        EntityKind.Country => "country",
        EntityKind.Location => "place",
        EntityKind.Event => "event",
        _ => "entity",
    };
}
