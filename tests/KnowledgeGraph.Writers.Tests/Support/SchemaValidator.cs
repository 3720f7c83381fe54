using System.Xml;
using System.Xml.Schema;

namespace KnowledgeGraph.Writers.Tests.Support;

/// <summary>Validates XML against the schemas in <c>Schemas/</c>, resolving published schema URLs to local files (no network).</summary>
internal static class SchemaValidator
{
    private static readonly string SchemaRoot = Path.Combine(AppContext.BaseDirectory, "Schemas");

    /// <summary>Validation errors and warnings of <paramref name="xml"/> against <paramref name="schemaFile"/> (relative to Schemas/).</summary>
    public static List<string> Validate(string xml, string schemaFile)
    {
        var set = new XmlSchemaSet { XmlResolver = new LocalResolver() };
        var errors = new List<string>();
        set.ValidationEventHandler += (_, e) => errors.Add("schema: " + e.Message);
        var path = Path.Combine(SchemaRoot, schemaFile);
        using (var reader = XmlReader.Create(path, new XmlReaderSettings { XmlResolver = new LocalResolver(), DtdProcessing = DtdProcessing.Prohibit }))
            set.Add(null, reader);
        set.Compile();
        var settings = new XmlReaderSettings
        {
            ValidationType = ValidationType.Schema,
            Schemas = set,
            ValidationFlags = XmlSchemaValidationFlags.ReportValidationWarnings | XmlSchemaValidationFlags.ProcessIdentityConstraints,
            DtdProcessing = DtdProcessing.Prohibit,
        };
        settings.ValidationEventHandler += (_, e) => errors.Add($"{e.Severity} line {e.Exception?.LineNumber}: {e.Message}");
        using var xr = XmlReader.Create(new StringReader(xml), settings);
        while (xr.Read())
        {
        }
        return errors;
    }

    private sealed class LocalResolver : XmlUrlResolver
    {
        public override Uri ResolveUri(Uri? baseUri, string? relativeUri)
        {
            const string GraphMl = "http://graphml.graphdrawing.org/xmlns/1.0/";
            if (relativeUri is not null && relativeUri.StartsWith(GraphMl, StringComparison.Ordinal))
                return new Uri(Path.Combine(SchemaRoot, "graphml", relativeUri[GraphMl.Length..]));
            var resolved = base.ResolveUri(baseUri, relativeUri);
            if (!resolved.IsFile)
                throw new InvalidOperationException($"Schema validation must not use the network: {resolved}");
            return resolved;
        }
    }
}
