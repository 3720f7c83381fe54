using System.Text;

namespace KnowledgeGraph.Core.Text;

/// <summary>Makes stable id slugs: folded, letters and digits kept (any script), everything else one hyphen.</summary>
public static class Slug
{
    /// <summary>The slug of <paramref name="text"/>: "Vilnius Summit" → "vilnius-summit".</summary>
    public static string Of(string text)
    {
        var folded = TextFolding.Fold(text);
        var sb = new StringBuilder(folded.Length);
        foreach (var c in folded)
        {
            if (char.IsLetterOrDigit(c))
                sb.Append(c);
            else if (sb.Length > 0 && sb[^1] != '-')
                sb.Append('-');
        }
        while (sb.Length > 0 && sb[^1] == '-')
            sb.Length--;
        return sb.Length == 0 ? "x" : sb.ToString();
    }
}
