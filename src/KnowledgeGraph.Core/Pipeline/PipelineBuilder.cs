using KnowledgeGraph.Core.Entities;
using KnowledgeGraph.Core.Errors;
using KnowledgeGraph.Core.Stages.Relations;
using KnowledgeGraph.Core.Stages.Tagging;
using KnowledgeGraph.Core.Text.Dates;

namespace KnowledgeGraph.Core.Pipeline;

/// <summary>
/// Assembles a <see cref="KnowledgeGraphPipeline"/>. Each <c>UseX</c> is idempotent (the last call wins);
/// <see cref="Build"/> checks that the stages fit together and says what is missing in a plain sentence.
/// </summary>
public sealed class PipelineBuilder
{
    private Gazetteer? _gazetteer;
    private HeadLexicon _heads = HeadLexicon.Empty;
    private RuleSet? _rules;
    private static readonly System.Buffers.SearchValues<char> Digits = System.Buffers.SearchValues.Create("0123456789");
    private SentenceDateFinder _dates = DefaultDates;

    /// <summary>Tags entities with this gazetteer.</summary>
    public PipelineBuilder UseGazetteer(Gazetteer gazetteer)
    {
        _gazetteer = gazetteer ?? throw new ArgumentNullException(nameof(gazetteer));
        return this;
    }

    /// <summary>Finds names no list holds through these head nouns.</summary>
    public PipelineBuilder UseHeadNouns(HeadLexicon heads)
    {
        _heads = heads ?? throw new ArgumentNullException(nameof(heads));
        return this;
    }

    /// <summary>Extracts relations with these rules.</summary>
    public PipelineBuilder UseRelationRules(RuleSet rules)
    {
        _rules = rules ?? throw new ArgumentNullException(nameof(rules));
        return this;
    }

    /// <summary>Dates sentences with this finder (default: the English news date finder).</summary>
    public PipelineBuilder UseDates(SentenceDateFinder dates)
    {
        _dates = dates ?? throw new ArgumentNullException(nameof(dates));
        return this;
    }

    /// <summary>Loads gazetteer, head nouns and rules from a data folder.</summary>
    public PipelineBuilder UseDataDirectory(string dataDirectory) => UseDataDirectory(dataDirectory, null);

    /// <summary>
    /// Loads gazetteer, head nouns and rules from a data folder, the gazetteer through its binary cache in
    /// <paramref name="cacheDirectory"/> when one is given (<see cref="GazetteerLoader.DefaultCacheDirectory"/>).
    /// </summary>
    public PipelineBuilder UseDataDirectory(string dataDirectory, string? cacheDirectory) =>
        UseGazetteer(GazetteerLoader.Load(dataDirectory, cacheDirectory)).UseHeadNouns(HeadLexicon.Load(dataDirectory)).UseRelationRules(RuleSet.Load(dataDirectory));

    /// <summary>Builds an immutable, reusable pipeline.</summary>
    public KnowledgeGraphPipeline Build()
    {
        if (_rules is not null && _gazetteer is null)
            throw new KnowledgeGraphException(ErrorKind.Validation, "Relation rules need mentions; add UseGazetteer() first.");
        return new KnowledgeGraphPipeline(_gazetteer ?? Gazetteer.Empty, _heads, _rules ?? RuleSet.Parse([], []), _dates);
    }

    /// <summary>The first date expression of the sentence that resolves against the article date.</summary>
    public static DateOnly? DefaultDates(string sentence, DateOnly? published)
    {
        // Every date expression this finder keeps has an ASCII digit or a day word (Monday, today, yesterday, tomorrow,
        // tonight): most sentences have neither, and skip the date search. On ASCII text the finder's own pass over the
        // words decides that at once.
        if (!System.Text.Ascii.IsValid(sentence) && !sentence.AsSpan().ContainsAny(Digits) && !sentence.Contains("day", StringComparison.OrdinalIgnoreCase) &&
            !sentence.Contains("tomorrow", StringComparison.OrdinalIgnoreCase) && !sentence.Contains("tonight", StringComparison.OrdinalIgnoreCase))
            return null;
        foreach (var e in DateExpressionFinder.Find(sentence))
        {
            if (e.Resolve(published) is { } d)
                return d;
        }
        return null;
    }
}
