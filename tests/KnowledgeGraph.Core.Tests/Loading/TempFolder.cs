using System.Text;
using KnowledgeGraph.Core.Stages.Loading;
using KnowledgeGraph.Core.Text;

namespace KnowledgeGraph.Core.Tests.Loading;

/// <summary>A scratch folder for one test, deleted afterwards.</summary>
internal sealed class TempFolder : IDisposable
{
    public TempFolder()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "kg-loading-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public string Write(string relative, string text) => Write(relative, new UTF8Encoding(false).GetBytes(text));

    public string Write(string relative, byte[] bytes)
    {
        var full = System.IO.Path.Combine(Path, relative);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(full)!);
        File.WriteAllBytes(full, bytes);
        return full;
    }

    public void Dispose()
    {
        try
        {
            if (!OperatingSystem.IsWindows())
            {
                foreach (var dir in Directory.EnumerateDirectories(Path, "*", SearchOption.AllDirectories))
                    File.SetUnixFileMode(dir, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            }
        }
        catch (IOException)
        {
        }

        Directory.Delete(Path, recursive: true);
    }
}

internal static class Load
{
    public static async Task<(List<SourceDocument> Documents, List<DocumentWarning> Warnings, LoadStatistics Statistics)> AllAsync(
        FileDocumentSourceOptions options)
    {
        var warnings = new List<DocumentWarning>();
        var source = new FileDocumentSource(options with { OnWarning = warnings.Add });
        var documents = new List<SourceDocument>();
        await foreach (var d in source.ReadAsync())
            documents.Add(d);
        return (documents, warnings, source.Statistics);
    }

    public static async Task<SourceDocument> OneAsync(string path, BoilerplateRules? boilerplate = null)
    {
        var (documents, _, _) = await AllAsync(new FileDocumentSourceOptions
        {
            Inputs = [path],
            Boilerplate = boilerplate ?? BoilerplateRules.Empty,
        });
        return Assert.Single(documents);
    }
}
