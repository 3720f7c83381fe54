namespace KnowledgeGraph.Core.Text;

/// <summary>A sentence (or heading or caption line) of a document.</summary>
/// <param name="Index">0-based position in the document part.</param>
/// <param name="Start">Offset of the first character in the document text.</param>
/// <param name="Text">The sentence text.</param>
/// <param name="Tokens">Its tokens, with offsets in the document text.</param>
/// <param name="IsHeadline">True for a title-case line without final punctuation (a headline or caption title):
/// capitalisation carries no signal there, so pattern recognizers stay quiet.</param>
public sealed record Sentence(int Index, int Start, string Text, IReadOnlyList<Token> Tokens, bool IsHeadline);
