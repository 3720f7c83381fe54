using KnowledgeGraph.Core.Entities;
using KnowledgeGraph.Core.Relations;
using KnowledgeGraph.Core.Stages.Relations;
using KnowledgeGraph.Core.Stages.Tagging;
using KnowledgeGraph.Core.Text;
using static KnowledgeGraph.Core.Tests.Support.TestRules;

namespace KnowledgeGraph.Core.Tests.Relations;

/// <summary>
/// The rule matcher on hand-built tagged sentences and rules written in the test: no data folder, no tagger, no
/// resolver. People are marked in the text as [Name]; each becomes a resolved person mention with id <c>p:name</c>.
/// </summary>
public sealed class PatternMatcherTests
{
    /// <summary>Sentences from lines of text in which people are written [Like This].</summary>
    private static List<TaggedSentence> Tag(params string[] lines)
    {
        var sentences = new List<TaggedSentence>();
        var offset = 0;
        foreach (var line in lines)
        {
            var plain = line.Replace("[", "", StringComparison.Ordinal).Replace("]", "", StringComparison.Ordinal);
            var tokens = Tokenizer.Tokenize(plain, offset);
            var mentions = new List<Mention>();
            var removed = 0;
            for (var open = line.IndexOf('[', StringComparison.Ordinal); open >= 0; open = line.IndexOf('[', open + 1))
            {
                var close = line.IndexOf(']', open);
                var start = offset + open - removed;
                var end = offset + close - removed - 1;
                removed += 2;
                var name = line[(open + 1)..close];
                var first = tokens.FindIndex(t => t.Start == start);
                var last = tokens.FindIndex(t => t.Start + t.Length == end);
                mentions.Add(new Mention
                {
                    TokenStart = first,
                    TokenEnd = last + 1,
                    Start = start,
                    Surface = name,
                    Kind = EntityKind.Person,
                    Source = MentionSource.Gazetteer,
                    EntityId = "p:" + name.ToLowerInvariant().Replace(' ', '-'),
                });
            }
            sentences.Add(new TaggedSentence(new Sentence(sentences.Count, offset, plain, tokens, false), mentions, []));
            offset += plain.Length + 1;
        }
        return sentences;
    }

    private static List<(string A, string B)> Pairs(RuleSet rules, params string[] lines) =>
        [.. new RelationExtractor(rules, Gazetteer.Empty, (_, _) => null).Extract("doc", Tag(lines), null).Facts
            .Where(f => f.Kind == RelationKind.MetWith)
            .Select(f => string.CompareOrdinal(f.SubjectId, f.ObjectId) < 0 ? (f.SubjectId, f.ObjectId) : (f.ObjectId, f.SubjectId))
            .Distinct()
            .Order()];

    [Fact]
    public void ListSlots_OnBothSides_EveryPairOfEveryone()
    {
        // Arrange
        var rules = Rules("define ListWord , | and", "met-with {Person+:a} met {Person+:b}");

        // Act
        var pairs = Pairs(rules, "[Ann Lee] and [Bo Kim] met [Cy Dun] and [Di Ek].");

        // Assert: four people at one table, six pairs.
        Assert.Equal(6, pairs.Count);
        Assert.Contains(("p:ann-lee", "p:bo-kim"), pairs);
        Assert.Contains(("p:cy-dun", "p:di-ek"), pairs);
    }

    [Fact]
    public void OptionalWordAndBoundedSkip_MatchWithinTheirLimits()
    {
        // Arrange: "also" may be absent; at most two words between "met" and "with".
        var rules = Rules("met-with {Person:a} also? met ...2 with {Person:b}");

        // Act / Assert
        Assert.Single(Pairs(rules, "[Ann Lee] met on Monday with [Bo Kim]."));
        Assert.Single(Pairs(rules, "[Ann Lee] also met with [Bo Kim]."));
        Assert.Empty(Pairs(rules, "[Ann Lee] met in the old town hall with [Bo Kim]."));
    }

    [Fact]
    public void Macro_ExpandsToItsWords()
    {
        // Arrange
        var rules = Rules("$HOST = hosted|received", "met-with {Person:a} $HOST {Person:b}");

        // Act / Assert
        Assert.Single(Pairs(rules, "[Ann Lee] received [Bo Kim]."));
        Assert.Empty(Pairs(rules, "[Ann Lee] phoned [Bo Kim]."));
    }

    [Fact]
    public void BlockRule_SilencesTheSentence()
    {
        // Arrange
        var rules = Rules("met-with {Person:a} met {Person:b}", "block met-with by phone");

        // Act / Assert
        Assert.Empty(Pairs(rules, "[Ann Lee] met [Bo Kim] by phone."));
    }

    [Fact]
    public void AttendRule_AddsPeopleOfALaterSentenceToTheMeeting()
    {
        // Arrange
        var rules = Rules("met-with {Person:a} met {Person:b}", "attend {Person+:a} also attended");

        // Act
        var pairs = Pairs(rules, "[Ann Lee] met [Bo Kim].", "[Cy Dun] also attended.");

        // Assert
        Assert.Equal([("p:ann-lee", "p:bo-kim"), ("p:ann-lee", "p:cy-dun"), ("p:bo-kim", "p:cy-dun")], pairs);
    }

    [Fact]
    public void SeparatelyList_OneMeetingWithEach()
    {
        // Arrange
        var rules = Rules("define Separately separately", "define ListWord , | and", "met-with {Person:a} met separately? with {Person+:b}");

        // Act
        var pairs = Pairs(rules, "[Ann Lee] met separately with [Bo Kim] and [Cy Dun].");

        // Assert: no Bo Kim–Cy Dun pair.
        Assert.Equal([("p:ann-lee", "p:bo-kim"), ("p:ann-lee", "p:cy-dun")], pairs);
    }

    [Fact]
    public void AllCue_EveryoneButTheAbsent()
    {
        // Arrange
        var rules = Rules("define Absent representing", "met-with joint press conference => all");

        // Act
        var pairs = Pairs(rules, "[Ann Lee], representing [Di Ek], gave a joint press conference with [Bo Kim].");

        // Assert
        Assert.Equal([("p:ann-lee", "p:bo-kim")], pairs);
    }

    [Fact]
    public void Priority_HigherFirstFileOrderAmongEquals()
    {
        // Arrange
        var rules = Rules("met-with {Person:a} met {Person:b}", "met-with {Person:a} greeted {Person:b} => priority=5 name=greeting");

        // Act
        var metWith = rules.Of(RuleKind.MetWith);

        // Assert
        Assert.Equal(["greeting", null], metWith.Select(r => r.Name));
    }
}
