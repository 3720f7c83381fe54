using System.Text;

namespace KnowledgeGraph.Benchmarks;

/// <summary>
/// A benchmark corpus: the sample articles (seeds/) and the development articles (../shared/eval/dev/texts) copied
/// until the corpus has the size asked for, a hundred copies per folder. Written to a temp folder, never committed.
/// </summary>
internal static class Corpus
{
    /// <summary>seeds/ and, when present, ../shared/eval/dev/texts beside the repository.</summary>
    public static string[] DefaultSources(string repoRoot)
    {
        var sources = new List<string> { Path.Combine(repoRoot, "seeds") };
        var dev = Path.GetFullPath(Path.Combine(repoRoot, "..", "shared", "eval", "dev", "texts"));
        if (Directory.Exists(dev))
            sources.Add(dev);
        return [.. sources];
    }

    /// <summary>Writes copies of the .txt articles of <paramref name="sources"/> into <paramref name="dir"/> until it holds <paramref name="megabytes"/> MB.</summary>
    public static (int Files, long Bytes, int Distinct) Write(string dir, double megabytes, IReadOnlyList<string> sources)
    {
        var articles = sources
            .SelectMany(s => Directory.Exists(s) ? Directory.GetFiles(s, "*.txt").Order(StringComparer.Ordinal) : throw new DirectoryNotFoundException($"{s}: no such folder of articles"))
            .Select(f => (Name: Path.GetFileNameWithoutExtension(f), Bytes: File.ReadAllBytes(f)))
            .ToList();
        if (articles.Count == 0)
            throw new InvalidOperationException($"no .txt articles in {string.Join(", ", sources)}");
        var target = (long)(megabytes * 1048576);
        long bytes = 0;
        var files = 0;
        for (var copy = 0; bytes < target; copy++)
        {
            var folder = Directory.CreateDirectory(Path.Combine(dir, (copy / 100).ToString("D5", System.Globalization.CultureInfo.InvariantCulture))).FullName;
            foreach (var (name, content) in articles)
            {
                if (bytes >= target)
                    break;
                File.WriteAllBytes(Path.Combine(folder, $"{name}-{copy:D6}.txt"), content);
                bytes += content.Length;
                files++;
            }
        }
        return (files, bytes, articles.Count);
    }
}

/// <summary>A finished child process: exit code, wall time, CPU time (user+sys) and peak resident memory.</summary>
internal sealed class ChildRun
{
    public int ExitCode { get; private init; }
    public double WallSeconds { get; private init; }
    public double CpuSeconds { get; private init; }
    public long PeakRssBytes { get; private init; }
    public string Error { get; private init; } = "";

    /// <summary>
    /// Runs a program to its end. CPU time and peak RSS come from GNU time (/usr/bin/time) when it is installed, else
    /// from polling /proc (which misses the last few milliseconds).
    /// </summary>
    public static async Task<ChildRun> StartAsync(string program, IReadOnlyList<string> args)
    {
        var timeFile = Path.GetTempFileName();
        var gnuTime = File.Exists("/usr/bin/time");
        var info = new System.Diagnostics.ProcessStartInfo(gnuTime ? "/usr/bin/time" : program) { RedirectStandardError = true, RedirectStandardOutput = true };
        if (gnuTime)
        {
            foreach (var a in new[] { "-o", timeFile, "-f", "%U %S %M", program })
                info.ArgumentList.Add(a);
        }
        foreach (var a in args)
            info.ArgumentList.Add(a);
        var watch = System.Diagnostics.Stopwatch.StartNew();
        using var process = System.Diagnostics.Process.Start(info) ?? throw new InvalidOperationException($"cannot start {program}");
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEndAsync();
        double cpu = 0;
        long rss = 0;
        while (!process.WaitForExit(50))
        {
            if (gnuTime)
                continue;
            try
            {
                cpu = process.TotalProcessorTime.TotalSeconds;
                rss = Math.Max(rss, PeakRss(process.Id));
            }
            catch (InvalidOperationException)
            {
                // It just ended.
            }
        }
        await process.WaitForExitAsync();
        var wall = watch.Elapsed.TotalSeconds;
        var error = await stderr;
        await stdout;
        if (gnuTime)
        {
            var f = File.ReadAllLines(timeFile).Last().Split(' ');
            cpu = double.Parse(f[0], System.Globalization.CultureInfo.InvariantCulture) + double.Parse(f[1], System.Globalization.CultureInfo.InvariantCulture);
            rss = long.Parse(f[2], System.Globalization.CultureInfo.InvariantCulture) * 1024;
        }
        File.Delete(timeFile);
        return new ChildRun { ExitCode = process.ExitCode, WallSeconds = wall, CpuSeconds = cpu, PeakRssBytes = rss, Error = error };
    }

    private static long PeakRss(int pid)
    {
        var status = $"/proc/{pid}/status";
        if (!File.Exists(status))
            return 0;
        foreach (var line in File.ReadLines(status, Encoding.ASCII))
        {
            if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
                return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], System.Globalization.CultureInfo.InvariantCulture) * 1024;
        }
        return 0;
    }
}
