using KnowledgeGraph.Core.Graph;
using KnowledgeGraph.Core.Tests.Support;
using KnowledgeGraph.Core.Text;

namespace KnowledgeGraph.Core.Tests.Specs;

/// <summary>
/// Runs every snippet of <c>Specs/entities.md</c> through the real pipeline and data folder and checks the entity nodes:
/// <c>expect: entity Type | name</c> (a node of that label with that name), <c>expect: alias Type | name | alias</c> (that
/// node also answers to the alias), <c>expect-not: entity Type | text</c> (no node of that label is named so),
/// <c>expect-not: alias Type | name | alias</c> (that node does not answer to the alias).
/// </summary>
public class EntitySpecTests
{
    private const string File = "entities.md";

    public static TheoryData<string> Cases()
    {
        var data = new TheoryData<string>();
        foreach (var c in SpecFile.Read(File))
            data.Add(c.Title);
        return data;
    }

    [Fact]
    public void Specs_EntityFile_CoversEveryShapeWithPrecisionCases()
    {
        // Arrange / Act
        var cases = SpecFile.Read(File);

        // Assert
        Assert.True(cases.Count >= 20, $"{File} has {cases.Count} cases");
        Assert.All(cases, c => Assert.NotEmpty(c.Expectations));
        Assert.All(cases, c => Assert.All(c.Expectations, e => Assert.Contains(e.Relation, new[] { "entity", "alias" })));
        Assert.True(cases.Count(c => c.Expectations.Any(e => !e.Present)) >= 6, "precision cases (expect-not) are missing");
    }

    [SkippableTheory]
    [MemberData(nameof(Cases))]
    public void Snippet_ThroughPipeline_ExpectedEntities(string title)
    {
        // Arrange
        var spec = SpecFile.Read(File).Single(c => c.Title == title);
        Skip.If(spec.KnownGap is not null, $"known gap: {spec.KnownGap}");

        // Act
        var graph = Repo.Pipeline.Assemble([Repo.Analyze(spec.Text, spec.Published)]);

        // Assert
        var failures = spec.Expectations.Where(e => Holds(graph, e) != e.Present)
            .Select(e => $"{File}:{e.Line}: {(e.Present ? "missing" : "unexpected")} {e.Relation} {string.Join(" | ", e.Fields)}")
            .ToList();
        Assert.True(failures.Count == 0, string.Join('\n', failures) + "\ngraph has:\n" + Describe(graph));
    }

    private static bool Holds(PropertyGraph graph, SpecExpectation e)
    {
        var nodes = graph.Nodes.Where(n => n.Labels.Contains(e.Fields[0])).ToList();
        return e.Relation switch
        {
            "entity" => nodes.Any(n => Same(n.Name, e.Fields[1])),
            "alias" => nodes.Any(n => Same(n.Name, e.Fields[1]) && Aliases(n).Any(a => Same(a, e.Fields[2]))),
            _ => throw new InvalidOperationException($"unknown expectation '{e.Relation}' at line {e.Line}"),
        };
    }

    private static bool Same(string a, string b) => TextFolding.Fold(a) == TextFolding.Fold(b);

    private static System.Collections.Immutable.ImmutableArray<string> Aliases(GraphNode n) =>
        n.Properties.TryGetValue("aliases", out var v) && v.Kind == PropertyKind.StringList ? v.AsList() : [];

    private static string Describe(PropertyGraph graph) => string.Join('\n', graph.Nodes
        .Where(n => n.Labels.Any(l => l is "Person" or "Organization" or "Country" or "Location" or "Event"))
        .Select(n => $"  {n.Label} {n.Name} [{string.Join("; ", Aliases(n))}]"));
}
