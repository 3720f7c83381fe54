using System.Text;
using System.Xml;
using KnowledgeGraph.Core.IO;

namespace KnowledgeGraph.Writers.Internal;

/// <summary>XmlWriter settings shared by the XML formats.</summary>
internal static class XmlOutput
{
    /// <summary>UTF-8 without BOM, LF, two-space indent, CR and attribute newlines entitized so they survive parsing.</summary>
    public static XmlWriterSettings Settings(bool async) => new()
    {
        Async = async,
        Encoding = AtomicFile.Utf8NoBom,
        Indent = true,
        IndentChars = "  ",
        NewLineChars = "\n",
        // Entitize: a raw CR in text would be normalised to LF by every parser, and newlines in attribute values to spaces.
        NewLineHandling = NewLineHandling.Entitize,
        // Every string passes through ExportText.ToXmlSafe first; keep the check on so a miss fails loudly, not silently.
        CheckCharacters = true,
        OmitXmlDeclaration = false,
    };

    /// <summary>Ends the document, flushes it and closes the file with a final newline, as every XML export does.</summary>
    public static async Task EndDocumentAsync(XmlWriter w, Stream stream, CancellationToken cancellationToken)
    {
        await w.WriteEndDocumentAsync().ConfigureAwait(false);
        await w.FlushAsync().ConfigureAwait(false);
        await stream.WriteAsync("\n"u8.ToArray(), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Makes a string usable as an XML NMTOKEN (letters, digits, <c>.-_:</c>); other characters become <c>_</c>.</summary>
    public static string ToNmToken(string text)
    {
        var sb = new StringBuilder(text.Length);
        foreach (var c in text)
            sb.Append(char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_' or ':' ? c : '_');
        return sb.Length == 0 ? "_" : sb.ToString();
    }
}
