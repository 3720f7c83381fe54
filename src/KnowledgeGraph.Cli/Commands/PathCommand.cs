using System.Collections.Immutable;
using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using KnowledgeGraph.Analysis;
using KnowledgeGraph.Cli.Console;
using KnowledgeGraph.Core.Errors;
using KnowledgeGraph.Core.Graph;

namespace KnowledgeGraph.Cli.Commands;

/// <summary><c>kg path</c>: the shortest chain of in-person meetings between two people.</summary>
internal static class PathCommand
{
    /// <summary>The columns of the table and CSV output: one row per hop.</summary>
    internal static readonly string[] Columns = ["hop", "from", "to", "date", "place", "documents"];

    public static Command Create(Func<Reporter> reporterFactory)
    {
        var graph = new Argument<string>("graph") { Description = "A graph folder (with graph.json) or a graph.json file" };
        var from = new Argument<string>("from") { Description = "The first person (name, alias or surname; any case, accents optional)" };
        var to = new Argument<string>("to") { Description = "The last person" };
        var viaVisits = new Option<bool>("--via-visits") { Description = "Also link two people who visited the same place on the same day" };
        var format = new Option<string?>("--format") { Description = "table, csv or json (default: table on a terminal, csv when piped)" };
        var command = new Command("path", "The shortest chain of in-person meetings from one person to another: one row per hop, with every meeting of the pair (date, place, source articles). Exits 1 when no chain exists.\n\nExamples:\n  kg path graph-exports \"Lloyd Austin\" \"Jonas Gahr Store\"\n  kg path graph-exports Austin Zelensky --via-visits --format json")
        {
            graph, from, to, viaVisits, format,
        };
        command.SetAction(async (parse, ct) =>
        {
            var fmt = OutputFormat.Resolve(parse.GetValue(format));
            var path = parse.GetValue(graph)!;
            // The meeting network: people, their meetings and visits (for --via-visits), not the whole graph.
            var g = await QueryCommands.ReadGraphAsync(path, ct, store => store.ReadSubgraph([GraphSchema.Person], [GraphSchema.MetWith, GraphSchema.Visited], cancellationToken: ct, evidence: false)).ConfigureAwait(false);
            var file = CommonOptions.GraphFile(path);
            var a = PersonNames.ResolvePerson(g, parse.GetValue(from)!, file);
            var b = PersonNames.ResolvePerson(g, parse.GetValue(to)!, file);
            if (a.Id == b.Id)
                throw KnowledgeGraphException.Usage($"'{parse.GetValue(from)}' and '{parse.GetValue(to)}' are the same person ({a.Name}); give two people");
            var viaVisitsValue = parse.GetValue(viaVisits);
            var network = MeetingNetwork.Build(g, new MeetingNetworkOptions { IncludeCoVisits = viaVisitsValue });
            var hops = network.ShortestPath(a.Id, b.Id);
            if (hops is null)
            {
                reporterFactory().Error($"no chain of in-person meetings links {a.Name} and {b.Name} in {file}" +
                    (viaVisitsValue ? "" : " (--via-visits also counts visits to the same place on the same day)"));
                return ExitCodes.RuntimeFailure;
            }
            if (fmt == "json")
                WriteJson(hops, System.Console.Out);
            else
                OutputFormat.Write(fmt, Columns, Rows(hops), System.Console.Out);
            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>One row per hop; a pair that met several times shows every meeting, by date, in the same order in each cell.</summary>
    internal static List<string?[]> Rows(IReadOnlyList<Hop> hops) =>
        [.. hops.Select((h, i) => new string?[]
        {
            (i + 1).ToString(CultureInfo.InvariantCulture), h.From.Name, h.To.Name,
            string.Join("; ", h.Link.Encounters.Select(e => Date(e.Date) ?? "?")),
            string.Join("; ", h.Link.Encounters.Select(Place)),
            string.Join("; ", h.Link.Encounters.SelectMany(e => e.Documents).Distinct(StringComparer.Ordinal)),
        })];

    internal static string? Date(DateOnly? date) => date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    internal static string Place(Encounter e) => (e.Place ?? "?") + (e.Kind == "co-visit" ? " (both visited)" : "");

    internal static void WriteJson(IReadOnlyList<Hop> hops, TextWriter stdout)
    {
        var objects = hops.Select((h, i) => new HopJson(
            i + 1,
            new NodeJson(h.From.Id, h.From.Name),
            new NodeJson(h.To.Id, h.To.Name),
            [.. h.Link.Encounters.Select(e => new MeetingJson(e.Kind, Date(e.Date), e.Place, e.Documents, e.Evidence))])).ToList();
        stdout.WriteLine(JsonSerializer.Serialize(objects, QueryJson.Indented.ListHopJson));
    }

    /// <summary>One hop of <c>kg path --format json</c> (members camel-cased: <c>hop</c>, <c>from</c>, <c>to</c>, <c>meetings</c>).</summary>
    internal sealed record HopJson(int Hop, NodeJson From, NodeJson To, ImmutableArray<MeetingJson> Meetings);

    /// <summary>An end of a hop: <c>id</c>, <c>name</c>.</summary>
    internal sealed record NodeJson(string Id, string Name);

    /// <summary>A meeting or co-visit of a hop: <c>kind</c>, <c>date</c>, <c>place</c>, <c>documents</c>, <c>evidence</c>.</summary>
    internal sealed record MeetingJson(string Kind, string? Date, string? Place, ImmutableArray<string> Documents, ImmutableArray<string> Evidence);
}
