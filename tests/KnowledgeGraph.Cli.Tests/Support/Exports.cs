using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Xml;
using System.Xml.Schema;

namespace KnowledgeGraph.Cli.Tests.Support;

/// <summary>
/// Checks that an export folder is valid whatever went into it: graph.json lines parse as JSON, graph.graphml and
/// graph.gexf parse as XML 1.0 (no illegal characters, not even as references) and match the GraphML/GEXF schemas when
/// the writer tests' Schemas/ are linked in, the neo4j/ CSVs have one field count per file, and import.cypher holds
/// nothing but MERGE/MATCH/CREATE CONSTRAINT outside its string literals.
/// </summary>
internal static partial class Exports
{
    private static readonly string SchemaRoot = Path.Combine(AppContext.BaseDirectory, "Schemas");

    /// <summary>True when the GraphML/GEXF schemas were linked in, so exports are validated, not only parsed.</summary>
    public static bool HasSchemas => File.Exists(Path.Combine(SchemaRoot, "graphml", "graphml+apoc.xsd"));

    public static readonly string[] Files = ["graph.json", "graph.graphml", "graph.gexf", "import.cypher", "style.grass", "queries.cypher", "neo4j/nodes-Article.csv"];

    /// <summary>Asserts that every export in <paramref name="dir"/> exists and is valid; <paramref name="context"/> goes into the message.</summary>
    public static void AssertValid(string dir, string context = "")
    {
        var problems = Validate(dir);
        Assert.True(problems.Count == 0, $"{context}\ninvalid exports in {dir}:\n{string.Join('\n', problems.Take(20))}");
    }

    public static List<string> Validate(string dir)
    {
        var problems = new List<string>();
        foreach (var f in Files)
        {
            if (!File.Exists(Path.Combine(dir, f)))
                problems.Add($"{f}: missing");
        }
        if (problems.Count > 0)
            return problems;
        Check(problems, "graph.json", () => JsonLines(Path.Combine(dir, "graph.json")));
        Check(problems, "graph.graphml", () => Xml(Path.Combine(dir, "graph.graphml"), "graphml/graphml+apoc.xsd"));
        Check(problems, "graph.gexf", () => Xml(Path.Combine(dir, "graph.gexf"), "gexf/1.3/gexf.xsd"));
        Check(problems, "import.cypher", () => Cypher(File.ReadAllText(Path.Combine(dir, "import.cypher"))));
        foreach (var csv in Directory.EnumerateFiles(Path.Combine(dir, "neo4j"), "*.csv"))
            Check(problems, "neo4j/" + Path.GetFileName(csv), () => Csv(File.ReadAllText(csv)));
        return problems;
    }

    /// <summary>The parsed lines of graph.json.</summary>
    public static List<JsonElement> ReadJson(string dir)
    {
        var list = new List<JsonElement>();
        foreach (var line in File.ReadLines(Path.Combine(dir, "graph.json")))
        {
            using var doc = JsonDocument.Parse(line);
            list.Add(doc.RootElement.Clone());
        }
        return list;
    }

    /// <summary>Names of the nodes with <paramref name="label"/> in graph.json.</summary>
    public static List<string> Names(string dir, string label) =>
        [.. ReadJson(dir).Where(e => e.GetProperty("type").GetString() == "node" && e.GetProperty("labels").EnumerateArray().Any(l => l.GetString() == label))
            .Select(e => e.GetProperty("properties").TryGetProperty("name", out var n) ? n.GetString() ?? "" : "")];

    /// <summary>Every file under <paramref name="dir"/> with its bytes, to compare a folder before and after.</summary>
    public static SortedDictionary<string, string> Snapshot(string dir) =>
        new(Directory.EnumerateFiles(dir, "*", SearchOption.AllDirectories)
            .ToDictionary(f => Path.GetRelativePath(dir, f), f => Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(f)))),
            StringComparer.Ordinal);

    private static void Check(List<string> problems, string name, Action check)
    {
        try
        {
            check();
        }
        catch (Exception e) when (e is JsonException or XmlException or XmlSchemaException or FormatException or InvalidDataException)
        {
            problems.Add($"{name}: {e.Message}");
        }
    }

    private static void JsonLines(string file)
    {
        var n = 0;
        foreach (var line in File.ReadLines(file))
        {
            n++;
            using var doc = JsonDocument.Parse(line);
            var type = doc.RootElement.GetProperty("type").GetString();
            if (type is not ("node" or "relationship"))
                throw new InvalidDataException($"line {n}: type '{type}'");
        }
    }

    private static void Xml(string file, string schema)
    {
        var settings = new XmlReaderSettings { CheckCharacters = true, DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null };
        var errors = new List<string>();
        if (HasSchemas)
        {
            var set = new XmlSchemaSet { XmlResolver = new LocalResolver() };
            using (var sr = XmlReader.Create(Path.Combine(SchemaRoot, schema), new XmlReaderSettings { XmlResolver = new LocalResolver(), DtdProcessing = DtdProcessing.Prohibit }))
                set.Add(null, sr);
            set.Compile();
            settings.ValidationType = ValidationType.Schema;
            settings.Schemas = set;
            settings.ValidationFlags = XmlSchemaValidationFlags.ReportValidationWarnings | XmlSchemaValidationFlags.ProcessIdentityConstraints;
            settings.ValidationEventHandler += (_, e) => errors.Add($"{e.Severity} line {e.Exception?.LineNumber}: {e.Message}");
        }
        using (var reader = XmlReader.Create(file, settings))
        {
            while (reader.Read())
            {
            }
        }
        if (errors.Count > 0)
            throw new InvalidDataException(string.Join("; ", errors.Take(5)));
    }

    /// <summary>RFC 4180: quoted fields may hold anything; every record has the header's field count.</summary>
    private static void Csv(string text)
    {
        int? expected = null;
        var fields = 1;
        var record = 1;
        var inQuotes = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (inQuotes)
            {
                if (c == '"')
                {
                    if (i + 1 < text.Length && text[i + 1] == '"')
                        i++;
                    else
                        inQuotes = false;
                }
                continue;
            }
            switch (c)
            {
                case '"':
                    inQuotes = true;
                    break;
                case ',':
                    fields++;
                    break;
                case '\n':
                    expected ??= fields;
                    if (fields != expected)
                        throw new InvalidDataException($"record {record}: {fields} fields, header has {expected}");
                    fields = 1;
                    record++;
                    break;
            }
        }
        if (inQuotes)
            throw new InvalidDataException("unterminated quoted field");
    }

    /// <summary>
    /// Lexes import.cypher: string literals (with backslash escapes), back-quoted names and // comments are set aside;
    /// what is left of each statement must be one of the writer's statement shapes, so no text from an article can
    /// have escaped its literal.
    /// </summary>
    private static void Cypher(string text)
    {
        var code = new StringBuilder();
        var statements = new List<string>();
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c is '"' or '\'')
            {
                var quote = c;
                for (i++; i < text.Length && text[i] != quote; i++)
                {
                    if (text[i] == '\\')
                        i++;
                    else if (text[i] == '\n')
                        throw new InvalidDataException("newline inside a string literal");
                }
                if (i >= text.Length)
                    throw new InvalidDataException("unterminated string literal");
                code.Append('S');
            }
            else if (c == '`')
            {
                for (i++; i < text.Length && text[i] != '`'; i++)
                {
                }
                code.Append('N');
            }
            else if (c == '/' && i + 1 < text.Length && text[i + 1] == '/' && code.ToString().Trim().Length == 0)
            {
                while (i < text.Length && text[i] != '\n')
                    i++;
            }
            else if (c == ';')
            {
                statements.Add(code.ToString().Trim());
                code.Clear();
            }
            else
            {
                code.Append(c);
            }
        }
        if (code.ToString().Trim().Length > 0)
            throw new InvalidDataException($"text after the last statement: {code.ToString().Trim()[..Math.Min(80, code.ToString().Trim().Length)]}");
        foreach (var s in statements)
        {
            if (!StatementShape().IsMatch(s))
                throw new InvalidDataException($"unexpected statement shape: {s[..Math.Min(200, s.Length)]}");
        }
    }

    // Statement skeletons once literals are S and names are N: constraints, node MERGE, relationship MATCH/MATCH/MERGE;
    // property maps hold only names and literal values.
    private const string Value = @"(?:S|-?[0-9][0-9.Ee+-]*|true|false|date\(S\)|\[(?:S(?:, S)*)?\])";
    private const string Map = @"\{(?:N: " + Value + "(?:, N: " + Value + @")*)?\}";
    private const string Shapes =
        @"^(?:CREATE CONSTRAINT \w+ IF NOT EXISTS FOR \(n:\w+\) REQUIRE n\.id IS UNIQUE" +
        @"|MERGE \(n:\w+ \{id: S\}\) SET n \+= " + Map +
        @"|MATCH \(a:\w+ \{id: S\}\) MATCH \(b:\w+ \{id: S\}\) MERGE \(a\)-\[r:\w+ \{key: S\}\]->\(b\) SET r \+= " + Map + ")$";

    [GeneratedRegex(Shapes, RegexOptions.CultureInvariant)]
    private static partial Regex StatementShape();

    private sealed class LocalResolver : XmlUrlResolver
    {
        public override Uri ResolveUri(Uri? baseUri, string? relativeUri)
        {
            const string GraphMl = "http://graphml.graphdrawing.org/xmlns/1.0/";
            if (relativeUri is not null && relativeUri.StartsWith(GraphMl, StringComparison.Ordinal))
                return new Uri(Path.Combine(SchemaRoot, "graphml", relativeUri[GraphMl.Length..]));
            var resolved = base.ResolveUri(baseUri, relativeUri);
            if (!resolved.IsFile)
                throw new InvalidOperationException($"Schema validation must not use the network: {resolved}");
            return resolved;
        }
    }
}
