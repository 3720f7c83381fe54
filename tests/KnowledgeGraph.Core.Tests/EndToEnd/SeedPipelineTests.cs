using KnowledgeGraph.Core.Graph;
using KnowledgeGraph.Core.Stages.Loading;
using KnowledgeGraph.Core.Tests.Support;

namespace KnowledgeGraph.Core.Tests.EndToEnd;

/// <summary>The five seed articles through loading, the real data folder and assembly; facts checked against seeds-gold.</summary>
public class SeedPipelineTests
{
    private static async Task<PropertyGraph> BuildSeedsAsync()
    {
        var source = new FileDocumentSource(new FileDocumentSourceOptions
        {
            Inputs = [Repo.Seeds],
            Boilerplate = BoilerplateRules.Load(Path.Combine(Repo.DataDirectory, "lexicon", "boilerplate.csv")),
        });
        var result = await Repo.Pipeline.RunAsync(source.ReadAsync(), parallelism: 2);
        return result.Graph;
    }

    private static GraphRelationship Rel(PropertyGraph g, string type, string start, string end, string doc) =>
        Assert.Single(g.Relationships, r => r.Type == type && r.StartId == start && r.EndId == end &&
            r.Properties["documents"].AsList().Any(d => d.StartsWith(doc, StringComparison.Ordinal)));

    private static string? Date(GraphRelationship r) => r.Properties.TryGetValue("date", out var d) ? d.ToString() : null;

    [Fact]
    public async Task RunAsync_Seeds_GoldFactsPresent()
    {
        // Arrange / Act
        var g = await BuildSeedsAsync();

        // Assert: 000 — Austin and Stoltenberg at the Pentagon on 8 Feb 2023; the NATO leader is the visitor.
        var pentagon = Rel(g, GraphSchema.MetWith, "person:jens-stoltenberg", "person:lloyd-austin", "000");
        Assert.Equal("2023-02-08", Date(pentagon));
        Assert.Equal("place:pentagon", pentagon.Properties["placeId"].ToString());
        // The trip is named by the city the article places the Pentagon in (Washington, D.C.), not by the venue.
        Assert.Equal("2023-02-08", Date(Rel(g, GraphSchema.Visited, "person:jens-stoltenberg", "city:4140963", "000")));
        Assert.Equal("Defense Minister", Rel(g, GraphSchema.MemberOf, "person:hulusi-akar", "country:tr", "000").Properties["role"].ToString());
        Rel(g, GraphSchema.MemberOf, "country:tr", "org:nato", "000");
        Rel(g, GraphSchema.MemberOf, "country:us", "org:nato", "000");
        Assert.DoesNotContain(g.Relationships, r => r.Type == GraphSchema.MemberOf && r.StartId is "country:se" or "country:fi");

        // 001 — the Contact Group meeting at NATO headquarters on 14 Feb 2023; Austin is the visitor (of Brussels).
        Assert.Equal("2023-02-14", Date(Rel(g, GraphSchema.MetWith, "person:jens-stoltenberg", "person:lloyd-austin", "001")));
        Assert.Equal("2023-02-14", Date(Rel(g, GraphSchema.Visited, "person:lloyd-austin", "city:2800866", "001")));

        // 002 — Stoltenberg in Kyiv on Thursday 28 September 2023.
        Assert.Equal("2023-09-28", Date(Rel(g, GraphSchema.Visited, "person:jens-stoltenberg", "city:703448", "002")));
        Assert.Equal("2023-09-28", Date(Rel(g, GraphSchema.MetWith, "person:jens-stoltenberg", "person:volodymyr-zelensky", "002")));

        // 003 — Oslo, 30 May 2023, with the Norwegian Prime Minister.
        Assert.Equal("2023-05-30", Date(Rel(g, GraphSchema.MetWith, "person:jens-stoltenberg", "person:jonas-gahr-store", "003")));
        Assert.Equal("Prime Minister", Rel(g, GraphSchema.MemberOf, "person:jonas-gahr-store", "country:no", "003").Properties["role"].ToString());

        // 004 — "Thursday, September 28" with no year and no article date: no date.
        var office = Rel(g, GraphSchema.MetWith, "person:jens-stoltenberg", "person:volodymyr-zelensky", "004");
        Assert.Null(Date(office));
        Assert.Equal("place:office-of-the-president", office.Properties["placeId"].ToString());

        // "Austin spoke with Turkish Defense Minister Hulusi Akar" is not a meeting.
        Assert.Equal(5, g.Relationships.Count(r => r.Type == GraphSchema.MetWith));
        Assert.DoesNotContain(g.Relationships, r => r.Type == GraphSchema.MetWith && (r.StartId == "person:hulusi-akar" || r.EndId == "person:hulusi-akar"));
    }

    [Fact]
    public async Task RunAsync_Seeds_OnlySchemaLabelsAndTypes()
    {
        // Arrange / Act
        var g = await BuildSeedsAsync();

        // Assert
        Assert.All(g.Nodes, n => Assert.All(n.Labels, l => Assert.Contains(l, GraphSchema.NodeLabels)));
        Assert.All(g.Relationships, r => Assert.Contains(r.Type, GraphSchema.RelationshipTypes));
        Assert.Equal(5, g.Nodes.Count(n => n.Label == GraphSchema.Article));
        Assert.All(g.Nodes.Where(n => n.Label is not (GraphSchema.Meeting or GraphSchema.Article)),
            n => Assert.NotEmpty(n.Properties["documents"].AsList()));
    }
}
