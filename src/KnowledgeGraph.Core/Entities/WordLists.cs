using System.Collections.Frozen;

namespace KnowledgeGraph.Core.Entities;

/// <summary>
/// The closed word classes of <c>lexicon/word-lists.csv</c> that the tagger and resolver use (name particles, locatives,
/// words that are never names, ...), folded. Immutable; shared by all threads.
/// </summary>
public sealed class WordLists
{
    /// <summary>Every list the code reads; <c>kg check</c> rejects any other name and reports one that is missing.</summary>
    public static readonly IReadOnlyList<string> Names =
    [
        "name-particle", "name-suffix", "not-name", "locative", "place-preposition", "run-connector", "meeting-of-head",
        "meeting-adjective", "ordinal-word", "apposition-opener", "seat-head", "portfolio-word", "compass-word", "body-noun",
        "seat-of-power", "clause-opener", "legislature", "sub-body", "venue-or-body", "venue-preposition", "document-head", "venue-noun", "place-noun",
        "predicative", "nickname-verb",
    ];

    private readonly FrozenDictionary<string, FrozenSet<string>> _lists;

    /// <summary>Builds the lists from folded words by list name; lists not given are empty.</summary>
    public WordLists(IEnumerable<KeyValuePair<string, IEnumerable<string>>> lists)
    {
        ArgumentNullException.ThrowIfNull(lists);
        var byName = lists.GroupBy(l => l.Key, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.SelectMany(l => l.Value).Select(Text.TextFolding.Fold).ToFrozenSet(StringComparer.Ordinal), StringComparer.Ordinal);
        foreach (var name in Names)
            byName.TryAdd(name, FrozenSet<string>.Empty);
        _lists = byName.ToFrozenDictionary(StringComparer.Ordinal);
        NameParticles = _lists["name-particle"];
        NameSuffixes = _lists["name-suffix"];
        NotNames = _lists["not-name"];
        Locatives = _lists["locative"];
        PlacePrepositions = _lists["place-preposition"];
        RunConnectors = _lists["run-connector"];
        MeetingOfHeads = _lists["meeting-of-head"];
        MeetingAdjectives = _lists["meeting-adjective"];
        OrdinalWords = _lists["ordinal-word"];
        AppositionOpeners = _lists["apposition-opener"];
        SeatHeads = _lists["seat-head"];
        PortfolioWords = _lists["portfolio-word"];
        CompassWords = _lists["compass-word"];
        BodyNouns = _lists["body-noun"];
        SeatsOfPower = _lists["seat-of-power"];
        ClauseOpeners = _lists["clause-opener"];
        Legislatures = _lists["legislature"];
        SubBodies = _lists["sub-body"];
        VenuesOrBodies = _lists["venue-or-body"];
        VenuePrepositions = _lists["venue-preposition"];
        DocumentHeads = _lists["document-head"];
        VenueNouns = _lists["venue-noun"];
        PlaceNouns = _lists["place-noun"];
        Predicatives = _lists["predicative"];
        NicknameVerbs = _lists["nickname-verb"];
    }

    /// <summary>No words at all.</summary>
    public static WordLists Empty { get; } = new([]);

    /// <summary>Lower-case words inside a name: "von der", "bin", "al".</summary>
    public FrozenSet<string> NameParticles { get; }

    /// <summary>Generation marks that end a name: "Jr.", "III".</summary>
    public FrozenSet<string> NameSuffixes { get; }

    /// <summary>Capitalised words that are never a name: sentence starters, weekdays, months.</summary>
    public FrozenSet<string> NotNames { get; }

    /// <summary>Prepositions that make a following word a place ("in Nice").</summary>
    public FrozenSet<string> Locatives { get; }

    /// <summary>Prepositions after which a one-word place stays a place even when it is a surname of the article.</summary>
    public FrozenSet<string> PlacePrepositions { get; }

    /// <summary>Lower-case words inside an organisation, event or venue name.</summary>
    public FrozenSet<string> RunConnectors { get; }

    /// <summary>Plurals ending "meeting of the ... Ministers".</summary>
    public FrozenSet<string> MeetingOfHeads { get; }

    /// <summary>Adjectives before "meeting of" that belong to the event's name.</summary>
    public FrozenSet<string> MeetingAdjectives { get; }

    /// <summary>Written ordinals ("eighth") that may start an event's name.</summary>
    public FrozenSet<string> OrdinalWords { get; }

    /// <summary>Heads of bodies seated somewhere, whose name goes on with "in/at/to" and a place: "Embassy in Luanda".</summary>
    public FrozenSet<string> SeatHeads { get; }

    /// <summary>Words of a ministry's portfolio ("Foreign Affairs", "Defence"): never a word of a person's name.</summary>
    public FrozenSet<string> PortfolioWords { get; }

    /// <summary>Directions that name a part of a known place: "East Java".</summary>
    public FrozenSet<string> CompassWords { get; }

    /// <summary>Common nouns for a kind of body, before its name: "the development bank KfW".</summary>
    public FrozenSet<string> BodyNouns { get; }

    /// <summary>Buildings whose name also stands for the government that sits in them: "the Kremlin said".</summary>
    public FrozenSet<string> SeatsOfPower { get; }

    /// <summary>Words after which a new clause, and so its subject, starts: "that", "though", ",".</summary>
    public FrozenSet<string> ClauseOpeners { get; }

    /// <summary>Common names of a legislature or one of its chambers, a body when capitalised: "the Senate", "Parliament".</summary>
    public FrozenSet<string> Legislatures { get; }

    /// <summary>Words that name a part of a body, not a body of its own: "the Standing Committee of ...", "... Central Committee".</summary>
    public FrozenSet<string> SubBodies { get; }

    /// <summary>Head nouns of a name that is a body or the building it works in ("Office", "Centre"), told by the words before.</summary>
    public FrozenSet<string> VenuesOrBodies { get; }

    /// <summary>Prepositions that put what follows on the map ("at", "outside"): a venue-or-body after them is the building.</summary>
    public FrozenSet<string> VenuePrepositions { get; }

    /// <summary>Heads of the names of laws, treaties and projects ("the Oslo Accords"): no entity, and no mention inside.</summary>
    public FrozenSet<string> DocumentHeads { get; }

    /// <summary>Common nouns for a kind of venue ("restaurant", "estate"), after a comma and a determiner: "Rengatei, a restaurant".</summary>
    public FrozenSet<string> VenueNouns { get; }

    /// <summary>Lower-case nouns for a kind of place before "of" and its name: "the island of Jeju".</summary>
    public FrozenSet<string> PlaceNouns { get; }

    /// <summary>Words before a title that make it say what someone is or was ("who served as Prime Minister", "former
    /// President"), not name the one who holds it now.</summary>
    public FrozenSet<string> Predicatives { get; }

    /// <summary>Words before a quoted nickname ("whom he calls \"El Jefe\""): the name in quotes is no one new.</summary>
    public FrozenSet<string> NicknameVerbs { get; }

    /// <summary>Words between the comma and the title of an apposition ("the new").</summary>
    public FrozenSet<string> AppositionOpeners { get; }
}
