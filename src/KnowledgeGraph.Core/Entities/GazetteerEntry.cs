using System.Collections.Immutable;

namespace KnowledgeGraph.Core.Entities;

/// <summary>One row of a gazetteer file: an entity the recognizer knows by name.</summary>
public sealed record GazetteerEntry
{
    /// <summary>Stable id (<c>person:jens-stoltenberg</c>, <c>country:ua</c>, <c>city:703448</c>).</summary>
    public required string Id { get; init; }

    /// <summary>The entity type.</summary>
    public required EntityKind Kind { get; init; }

    /// <summary>Canonical name.</summary>
    public required string Name { get; init; }

    /// <summary>Other names it goes by (spellings, acronyms, short forms).</summary>
    public ImmutableArray<string> Aliases { get; init; } = [];

    /// <summary>For countries: adjectival and demonym forms ("Turkish"). They are evidence for membership, not mentions.</summary>
    public ImmutableArray<string> Demonyms { get; init; } = [];

    /// <summary>ISO 3166-1 alpha-2 code (lower case) of the country the entity is in or belongs to; a country's own code.</summary>
    public string? Country { get; init; }

    /// <summary>Sub-kind from the file's <c>kind</c> column: venue, region, continent, alliance, ministry...</summary>
    public string? Subkind { get; init; }

    /// <summary>Population, for cities.</summary>
    public long Population { get; init; }

    /// <summary>Latitude in degrees, when known.</summary>
    public double? Latitude { get; init; }

    /// <summary>Longitude in degrees, when known.</summary>
    public double? Longitude { get; init; }

    /// <summary>For organisations: id of the place or city of the headquarters.</summary>
    public string? Headquarters { get; init; }

    /// <summary>For venues: id of the city they are in.</summary>
    public string? City { get; init; }

    /// <summary>True for national capitals.</summary>
    public bool IsCapital { get; init; }

    /// <summary>The file (relative to the data folder) and line it came from, for messages.</summary>
    public string Source { get; init; } = "";
}

/// <summary>A dated position a person holds: title in an organisation or a country's government.</summary>
/// <param name="PersonId">The person.</param>
/// <param name="OrgId">The organisation or country.</param>
/// <param name="Title">The title as commonly written ("Secretary General").</param>
/// <param name="From">First day in office, when known.</param>
/// <param name="To">Last day in office; null while in office.</param>
public sealed record PersonRole(string PersonId, string OrgId, string Title, DateOnly? From, DateOnly? To)
{
    /// <summary>True when the role was held on <paramref name="date"/>.</summary>
    public bool IsActiveOn(DateOnly date) => (From is null || From <= date) && (To is null || date <= To);
}

/// <summary>What kind of title a title is, from <c>lexicon/titles.csv</c>.</summary>
/// <param name="Canonical">Canonical form ("Defense Minister").</param>
/// <param name="Kind">head-of-state, head-of-government, minister, org-leader, official, military, diplomat, legislator, royal, honorific.</param>
public sealed record TitleEntry(string Canonical, string Kind)
{
    /// <summary>Honorifics (Mr, Dr) name a person but state no position.</summary>
    public bool IsHonorific => Kind == "honorific";

    /// <summary>Leaders (heads of state, government, organisations) answer to "the X leader".</summary>
    public bool IsLeader => Kind is "head-of-state" or "head-of-government" or "org-leader" or "royal" or "leader";
}
