using System.Collections.Immutable;
using KnowledgeGraph.Core.Text;

namespace KnowledgeGraph.Core.Stages.Relations;

/// <summary>
/// A phrase list of a rule set (<see cref="RuleSet.PastPhrases"/> and the like) grouped by first word, with each first
/// word's key number (<see cref="TokenKeys"/>) looked up once: whether a sentence has one of the phrases is then one
/// vocabulary check per first word and one scan of the tokens per first word the sentence has, however many phrases
/// start with it ("the first with", "the second with"), instead of a key lookup and a scan per phrase.
/// </summary>
internal sealed class PhraseIndex
{
    private readonly (string First, int FirstId, ImmutableArray<string>[] Phrases)[] _groups;

    public PhraseIndex(ImmutableArray<ImmutableArray<string>> phrases)
    {
        var groups = new List<(string First, List<ImmutableArray<string>> Phrases)>();
        foreach (var phrase in phrases)
        {
            if (phrase.Length == 0)
                continue;
            var at = groups.FindIndex(g => g.First == phrase[0]);
            if (at < 0)
                groups.Add((phrase[0], [phrase]));
            else
                groups[at].Phrases.Add(phrase);
        }
        _groups = [.. groups.Select(g => (g.First, TokenKeys.IdOf(g.First), g.Phrases.ToArray()))];
    }

    /// <summary>True when the tokens hold one of the phrases (keys word for word); <paramref name="words"/> are the sentence's.</summary>
    public bool In(SentenceWords words, ReadOnlySpan<Token> tokens)
    {
        foreach (var (first, firstId, phrases) in _groups)
        {
            if (!words.Contains(first))
                continue;
            for (var i = 0; i < tokens.Length; i++)
            {
                // (A first word without a number when the index was made is compared as text, by the phrase check.)
                if (firstId >= 0 && TokenKeys.IdOf(tokens[i]) != firstId)
                    continue;
                foreach (var phrase in phrases)
                {
                    if (At(tokens, i, phrase))
                        return true;
                }
            }
        }
        return false;
    }

    /// <summary>True when the token keys from <paramref name="from"/> on are the phrase's words (false when the phrase
    /// would start before the first token or run past the last).</summary>
    internal static bool At(ReadOnlySpan<Token> tokens, int from, ImmutableArray<string> phrase)
    {
        if (from < 0 || from + phrase.Length > tokens.Length)
            return false;
        for (var k = 0; k < phrase.Length; k++)
        {
            if (tokens[from + k].Key != phrase[k])
                return false;
        }
        return true;
    }
}
