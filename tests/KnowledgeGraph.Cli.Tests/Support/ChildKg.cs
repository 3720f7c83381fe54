using System.Diagnostics;

namespace KnowledgeGraph.Cli.Tests.Support;

/// <summary>The built <c>kg</c> as a child process (<c>dotnet kg.dll ...</c>), for kill and signal tests.</summary>
internal sealed class ChildKg : IDisposable
{
    private readonly Process _process;
    private readonly List<string> _stderr = [];
    private readonly List<(Func<string, bool> Match, TaskCompletionSource Seen)> _waits = [];
    private readonly Task<string> _stdout;

    private ChildKg(Process process)
    {
        _process = process;
        _process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is null)
                return;
            lock (_stderr)
            {
                _stderr.Add(e.Data);
                foreach (var (match, seen) in _waits.Where(w => w.Match(e.Data)))
                    seen.TrySetResult();
            }
        };
        _process.BeginErrorReadLine();
        _stdout = _process.StandardOutput.ReadToEndAsync();
    }

    public int Id => _process.Id;

    public string Stderr
    {
        get
        {
            lock (_stderr)
                return string.Join('\n', _stderr);
        }
    }

    public static ChildKg Start(params string[] args)
    {
        var host = Environment.ProcessPath is { } p && Path.GetFileNameWithoutExtension(p) == "dotnet" ? p : "dotnet";
        var info = new ProcessStartInfo(host) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        info.ArgumentList.Add(Repo.KgDll);
        foreach (var a in args)
            info.ArgumentList.Add(a);
        info.Environment["NO_COLOR"] = "1";
        info.Environment.Remove("KG_DATA");
        return new ChildKg(Process.Start(info)!);
    }

    /// <summary>Completes when a stderr line matches (or fails when the process ends first).</summary>
    public async Task WaitForLineAsync(Func<string, bool> match, TimeSpan timeout)
    {
        var seen = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_stderr)
        {
            if (_stderr.Any(match))
                return;
            _waits.Add((match, seen));
        }
        var exited = _process.WaitForExitAsync();
        var done = await Task.WhenAny(seen.Task, exited, Task.Delay(timeout)).ConfigureAwait(false);
        if (done != seen.Task)
            throw new TimeoutException($"the awaited line never came (exited: {_process.HasExited})\n{Stderr}");
    }

    public async Task<(int ExitCode, string Stdout)> WaitForExitAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        await _process.WaitForExitAsync(cts.Token).ConfigureAwait(false);
        return (_process.ExitCode, await _stdout.ConfigureAwait(false));
    }

    public void Kill() => _process.Kill(entireProcessTree: true);

    /// <summary>Sends SIGTERM, as <c>kill PID</c> and <c>docker stop</c> do.</summary>
    public void Terminate()
    {
        using var kill = Process.Start(new ProcessStartInfo("kill") { ArgumentList = { "-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture) }, UseShellExecute = false })!;
        kill.WaitForExit();
    }

    public void Dispose()
    {
        if (!_process.HasExited)
            _process.Kill(entireProcessTree: true);
        _process.Dispose();
    }
}
