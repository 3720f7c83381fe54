namespace KnowledgeGraph.Cli.Console;

/// <summary>
/// Writes progress, warnings and errors to stderr (stdout carries data only). Live progress only on an interactive
/// terminal; milestone lines otherwise. Honours --quiet and NO_COLOR.
/// </summary>
public sealed class Reporter
{
    private readonly TextWriter _err;
    private readonly bool _color;
    private readonly object _gate = new();
    private bool _liveLine;

    /// <summary>Creates a reporter on <paramref name="err"/>.</summary>
    public Reporter(TextWriter err, bool quiet, bool interactive)
    {
        _err = err;
        Quiet = quiet;
        Interactive = interactive;
        _color = interactive && string.IsNullOrEmpty(Environment.GetEnvironmentVariable("NO_COLOR"));
    }

    /// <summary>No progress or information lines.</summary>
    public bool Quiet { get; }

    /// <summary>stderr is a terminal.</summary>
    public bool Interactive { get; }

    /// <summary>An information line.</summary>
    public void Info(string message)
    {
        if (!Quiet)
            Line(message);
    }

    /// <summary>A warning line (shown even with --quiet).</summary>
    public void Warning(string message) => Line(Paint("warning: ", "33") + message);

    /// <summary>An error line.</summary>
    public void Error(string message) => Line(Paint("error: ", "31") + message);

    /// <summary>Progress: a live line on a terminal, a milestone line otherwise.</summary>
    public void Progress(string message, bool milestone)
    {
        if (Quiet)
            return;
        lock (_gate)
        {
            if (Interactive)
            {
                _err.Write("\r\u001b[2K" + message);
                _liveLine = true;
            }
            else if (milestone)
            {
                _err.WriteLine(message);
            }
        }
    }

    private void Line(string message)
    {
        lock (_gate)
        {
            if (_liveLine)
            {
                _err.Write("\r\u001b[2K");
                _liveLine = false;
            }
            _err.WriteLine(message);
        }
    }

    private string Paint(string text, string code) => _color ? $"\u001b[{code}m{text}\u001b[0m" : text;
}
