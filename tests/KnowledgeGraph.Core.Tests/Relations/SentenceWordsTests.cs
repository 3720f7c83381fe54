using KnowledgeGraph.Core.Stages.Relations;
using KnowledgeGraph.Core.Tests.Support;
using KnowledgeGraph.Core.Text;
using static KnowledgeGraph.Core.Tests.Support.TestRules;

namespace KnowledgeGraph.Core.Tests.Relations;

public class SentenceWordsTests
{
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
    public void HasAnchors_SpellingMapOverKeyNumbers_SameAsOverKeys()
    {
        // Arrange: a gazetteer's spelling map ("defence" → "defense"), given to the vocabulary as strings and as numbers.
        var gazetteer = new KnowledgeGraph.Core.Entities.Gazetteer([], [], [], [], [], [("defense", "defence")]);
        var rules = Rules("member-of {Person:m} defense minister of {Organization:o}", "met-with {Person:a} met {Person:b}");
        var tokens = Tokenizer.Tokenize("She is the Defence Minister of the alliance.");

        // Act
        var byKeys = rules.Vocabulary.Of(tokens, gazetteer.NormalizeKey);
        var byNumbers = rules.Vocabulary.Of(tokens, gazetteer.NormalizeKey, gazetteer.NormalizeKeyId);

        // Assert
        Assert.True(byKeys.HasAnchors(rules.Rules[0]));
        Assert.True(byNumbers.HasAnchors(rules.Rules[0]));
        Assert.False(byNumbers.HasAnchors(rules.Rules[1]));
        Assert.True(byNumbers.Contains("defense"));
    }

    [Theory]
    [InlineData("met", true)]
    [InlineData("meets", true)]
    [InlineData("meeting", false)]
    public void LiteralElement_Matches_ByKeyNumbers(string word, bool expected)
    {
        // Arrange
        var rules = Rules("met-with {Person:a} met|meets {Person:b}");
        var literal = Assert.IsType<LiteralElement>(rules.Rules[0].Elements[1]);
        var id = TokenKeys.Intern(word);

        // Act / Assert: the normalised key's number or the token's own may match; -1 (no table holds it) never does.
        Assert.Equal(expected, literal.Matches(id, -1));
        Assert.Equal(expected, literal.Matches(-1, id));
        Assert.False(literal.Matches(-1, -1));
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

    [Fact]
    public void OfReused_AfterAnotherSentence_SameAnswersAsOf()
    {
        // Arrange: two rules; the first sentence has both rules' words, the second only the second rule's ("met" with no
        // "with"), the third only an optional word. Each OfReused clears what the sentence before it set.
        var rules = Rules("met-with {Person:a} also? met|meets with {Person:b}", "attend {Person:a} met {Person:b}");
        var both = Tokenizer.Tokenize("Anna Berg met with Carl Dahl.");
        var metOnly = Tokenizer.Tokenize("Anna Berg met Carl Dahl.");
        var none = Tokenizer.Tokenize("It was also cold.");

        // Act / Assert: the reused words answer as fresh ones, sentence after sentence.
        var first = rules.Vocabulary.OfReused(both, Spelling);
        Assert.True(first.HasAnchors(rules.Rules[0]));
        Assert.True(first.HasAnchors(rules.Rules[1]));
        Assert.True(first.Contains("with"));

        var second = rules.Vocabulary.OfReused(metOnly, Spelling);
        Assert.False(second.HasAnchors(rules.Rules[0]));
        Assert.True(second.HasAnchors(rules.Rules[1]));
        Assert.False(second.Contains("with"));
        Assert.True(second.Contains("met"));

        var third = rules.Vocabulary.OfReused(none, Spelling);
        Assert.False(third.HasAnchors(rules.Rules[0]));
        Assert.False(third.HasAnchors(rules.Rules[1]));
        Assert.False(third.Contains("met"));
        Assert.True(third.Contains("also"));

        // The same answers from Of, which makes new arrays each time.
        var fresh = rules.Vocabulary.Of(metOnly, Spelling);
        Assert.False(fresh.HasAnchors(rules.Rules[0]));
        Assert.True(fresh.HasAnchors(rules.Rules[1]));
    }
}

public class SentenceWordsIndexTests
{
    // The check the trigger index replaces: every required literal of the rule has a word in the sentence.
    private static bool BruteForce(RelationRule rule, IReadOnlyList<Token> tokens, Func<string, string> normalize)
    {
        var keys = tokens.SelectMany(t => new[] { t.Key, normalize(t.Key) }).ToHashSet(StringComparer.Ordinal);
        return rule.Anchors.All(anchor => anchor.Any(keys.Contains));
    }

    [Fact]
    public void HasAnchors_ProjectRulesOnRandomSentences_SameAsCheckingEveryLiteral()
    {
        // Arrange: the project's rules, and sentences drawn from their own words (so that many rules are nearly
        // matched: one literal present, another absent) mixed with filler words.
        var rules = RuleSet.Load(Repo.DataDirectory);
        var ruleWords = rules.Rules.SelectMany(r => r.Anchors.SelectMany(a => a)).Distinct(StringComparer.Ordinal).ToArray();
        string[] filler = ["Anna", "Berg", "the", "of", "talks", "Oslo", "said", "on", "Monday", "Defence"];
        static string Spelling(string key) => key == "defence" ? "defense" : key;
        var random = new Random(9);

        for (var n = 0; n < 3000; n++)
        {
            var words = Enumerable.Range(0, random.Next(1, 25))
                .Select(_ => random.Next(3) == 0 ? filler[random.Next(filler.Length)] : ruleWords[random.Next(ruleWords.Length)]);
            var tokens = Tokenizer.Tokenize(string.Join(' ', words));
            var sentence = rules.Vocabulary.Of(tokens, Spelling);

            // Act / Assert: each rule, and an equal copy the vocabulary never numbered (the old path).
            foreach (var rule in rules.Rules)
            {
                var expected = BruteForce(rule, tokens, Spelling);
                Assert.Equal(expected, sentence.HasAnchors(rule));
                Assert.Equal(expected, sentence.HasAnchors(rule with { }));
            }

            // The rules a sentence allows, as the extractor walks them: the same rules, in order.
            foreach (var kind in Enum.GetValues<RuleKind>())
            {
                var allowed = new List<RelationRule>();
                foreach (var rule in sentence.Allowed(rules, kind))
                    allowed.Add(rule);
                Assert.Equal(rules.Of(kind).Where(r => BruteForce(r, tokens, Spelling)), allowed);
                foreach (var rule in sentence.Allowed(rules, kind, any: false))
                    Assert.Fail($"no rule when none may match, got {rule.Source}");
            }
        }
    }

    [Fact]
    public void HasAnchors_RuleWithoutRequiredLiteral_AlwaysPossible()
    {
        // Arrange: only slots and an optional word.
        var problems = new List<string>();
        var rules = RuleSet.Parse([("t:1", "member-of {Person:m} also? {Organization:o}")], problems);
        Assert.Empty(problems);

        // Act
        var words = rules.Vocabulary.Of(Tokenizer.Tokenize("Nothing here."), key => key);

        // Assert
        Assert.True(words.HasAnchors(rules.Rules[0]));
    }
}
