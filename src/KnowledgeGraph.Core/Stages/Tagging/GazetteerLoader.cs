using System.Collections.Immutable;
using System.Globalization;
using CsvHelper;
using KnowledgeGraph.Core.Entities;
using KnowledgeGraph.Core.Errors;

namespace KnowledgeGraph.Core.Stages.Tagging;

/// <summary>
/// Loads the gazetteer from a data folder: every <c>gazetteer/*.csv</c> whose header starts <c>id,type,name,aliases</c>
/// is an entity file, <c>gazetteer/roles.csv</c> holds people's dated roles, and <c>lexicon/</c> holds titles, spelling
/// variants, given names and common words. Every problem is reported as <c>file:line: what (fix)</c>; all problems
/// are collected before failing, so one run of <c>kg check</c> lists them all.
/// </summary>
public static class GazetteerLoader
{
    private static readonly string[] EntityHeader = ["id", "type", "name", "aliases"];
    private static readonly string[] RoleHeader = ["person_id", "org_id", "title", "from", "to"];
    private static readonly string[] TitleHeader = ["title", "aliases", "kind"];
    private static readonly string[] TitleKinds =
        ["head-of-state", "head-of-government", "minister", "org-leader", "official", "military", "diplomat", "legislator", "royal", "honorific", "leader", "relational"];

    /// <summary>Loads everything under <paramref name="dataDirectory"/>.</summary>
    /// <exception cref="KnowledgeGraphException">One or more data files are invalid; the message lists each problem.</exception>
    public static Gazetteer Load(string dataDirectory) => Load(dataDirectory, null);

    /// <summary>
    /// Loads everything under <paramref name="dataDirectory"/>, through a binary copy of the parsed files in
    /// <paramref name="cacheDirectory"/> when that is given (see <see cref="GazetteerCache"/>): the copy is used when
    /// the files are byte for byte those it was made from, and made again otherwise. The gazetteer is the same either way.
    /// </summary>
    /// <exception cref="KnowledgeGraphException">One or more data files are invalid; the message lists each problem.</exception>
    public static Gazetteer Load(string dataDirectory, string? cacheDirectory)
    {
        if (cacheDirectory is null || !Directory.Exists(Path.Combine(dataDirectory, "gazetteer")))
            return LoadParts(dataDirectory).Build();
        var file = GazetteerCache.FileFor(cacheDirectory, dataDirectory);
        var key = GazetteerCache.Key(dataDirectory, InputFiles(dataDirectory));
        if (GazetteerCache.TryRead(file, key) is { } cached)
            return cached.Build();
        var parts = LoadParts(dataDirectory);
        GazetteerCache.TryWrite(file, key, parts);
        return parts.Build();
    }

    /// <summary>
    /// Where <c>kg build</c> keeps the gazetteer's binary cache: <c>$KG_CACHE_DIR</c>, else
    /// <c>$XDG_CACHE_HOME/knowledgegraph</c>, else <c>~/.cache/knowledgegraph</c>; null when <c>KG_CACHE_DIR=off</c>.
    /// </summary>
    public static string? DefaultCacheDirectory() => GazetteerCache.DefaultDirectory();

    /// <summary>Every file <see cref="LoadParts"/> reads, in the order it reads them (present or not).</summary>
    internal static IEnumerable<string> InputFiles(string dataDirectory)
    {
        foreach (var file in Directory.EnumerateFiles(Path.Combine(dataDirectory, "gazetteer"), "*.csv").Order(StringComparer.Ordinal))
            yield return file;
        var lexDir = Path.Combine(dataDirectory, "lexicon");
        foreach (var name in new[] { "titles.csv", "spelling-variants.csv", "word-lists.csv", "given-names.txt", "common-words.txt" })
            yield return Path.Combine(lexDir, name);
    }

    /// <summary>Reads and checks the data files: the parts a gazetteer is built from.</summary>
    /// <exception cref="KnowledgeGraphException">One or more data files are invalid; the message lists each problem.</exception>
    internal static GazetteerParts LoadParts(string dataDirectory)
    {
        var problems = new List<string>();
        var gazDir = Path.Combine(dataDirectory, "gazetteer");
        if (!Directory.Exists(gazDir))
            throw KnowledgeGraphException.DataFile(gazDir, "gazetteer folder not found; pass --data with the folder that holds gazetteer/ and rules/");
        var entries = new Dictionary<string, GazetteerEntry>(StringComparer.Ordinal);
        var roleRows = new List<(PersonRole Role, string File, int Line)>();
        foreach (var file in Directory.EnumerateFiles(gazDir, "*.csv").Order(StringComparer.Ordinal))
        {
            var rel = Relative(dataDirectory, file);
            ReadCsv(file, rel, problems, (header, row, line) =>
            {
                if (header.Take(4).SequenceEqual(EntityHeader))
                    ReadEntity(header, row, rel, line, entries, problems);
                else if (header.Take(5).SequenceEqual(RoleHeader))
                    ReadRole(row, rel, line, roleRows, problems);
                else
                    return false;
                return true;
            });
        }
        CheckReferences(entries, roleRows, problems);
        var titles = new List<(string, TitleEntry)>();
        var lexDir = Path.Combine(dataDirectory, "lexicon");
        var titlesFile = Path.Combine(lexDir, "titles.csv");
        if (File.Exists(titlesFile))
            ReadTitles(titlesFile, Relative(dataDirectory, titlesFile), titles, problems);
        var spelling = new List<(string, string)>();
        var spellingFile = Path.Combine(lexDir, "spelling-variants.csv");
        if (File.Exists(spellingFile))
        {
            var rel = Relative(dataDirectory, spellingFile);
            ReadCsv(spellingFile, rel, problems, (header, row, line) =>
            {
                if (row[0].Length == 0 || row[1].Length == 0)
                    problems.Add($"{rel}:{line}: empty spelling (both columns us,uk need a word)");
                else
                    spelling.Add((row[0], row[1]));
                return true;
            }, expectedHeader: ["us", "uk"]);
        }
        var wordsFile = Path.Combine(lexDir, "word-lists.csv");
        var words = File.Exists(wordsFile) ? ReadWordLists(wordsFile, Relative(dataDirectory, wordsFile), problems) : null;
        if (problems.Count > 0)
            throw Fail(problems);
        return new GazetteerParts(
            [.. entries.Values],
            [.. roleRows.Select(r => r.Role)],
            titles,
            [.. ReadWordList(Path.Combine(lexDir, "given-names.txt"))],
            [.. ReadWordList(Path.Combine(lexDir, "common-words.txt"))],
            spelling,
            words);
    }

    private static List<KeyValuePair<string, ImmutableArray<string>>> ReadWordLists(string file, string rel, List<string> problems)
    {
        var lists = new List<KeyValuePair<string, ImmutableArray<string>>>();
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        ReadCsv(file, rel, problems, (header, row, line) =>
        {
            if (!WordLists.Names.Contains(row[0]))
                problems.Add($"{rel}:{line}: unknown list '{row[0]}' (expected one of {string.Join(", ", WordLists.Names)})");
            else if (seen.TryGetValue(row[0], out var first))
                problems.Add($"{rel}:{line}: list '{row[0]}' is already defined on line {first} (one row per list)");
            else if (SplitList(row[1]) is { IsEmpty: true })
                problems.Add($"{rel}:{line}: list '{row[0]}' has no words (separate words with ';')");
            else
            {
                seen[row[0]] = line;
                lists.Add(new(row[0], SplitList(row[1])));
            }
            return true;
        }, ["list", "words"]);
        foreach (var name in WordLists.Names.Where(n => !seen.ContainsKey(n)))
            problems.Add($"{rel}:1: list '{name}' is missing (add a row '{name},word;word')");
        return lists;
    }

    internal static KnowledgeGraphException Fail(List<string> problems)
    {
        var shown = problems.Take(50).ToList();
        var more = problems.Count > shown.Count ? $"\n... and {problems.Count - shown.Count} more" : "";
        var message = problems.Count == 1 ? problems[0] : $"{problems.Count} problems in the data files:\n" + string.Join('\n', shown) + more;
        return new KnowledgeGraphException(ErrorKind.Validation, message);
    }

    internal static string Relative(string root, string file) => Path.GetRelativePath(root, file).Replace('\\', '/');

    /// <summary>Reads a CSV file with a header, checking the column count of every row; hands each row to <paramref name="onRow"/>.</summary>
    internal static void ReadCsv(string file, string rel, List<string> problems, Func<string[], string[], int, bool> onRow, string[]? expectedHeader = null)
    {
        var options = new CsvReaderOptions
        {
            HasHeader = false,
            TrackLineNumbers = true,
            CommentPrefix = '#',
            SkipEmptyLines = true,
            TrimWhitespace = false,
            FieldCountMismatch = CsvFieldCountHandling.Allow,
        };
        using var reader = new StreamReader(file, detectEncodingFromByteOrderMarks: true);
        using var csv = CsvReader.Create(reader, options, leaveOpen: true);
        string[]? header = null;
        var recognised = true;
        var line = 1;
        try
        {
            while (csv.Read())
            {
                line = (int)csv.LineNumber;
                var row = new string[csv.FieldCount];
                for (var i = 0; i < row.Length; i++)
                    row[i] = csv.GetString(i).Trim();
                if (header is null)
                {
                    header = row;
                    if (expectedHeader is not null && !header.Take(expectedHeader.Length).SequenceEqual(expectedHeader))
                    {
                        problems.Add($"{rel}:{line}: header is '{string.Join(',', header)}' (expected '{string.Join(',', expectedHeader)}')");
                        return;
                    }
                    continue;
                }
                if (row.Length == 1 && row[0].Length == 0)
                    continue;
                if (row.Length != header.Length)
                {
                    problems.Add($"{rel}:{line}: {row.Length} columns, expected {header.Length} ({string.Join(',', header)}); quote fields that contain commas");
                    continue;
                }
                recognised = onRow(header, row, line);
                if (!recognised)
                    break;
            }
        }
        catch (Exception ex) when (ex is not KnowledgeGraphException and not OutOfMemoryException)
        {
            problems.Add($"{rel}:{line}: unreadable CSV ({ex.Message}); double a quote inside a quoted field: \"\"");
            return;
        }
        if (header is null)
            problems.Add($"{rel}:1: empty file (the first line must be a header)");
        else if (!recognised)
            problems.Add($"{rel}:1: unknown file layout '{string.Join(',', header)}' (an entity file starts with 'id,type,name,aliases'; roles.csv with 'person_id,org_id,title,from,to')");
    }

    private static void ReadEntity(string[] header, string[] row, string rel, int line, Dictionary<string, GazetteerEntry> entries, List<string> problems)
    {
        string? Col(string name)
        {
            var i = Array.IndexOf(header, name);
            return i < 0 || row[i].Length == 0 ? null : row[i];
        }
        var id = row[0];
        if (id.Length == 0 || id.Any(char.IsWhiteSpace))
        {
            problems.Add($"{rel}:{line}: invalid id '{id}' (ids are non-empty and have no spaces, e.g. person:jens-stoltenberg)");
            return;
        }
        if (!EntityKinds.TryParse(row[1], out var kind))
        {
            problems.Add($"{rel}:{line}: unknown type '{row[1]}' (expected {EntityKinds.Expected})");
            return;
        }
        if (row[2].Length == 0)
        {
            problems.Add($"{rel}:{line}: empty name for '{id}' (every entity needs a name)");
            return;
        }
        if (entries.TryGetValue(id, out var first))
        {
            problems.Add($"{rel}:{line}: duplicate id '{id}' (first defined at {first.Source}; ids must be unique across all gazetteer files)");
            return;
        }
        double? lat = ParseDouble(Col("latitude"), "latitude", -90, 90, rel, line, problems);
        double? lon = ParseDouble(Col("longitude"), "longitude", -180, 180, rel, line, problems);
        long population = 0;
        if (Col("population") is { } pop && !long.TryParse(pop, NumberStyles.Integer, CultureInfo.InvariantCulture, out population))
            problems.Add($"{rel}:{line}: invalid population '{pop}' (expected a whole number)");
        entries[id] = new GazetteerEntry
        {
            Id = id,
            Kind = kind,
            Name = row[2],
            Aliases = SplitList(row[3]),
            Demonyms = SplitList(Col("demonyms")),
            Country = kind == EntityKind.Country ? (Col("iso2") ?? Col("country"))?.ToLowerInvariant() : Col("country")?.ToLowerInvariant(),
            Subkind = Col("kind"),
            Population = population,
            Latitude = lat,
            Longitude = lon,
            Headquarters = Col("headquarters"),
            City = Col("city"),
            IsCapital = string.Equals(Col("capital"), "true", StringComparison.OrdinalIgnoreCase),
            Source = $"{rel}:{line}",
        };
    }

    private static void ReadRole(string[] row, string rel, int line, List<(PersonRole, string, int)> roles, List<string> problems)
    {
        if (row[2].Length == 0)
        {
            problems.Add($"{rel}:{line}: empty title (every role needs a title, e.g. Prime Minister)");
            return;
        }
        var from = ParseDate(row[3], "from", rel, line, problems);
        var to = ParseDate(row[4], "to", rel, line, problems);
        if (from is { } f && to is { } t && t < f)
            problems.Add($"{rel}:{line}: role ends ({t:yyyy-MM-dd}) before it starts ({f:yyyy-MM-dd}); swap or fix the dates");
        roles.Add((new PersonRole(row[0], row[1], row[2], from, to), rel, line));
    }

    private static void CheckReferences(Dictionary<string, GazetteerEntry> entries, List<(PersonRole Role, string File, int Line)> roles, List<string> problems)
    {
        foreach (var (role, file, line) in roles)
        {
            if (!entries.TryGetValue(role.PersonId, out var p) || p.Kind != EntityKind.Person)
                problems.Add($"{file}:{line}: person_id '{role.PersonId}' is not a Person in the gazetteer (add the person to people.csv or fix the id)");
            if (!entries.TryGetValue(role.OrgId, out var o) || o.Kind is not (EntityKind.Organization or EntityKind.Country))
                problems.Add($"{file}:{line}: org_id '{role.OrgId}' is not an Organization or Country in the gazetteer (add it or fix the id)");
        }
        foreach (var e in entries.Values.OrderBy(e => e.Source, StringComparer.Ordinal))
        {
            foreach (var (col, target) in new[] { ("headquarters", e.Headquarters), ("city", e.City) })
            {
                if (target is not null && !entries.ContainsKey(target))
                    problems.Add($"{e.Source}: {col} '{target}' of '{e.Id}' is not in the gazetteer (use the id of a city or place row, or leave it empty)");
            }
        }
    }

    private static void ReadTitles(string file, string rel, List<(string, TitleEntry)> titles, List<string> problems) =>
        ReadCsv(file, rel, problems, (header, row, line) =>
        {
            if (row[0].Length == 0)
            {
                problems.Add($"{rel}:{line}: empty title");
                return true;
            }
            if (!TitleKinds.Contains(row[2]))
            {
                problems.Add($"{rel}:{line}: unknown title kind '{row[2]}' (expected {string.Join(", ", TitleKinds)})");
                return true;
            }
            var entry = new TitleEntry(row[0], row[2]);
            titles.Add((row[0], entry));
            foreach (var alias in SplitList(row[1]))
                titles.Add((alias, entry));
            return true;
        }, TitleHeader);

    private static IEnumerable<string> ReadWordList(string file) =>
        File.Exists(file)
            ? File.ReadLines(file).Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#'))
            : [];

    internal static ImmutableArray<string> SplitList(string? cell) =>
        string.IsNullOrWhiteSpace(cell) ? [] : cell.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Distinct(StringComparer.Ordinal).ToImmutableArray();

    private static double? ParseDouble(string? text, string column, double min, double max, string rel, int line, List<string> problems)
    {
        if (text is null)
            return null;
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && v >= min && v <= max)
            return v;
        problems.Add($"{rel}:{line}: invalid {column} '{text}' (expected a number from {min} to {max})");
        return null;
    }

    internal static DateOnly? ParseDate(string text, string column, string rel, int line, List<string> problems)
    {
        if (text.Length == 0)
            return null;
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d))
            return d;
        problems.Add($"{rel}:{line}: invalid date '{text}' in column '{column}' (expected YYYY-MM-DD, or empty)");
        return null;
    }

    private static string Shorten(string s) => s.Length > 40 ? $"'{s[..40]}...'" : $"'{s}'";
}
