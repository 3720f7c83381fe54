using System.Collections.Immutable;
using KnowledgeGraph.Core.Entities;
using KnowledgeGraph.Core.Relations;

namespace KnowledgeGraph.Core.Stages.Assembly;

/// <summary>An entity as one article mentions it.</summary>
/// <param name="Id">Stable id.</param>
/// <param name="Kind">Type.</param>
/// <param name="Name">Its name (gazetteer name, or the fullest form the article uses).</param>
/// <param name="Count">Number of mentions.</param>
/// <param name="Surfaces">Distinct surface forms used.</param>
public sealed record EntityOccurrence(string Id, EntityKind Kind, string Name, int Count, ImmutableArray<string> Surfaces);

/// <summary>What the pipeline found in one article part. Small: the article text is not kept.</summary>
public sealed record DocumentAnalysis
{
    /// <summary>Document id (file name).</summary>
    public required string DocumentId { get; init; }

    /// <summary>Part number (0 unless the file was split).</summary>
    public int Part { get; init; }

    /// <summary>The article date, when known.</summary>
    public DateOnly? Published { get; init; }

    /// <summary>The article's first line (headline), for the Article node.</summary>
    public string? Title { get; init; }

    /// <summary>Entities mentioned.</summary>
    public required ImmutableArray<EntityOccurrence> Entities { get; init; }

    /// <summary>Relation facts, one per rule match.</summary>
    public required ImmutableArray<RelationFact> Facts { get; init; }

    /// <summary>(inner, outer) places the text puts one inside the other.</summary>
    public required ImmutableArray<(string Inner, string Outer)> Containment { get; init; }

    /// <summary>Bytes of source text.</summary>
    public long Bytes { get; init; }

    /// <summary>Sentences processed.</summary>
    public int Sentences { get; init; }
}
