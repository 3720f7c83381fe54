using System.Globalization;
using System.Text;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using KnowledgeGraph.Core.Text.Dates;

namespace KnowledgeGraph.Core.Stages.Loading;

/// <summary>The article text and metadata taken from an HTML page.</summary>
/// <param name="Text">Headline first, then one block (paragraph, heading, list item, caption, cell) per line.</param>
/// <param name="Published">The date from <c>article:published_time</c>, <c>date</c> meta tags or a <c>time</c> element.</param>
internal sealed record HtmlArticle(string Text, DateOnly? Published);

/// <summary>
/// Extracts an article from a web page: the content of <c>article</c> or <c>main</c> (else the body), without scripts,
/// navigation, headers, footers, forms, and elements whose class or id names page chrome (menu, share, cookie...).
/// </summary>
/// <remarks>
/// The tree is walked without recursion (first child, next sibling, parent), so deeply nested pages cannot overflow the
/// stack; AngleSharp itself caps nesting while parsing.
/// </remarks>
internal static class HtmlTextExtractor
{
    private static readonly HashSet<string> DroppedTags = new(StringComparer.OrdinalIgnoreCase)
    {
        "script", "style", "noscript", "nav", "header", "footer", "aside", "form", "iframe", "svg", "template", "button",
        "select", "textarea", "object", "embed", "canvas", "audio", "video", "map", "dialog", "head",
    };

    private static readonly HashSet<string> DroppedRoles = new(StringComparer.OrdinalIgnoreCase)
    {
        "navigation", "banner", "contentinfo", "search", "complementary", "menu", "menubar", "dialog", "alert",
    };

    private static readonly string[] ChromeNameParts =
    [
        "nav", "menu", "footer", "header", "breadcrumb", "cookie", "share", "social", "related", "subscribe", "newsletter",
    ];

    private static readonly HashSet<string> BlockTags = new(StringComparer.OrdinalIgnoreCase)
    {
        "address", "article", "blockquote", "br", "caption", "dd", "details", "div", "dl", "dt", "figcaption", "figure",
        "h1", "h2", "h3", "h4", "h5", "h6", "hr", "li", "main", "ol", "p", "pre", "section", "summary", "table", "tbody",
        "td", "tfoot", "th", "thead", "tr", "ul", "body", "center",
    };

    private static readonly string[] PublishedMetaNames =
    [
        "article:published_time", "og:published_time", "datePublished", "date", "pubdate", "publishdate", "publish-date",
        "dc.date.issued", "dc.date", "dcterms.created", "sailthru.date", "parsely-pub-date", "article.published",
    ];

    /// <summary>Parses a page and extracts its article.</summary>
    public static HtmlArticle Extract(string html)
    {
        var parser = new HtmlParser(new HtmlParserOptions { IsScripting = false });
        using var document = parser.ParseDocument(html);
        var body = document.Body ?? document.DocumentElement;

        var root = PickRoot(document, body);
        var headline = FindHeadline(document, root);
        var published = FindPublished(document, root);

        var keep = new HashSet<INode>(ReferenceEqualityComparer.Instance);
        for (INode? n = headline.Element ?? root; n is not null; n = n.Parent)
            keep.Add(n);

        var text = new StringBuilder();
        if (headline.Text.Length > 0 && headline.Element is null)
            text.Append(headline.Text).Append('\n');
        AppendText(root, keep, text);
        return new HtmlArticle(text.ToString(), published);
    }

    private static IElement PickRoot(IDocument document, IElement body)
    {
        // Several <article> elements: a list page or teasers around the story; the one with the most text is the story.
        IElement? best = null;
        var bestLength = 0;
        foreach (var article in Descendants(body).OfType<IElement>().Where(e => e.LocalName == "article"))
        {
            var length = TextLength(article);
            if (length > bestLength)
                (best, bestLength) = (article, length);
        }

        if (best is not null && bestLength > 0)
            return best;
        return Descendants(body).OfType<IElement>().FirstOrDefault(e =>
                   e.LocalName == "main" || string.Equals(e.GetAttribute("role"), "main", StringComparison.OrdinalIgnoreCase))
               ?? document.Body ?? body;
    }

    private static (string Text, IElement? Element) FindHeadline(IDocument document, IElement root)
    {
        var h1 = Descendants(root).OfType<IElement>().FirstOrDefault(e => e.LocalName == "h1");
        if (h1 is not null && Collapse(h1.TextContent).Length > 0)
            return (Collapse(h1.TextContent), h1);

        h1 = Descendants(document.Body ?? document.DocumentElement).OfType<IElement>().FirstOrDefault(e => e.LocalName == "h1");
        if (h1 is not null && Collapse(h1.TextContent) is { Length: > 0 } h1Text)
            return (h1Text, null);

        // "Headline | Site name": the longest segment is the headline.
        var title = Collapse(document.Title ?? "");
        var segments = title.Split([" | ", " – ", " — ", " - ", " :: "], StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        return (segments.Length == 0 ? "" : segments.MaxBy(s => s.Length)!, null);
    }

    private static DateOnly? FindPublished(IDocument document, IElement root)
    {
        foreach (var name in PublishedMetaNames)
        {
            foreach (var meta in document.QuerySelectorAll("meta"))
            {
                var key = meta.GetAttribute("property") ?? meta.GetAttribute("name") ?? meta.GetAttribute("itemprop");
                if (string.Equals(key, name, StringComparison.OrdinalIgnoreCase) && ParseDate(meta.GetAttribute("content")) is { } d)
                    return d;
            }
        }

        var time = Descendants(root).OfType<IElement>().FirstOrDefault(e => e.LocalName == "time" && e.HasAttribute("datetime"))
                   ?? document.QuerySelector("time[pubdate][datetime], time[itemprop=datePublished][datetime]");
        return ParseDate(time?.GetAttribute("datetime"));
    }

    /// <summary>Reads "2023-05-30", "2023-05-30T18:18:00Z" or a written date such as "May 30, 2023".</summary>
    internal static DateOnly? ParseDate(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
            return null;
        value = value.Trim();
        if (value.Length >= 10 &&
            DateOnly.TryParseExact(value.AsSpan(0, 10), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var iso))
            return iso;
        return DateExpressionFinder.Find(value).FirstOrDefault(e => e.IsComplete)?.Resolve(null);
    }

    private static void AppendText(IElement root, HashSet<INode> keep, StringBuilder text)
    {
        INode? node = root;
        var pendingSpace = false;
        while (node is not null)
        {
            var descend = false;
            if (node is IElement element)
            {
                if (keep.Contains(element) || !IsChrome(element))
                {
                    if (BlockTags.Contains(element.LocalName))
                        NewLine(text, ref pendingSpace);
                    descend = element.HasChildNodes;
                }
            }
            else if (node is IText t)
            {
                AppendCollapsed(text, t.Data, ref pendingSpace);
            }

            if (descend)
            {
                node = node.FirstChild;
                continue;
            }

            // Climb until a sibling is found, closing blocks on the way up.
            while (node is not null && node != root && node.NextSibling is null)
            {
                node = node.Parent;
                if (node is IElement e && BlockTags.Contains(e.LocalName))
                    NewLine(text, ref pendingSpace);
            }

            node = node is null || node == root ? null : node.NextSibling;
        }
    }

    private static bool IsChrome(IElement element)
    {
        if (DroppedTags.Contains(element.LocalName))
            return true;
        if (element.GetAttribute("role") is { } role && DroppedRoles.Contains(role))
            return true;
        if (element.HasAttribute("hidden") || string.Equals(element.GetAttribute("aria-hidden"), "true", StringComparison.OrdinalIgnoreCase))
            return true;
        return NamesChrome(element.GetAttribute("class")) || NamesChrome(element.Id);
    }

    private static bool NamesChrome(string? name)
    {
        if (string.IsNullOrEmpty(name))
            return false;
        foreach (var part in ChromeNameParts)
        {
            if (name.Contains(part, StringComparison.OrdinalIgnoreCase))
                return true;
        }

        return false;
    }

    private static void NewLine(StringBuilder text, ref bool pendingSpace)
    {
        pendingSpace = false;
        if (text.Length > 0 && text[^1] != '\n')
            text.Append('\n');
    }

    private static void AppendCollapsed(StringBuilder text, string data, ref bool pendingSpace)
    {
        foreach (var c in data)
        {
            if (char.IsWhiteSpace(c))
            {
                pendingSpace = true;
                continue;
            }

            if (pendingSpace && text.Length > 0 && text[^1] != '\n')
                text.Append(' ');
            pendingSpace = false;
            text.Append(c);
        }
    }

    private static int TextLength(INode root)
    {
        var length = 0;
        foreach (var node in Descendants(root))
        {
            if (node is IText t)
                length += t.Data.AsSpan().Trim().Length;
        }

        return length;
    }

    private static IEnumerable<INode> Descendants(INode root)
    {
        var node = root.FirstChild;
        while (node is not null)
        {
            yield return node;
            if (node.FirstChild is not null)
            {
                node = node.FirstChild;
                continue;
            }

            while (node is not null && node != root && node.NextSibling is null)
                node = node.Parent;
            node = node is null || node == root ? null : node.NextSibling;
        }
    }

    private static string Collapse(string text) => string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
}
