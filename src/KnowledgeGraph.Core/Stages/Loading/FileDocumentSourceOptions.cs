namespace KnowledgeGraph.Core.Stages.Loading;

/// <summary>What a <see cref="FileDocumentSource"/> reads and how.</summary>
public sealed record FileDocumentSourceOptions
{
    /// <summary>The extensions read when none are given: plain text, Markdown and HTML.</summary>
    public static IReadOnlyList<string> DefaultExtensions { get; } = [".txt", ".md", ".markdown", ".html", ".htm"];

    /// <summary>Files and folders to read; folders are read recursively.</summary>
    public required IReadOnlyList<string> Inputs { get; init; }

    /// <summary>Extensions of files read as articles (with the dot, any case).</summary>
    public IReadOnlyList<string> Extensions { get; init; } = DefaultExtensions;

    /// <summary>What to do with a file that is not a readable article.</summary>
    public BadDocumentPolicy OnBadDocument { get; init; } = BadDocumentPolicy.Skip;

    /// <summary>
    /// Published dates given on the command line (<c>--date-of FILE=YYYY-MM-DD</c>), keyed by document id (path relative
    /// to the input folder), by path, or by file name. They win over sidecar files and dates found in the text.
    /// </summary>
    public IReadOnlyDictionary<string, DateOnly> DateOverrides { get; init; } = new Dictionary<string, DateOnly>();

    /// <summary>The largest part handed on, in characters; a longer article is cut at a paragraph break near this size.</summary>
    public int MaxPartChars { get; init; } = 500_000;

    /// <summary>The largest HTML file read; an HTML page must be parsed whole, so this bounds memory.</summary>
    public long MaxHtmlBytes { get; init; } = 64L * 1024 * 1024;

    /// <summary>Web-page chrome to remove (banners, credits, share buttons); see <see cref="BoilerplateRules.Load"/>.</summary>
    public BoilerplateRules Boilerplate { get; init; } = BoilerplateRules.Empty;

    /// <summary>Receives warnings about bad documents and guessed encodings; warnings are dropped when null.</summary>
    public Action<DocumentWarning>? OnWarning { get; init; }

    /// <summary>
    /// Called for every article file before it is read; returning true leaves the file out because its earlier analysis
    /// still holds (an incremental build of an unchanged file). Null reads every file.
    /// </summary>
    public Func<ArticleFile, bool>? Reuse { get; init; }
}

/// <summary>An article file found in the inputs, before it is read.</summary>
/// <param name="Path">Full path.</param>
/// <param name="Id">Document id: the path below the input folder (or the file name).</param>
/// <param name="DateOverride">The date <see cref="FileDocumentSourceOptions.DateOverrides"/> gives it, if any.</param>
public sealed record ArticleFile(string Path, string Id, DateOnly? DateOverride);
