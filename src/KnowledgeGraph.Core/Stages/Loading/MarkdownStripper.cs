using System.Text.RegularExpressions;

namespace KnowledgeGraph.Core.Stages.Loading;

/// <summary>
/// Turns Markdown into plain text line by line, cheaply: headings, emphasis, list and quote markers, links (their text is
/// kept), images, inline HTML and code fences (dropped with their content) go; the words stay. Not a full CommonMark
/// parser: nested or unusual constructs may leave a stray character, which does no harm to entity recognition.
/// </summary>
internal sealed partial class MarkdownStripper
{
    private string? _fence;

    [GeneratedRegex(@"^\s{0,3}(`{3,}|~{3,})")]
    private static partial Regex FenceRegex();

    [GeneratedRegex(@"^\s{0,3}\[[^\]]+\]:\s*\S+.*$")]
    private static partial Regex ReferenceDefinitionRegex();

    [GeneratedRegex(@"^\s{0,3}(?:#{1,6}(?=\s|$)|>+|(?:[-*+]|\d{1,9}[.)])(?=\s))\s*")]
    private static partial Regex LinePrefixRegex();

    [GeneratedRegex(@"\s+#+\s*$")]
    private static partial Regex ClosingHashesRegex();

    [GeneratedRegex(@"!\[[^\]]*\](?:\([^)]*\)|\[[^\]]*\])?")]
    private static partial Regex ImageRegex();

    [GeneratedRegex(@"\[([^\]]*)\](?:\([^)]*\)|\[[^\]]*\])")]
    private static partial Regex LinkRegex();

    [GeneratedRegex(@"<(?:https?://|mailto:)[^>\s]*>|</?[A-Za-z][^>]*>")]
    private static partial Regex AutolinkOrTagRegex();

    [GeneratedRegex(@"(\*\*|__)(?=\S)(.+?)(?<=\S)\1|(?<![\w*])\*(?=[^\s*])(.+?)(?<=[^\s*])\*(?![\w*])|(?<!\w)_(?=\S)(.+?)(?<=\S)_(?!\w)|~~(.+?)~~")]
    private static partial Regex EmphasisRegex();

    [GeneratedRegex(@"`([^`]*)`")]
    private static partial Regex InlineCodeRegex();

    /// <summary>Strips one line; returns null for a line that carries no text (a fence, a rule, a link definition).</summary>
    public string? Strip(string line)
    {
        var fence = FenceRegex().Match(line);
        if (_fence is not null)
        {
            if (fence.Success && fence.Groups[1].Value.StartsWith(_fence, StringComparison.Ordinal))
                _fence = null;
            return null;
        }

        if (fence.Success)
        {
            _fence = fence.Groups[1].Value;
            return null;
        }

        if (ReferenceDefinitionRegex().IsMatch(line))
            return null;

        line = LinePrefixRegex().Replace(line, "", 1);
        line = ClosingHashesRegex().Replace(line, "");
        line = ImageRegex().Replace(line, "");
        line = LinkRegex().Replace(line, "$1");
        line = AutolinkOrTagRegex().Replace(line, "");
        line = InlineCodeRegex().Replace(line, "$1");
        line = EmphasisRegex().Replace(line, m => m.Groups[2].Success ? m.Groups[2].Value
            : m.Groups[3].Success ? m.Groups[3].Value
            : m.Groups[4].Success ? m.Groups[4].Value
            : m.Groups[5].Value);
        if (line.Contains('|', StringComparison.Ordinal))
            line = line.Trim().Trim('|').Replace(" | ", "; ", StringComparison.Ordinal);
        return line;
    }
}
