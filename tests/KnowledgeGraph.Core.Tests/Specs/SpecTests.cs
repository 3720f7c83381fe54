using KnowledgeGraph.Core.Graph;
using KnowledgeGraph.Core.Tests.Support;
using KnowledgeGraph.Core.Text;

namespace KnowledgeGraph.Core.Tests.Specs;

/// <summary>Runs every snippet of <c>Specs/*.md</c> through the real pipeline and data folder and checks its triples.</summary>
public class SpecTests
{
    public static TheoryData<string, string> Cases()
    {
        var data = new TheoryData<string, string>();
        foreach (var file in new[] { "met-with.md", "visited.md", "member-of.md", "meetings.md" })
        {
            foreach (var c in SpecFile.Read(file))
                data.Add(file, c.Title);
        }

        return data;
    }

    [Fact]
    public void Specs_EachFile_AtLeastTwelveCasesWithExpectations()
    {
        // Arrange / Act
        var files = new[] { "met-with.md", "visited.md", "member-of.md", "meetings.md" }.ToDictionary(f => f, SpecFile.Read);

        // Assert
        foreach (var (file, cases) in files)
        {
            Assert.True(cases.Count >= 12, $"{file} has {cases.Count} cases");
            Assert.All(cases, c => Assert.False(string.IsNullOrWhiteSpace(c.Text), $"{file}: '{c.Title}' has no text"));
            Assert.All(cases, c => Assert.NotEmpty(c.Expectations));
            Assert.Contains(cases, c => c.Expectations.Any(e => !e.Present));
        }
    }

    [SkippableTheory]
    [MemberData(nameof(Cases))]
    public void Snippet_ThroughPipeline_ExpectedTriples(string file, string title)
    {
        // Arrange
        var spec = SpecFile.Read(file).Single(c => c.Title == title);
        Skip.If(spec.KnownGap is not null, $"known gap: {spec.KnownGap}");

        // Act
        var graph = Repo.Pipeline.Assemble([Repo.Analyze(spec.Text, spec.Published)]);

        // Assert
        var failures = spec.Expectations.Where(e => Holds(graph, e) != e.Present)
            .Select(e => $"{file}:{e.Line}: {(e.Present ? "missing" : "unexpected")} {e.Relation} {string.Join(" | ", e.Fields)}")
            .ToList();
        Assert.True(failures.Count == 0, string.Join('\n', failures) + "\ngraph has:\n" + Describe(graph));
    }

    private static bool Holds(PropertyGraph graph, SpecExpectation e)
    {
        var type = e.Relation switch
        {
            "met-with" => GraphSchema.MetWith,
            "visited" => GraphSchema.Visited,
            "member-of" => GraphSchema.MemberOf,
            _ => throw new InvalidOperationException($"unknown relation '{e.Relation}' at line {e.Line}"),
        };
        var rels = graph.Relationships.Where(r => r.Type == type).ToList();
        if (e.Fields.Length == 0)
            return rels.Count > 0;
        return rels.Any(r => e.Relation switch
        {
            "met-with" => ((Is(graph, r.StartId, e.Fields[0]) && Is(graph, r.EndId, e.Fields[1])) ||
                           (Is(graph, r.StartId, e.Fields[1]) && Is(graph, r.EndId, e.Fields[0]))) &&
                          Field(e, 2, Prop(r, "place")) && Field(e, 3, Prop(r, "date")),
            "visited" => Is(graph, r.StartId, e.Fields[0]) && Is(graph, r.EndId, e.Fields[1]) && Field(e, 2, Prop(r, "date")),
            _ => Is(graph, r.StartId, e.Fields[0]) && Is(graph, r.EndId, e.Fields[1]) && Field(e, 2, Prop(r, "role")),
        });
    }

    private static bool Is(PropertyGraph graph, string id, string name) =>
        name == "*" || graph.Nodes.Single(n => n.Id == id).Name is var actual && TextFolding.Fold(actual) == TextFolding.Fold(name);

    private static bool Field(SpecExpectation e, int index, string? actual)
    {
        var expected = index < e.Fields.Length ? e.Fields[index] : "*";
        return expected == "*" || (expected == "-" ? actual is null : actual is not null && TextFolding.Fold(actual) == TextFolding.Fold(expected));
    }

    private static string? Prop(GraphRelationship r, string key) =>
        r.Properties.TryGetValue(key, out var v) ? v.ToString() : null;

    private static string Describe(PropertyGraph graph) => string.Join('\n', graph.Relationships
        .Where(r => r.Type is GraphSchema.MetWith or GraphSchema.Visited or GraphSchema.MemberOf)
        .Select(r => $"  {r.Type} {graph.Nodes.Single(n => n.Id == r.StartId).Name} -> {graph.Nodes.Single(n => n.Id == r.EndId).Name}" +
                     $" date={Prop(r, "date") ?? "-"} place={Prop(r, "place") ?? "-"} role={Prop(r, "role") ?? "-"}"));
}
