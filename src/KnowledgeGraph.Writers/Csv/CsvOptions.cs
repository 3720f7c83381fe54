using CsvHelper;

namespace KnowledgeGraph.Writers.Csv;

/// <summary>
/// The two CSV dialects of the project. They differ in one decision: whether cells that start like a spreadsheet formula
/// (<c>= + - @</c>, tab, CR) are escaped with a leading apostrophe (CSV injection, CWE-1236).
/// </summary>
/// <remarks>
/// The <c>neo4j/</c> import files are machine input: <c>neo4j-admin</c> would store the apostrophe as part of the value
/// (a name <c>-Ali</c> would become <c>'-Ali</c>, a negative number would stop being a number), so they are NOT escaped.
/// CSV meant to be opened by people (the CLI's <c>kg meetings --format csv</c>) should use <see cref="ForPeople"/>.
/// </remarks>
public static class CsvOptions
{
    /// <summary>RFC 4180, comma, LF, UTF-8 without BOM, no formula escaping: for <c>neo4j-admin database import</c>.</summary>
    public static CsvWriterOptions ForNeo4jImport { get; } = CsvWriterOptions.Default with
    {
        Mode = CsvMode.Rfc4180,
        Separator = ',',
        NewLine = "\n",
        Injection = CsvInjection.None,
        WriteByteOrderMark = false,
    };

    /// <summary>As <see cref="ForNeo4jImport"/>, but text cells that start like a formula get a leading <c>'</c>: for spreadsheets.</summary>
    public static CsvWriterOptions ForPeople { get; } = ForNeo4jImport with { Injection = CsvInjection.Escape };
}
