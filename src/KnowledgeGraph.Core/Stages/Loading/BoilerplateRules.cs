using System.Collections.Immutable;
using CsvHelper;
using KnowledgeGraph.Core.Errors;

namespace KnowledgeGraph.Core.Stages.Loading;

/// <summary>How a boilerplate pattern is matched against a line of article text.</summary>
public enum BoilerplateKind
{
    /// <summary><c>line-equals</c>: the whole (trimmed) line equals the pattern, ignoring case; the line is dropped.</summary>
    LineEquals,
    /// <summary><c>line-starts</c>: a short line starts with the pattern, ignoring case; the line is dropped.</summary>
    LineStarts,
    /// <summary><c>line-contains</c>: a short line contains the pattern, ignoring case; the line is dropped.</summary>
    LineContains,
    /// <summary><c>cut-from</c>: the pattern (exact case, at a word start) and the short rest of the line are cut: "... Credit: AP".</summary>
    CutFrom,
    /// <summary><c>ends-article</c>: a whole line equal to the pattern, ignoring case, ends the article: it and all later lines are dropped.</summary>
    EndsArticle,
    /// <summary><c>crumbs</c>: a short line cut by the pattern (with a space either side) into short parts, "Home &gt; News &gt; Press
    /// Releases", is a navigation path; the line is dropped.</summary>
    Crumbs,
}

/// <summary>One boilerplate entry.</summary>
/// <param name="Kind">How the pattern is matched.</param>
/// <param name="Pattern">The text to look for.</param>
/// <param name="Note">Why the entry exists; not used for matching.</param>
public sealed record BoilerplateRule(BoilerplateKind Kind, string Pattern, string? Note = null);

/// <summary>
/// Lines of web-page chrome to remove from article text: government banners, photo credits, share and subscribe
/// prompts, "Related Stories" lists. Loaded from <c>data/lexicon/boilerplate.csv</c> (columns <c>kind,pattern,note</c>).
/// </summary>
/// <remarks>
/// <c>line-starts</c>, <c>line-contains</c> and <c>cut-from</c> only touch short text (chrome is short; a long line is an
/// article paragraph that happens to contain the words). Date lines ("Published:", "Last updated:") must not be listed:
/// the article date is found after boilerplate removal.
/// </remarks>
public sealed class BoilerplateRules
{
    private const int MaxChromeLineChars = 300;
    private const int MaxCutTailChars = 150;

    // "Related Stories" at the top of a page is a sidebar, not the end of the article.
    private const int MinLinesBeforeEnd = 3;

    // A navigation path is a short line of short parts: "Home > Foreign Policy > Press Releases", "NEWS 24 | World | Asia".
    private const int MaxCrumbsLineChars = 150;
    private const int MaxCrumbChars = 40;

    private readonly ImmutableArray<BoilerplateRule> _lineEquals;
    private readonly ImmutableArray<BoilerplateRule> _lineStarts;
    private readonly ImmutableArray<BoilerplateRule> _lineContains;
    private readonly ImmutableArray<BoilerplateRule> _cutFrom;
    private readonly ImmutableArray<BoilerplateRule> _endsArticle;
    private readonly ImmutableArray<BoilerplateRule> _crumbs;

    /// <summary>Creates a list from rules.</summary>
    public BoilerplateRules(IEnumerable<BoilerplateRule> rules)
    {
        ArgumentNullException.ThrowIfNull(rules);
        Rules = [.. rules];
        foreach (var rule in Rules)
            ArgumentException.ThrowIfNullOrWhiteSpace(rule.Pattern, nameof(rules));
        _lineEquals = Of(BoilerplateKind.LineEquals);
        _lineStarts = Of(BoilerplateKind.LineStarts);
        _lineContains = Of(BoilerplateKind.LineContains);
        _cutFrom = Of(BoilerplateKind.CutFrom);
        _endsArticle = Of(BoilerplateKind.EndsArticle);
        _crumbs = Of(BoilerplateKind.Crumbs);

        ImmutableArray<BoilerplateRule> Of(BoilerplateKind kind) => [.. Rules.Where(r => r.Kind == kind)];
    }

    /// <summary>No boilerplate removal.</summary>
    public static BoilerplateRules Empty { get; } = new([]);

    /// <summary>The rules, in file order.</summary>
    public ImmutableArray<BoilerplateRule> Rules { get; }

    /// <summary>The names used in the <c>kind</c> column.</summary>
    public static IReadOnlyList<string> KindNames { get; } = ["line-equals", "line-starts", "cut-from", "line-contains", "ends-article", "crumbs"];

    /// <summary>Reads a boilerplate file.</summary>
    /// <param name="path">A CSV file with a <c>kind,pattern,note</c> header; lines starting with <c>#</c> are comments.</param>
    /// <exception cref="KnowledgeGraphException">The file is missing or a line is malformed.</exception>
    public static BoilerplateRules Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        try
        {
            using var reader = new StreamReader(path);
            return Parse(reader, path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw KnowledgeGraphException.DataFile(path, $"cannot read the boilerplate list ({e.Message}); check the path");
        }
    }

    /// <summary>Parses boilerplate CSV text.</summary>
    /// <param name="reader">The CSV text.</param>
    /// <param name="fileName">The file name used in error messages.</param>
    /// <exception cref="KnowledgeGraphException">A line is malformed.</exception>
    public static BoilerplateRules Parse(TextReader reader, string fileName)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(fileName);
        var options = new CsvReaderOptions
        {
            HasHeader = false,
            TrackLineNumbers = true,
            CommentPrefix = '#',
            SkipEmptyLines = true,
            TrimWhitespace = true,
            FieldCountMismatch = CsvFieldCountHandling.Allow,
        };
        using var csv = CsvReader.Create(reader, options, leaveOpen: true);
        var rules = new List<BoilerplateRule>();
        var sawHeader = false;
        while (csv.Read())
        {
            var line = (int)csv.LineNumber;
            var kindName = csv.GetString(0);
            var pattern = csv.FieldCount > 1 ? csv.GetString(1) : "";
            var note = csv.FieldCount > 2 ? csv.GetString(2) : "";
            if (!sawHeader)
            {
                sawHeader = true;
                if (!kindName.Equals("kind", StringComparison.OrdinalIgnoreCase) ||
                    !pattern.Equals("pattern", StringComparison.OrdinalIgnoreCase))
                    throw KnowledgeGraphException.DataFile(fileName, line, "expected the header 'kind,pattern,note'");
                continue;
            }

            var kind = ParseKind(kindName) ?? throw KnowledgeGraphException.DataFile(fileName, line,
                $"unknown kind '{kindName}' (expected {string.Join(", ", KindNames)})");
            if (pattern.Length == 0)
                throw KnowledgeGraphException.DataFile(fileName, line, "empty pattern; write the text to remove or delete the line");
            rules.Add(new BoilerplateRule(kind, pattern, note.Length > 0 ? note : null));
        }

        return new BoilerplateRules(rules);
    }

    private static BoilerplateKind? ParseKind(string name) => name.ToLowerInvariant() switch
    {
        "line-equals" => BoilerplateKind.LineEquals,
        "line-starts" => BoilerplateKind.LineStarts,
        "line-contains" => BoilerplateKind.LineContains,
        "cut-from" => BoilerplateKind.CutFrom,
        "ends-article" => BoilerplateKind.EndsArticle,
        "crumbs" => BoilerplateKind.Crumbs,
        _ => null,
    };

    /// <summary>Cleans one line: returns it unchanged, shortened (a credit cut off), or null to drop it.</summary>
    /// <param name="line">One line of text, without the newline.</param>
    public string? CleanLine(string line)
    {
        ArgumentNullException.ThrowIfNull(line);
        var trimmed = line.AsSpan().Trim();
        if (trimmed.IsEmpty)
            return line;

        foreach (var rule in _lineEquals)
        {
            if (trimmed.Equals(rule.Pattern, StringComparison.OrdinalIgnoreCase))
                return null;
        }

        if (trimmed.Length <= MaxChromeLineChars)
        {
            foreach (var rule in _lineStarts)
            {
                if (trimmed.StartsWith(rule.Pattern, StringComparison.OrdinalIgnoreCase))
                    return null;
            }

            foreach (var rule in _lineContains)
            {
                if (trimmed.Contains(rule.Pattern, StringComparison.OrdinalIgnoreCase))
                    return null;
            }
        }

        if (trimmed.Length <= MaxCrumbsLineChars)
        {
            foreach (var rule in _crumbs)
            {
                if (IsCrumbs(trimmed.ToString(), rule.Pattern))
                    return null;
            }
        }

        foreach (var rule in _cutFrom)
        {
            var at = FindAtWordStart(line, rule.Pattern);
            if (at >= 0 && line.Length - at - rule.Pattern.Length <= MaxCutTailChars)
            {
                line = line[..at].TrimEnd();
                if (line.Length == 0)
                    return null;
            }
        }

        return line;
    }

    // A line that gives a year or a time ("November 4, 2023 | 8:15 PM", "Mexico City | Tuesday, January 10, 2023") is a
    // dateline, which the date finder needs, not a navigation path.
    private static bool IsCrumbs(string line, string separator)
    {
        for (var i = 0; i + 2 < line.Length; i++)
        {
            if (char.IsAsciiDigit(line[i]) && (line[i + 1] == ':' || (char.IsAsciiDigit(line[i + 1]) && char.IsAsciiDigit(line[i + 2]) && i + 3 < line.Length && char.IsAsciiDigit(line[i + 3]))))
                return false;
        }
        var parts = line.Split(" " + separator + " ", StringSplitOptions.TrimEntries);
        return parts.Length >= 2 && parts.All(p => p.Length is > 0 and <= MaxCrumbChars);
    }

    /// <summary>True when <paramref name="line"/> marks the end of the article text ("Related Stories").</summary>
    /// <param name="line">One line of text.</param>
    /// <param name="linesSoFar">How many non-blank lines of article text came before it.</param>
    public bool EndsArticle(string line, int linesSoFar)
    {
        ArgumentNullException.ThrowIfNull(line);
        if (linesSoFar < MinLinesBeforeEnd || _endsArticle.IsEmpty)
            return false;
        var trimmed = line.AsSpan().Trim();
        foreach (var rule in _endsArticle)
        {
            if (trimmed.Equals(rule.Pattern, StringComparison.OrdinalIgnoreCase))
                return true;
        }

        return false;
    }

    private static int FindAtWordStart(string line, string pattern)
    {
        for (var at = line.IndexOf(pattern, StringComparison.Ordinal); at >= 0;
             at = line.IndexOf(pattern, at + 1, StringComparison.Ordinal))
        {
            if (at == 0 || !char.IsLetterOrDigit(line[at - 1]))
                return at;
        }

        return -1;
    }
}
