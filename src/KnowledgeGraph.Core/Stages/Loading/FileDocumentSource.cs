using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using KnowledgeGraph.Core.Errors;
using KnowledgeGraph.Core.Text;
using KnowledgeGraph.Core.Text.Dates;

namespace KnowledgeGraph.Core.Stages.Loading;

/// <summary>
/// Reads articles from files and folders: plain text, Markdown and HTML, in any common encoding, with web-page chrome
/// removed. Input: <see cref="FileDocumentSourceOptions.Inputs"/>. Output: one <see cref="SourceDocument"/> per file, or
/// several parts for a file larger than <see cref="FileDocumentSourceOptions.MaxPartChars"/>. Requires nothing.
/// </summary>
/// <remarks>
/// <para>Folders are walked depth-first: a folder's files in ordinal name order, then its sub-folders in the same order.
/// Hidden files and folders (name starting with a dot) are not read. Symbolic links are followed, but a folder reached
/// twice (a link loop, or a link to a folder already read) is read once. Files are streamed, never held whole, except
/// HTML pages, which are parsed whole up to <see cref="FileDocumentSourceOptions.MaxHtmlBytes"/>.</para>
/// <para>The published date comes from, in order: <see cref="FileDocumentSourceOptions.DateOverrides"/>, a sidecar file
/// <c>article.txt.date</c> holding <c>YYYY-MM-DD</c>, HTML metadata, then <see cref="ArticleDateFinder"/> on the first
/// part's text after boilerplate removal. All parts of a file carry the same date.</para>
/// </remarks>
public sealed class FileDocumentSource : IDocumentSource
{
    private const string SidecarExtension = ".date";
    private static readonly char[] BulletChars = [.. "•·▪◦‣●■□►▸*"];

    private readonly FileDocumentSourceOptions _options;
    private readonly HashSet<string> _extensions;
    private readonly Dictionary<string, (string Key, DateOnly Date)> _overridesByName;
    private readonly Dictionary<string, (string Key, DateOnly Date)> _overridesByPath;

    /// <summary>Creates a source; nothing is read until <see cref="ReadAsync"/> is enumerated.</summary>
    /// <exception cref="ArgumentException">The options are inconsistent (no inputs, a part size below 1,000).</exception>
    public FileDocumentSource(FileDocumentSourceOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(options.Inputs);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxPartChars, 1_000);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxHtmlBytes, 1);
        if (options.Inputs.Count == 0)
            throw new ArgumentException("At least one input file or folder is needed.", nameof(options));
        _options = options;
        _extensions = new HashSet<string>(
            options.Extensions.Select(e => e.StartsWith('.') ? e : "." + e), StringComparer.OrdinalIgnoreCase);

        _overridesByName = new(StringComparer.Ordinal);
        _overridesByPath = new(StringComparer.Ordinal);
        foreach (var (key, date) in options.DateOverrides)
        {
            _overridesByName[key.Replace('\\', '/')] = (key, date);
            _overridesByPath[Path.GetFullPath(key)] = (key, date);
        }
    }

    /// <summary>What the last (or current) pass read; reset when a new pass starts.</summary>
    public LoadStatistics Statistics { get; } = new();

    /// <inheritdoc/>
    /// <exception cref="KnowledgeGraphException">An input does not exist; a sidecar date file is malformed; a bad document
    /// under <see cref="BadDocumentPolicy.Fail"/>.</exception>
    public async IAsyncEnumerable<SourceDocument> ReadAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        Statistics.Reset();
        var usedOverrides = new HashSet<string>(StringComparer.Ordinal);
        foreach (var input in _options.Inputs)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var full = Path.GetFullPath(input);
            IEnumerable<(string Path, string Id)> files;
            if (File.Exists(full))
                files = SingleFile(full);
            else if (Directory.Exists(full))
                files = WalkFolder(full);
            else
                throw KnowledgeGraphException.InputNotFound(input);

            foreach (var (path, id) in files)
            {
                cancellationToken.ThrowIfCancellationRequested();
                // An incremental build keeps what it already knows of an unchanged file: it is not read at all.
                if (_options.Reuse is { } reuse && reuse(new ArticleFile(path, id, DateOverride(path, id, usedOverrides))))
                {
                    Statistics.Reused++;
                    continue;
                }

                await using var parts = ReadFileAsync(path, id, usedOverrides, cancellationToken).GetAsyncEnumerator(cancellationToken);
                var count = 0;
                while (true)
                {
                    string? failure = null;
                    Exception? error = null;
                    try
                    {
                        if (!await parts.MoveNextAsync())
                            break;
                    }
                    catch (KnowledgeGraphException e) when (e.Kind == ErrorKind.Runtime && e.File == path)
                    {
                        failure = e.Message[(path.Length + 2)..];
                    }
                    catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                    {
                        (failure, error) = (count == 0
                            ? $"cannot read the file ({e.Message}); check its permissions"
                            : $"read error after part {count} ({e.Message}); the rest of the file is left out", e);
                    }

                    if (failure is not null)
                    {
                        ReportBad(path, failure, error);
                        break;
                    }

                    count++;
                    yield return parts.Current;
                }
            }
        }

        foreach (var key in _options.DateOverrides.Keys.Where(k => !usedOverrides.Contains(k)).Order(StringComparer.Ordinal))
            Warn(key, $"the date given for '{key}' matched no article that was read; check the file name", skipped: false);
    }

    private IEnumerable<(string Path, string Id)> SingleFile(string path)
    {
        var extension = Path.GetExtension(path);
        if (extension.Equals(SidecarExtension, StringComparison.OrdinalIgnoreCase))
            yield break;
        if (!_extensions.Contains(extension))
        {
            Statistics.Ignored++;
            Warn(path, $"not read: '{extension}' is not an article extension ({string.Join(", ", _extensions.Order(StringComparer.Ordinal))})", skipped: false);
            yield break;
        }

        yield return (path, Path.GetFileName(path));
    }

    private IEnumerable<(string Path, string Id)> WalkFolder(string root)
    {
        var visited = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Stack<(string Dir, string Real, string Prefix)>();
        var rootReal = RealPath(root, 0);
        visited.Add(rootReal);
        pending.Push((root, rootReal, ""));

        while (pending.Count > 0)
        {
            var (dir, real, prefix) = pending.Pop();
            List<FileSystemInfo> entries;
            try
            {
                entries = [.. new DirectoryInfo(dir).EnumerateFileSystemInfos()];
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                ReportBad(dir, $"cannot read the folder ({e.Message}); check its permissions", e);
                continue;
            }

            entries.Sort((a, b) => string.CompareOrdinal(a.Name, b.Name));
            var folders = new List<(string Dir, string Real, string Prefix)>();
            foreach (var entry in entries)
            {
                if (entry.Name.StartsWith('.') || (entry.Attributes & FileAttributes.Hidden) != 0)
                {
                    if (entry is FileInfo)
                        Statistics.Ignored++;
                    continue;
                }

                if (entry is DirectoryInfo folder)
                {
                    var target = FolderRealPath(folder, real);
                    if (target is null)
                        Warn(folder.FullName, "not read: a symbolic link that is broken or loops", skipped: false);
                    else if (!visited.Add(target))
                        Warn(folder.FullName, $"not read again: the same folder as {target} (a symbolic link)", skipped: false);
                    else
                        folders.Add((folder.FullName, target, prefix + folder.Name + "/"));
                }
                else if (Path.GetExtension(entry.Name) is var extension &&
                         !extension.Equals(SidecarExtension, StringComparison.OrdinalIgnoreCase))
                {
                    if (_extensions.Contains(extension))
                        yield return (entry.FullName, prefix + entry.Name);
                    else
                        Statistics.Ignored++;
                }
            }

            for (var i = folders.Count - 1; i >= 0; i--)
                pending.Push(folders[i]);
        }
    }

    private static string? FolderRealPath(DirectoryInfo folder, string parentReal)
    {
        if (folder.LinkTarget is null)
            return Path.Combine(parentReal, folder.Name);
        try
        {
            var target = folder.ResolveLinkTarget(returnFinalTarget: true);
            return target is { Exists: true } ? RealPath(target.FullName, 0) : null;
        }
        catch (IOException)
        {
            return null;
        }
    }

    // The path with every symbolic link resolved, so two routes to one folder compare equal.
    private static string RealPath(string path, int depth)
    {
        var full = Path.GetFullPath(path);
        var root = Path.GetPathRoot(full) ?? "";
        var current = root;
        foreach (var part in full[root.Length..].Split(
                     [Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar], StringSplitOptions.RemoveEmptyEntries))
        {
            var next = Path.Combine(current, part);
            var info = new DirectoryInfo(next);
            if (depth < 40 && info.LinkTarget is not null && info.ResolveLinkTarget(returnFinalTarget: true) is { } target)
                next = RealPath(target.FullName, depth + 1);
            current = next;
        }

        return current;
    }

    private async IAsyncEnumerable<SourceDocument> ReadFileAsync(
        string path, string id, HashSet<string> usedOverrides, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        // Synchronous reads (an article is read whole and at once; Linux has no true async file I/O, so the thread pool
        // round trip per read cost more than the read), and buffers no larger than the file: 64 KB buffers for a 4 KB
        // article went to the large-object heap several times per file and made most of the garbage collections.
        await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
        var length = stream.Length;
        var bufferSize = (int)Math.Clamp(length + 16, 1024, 64 * 1024);
        var head = new byte[TextDecoding.SniffBytes];
        var headLength = await stream.ReadAtLeastAsync(head, head.Length, throwOnEndOfStream: false, cancellationToken);
        if (headLength == 0)
            throw KnowledgeGraphException.BadDocument(path, "empty file");

        var sniff = TextDecoding.Sniff(head.AsSpan(0, headLength));
        if (sniff.BinaryKind is { } kind)
            throw KnowledgeGraphException.BadDocument(path, $"binary file ({kind}), not an article; convert it to text or remove it");

        var encoding = sniff.Encoding;
        if (encoding is null)
        {
            stream.Position = 0;
            if (await TextDecoding.IsValidUtf8Async(stream, cancellationToken))
            {
                encoding = new UTF8Encoding(false);
            }
            else
            {
                encoding = TextDecoding.Windows1252;
                Warn(path, "not valid UTF-8; read as Windows-1252. If characters look wrong, save the file as UTF-8", skipped: false);
            }
        }

        stream.Position = sniff.BomLength;
        using var reader = new StreamReader(stream, encoding, detectEncodingFromByteOrderMarks: false, bufferSize, leaveOpen: true);

        var published = DateOverride(path, id, usedOverrides) ?? ReadSidecar(path);
        var extension = Path.GetExtension(path).ToLowerInvariant();
        TextReader text = reader;
        MarkdownStripper? markdown = null;
        var markup = false;
        if (extension is ".html" or ".htm")
        {
            if (length > _options.MaxHtmlBytes)
            {
                throw KnowledgeGraphException.BadDocument(path,
                    $"HTML page too large ({length / (1024 * 1024)} MB, limit {_options.MaxHtmlBytes / (1024 * 1024)} MB); save the article as text");
            }

            var article = HtmlTextExtractor.Extract(await reader.ReadToEndAsync(cancellationToken));
            markup = true;
            published ??= article.Published;
            text = new StringReader(article.Text);
        }
        else if (extension is ".md" or ".markdown")
        {
            markdown = new MarkdownStripper();
        }

        var lines = new LineReader(text, _options.MaxPartChars, bufferSize);
        var builder = new PartBuilder(_options.MaxPartChars);
        var cleaner = new LineCleaner(_options.Boilerplate, markdown);
        var part = 0;
        long bytesSoFar = 0;
        while (await lines.ReadAsync(cancellationToken) is { } piece)
        {
            if (cleaner.Clean(piece) is not { } clean)
                continue;
            foreach (var done in builder.Add(clean))
                yield return Emit(done, final: false);
        }

        if (builder.Finish() is { } last)
            yield return Emit(last, final: true);
        if (part == 0)
        {
            // An HTML page has bytes even when its markup holds no text: it is not "empty", its article is missing.
            throw KnowledgeGraphException.BadDocument(path, lines.SawText || markup
                ? "no article text left after removing markup and boilerplate"
                : "empty file");
        }

        Statistics.Bytes += length;

        SourceDocument Emit(string partText, bool final)
        {
            if (part == 0)
            {
                published ??= ArticleDateFinder.Find(partText);
                Statistics.Documents++;
                if (published is not null)
                    Statistics.Dated++;
            }

            // Bytes are for throughput figures: estimated per part, the last part takes the remainder.
            var bytes = final ? Math.Max(0, length - bytesSoFar) : Math.Min(length - bytesSoFar, encoding.GetByteCount(partText));
            bytesSoFar += bytes;
            Statistics.Parts++;
            return new SourceDocument(id, path, part++, partText, published, bytes);
        }
    }

    private DateOnly? DateOverride(string path, string id, HashSet<string> used)
    {
        if (_overridesByPath.TryGetValue(path, out var hit) || _overridesByName.TryGetValue(id, out hit) ||
            _overridesByName.TryGetValue(Path.GetFileName(path), out hit))
        {
            used.Add(hit.Key);
            return hit.Date;
        }

        return null;
    }

    private static DateOnly? ReadSidecar(string path)
    {
        var sidecar = path + SidecarExtension;
        if (!File.Exists(sidecar))
            return null;
        string first;
        try
        {
            using var reader = new StreamReader(sidecar, detectEncodingFromByteOrderMarks: true);
            first = (reader.ReadLine() ?? "").Trim();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw KnowledgeGraphException.DataFile(sidecar, $"cannot read the date file ({e.Message}); check its permissions or delete it");
        }

        if (DateOnly.TryParseExact(first, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            return date;
        throw KnowledgeGraphException.DataFile(sidecar, 1,
            $"expected the article's date as YYYY-MM-DD, found '{first}'; write a date such as 2023-05-30 on the first line, or delete the file");
    }

    private void ReportBad(string path, string reason, Exception? error)
    {
        if (_options.OnBadDocument == BadDocumentPolicy.Fail)
            throw KnowledgeGraphException.BadDocument(path, reason, error);
        Statistics.Skipped++;
        Warn(path, reason, skipped: true);
    }

    private void Warn(string file, string reason, bool skipped) => _options.OnWarning?.Invoke(new DocumentWarning(file, reason, skipped));

    /// <summary>Per-document line cleaning: Markdown markup, boilerplate, bullets, lines without words.</summary>
    private sealed class LineCleaner(BoilerplateRules boilerplate, MarkdownStripper? markdown)
    {
        private bool _inLongLine;
        private bool _ended;
        private int _kept;

        public LinePiece? Clean(LinePiece piece)
        {
            if (_ended)
                return null;

            // Pieces of a line too long to keep whole are article text; cleaning them would break the joins.
            var wasInLongLine = _inLongLine;
            _inLongLine = piece.Continues;
            if (piece.Continues || wasInLongLine)
            {
                _kept++;
                return piece;
            }

            var line = piece.Text;
            if (markdown is not null)
            {
                if (markdown.Strip(line) is not { } stripped)
                    return null;
                line = stripped;
            }

            if (boilerplate.EndsArticle(line, _kept))
            {
                _ended = true;
                return null;
            }

            if (boilerplate.CleanLine(line) is not { } clean)
                return null;

            clean = clean.Trim().TrimStart(BulletChars).TrimStart();
            if (!HasLetterOrDigit(clean))
                return new LinePiece("", false, false);
            _kept++;
            return new LinePiece(clean, false, false);
        }

        private static bool HasLetterOrDigit(string s)
        {
            foreach (var c in s)
            {
                if (char.IsLetterOrDigit(c))
                    return true;
            }

            return false;
        }
    }
}
