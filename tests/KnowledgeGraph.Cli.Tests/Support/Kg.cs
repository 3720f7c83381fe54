using System.Text;

namespace KnowledgeGraph.Cli.Tests.Support;

/// <summary>What one in-process run of <c>kg</c> returned and printed.</summary>
internal sealed record KgResult(int ExitCode, string Stdout, string Stderr)
{
    public string[] StderrLines => Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    public string[] Warnings => [.. StderrLines.Where(l => l.StartsWith("warning: ", StringComparison.Ordinal))];

    public override string ToString() => $"exit {ExitCode}\n--- stderr ---\n{Stderr}\n--- stdout ---\n{(Stdout.Length > 2000 ? Stdout[..2000] + "..." : Stdout)}";
}

/// <summary>
/// Runs <see cref="Program.RunAsync"/> in-process. stderr goes to a writer of the test's own; stdout is captured with
/// <see cref="System.Console.SetOut"/>, which is process-wide, so every test that runs kg belongs to <see cref="CliCollection"/>
/// (not run in parallel) and runs hold a lock as well.
/// </summary>
internal static class Kg
{
    private static readonly SemaphoreSlim Gate = new(1, 1);

    public static Task<KgResult> RunAsync(params string[] args) => RunAsync(args, CancellationToken.None);

    public static async Task<KgResult> RunAsync(string[] args, CancellationToken ct, Action<string>? onStderrLine = null)
    {
        await Gate.WaitAsync(ct).ConfigureAwait(false);
        var stdout = new StringWriter();
        var stderr = new LineWriter(onStderrLine);
        var previous = System.Console.Out;
        try
        {
            System.Console.SetOut(stdout);
            var code = await Program.RunAsync(args, TextWriter.Synchronized(stderr), ct).ConfigureAwait(false);
            return new KgResult(code, stdout.ToString(), stderr.ToString());
        }
        finally
        {
            System.Console.SetOut(previous);
            Gate.Release();
        }
    }

    /// <summary><c>kg build &lt;inputs&gt; --out &lt;out&gt; --data &lt;repo&gt;/data</c> plus <paramref name="extra"/>.</summary>
    public static Task<KgResult> BuildAsync(string input, string output, params string[] extra) =>
        RunAsync(["build", input, "--out", output, "--data", Repo.Data, .. extra]);

    /// <summary>A string writer that hands each completed line to a callback (for tests that react to progress).</summary>
    private sealed class LineWriter(Action<string>? onLine) : StringWriter
    {
        private readonly StringBuilder _line = new();

        public override void Write(char value)
        {
            base.Write(value);
            if (onLine is null)
                return;
            if (value == '\n')
            {
                onLine(_line.ToString());
                _line.Clear();
            }
            else
            {
                _line.Append(value);
            }
        }

        public override void Write(string? value)
        {
            foreach (var c in value ?? "")
                Write(c);
        }

        public override void WriteLine(string? value)
        {
            Write(value);
            Write('\n');
        }
    }
}

/// <summary>Tests that run kg in-process: they share Console.Out, so they never run in parallel.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class CliCollection
{
    public const string Name = "kg in-process";
}
