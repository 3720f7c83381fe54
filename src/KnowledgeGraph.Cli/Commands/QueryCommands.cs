using System.CommandLine;
using System.Globalization;
using KnowledgeGraph.Core.Errors;
using KnowledgeGraph.Core.Graph;
using KnowledgeGraph.Store;
using KnowledgeGraph.Writers.Json;

namespace KnowledgeGraph.Cli.Commands;

/// <summary><c>kg meetings</c> and <c>kg entities</c>: questions asked of a built graph.</summary>
internal static class QueryCommands
{
    public static Command Meetings()
    {
        var graph = new Argument<string>("graph") { Description = "A graph folder (with graph.json) or a graph.json file" };
        var person = new Option<string?>("--person") { Description = "Only meetings of this person (name or alias, any case, accents optional)" };
        var place = new Option<string?>("--place") { Description = "Only meetings at this place" };
        var from = new Option<string?>("--from") { Description = "Only meetings on or after YYYY-MM-DD" };
        var to = new Option<string?>("--to") { Description = "Only meetings on or before YYYY-MM-DD" };
        var format = new Option<string?>("--format") { Description = "table, csv or json (default: table on a terminal, csv when piped)" };
        var command = new Command("meetings", "Who met whom, where and when, with the source articles and sentences.\n\nExamples:\n  kg meetings graph-exports\n  kg meetings graph-exports --person Stoltenberg --from 2023-01-01 --format json")
        {
            graph, person, place, from, to, format,
        };
        command.SetAction(async (parse, ct) =>
        {
            var fmt = OutputFormat.Resolve(parse.GetValue(format));
            var fromDate = ParseDate(parse.GetValue(from), "--from");
            var toDate = ParseDate(parse.GetValue(to), "--to");
            var who = parse.GetValue(person);
            // From the store: only the meetings of the people the name fits (through the indexes), with who attended.
            var g = await ReadGraphAsync(parse.GetValue(graph)!, ct, store => store.ReadSubgraph([], [GraphSchema.MetWith],
                who is null ? null : PeopleNamed(store, who), attendance: true, namesOnly: true, cancellationToken: ct)).ConfigureAwait(false);
            var rows = MeetingRows(g, who, parse.GetValue(place), fromDate, toDate);
            // Everyone at the table: machine-readable output lists the meeting's participants; the table stays narrow.
            if (fmt == "table")
                OutputFormat.Write(fmt, ["date", "person", "met", "place", "documents", "evidence"], [.. rows.Select(r => r[..^1])], System.Console.Out);
            else
                OutputFormat.Write(fmt, ["date", "person", "met", "place", "documents", "evidence", "participants"], rows, System.Console.Out);
            return 0;
        });
        return command;
    }

    public static Command Entities()
    {
        var graph = new Argument<string>("graph") { Description = "A graph folder (with graph.json) or a graph.json file" };
        var type = new Option<string?>("--type") { Description = "Only this type: Person, Organization, Country, Location, Event" };
        var name = new Option<string?>("--name") { Description = "Only entities whose name or alias contains this text" };
        var format = new Option<string?>("--format") { Description = "table, csv or json (default: table on a terminal, csv when piped)" };
        var command = new Command("entities", "Entities of a graph with their mention counts, most mentioned first.\n\nExamples:\n  kg entities graph-exports --type Person")
        {
            graph, type, name, format,
        };
        command.SetAction(async (parse, ct) =>
        {
            var fmt = OutputFormat.Resolve(parse.GetValue(format));
            var t = parse.GetValue(type);
            if (t is not null && !GraphSchema.EntityLabels.Contains(t))
                throw KnowledgeGraphException.Usage($"--type '{t}' is not an entity type (expected {string.Join(", ", GraphSchema.EntityLabels)})");
            var g = await ReadGraphAsync(parse.GetValue(graph)!, ct, store => store.ReadSubgraph(t is null ? GraphSchema.EntityLabels : [t], [], cancellationToken: ct)).ConfigureAwait(false);
            var rows = EntityRows(g, t, parse.GetValue(name));
            OutputFormat.Write(fmt, ["type", "name", "mentions", "documents", "aliases", "id"], rows, System.Console.Out);
            return 0;
        });
        return command;
    }

    /// <summary>
    /// The graph a question needs: from graph.db when the folder has one (<paramref name="fromStore"/> reads just the
    /// part it needs, or the whole graph when null), else the whole of graph.json (a folder built by an older kg).
    /// </summary>
    internal static async Task<PropertyGraph> ReadGraphAsync(string path, CancellationToken ct, Func<GraphStore, PropertyGraph>? fromStore = null)
    {
        if (CommonOptions.GraphStore(path) is { } db)
        {
            using var store = GraphStore.Open(db, readOnly: true);
            return fromStore is null ? store.ReadGraph(ct) : fromStore(store);
        }
        var file = CommonOptions.GraphJson(path);
        if (!File.Exists(file))
            throw KnowledgeGraphException.Usage($"'{file}' not found (run kg build first, or give the folder that holds graph.json)");
        return await JsonGraphReader.ReadAsync(file, ct).ConfigureAwait(false);
    }

    /// <summary>Ids of the people whose name or an alias <paramref name="query"/> fits (as <c>PersonNames.Matches</c>).</summary>
    internal static List<string> PeopleNamed(GraphStore store, string query) =>
        [.. store.NamesOf(GraphSchema.Person, PersonNames.Fragments(query)).Where(p => PersonNames.Matches(p.Names, query)).Select(p => p.Id)];

    internal static List<string?[]> MeetingRows(PropertyGraph g, string? person, string? place, DateOnly? from, DateOnly? to)
    {
        var rows = new List<(DateOnly? Date, string?[] Row)>();
        var attendees = g.Relationships.OfType(GraphSchema.Attended)
            .ToLookup(r => r.EndId, r => g.TryGetNode(r.StartId, out var n) ? n.Name : r.StartId, StringComparer.Ordinal);
        foreach (var r in g.Relationships.OfType(GraphSchema.MetWith))
        {
            g.TryGetNode(r.StartId, out var a);
            g.TryGetNode(r.EndId, out var b);
            DateOnly? date = r.Properties.TryGetValue("date", out var dv) && dv.Kind == PropertyKind.Date ? dv.AsDate() : null;
            var placeName = Str(r, "place");
            if (from is { } f && (date is null || date < f) || to is { } t && (date is null || date > t))
                continue;
            if (place is not null && (placeName is null || !Contains(placeName, place)))
                continue;
            if (person is not null && !Matches(a, person) && !Matches(b, person))
                continue;
            // The person asked about comes first.
            if (person is not null && !Matches(a, person))
                (a, b) = (b, a);
            var participants = Str(r, "meeting") is { } meeting && attendees.Contains(meeting)
                ? string.Join("; ", attendees[meeting].Order(StringComparer.Ordinal))
                : string.Join("; ", new[] { a.Name, b.Name }.Order(StringComparer.Ordinal));
            rows.Add((date, [date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), a.Name, b.Name, placeName, List(r, "documents"), First(r, "evidence"), participants]));
        }
        return rows.OrderBy(x => x.Date ?? DateOnly.MaxValue).ThenBy(x => x.Row[1], StringComparer.Ordinal).ThenBy(x => x.Row[2], StringComparer.Ordinal).Select(x => x.Row).ToList();
    }

    internal static List<string?[]> EntityRows(PropertyGraph g, string? type, string? name) =>
        g.Nodes.Where(n => GraphSchema.EntityLabels.Contains(n.Label) && (type is null || n.Label == type) && (name is null || Matches(n, name)))
            .Select(n => (Node: n, Mentions: n.Properties.TryGetValue("mentions", out var m) && m.Kind == PropertyKind.Integer ? m.AsInteger() : 0))
            .OrderByDescending(x => x.Mentions).ThenBy(x => x.Node.Name, StringComparer.Ordinal)
            .Select(x => new string?[]
            {
                x.Node.Label, x.Node.Name, x.Mentions.ToString(CultureInfo.InvariantCulture),
                x.Node.Properties.TryGetValue("documents", out var d) ? d.AsList().Length.ToString(CultureInfo.InvariantCulture) : "0",
                x.Node.Properties.TryGetValue("aliases", out var al) ? string.Join("; ", al.AsList()) : "", x.Node.Id,
            })
            .ToList();

    private static bool Matches(GraphNode node, string query) => PersonNames.Matches(node, query);

    private static bool Contains(string text, string query) => PersonNames.Contains(text, query);

    private static string? Str(GraphRelationship r, string key) =>
        r.Properties.TryGetValue(key, out var v) && v.Kind == PropertyKind.String ? v.AsString() : null;

    private static string? List(GraphRelationship r, string key) =>
        r.Properties.TryGetValue(key, out var v) && v.Kind == PropertyKind.StringList ? string.Join("; ", v.AsList()) : null;

    private static string? First(GraphRelationship r, string key) =>
        r.Properties.TryGetValue(key, out var v) && v.Kind == PropertyKind.StringList && v.AsList().Length > 0 ? v.AsList()[0] : null;

    private static DateOnly? ParseDate(string? text, string option) =>
        text is null ? null :
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d :
        throw KnowledgeGraphException.Usage($"{option} '{text}' is not a date (expected YYYY-MM-DD)");
}
