using System.Collections.Immutable;
using System.CommandLine;
using System.Globalization;
using System.Text;
using KnowledgeGraph.Analysis;
using KnowledgeGraph.Cli.Console;
using KnowledgeGraph.Core.Errors;
using KnowledgeGraph.Core.Graph;
using KnowledgeGraph.Store;
using KnowledgeGraph.Writers.GraphML;

namespace KnowledgeGraph.Cli.Commands;

/// <summary><c>kg network</c>: the people within a few meetings of a person, and how they are linked.</summary>
internal static class NetworkCommand
{
    /// <summary>One row per link: the person nearer the centre first, then whom they met and how far that one is from the centre.</summary>
    internal static readonly string[] Columns = ["person", "met", "distance", "meetings", "dates", "places"];

    public static Command Create(Func<Reporter> reporterFactory)
    {
        var graph = new Argument<string>("graph") { Description = "A graph folder (with graph.json) or a graph.json file" };
        var person = new Option<string>("--person") { Description = "The person at the centre (name, alias or surname)", Required = true };
        var depth = new Option<int>("--depth") { Description = "How many meetings away to go (1 = the people they met)", DefaultValueFactory = _ => 2 };
        var format = new Option<string?>("--format") { Description = "table, csv, json or graphml (default: table on a terminal, csv when piped)" };
        var command = new Command("network", "The people within --depth meetings of a person, one row per link among them (who met whom, how often, when and where); graphml writes the same network for Gephi.\n\nExamples:\n  kg network graph-exports --person Stoltenberg\n  kg network graph-exports --person \"Lloyd Austin\" --depth 3 --format graphml")
        {
            graph, person, depth, format,
        };
        command.SetAction(async (parse, ct) =>
        {
            var requested = parse.GetValue(format);
            var fmt = requested == "graphml" ? requested : OutputFormat.Resolve(requested);
            var d = parse.GetValue(depth);
            if (d < 1)
                throw KnowledgeGraphException.Usage($"--depth {d} is too small (1 = the people they met, 2 = also the people those met...)");
            var path = parse.GetValue(graph)!;
            var g = await QueryCommands.ReadGraphAsync(path, ct, store => store.ReadSubgraph([GraphSchema.Person], [GraphSchema.MetWith, GraphSchema.Visited], cancellationToken: ct, evidence: false)).ConfigureAwait(false);
            var centre = PersonNames.ResolvePerson(g, parse.GetValue(person)!, CommonOptions.GraphFile(path));
            var network = MeetingNetwork.Build(g);
            var (people, links) = network.Neighbourhood(centre.Id, d);
            if (links.Count == 0)
                reporterFactory().Info($"{centre.Name} met nobody in person in this graph");
            if (fmt == "graphml")
            {
                using var buffer = new MemoryStream();
                // The network was read without evidence; GraphML carries every property, so its links are read whole.
                var full = g;
                if (CommonOptions.GraphStore(path) is { } db)
                {
                    using var store = GraphStore.Open(db, readOnly: true);
                    var ids = links.SelectMany(l => l.Encounters).SelectMany(e => e.RelationshipIds).Distinct(StringComparer.Ordinal);
                    var whole = store.ReadRelationships(ids, ct).ToDictionary(r => r.Id, StringComparer.Ordinal);
                    full = new PropertyGraph(g.Nodes, g.Relationships.Select(r => whole.GetValueOrDefault(r.Id, r)));
                }
                await GraphMlWriter.WriteAsync(Subgraph(full, people, links), buffer, ct).ConfigureAwait(false);
                await System.Console.Out.WriteAsync(Encoding.UTF8.GetString(buffer.ToArray()).TrimStart('\uFEFF')).ConfigureAwait(false);
                await System.Console.Out.FlushAsync(ct).ConfigureAwait(false);
            }
            else
            {
                OutputFormat.Write(fmt, Columns, Rows(people, links), System.Console.Out);
            }
            return ExitCodes.Success;
        });
        return command;
    }

    internal static List<string?[]> Rows(IReadOnlyList<(GraphNode Person, int Distance)> people, IReadOnlyList<PersonLink> links)
    {
        var distance = people.ToDictionary(p => p.Person.Id, p => p.Distance, StringComparer.Ordinal);
        return [.. links.Select(l =>
        {
            var (near, far) = distance[l.Second.Id] < distance[l.First.Id] ? (l.Second, l.First) : (l.First, l.Second);
            return new string?[]
            {
                near.Name, far.Name, distance[far.Id].ToString(CultureInfo.InvariantCulture),
                l.Encounters.Length.ToString(CultureInfo.InvariantCulture),
                string.Join("; ", l.Encounters.Select(e => PathCommand.Date(e.Date) ?? "?")),
                string.Join("; ", l.Encounters.Select(PathCommand.Place)),
            };
        })];
    }

    /// <summary>The people (with a <c>distance</c> from the centre) and their meetings, as a graph for the writers.</summary>
    internal static PropertyGraph Subgraph(PropertyGraph graph, IReadOnlyList<(GraphNode Person, int Distance)> people, IReadOnlyList<PersonLink> links)
    {
        var nodes = people.Select(p => p.Person with { Properties = p.Person.Properties.SetItem("distance", PropertyValue.Of((long)p.Distance)) });
        var ids = links.SelectMany(l => l.Encounters).SelectMany(e => e.RelationshipIds).ToImmutableHashSet(StringComparer.Ordinal);
        return new PropertyGraph(nodes, graph.Relationships.Where(r => ids.Contains(r.Id)));
    }
}
