using KnowledgeGraph.Core.Graph;

namespace KnowledgeGraph.Writers;

/// <summary>Writes a <see cref="PropertyGraph"/> in one format into an output directory, atomically and deterministically.</summary>
public interface IGraphWriter
{
    /// <summary>The format's name on the command line (<c>--format json,graphml</c>).</summary>
    string Name { get; }

    /// <summary>One line for <c>--help</c> and the README.</summary>
    string Description { get; }

    /// <summary>Writes the graph's files into <paramref name="outputDirectory"/>.</summary>
    Task WriteAsync(PropertyGraph graph, string outputDirectory, CancellationToken cancellationToken);
}
