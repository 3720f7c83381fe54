using System.Globalization;
using System.Text;
using CsvHelper;
using KnowledgeGraph.Core.Graph;
using KnowledgeGraph.Core.IO;
using KnowledgeGraph.Writers.Internal;

namespace KnowledgeGraph.Writers.Csv;

/// <summary>
/// Writes the <c>neo4j/</c> folder for <c>neo4j-admin database import full</c>: <c>nodes-&lt;Label&gt;.csv</c> per label
/// (<c>id:ID,:LABEL,name:string,...</c>), <c>rels-&lt;TYPE&gt;.csv</c> per type (<c>:START_ID,:END_ID,:TYPE,key:string,...</c>),
/// <c>import.sh</c> with the exact command, and <c>constraints.cypher</c> to run once the server is up.
/// </summary>
/// <remarks>
/// RFC 4180 quoting (doubled quotes, never backslashes); text, list, date and id cells are always quoted (the importer's
/// trimming rules are documented inconsistently), numbers and booleans never. Arrays use <c>;</c>; the importer has no
/// escape for it, so a <c>;</c> inside a list item is written as U+FF1B FULLWIDTH SEMICOLON. NUL characters are dropped
/// and lone surrogates become U+FFFD. Cells are NOT escaped against spreadsheet formulas (see <see cref="CsvOptions"/>).
/// Newlines in text are kept, so <c>import.sh</c> passes <c>--multiline-fields=true</c>.
/// </remarks>
public sealed class Neo4jCsvWriter : IGraphWriter
{
    /// <summary>The folder this writer creates.</summary>
    public const string FolderName = "neo4j";

    /// <summary>The array delimiter passed to <c>--array-delimiter</c>.</summary>
    public const char ArrayDelimiter = ';';

    /// <summary>What a <see cref="ArrayDelimiter"/> inside a list item is written as.</summary>
    public const char ArrayDelimiterReplacement = '\uFF1B';

    /// <inheritdoc/>
    public string Name => "neo4j-csv";

    /// <inheritdoc/>
    public string Description => "neo4j/: CSV files + import.sh for neo4j-admin database import full";

    /// <summary>The file name of a label's node file.</summary>
    public static string NodeFileName(string label) => $"nodes-{label}.csv";

    /// <summary>The file name of a type's relationship file.</summary>
    public static string RelationshipFileName(string type) => $"rels-{type}.csv";

    /// <inheritdoc/>
    public async Task WriteAsync(PropertyGraph graph, string outputDirectory, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(graph);
        ArgumentNullException.ThrowIfNull(outputDirectory);
        var dir = Path.Combine(outputDirectory, FolderName);
        Directory.CreateDirectory(dir);
        var labels = GraphStats.UsedLabels(graph);
        var types = GraphStats.UsedTypes(graph);
        foreach (var label in labels)
        {
            var nodes = graph.Nodes.Where(n => n.Label == label).ToList();
            var text = NodeCsv(nodes, label);
            await AtomicFile.WriteTextAsync(Path.Combine(dir, NodeFileName(label)), text, cancellationToken).ConfigureAwait(false);
        }
        foreach (var type in types)
        {
            var rels = graph.Relationships.OfType(type).ToList();
            var text = RelationshipCsv(rels, type);
            await AtomicFile.WriteTextAsync(Path.Combine(dir, RelationshipFileName(type)), text, cancellationToken).ConfigureAwait(false);
        }
        await AtomicFile.WriteTextAsync(Path.Combine(dir, "import.sh"), ImportScript(labels, types), cancellationToken).ConfigureAwait(false);
        TryMakeExecutable(Path.Combine(dir, "import.sh"));
        await AtomicFile.WriteTextAsync(Path.Combine(dir, "constraints.cypher"), Cypher.CypherWriter.Constraints(labels), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The header type of a column (<c>string</c>, <c>string[]</c>, <c>long</c>, <c>double</c>, <c>boolean</c>, <c>date</c>).</summary>
    internal static string HeaderType(PropertyColumn c) => c.Mixed ? "string" : c.Kind switch
    {
        PropertyKind.StringList => "string[]",
        PropertyKind.Integer => "long",
        PropertyKind.Float => "double",
        PropertyKind.Boolean => "boolean",
        PropertyKind.Date => "date",
        _ => "string",
    };

    /// <summary>The importer's header name for a property: the key, with characters the header syntax uses (<c>:</c>, <c>,</c>, quotes) replaced.</summary>
    internal static string HeaderName(string key, ISet<string> reserved)
    {
        var sb = new StringBuilder(key.Length);
        foreach (var c in key)
            sb.Append(c is ':' or ',' or '"' or '\n' or '\r' || char.IsControl(c) ? '_' : c);
        var name = sb.ToString();
        return reserved.Contains(name) ? "prop_" + name : name;
    }

    internal static string NodeCsv(IReadOnlyList<GraphNode> nodes, string label)
    {
        var columns = PropertyColumns.ForNodes(nodes);
        var reserved = new HashSet<string>(StringComparer.Ordinal) { "id" };
        using var sw = new StringWriter(CultureInfo.InvariantCulture) { NewLine = "\n" };
        using (var csv = CsvWriter.Create(sw, CsvOptions.ForNeo4jImport, leaveOpen: true))
        {
            csv.WriteField("id:ID", CsvQuoting.WhenNeeded);
            csv.WriteField(":LABEL", CsvQuoting.WhenNeeded);
            foreach (var c in columns)
                csv.WriteField($"{HeaderName(c.Key, reserved)}:{HeaderType(c)}", CsvQuoting.WhenNeeded);
            csv.EndRecord();
            foreach (var node in nodes)
            {
                csv.WriteField(Clean(node.Id), CsvQuoting.Always);
                csv.WriteField(label, CsvQuoting.WhenNeeded);
                WriteCells(csv, columns, node.Properties);
                csv.EndRecord();
            }
        }
        return sw.ToString();
    }

    internal static string RelationshipCsv(IReadOnlyList<GraphRelationship> rels, string type)
    {
        var columns = PropertyColumns.ForRelationships(rels);
        var reserved = new HashSet<string>(StringComparer.Ordinal) { "key" };
        using var sw = new StringWriter(CultureInfo.InvariantCulture) { NewLine = "\n" };
        using (var csv = CsvWriter.Create(sw, CsvOptions.ForNeo4jImport, leaveOpen: true))
        {
            csv.WriteField(":START_ID", CsvQuoting.WhenNeeded);
            csv.WriteField(":END_ID", CsvQuoting.WhenNeeded);
            csv.WriteField(":TYPE", CsvQuoting.WhenNeeded);
            csv.WriteField("key:string", CsvQuoting.WhenNeeded);
            foreach (var c in columns)
                csv.WriteField($"{HeaderName(c.Key, reserved)}:{HeaderType(c)}", CsvQuoting.WhenNeeded);
            csv.EndRecord();
            foreach (var rel in rels)
            {
                csv.WriteField(Clean(rel.StartId), CsvQuoting.Always);
                csv.WriteField(Clean(rel.EndId), CsvQuoting.Always);
                csv.WriteField(type, CsvQuoting.WhenNeeded);
                csv.WriteField(Clean(rel.Id), CsvQuoting.Always);
                WriteCells(csv, columns, rel.Properties);
                csv.EndRecord();
            }
        }
        return sw.ToString();
    }

    /// <summary>The <c>import.sh</c> script: the one command that loads the folder into a stopped Neo4j.</summary>
    internal static string ImportScript(IEnumerable<string> labels, IEnumerable<string> types)
    {
        var sb = new StringBuilder();
        sb.Append("#!/bin/sh\n");
        sb.Append("# Loads this folder into the database 'neo4j' with neo4j-admin (Neo4j 5). The server must be STOPPED; the\n");
        sb.Append("# existing database is REPLACED. Usage: sh import.sh [folder-with-these-csv-files]  (default: this script's folder)\n");
        sb.Append("# In Docker (files mounted at /import/neo4j):\n");
        sb.Append("#   docker compose run --rm neo4j sh /import/neo4j/import.sh /import/neo4j\n");
        sb.Append("# Afterwards start Neo4j and create the uniqueness constraints:\n");
        sb.Append("#   cypher-shell -u neo4j -p \"$NEO4J_PASSWORD\" -f constraints.cypher\n");
        sb.Append("set -eu\n");
        sb.Append("DIR=\"${1:-$(cd \"$(dirname \"$0\")\" && pwd)}\"\n");
        sb.Append("neo4j-admin database import full neo4j \\\n");
        sb.Append("  --overwrite-destination=true --id-type=string --array-delimiter=\";\" --multiline-fields=true");
        foreach (var label in labels)
            sb.Append(" \\\n  --nodes=\"$DIR/").Append(NodeFileName(label)).Append('"');
        foreach (var type in types)
            sb.Append(" \\\n  --relationships=\"$DIR/").Append(RelationshipFileName(type)).Append('"');
        sb.Append('\n');
        sb.Append("echo \"Imported. Start Neo4j, then run: cypher-shell -f $DIR/constraints.cypher\"\n");
        return sb.ToString();
    }

    private static void WriteCells(CsvWriter csv, IEnumerable<PropertyColumn> columns, PropertyDictionary properties)
    {
        foreach (var c in columns)
        {
            if (!properties.TryGetValue(c.Key, out var v) || !ExportText.IsWritable(v))
            {
                csv.WriteField(string.Empty, CsvQuoting.WhenNeeded);
                continue;
            }
            var (text, quote) = c.Mixed ? (Clean(v.ToInvariantString()), true) : v.Kind switch
            {
                PropertyKind.StringList => (string.Join(ArrayDelimiter, v.AsList().Select(i => Clean(i).Replace(ArrayDelimiter, ArrayDelimiterReplacement))), true),
                PropertyKind.Integer or PropertyKind.Boolean => (v.ToInvariantString(), false),
                PropertyKind.Float => (ExportText.FormatFloat(v.AsFloat()), false),
                PropertyKind.Date => (ExportText.FormatDate(v.AsDate()), true),
                _ => (Clean(v.AsString()), true),
            };
            csv.WriteField(text, quote ? CsvQuoting.Always : CsvQuoting.WhenNeeded);
        }
    }

    private static string Clean(string text) => ExportText.ReplaceLoneSurrogates(text).Replace("\0", string.Empty, StringComparison.Ordinal);

    private static void TryMakeExecutable(string path)
    {
        if (OperatingSystem.IsWindows())
            return;
        try
        {
            File.SetUnixFileMode(path, File.GetUnixFileMode(path) | UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute);
        }
        catch (IOException)
        {
            // Not fatal: the script is documented as `sh import.sh`.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
