namespace KnowledgeGraph.Core.Text;

/// <summary>
/// One article's text as read from disk, after format decoding (HTML to text) and boilerplate removal.
/// A very large file is handed on in several parts (each a few MB, cut at paragraph or word boundaries), so memory stays
/// bounded; all parts share the <see cref="Id"/> and are one document in the graph.
/// </summary>
/// <param name="Id">The document id used in the graph: the file name (relative to the input folder when one was given).</param>
/// <param name="Path">Full path of the file.</param>
/// <param name="Part">0 for the first (or only) part.</param>
/// <param name="Text">Clean article text: one paragraph, heading or caption per line, boilerplate removed.</param>
/// <param name="Published">The article's date: from <c>--date-of</c>, a sidecar file, or found in the text; null when unknown.</param>
/// <param name="Bytes">Size of the part in the source file, for throughput figures.</param>
public sealed record SourceDocument(string Id, string Path, int Part, string Text, DateOnly? Published, long Bytes);
