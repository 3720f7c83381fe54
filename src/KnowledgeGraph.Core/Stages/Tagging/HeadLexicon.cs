using KnowledgeGraph.Core.Entities;
using KnowledgeGraph.Core.Text;

namespace KnowledgeGraph.Core.Stages.Tagging;

/// <summary>Where a head noun stands in a name.</summary>
public enum HeadForm
{
    /// <summary>Last word: "International Defence Industry Forum".</summary>
    Suffix,
    /// <summary>Last word, which may be lower case after a capitalised word: "the Vilnius summit".</summary>
    SuffixLower,
    /// <summary>First word, followed by "of", "on" or "for": "Wall of Remembrance", "Ministry of Defence", "Conference on Disarmament".</summary>
    Prefix,
    /// <summary>First word, followed by a capitalised name: "Lake Chad", "Mount Kenya".</summary>
    Lead,
}

/// <summary>A head noun and the entity type a name with that head has.</summary>
/// <param name="Head">Folded head phrase (one or two words).</param>
/// <param name="Kind">Entity type.</param>
/// <param name="Form">Where it stands.</param>
public sealed record HeadNoun(string Head, EntityKind Kind, HeadForm Form);

/// <summary>The head nouns of <c>lexicon/heads.csv</c>.</summary>
public sealed class HeadLexicon
{
    /// <summary>Creates a lexicon.</summary>
    public HeadLexicon(IEnumerable<HeadNoun> heads)
    {
        var list = heads.ToList();
        Suffixes = list.Where(h => h.Form is HeadForm.Suffix or HeadForm.SuffixLower).GroupBy(h => h.Head, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        Prefixes = list.Where(h => h.Form == HeadForm.Prefix).GroupBy(h => h.Head, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        Leads = list.Where(h => h.Form == HeadForm.Lead).GroupBy(h => h.Head, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
    }

    /// <summary>An empty lexicon.</summary>
    public static HeadLexicon Empty { get; } = new([]);

    /// <summary>Heads that end a name, by folded head.</summary>
    public IReadOnlyDictionary<string, HeadNoun> Suffixes { get; }

    /// <summary>Heads that start a name, by folded head.</summary>
    public IReadOnlyDictionary<string, HeadNoun> Prefixes { get; }

    /// <summary>Heads that start a name without "of" ("Lake Chad"), by folded head.</summary>
    public IReadOnlyDictionary<string, HeadNoun> Leads { get; }

    /// <summary>Loads <c>lexicon/heads.csv</c> under <paramref name="dataDirectory"/>; an empty lexicon when absent.</summary>
    public static HeadLexicon Load(string dataDirectory)
    {
        var file = Path.Combine(dataDirectory, "lexicon", "heads.csv");
        if (!File.Exists(file))
            return Empty;
        var rel = GazetteerLoader.Relative(dataDirectory, file);
        var problems = new List<string>();
        var heads = new List<HeadNoun>();
        // Suffix and suffix-lower heads share one table, prefix and lead heads one each: a head listed twice in a table
        // would silently lose its second row.
        var seen = new Dictionary<(string, string), int>();
        GazetteerLoader.ReadCsv(file, rel, problems, (header, row, line) =>
        {
            var table = row[2] is "suffix" or "suffix-lower" ? "suffix" : row[2];
            if (seen.TryGetValue((TextFolding.FoldPhrase(row[0]), table), out var first))
            {
                problems.Add($"{rel}:{line}: head '{row[0]}' is already listed as a {table} head on line {first} (keep one row)");
                return true;
            }
            seen[(TextFolding.FoldPhrase(row[0]), table)] = line;
            if (!EntityKinds.TryParse(row[1], out var kind))
                problems.Add($"{rel}:{line}: unknown type '{row[1]}' (expected {EntityKinds.Expected})");
            else if (row[2] switch { "suffix" => HeadForm.Suffix, "suffix-lower" => HeadForm.SuffixLower, "prefix" => HeadForm.Prefix, "lead" => HeadForm.Lead, _ => (HeadForm?)null } is not { } form)
                problems.Add($"{rel}:{line}: unknown form '{row[2]}' (expected suffix, suffix-lower, prefix, lead)");
            else
                heads.Add(new HeadNoun(TextFolding.FoldPhrase(row[0]), kind, form));
            return true;
        }, ["head", "type", "form"]);
        if (problems.Count > 0)
            throw GazetteerLoader.Fail(problems);
        return new HeadLexicon(heads);
    }
}
