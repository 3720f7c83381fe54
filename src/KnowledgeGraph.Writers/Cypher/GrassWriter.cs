using System.Globalization;
using System.Text;
using KnowledgeGraph.Core.Graph;
using KnowledgeGraph.Core.IO;
using KnowledgeGraph.Writers.Gexf;

namespace KnowledgeGraph.Writers.Cypher;

/// <summary>
/// Writes <c>style.grass</c>, a Neo4j Browser style: drag the file onto the Browser window. One colour and caption per
/// label (the GEXF palette, so Gephi and Browser agree), MET_WITH drawn thick. Only single quotes: Browser's parser
/// knows no other string delimiter.
/// </summary>
public sealed class GrassWriter : IGraphWriter
{
    /// <summary>The file this writer creates.</summary>
    public const string FileName = "style.grass";

    /// <inheritdoc/>
    public string Name => "grass";

    /// <inheritdoc/>
    public string Description => "style.grass: Neo4j Browser style (drag onto Browser)";

    /// <summary>The style sheet; it depends only on the schema, not on the graph.</summary>
    public static string Style()
    {
        var sb = new StringBuilder();
        sb.Append("node {\n  diameter: 50px;\n  color: #A5ABB6;\n  border-color: #9AA1AC;\n  border-width: 2px;\n  text-color-internal: #FFFFFF;\n  font-size: 10px;\n}\n\n");
        sb.Append("relationship {\n  color: #A5ABB6;\n  shaft-width: 1px;\n  font-size: 8px;\n  padding: 3px;\n  text-color-external: #000000;\n  text-color-internal: #FFFFFF;\n  caption: '<type>';\n}\n");
        foreach (var label in GraphSchema.NodeLabels)
        {
            var (r, g, b) = GexfWriter.Palette[label];
            var (caption, diameter, text) = label switch
            {
                GraphSchema.Meeting => ("{date}", 30, "#2A2C34"),
                GraphSchema.Person => ("{name}", 55, "#FFFFFF"),
                GraphSchema.Article => ("{name}", 25, "#2A2C34"),
                _ => ("{name}", 50, "#2A2C34"),
            };
            sb.Append(CultureInfo.InvariantCulture, $"\nnode.{label} {{\n  color: {Hex(r, g, b)};\n  border-color: {Hex(Darken(r), Darken(g), Darken(b))};\n");
            sb.Append(CultureInfo.InvariantCulture, $"  text-color-internal: {text};\n  diameter: {diameter}px;\n  caption: '{caption}';\n}}\n");
        }
        foreach (var type in GraphSchema.RelationshipTypes)
        {
            var width = type == GraphSchema.MetWith ? 4 : type is GraphSchema.MentionedIn ? 1 : 2;
            var color = type == GraphSchema.MetWith ? "#4C8EDA" : "#A5ABB6";
            sb.Append(CultureInfo.InvariantCulture, $"\nrelationship.{type} {{\n  color: {color};\n  shaft-width: {width}px;\n  caption: '<type>';\n}}\n");
        }
        return sb.ToString();
    }

    /// <inheritdoc/>
    public Task WriteAsync(PropertyGraph graph, string outputDirectory, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(outputDirectory);
        return AtomicFile.WriteTextAsync(Path.Combine(outputDirectory, FileName), Style(), cancellationToken);
    }

    private static string Hex(int r, int g, int b) => string.Create(CultureInfo.InvariantCulture, $"#{r:X2}{g:X2}{b:X2}");

    private static int Darken(byte c) => c * 4 / 5;
}
