using System.CommandLine;
using System.Globalization;
using KnowledgeGraph.Analysis;
using KnowledgeGraph.Core.Errors;
using KnowledgeGraph.Core.Graph;

namespace KnowledgeGraph.Cli.Commands;

/// <summary><c>kg stats</c>: what a graph holds and who and what stands out in it.</summary>
internal static class StatsCommand
{
    /// <summary>One row per figure, grouped by section.</summary>
    internal static readonly string[] Columns = ["section", "name", "value"];

    public static Command Create()
    {
        var graph = new Argument<string>("graph") { Description = "A graph folder (with graph.json) or a graph.json file" };
        var top = new Option<int>("--top") { Description = "How many people, groups, places and dates to list in each ranking", DefaultValueFactory = _ => 10 };
        var format = new Option<string?>("--format") { Description = "table, csv or json (default: table on a terminal, csv when piped)" };
        var command = new Command("stats", "Counts per node label and relationship type; the most connected people (distinct people met) and the most between (normalised betweenness over in-person meetings); the largest groups of people linked by meetings; the busiest places and dates.\n\nExamples:\n  kg stats graph-exports\n  kg stats graph-exports --top 5 --format json")
        {
            graph, top, format,
        };
        command.SetAction(async (parse, ct) =>
        {
            var fmt = OutputFormat.Resolve(parse.GetValue(format));
            var n = parse.GetValue(top);
            if (n < 1)
                throw KnowledgeGraphException.Usage($"--top {n} is too small (give 1 or more)");
            // From the store: counts by SQL, and only the meeting network (people, meetings, visits) loaded.
            (Dictionary<string, long> Nodes, Dictionary<string, long> Relationships)? counts = null;
            var g = await QueryCommands.ReadGraphAsync(parse.GetValue(graph)!, ct, store =>
            {
                counts = store.Counts();
                return store.ReadSubgraph([GraphSchema.Person], [GraphSchema.MetWith, GraphSchema.Visited], cancellationToken: ct, evidence: false);
            }).ConfigureAwait(false);
            OutputFormat.Write(fmt, Columns, Rows(g, n, counts), System.Console.Out);
            return 0;
        });
        return command;
    }

    internal static List<string?[]> Rows(PropertyGraph g, int top, (Dictionary<string, long> Nodes, Dictionary<string, long> Relationships)? counts = null)
    {
        var rows = new List<string?[]>();
        void Add(string section, string name, string value) => rows.Add([section, name, value]);
        static string N(long x) => x.ToString(CultureInfo.InvariantCulture);

        foreach (var label in GraphSchema.NodeLabels)
            Add("nodes", label, N(counts is { } c ? c.Nodes.GetValueOrDefault(label) : g.Nodes.Count(x => x.Label == label)));
        foreach (var type in GraphSchema.RelationshipTypes)
            Add("relationships", type, N(counts is { } c ? c.Relationships.GetValueOrDefault(type) : g.Relationships.OfType(type).Count()));

        // Figures from the meetings themselves, not from properties a build may predate.
        var network = MeetingNetwork.Build(g);
        var metrics = NetworkMetrics.Compute(network);
        var people = network.People.Select((p, i) => (Person: p, Metrics: metrics[i])).ToList();
        foreach (var x in people.Where(x => x.Metrics.Degree > 0).OrderByDescending(x => x.Metrics.Degree).ThenBy(x => x.Person.Name, StringComparer.Ordinal).Take(top))
            Add("most connected", x.Person.Name, N(x.Metrics.Degree));
        foreach (var x in people.Where(x => x.Metrics.Betweenness > 0).OrderByDescending(x => x.Metrics.Betweenness).ThenBy(x => x.Person.Name, StringComparer.Ordinal).Take(top))
            Add("most between", x.Person.Name, x.Metrics.Betweenness.ToString("0.######", CultureInfo.InvariantCulture));
        foreach (var group in people.GroupBy(x => x.Metrics.Community).Where(c => c.Count() > 1).OrderBy(c => c.Key).Take(top))
            Add("group", "community " + N(group.Key), $"{group.Count()} people: {string.Join(", ", group.Select(x => x.Person.Name))}");

        // A meeting of three people is three MET_WITH relationships with one meeting id: count meetings, not pairs.
        var meetings = g.Relationships.OfType(GraphSchema.MetWith)
            .GroupBy(r => Text(r, "meeting") ?? r.Id, StringComparer.Ordinal).Select(m => m.First()).ToList();
        var visits = g.Relationships.OfType(GraphSchema.Visited).ToList();
        // Places by node where the relationship names one, so a meeting and a visit at one place count together.
        string? NameOf(string? id) => id is not null && g.TryGetNode(id, out var p) ? p.Name : null;
        Busiest("busiest place", meetings.Select(r => NameOf(Text(r, "placeId")) ?? Text(r, "place")), visits.Select(r => NameOf(r.EndId)));
        Busiest("busiest date", meetings.Select(Date), visits.Select(Date));
        return rows;

        void Busiest(string section, IEnumerable<string?> meetingKeys, IEnumerable<string?> visitKeys)
        {
            var counts = new Dictionary<string, (int Meetings, int Visits)>(StringComparer.Ordinal);
            foreach (var k in meetingKeys.OfType<string>())
                counts[k] = counts.TryGetValue(k, out var c) ? (c.Meetings + 1, c.Visits) : (1, 0);
            foreach (var k in visitKeys.OfType<string>())
                counts[k] = counts.TryGetValue(k, out var c) ? (c.Meetings, c.Visits + 1) : (0, 1);
            foreach (var (key, c) in counts.OrderByDescending(kv => kv.Value.Meetings + kv.Value.Visits).ThenByDescending(kv => kv.Value.Meetings).ThenBy(kv => kv.Key, StringComparer.Ordinal).Take(top))
                Add(section, key, $"{c.Meetings} meeting(s), {c.Visits} visit(s)");
        }
    }

    private static string? Text(GraphRelationship r, string key) =>
        r.Properties.TryGetValue(key, out var v) && v.Kind == PropertyKind.String ? v.AsString() : null;

    private static string? Date(GraphRelationship r) =>
        r.Properties.TryGetValue("date", out var v) && v.Kind == PropertyKind.Date ? PathCommand.Date(v.AsDate()) : null;
}
