using KnowledgeGraph.Core.Stages.Relations;
using KnowledgeGraph.Core.Text;

namespace KnowledgeGraph.Core.Tests.Relations;

public class SentenceWordsTests
{
    private static RuleSet Rules(params string[] lines)
    {
        var problems = new List<string>();
        var set = RuleSet.Parse(lines.Select((l, i) => ($"t:{i + 1}", l)), problems);
        Assert.Empty(problems);
        return set;
    }

    // The gazetteer's spelling map in small: British to American.
    private static string Spelling(string key) => key == "defence" ? "defense" : key;

    [Fact]
    public void HasAnchors_EachRequiredLiteralPresent_True()
    {
        // Arrange: "met" or "meets", then "with", are required; "also" is optional.
        var rules = Rules("met-with {Person:a} also? met|meets with {Person:b}");
        var words = rules.Vocabulary.Of(Tokenizer.Tokenize("Anna Berg meets with Carl Dahl."), Spelling);

        // Act / Assert
        Assert.True(words.HasAnchors(rules.Rules[0]));
    }

    [Fact]
    public void HasAnchors_OneRequiredLiteralAbsent_False()
    {
        // Arrange: the sentence has "met" but no "with".
        var rules = Rules("met-with {Person:a} also? met|meets with {Person:b}");
        var words = rules.Vocabulary.Of(Tokenizer.Tokenize("Anna Berg met Carl Dahl."), Spelling);

        // Act / Assert
        Assert.False(words.HasAnchors(rules.Rules[0]));
    }

    [Fact]
    public void HasAnchors_WordWrittenInAnotherSpelling_CountsAsTheRuleWord()
    {
        // Arrange: the rule says "defense"; the text writes "Defence".
        var rules = Rules("member-of {Person:m} defense minister of {Organization:o}");
        var words = rules.Vocabulary.Of(Tokenizer.Tokenize("She is the Defence Minister of the alliance."), Spelling);

        // Act / Assert
        Assert.True(words.HasAnchors(rules.Rules[0]));
        Assert.True(words.Contains("defense"));
        Assert.True(words.Contains("defence"));
    }

    [Fact]
    public void Contains_WordNoRuleAsksFor_LooksAtTheTokens()
    {
        // Arrange
        var rules = Rules("met-with {Person:a} met {Person:b}");
        var words = rules.Vocabulary.Of(Tokenizer.Tokenize("The talks ended in Oslo."), Spelling);

        // Act / Assert: "oslo" and "talks" are in no rule; "met" is, but not in the sentence.
        Assert.True(words.Contains("oslo"));
        Assert.True(words.Contains("talks"));
        Assert.False(words.Contains("paris"));
        Assert.False(words.Contains("met"));
    }

    [Fact]
    public void AnchorIds_RuleOfTheSet_PrecomputedSameAsARuleCopy()
    {
        // Arrange: a rule of the set (numbered when the set was built) and an equal copy the set never saw.
        var rules = Rules("met-with {Person:a} also? met|meets with {Person:b}", "visited {Person:a} visited {Location:p}");
        var copy = rules.Rules[0] with { };

        // Act
        var known = rules.Vocabulary.AnchorIds(rules.Rules[0]);
        var computed = rules.Vocabulary.AnchorIds(copy);

        // Assert: the same word numbers, and the precomputed arrays are handed out, not rebuilt.
        Assert.Equal(known, computed);
        Assert.Same(known, rules.Vocabulary.AnchorIds(rules.Rules[0]));
        Assert.Equal(2, known.Length);
    }

    [Fact]
    public void Contains_RuleWordAsAnotherStringInstance_SameAnswerAsTheRulesOwnInstance()
    {
        // Arrange: "with" as the rule set holds it, and an equal string built at run time.
        var rules = Rules("met-with {Person:a} met with {Person:b}");
        var words = rules.Vocabulary.Of(Tokenizer.Tokenize("Anna Berg met with Carl Dahl."), Spelling);
        var own = rules.Rules[0].Anchors.SelectMany(a => a).First(w => w == "with");
        var built = new string("with".AsSpan());

        // Act / Assert
        Assert.NotSame(own, built);
        Assert.True(words.Contains(own));
        Assert.True(words.Contains(built));
        Assert.False(rules.Vocabulary.Of(Tokenizer.Tokenize("Anna Berg met Carl Dahl."), Spelling).Contains(built));
    }
}
