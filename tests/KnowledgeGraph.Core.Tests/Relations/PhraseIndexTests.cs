using KnowledgeGraph.Core.Stages.Relations;
using KnowledgeGraph.Core.Text;
using static KnowledgeGraph.Core.Tests.Support.TestRules;

namespace KnowledgeGraph.Core.Tests.Relations;

public class PhraseIndexTests
{
    // Phrases sharing a first word ("the first with", "the second with"), a one-word phrase, and one at a sentence's end.
    private static readonly RuleSet Set = Rules(
        "define Separately separately | the first with | the second with | a series of | string of",
        "met-with {Person:a} met {Person:b}");

    private static bool Has(string sentence)
    {
        var tokens = Tokenizer.Tokenize(sentence);
        var words = Set.Vocabulary.Of(tokens, k => k);
        return new PhraseIndex(Set.SeparatePhrases).In(words, System.Runtime.InteropServices.CollectionsMarshal.AsSpan(tokens));
    }

    [Theory]
    [InlineData("He met the first with Anna and the second with Carl.", true)]
    [InlineData("The president held the second with the premier.", true)] // the second phrase of a first word
    [InlineData("They met separately.", true)]
    [InlineData("A series of talks followed.", true)]
    [InlineData("He met the first delegate with Anna.", false)] // the words, not in a row
    [InlineData("the first", false)] // a phrase cut short at the sentence's end
    [InlineData("The second round of talks.", false)]
    [InlineData("They met in a series.", false)]
    [InlineData("A string of meetings.", true)]
    public void In_SentenceHoldsAPhraseWordForWord(string sentence, bool expected) => Assert.Equal(expected, Has(sentence));
}
