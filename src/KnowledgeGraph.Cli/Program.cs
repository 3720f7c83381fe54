using System.CommandLine;
using System.Runtime.InteropServices;
using KnowledgeGraph.Cli.Commands;
using KnowledgeGraph.Cli.Console;
using KnowledgeGraph.Core.Errors;

namespace KnowledgeGraph.Cli;

/// <summary>The <c>kg</c> command line.</summary>
public static class Program
{
    /// <summary>Entry point: parses, runs, and maps every failure to an exit code once, here.</summary>
    public static async Task<int> Main(string[] args)
    {
        using var cts = new CancellationTokenSource();
        System.Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            cts.Cancel();
        };
        // `kill`, `docker stop` and service managers send SIGTERM: cancel as for Ctrl+C, so temporary folders are removed.
        using var sigterm = OperatingSystem.IsWindows() ? null : PosixSignalRegistration.Create(PosixSignal.SIGTERM, c =>
        {
            c.Cancel = true;
            cts.Cancel();
        });
        return await RunAsync(args, System.Console.Error, cts.Token).ConfigureAwait(false);
    }

    /// <summary>Runs <c>kg</c> with <paramref name="args"/>; errors go to <paramref name="stderr"/>.</summary>
    public static async Task<int> RunAsync(string[] args, TextWriter stderr, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(args);
        var debug = args.Contains("--debug");
        var quiet = args.Contains("--quiet") || args.Contains("-q");
        args = args.Where(a => a != "--debug").ToArray();
        var reporter = new Reporter(stderr, quiet, interactive: !System.Console.IsErrorRedirected && ReferenceEquals(stderr, System.Console.Error));
        var root = BuildRoot(() => reporter);
        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            foreach (var e in parse.Errors)
                reporter.Error(e.Message);
            stderr.WriteLine("Run 'kg --help' or 'kg <command> --help' for usage.");
            return ExitCodes.UsageError;
        }
        try
        {
            return await parse.InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false, Error = stderr }, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            reporter.Error("cancelled; nothing was replaced (the previous output is intact)");
            return ExitCodes.Cancelled;
        }
        catch (KnowledgeGraphException ex)
        {
            reporter.Error(ex.Message);
            if (debug)
                stderr.WriteLine(ex);
            return ex.Kind == ErrorKind.Validation ? ExitCodes.UsageError : ExitCodes.RuntimeFailure;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            reporter.Error(ex.Message + " (check the path and its permissions)");
            if (debug)
                stderr.WriteLine(ex);
            return ExitCodes.RuntimeFailure;
        }
        catch (Exception ex)
        {
            reporter.Error($"{ex.GetType().Name}: {ex.Message}" + (debug ? "" : " (run with --debug for details)"));
            if (debug)
                stderr.WriteLine(ex);
            return ExitCodes.RuntimeFailure;
        }
    }

    /// <summary>The command tree; a test checks that every example in the help parses.</summary>
    internal static RootCommand BuildRoot(Func<Reporter> reporter)
    {
        var root = new RootCommand("kg: turn news articles into a knowledge graph of who met whom, where and when, who visited which place, and who belongs to which organisation.\n\nExit codes: 0 success, 1 runtime failure, 2 usage or validation error, 130 cancelled. Add --debug for stack traces.")
        {
            BuildCommand.Create(reporter),
            QueryCommands.Meetings(),
            QueryCommands.Entities(),
            PathCommand.Create(reporter),
            NetworkCommand.Create(reporter),
            StatsCommand.Create(),
            PushCommand.Create(reporter),
            DataCommands.Check(),
            DataCommands.Rules(),
        };
        return root;
    }
}
