namespace KnowledgeGraph.Cli.Console;

/// <summary>The process exit codes, listed in the README.</summary>
public static class ExitCodes
{
    /// <summary>Success.</summary>
    public const int Success = 0;
    /// <summary>A runtime failure: a server, the disk, a bad document under --on-bad-document fail.</summary>
    public const int RuntimeFailure = 1;
    /// <summary>A usage or validation error: a bad option, a bad data file.</summary>
    public const int UsageError = 2;
    /// <summary>Cancelled (Ctrl+C).</summary>
    public const int Cancelled = 130;
}
