using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using CsvHelper;
using KnowledgeGraph.Core.Errors;
using KnowledgeGraph.Writers.Csv;
using Spectre.Console;

namespace KnowledgeGraph.Cli.Commands;

/// <summary>Writes query results as a table on a terminal, or clean CSV / JSON when piped.</summary>
internal static class OutputFormat
{
    /// <summary>table when stdout is a terminal, csv when it is piped, unless --format says.</summary>
    public static string Resolve(string? format)
    {
        if (string.IsNullOrEmpty(format))
            return System.Console.IsOutputRedirected ? "csv" : "table";
        return format is "table" or "csv" or "json" ? format : throw KnowledgeGraphException.Usage($"--format '{format}' is not a query format (expected table, csv or json)");
    }

    public static void Write(string format, IReadOnlyList<string> columns, IReadOnlyList<string?[]> rows, TextWriter stdout)
    {
        switch (format)
        {
            case "json":
                var objects = rows.Select(r => columns.Select((c, i) => (c, r[i])).ToDictionary(x => x.c, x => x.Item2)).ToList();
                stdout.WriteLine(JsonSerializer.Serialize(objects, QueryJson.Indented.ListDictionaryStringString));
                break;
            case "csv":
                // Spreadsheet-safe: cells starting with = + - @ are escaped (CsvOptions.ForPeople).
                using (var csv = CsvWriter.Create(stdout, CsvOptions.ForPeople, leaveOpen: true))
                {
                    foreach (var c in columns)
                        csv.WriteField(c, CsvQuoting.WhenNeeded);
                    csv.EndRecord();
                    foreach (var r in rows)
                    {
                        foreach (var cell in r)
                            csv.WriteField(cell ?? "", CsvQuoting.WhenNeeded);
                        csv.EndRecord();
                    }
                }
                break;
            default:
                var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(stdout) });
                if (!System.Console.IsOutputRedirected && System.Console.WindowWidth > 40)
                    console.Profile.Width = System.Console.WindowWidth;
                var table = new Table().Border(TableBorder.Rounded);
                foreach (var c in columns)
                    table.AddColumn(new TableColumn(Markup.Escape(c)));
                // One line per row on a terminal: cells are cut to 40 characters and the last column (evidence, ids)
                // to the width that is left, with an ellipsis; csv and json keep everything whole.
                static string Cut(string? text, int max) => text is null ? "" : text.Length <= max ? text : text[..Math.Max(1, max - 1)] + "…";
                var widths = columns.Select((c, i) => Math.Max(c.Length, rows.Count == 0 ? 0 : rows.Max(r => Math.Min((r[i] ?? "").Length, 40)))).ToArray();
                var last = Math.Max(20, console.Profile.Width - widths.Take(widths.Length - 1).Sum() - 3 * columns.Count - 1);
                foreach (var r in rows)
                    table.AddRow(r.Select((cell, i) => (Spectre.Console.Rendering.IRenderable)new Text(Cut(cell, i == r.Length - 1 ? last : 40))).ToArray());
                console.Write(table);
                console.WriteLine($"{rows.Count} row(s)");
                break;
        }
    }
}

/// <summary>
/// The JSON of the query commands, generated at compile time: the native (AOT) build of kg has no reflection-based
/// serialisation, and writes through this the same bytes as the reflection-based serialiser it replaces.
/// </summary>
[JsonSerializable(typeof(List<Dictionary<string, string?>>))]
[JsonSerializable(typeof(List<PathCommand.HopJson>))]
internal sealed partial class QueryJson : JsonSerializerContext
{
    /// <summary>Indented, camel-cased, with non-ASCII text and HTML characters unescaped (output for people and scripts).</summary>
    public static QueryJson Indented { get; } = new(new JsonSerializerOptions
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
    });
}
