using System.Text;

namespace KnowledgeGraph.Core.IO;

/// <summary>
/// Writes files so that a reader sees either the old file or the complete new one, never a half-written one:
/// write to a temporary file beside the target, flush it to disk, then rename over the target.
/// </summary>
public static class AtomicFile
{
    /// <summary>UTF-8 without a byte-order mark, the encoding of every export.</summary>
    public static readonly UTF8Encoding Utf8NoBom = new(encoderShouldEmitUTF8Identifier: false);

    /// <summary>Writes <paramref name="path"/> through <paramref name="write"/>, atomically.</summary>
    public static async Task WriteAsync(string path, Func<Stream, CancellationToken, Task> write, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(write);
        var full = Path.GetFullPath(path);
        var dir = Path.GetDirectoryName(full)!;
        Directory.CreateDirectory(dir);
        var tmp = Path.Combine(dir, $".{Path.GetFileName(full)}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp");
        try
        {
            await using (var stream = new FileStream(tmp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true))
            {
                await write(stream, cancellationToken).ConfigureAwait(false);
                await stream.FlushAsync(cancellationToken).ConfigureAwait(false);
                stream.Flush(flushToDisk: true);
            }
            File.Move(tmp, full, overwrite: true);
        }
        catch
        {
            TryDelete(tmp);
            throw;
        }
    }

    /// <summary>Writes text (UTF-8, no BOM) atomically.</summary>
    public static Task WriteTextAsync(string path, string text, CancellationToken cancellationToken = default) =>
        WriteAsync(path, async (s, ct) =>
        {
            var bytes = Utf8NoBom.GetBytes(text);
            await s.WriteAsync(bytes, ct).ConfigureAwait(false);
        }, cancellationToken);

    /// <summary>Writes text through a <see cref="TextWriter"/> (UTF-8, no BOM, LF line ends) atomically.</summary>
    public static Task WriteTextAsync(string path, Func<TextWriter, CancellationToken, Task> write, CancellationToken cancellationToken = default) =>
        WriteAsync(path, async (s, ct) =>
        {
            await using var w = new StreamWriter(s, Utf8NoBom, 1 << 16, leaveOpen: true) { NewLine = "\n" };
            await write(w, ct).ConfigureAwait(false);
            await w.FlushAsync(ct).ConfigureAwait(false);
        }, cancellationToken);

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
            // Best effort: a stray temporary file is harmless, the target was never touched.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
