using System.Collections.Immutable;
using KnowledgeGraph.Core.Entities;
using KnowledgeGraph.Core.Pipeline;
using KnowledgeGraph.Core.Stages.Assembly;
using KnowledgeGraph.Core.Stages.Resolution;
using KnowledgeGraph.Core.Stages.Tagging;
using KnowledgeGraph.Core.Text;

namespace KnowledgeGraph.Core.Tests.EndToEnd;

public class EntitiesOfTests
{
    private static readonly string[] Surfaces = ["the Alliance", "Alliance", "NATO", "the North Atlantic Treaty Organization", "Støre", "Jonas Gahr Støre", "PM"];
    private static readonly string[] Ids = ["org:nato", "person:store", "city:oslo", "Person:x"];

    // The grouping query EntitiesOf replaced, as it was.
    private static ImmutableArray<EntityOccurrence> Query(List<TaggedSentence> tagged) =>
        tagged.SelectMany(t => t.Mentions)
            .Where(m => m.EntityId is not null && !m.IsDemonym)
            .GroupBy(m => m.EntityId!, StringComparer.Ordinal)
            .Select(g =>
            {
                var kind = g.First().Kind;
                var name = g.Where(m => m.Source != MentionSource.TitleOnly).Select(m => MentionResolver.WithoutArticle(m.PatternName ?? m.Surface))
                    .OrderByDescending(n => n.Length).FirstOrDefault() ?? g.Key;
                return new EntityOccurrence(g.Key, kind, name, g.Count(), g.Select(m => m.Surface).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToImmutableArray());
            })
            .OrderBy(e => e.Id, StringComparer.Ordinal)
            .ToImmutableArray();

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void EntitiesOf_RandomMentions_SameAsTheGroupingQuery(int seed)
    {
        // Arrange: sentences of random mentions: demonyms, unresolved ones, title-only ones, names of equal length.
        var random = new Random(seed);
        for (var round = 0; round < 200; round++)
        {
            var tagged = new List<TaggedSentence>();
            for (var s = random.Next(0, 4); s > 0; s--)
            {
                var mentions = new List<Mention>();
                for (var k = random.Next(0, 6); k > 0; k--)
                {
                    mentions.Add(new Mention
                    {
                        TokenStart = 0,
                        TokenEnd = 1,
                        Start = 0,
                        Surface = Surfaces[random.Next(Surfaces.Length)],
                        Kind = (EntityKind)random.Next(0, 3),
                        Source = random.Next(4) == 0 ? MentionSource.TitleOnly : MentionSource.Gazetteer,
                        EntityId = random.Next(6) == 0 ? null : Ids[random.Next(Ids.Length)],
                        IsDemonym = random.Next(8) == 0,
                        PatternName = random.Next(5) == 0 ? "the Prime Minister" : null,
                    });
                }
                tagged.Add(new TaggedSentence(new Sentence(tagged.Count, 0, "x", [], false), mentions, []));
            }

            // Act
            var fast = KnowledgeGraphPipeline.EntitiesOf(tagged);
            var query = Query(tagged);

            // Assert
            Assert.Equal(query.Length, fast.Length);
            for (var i = 0; i < query.Length; i++)
            {
                Assert.Equal((query[i].Id, query[i].Kind, query[i].Name, query[i].Count), (fast[i].Id, fast[i].Kind, fast[i].Name, fast[i].Count));
                Assert.Equal(query[i].Surfaces.ToArray(), fast[i].Surfaces.ToArray());
            }
        }
    }
}
