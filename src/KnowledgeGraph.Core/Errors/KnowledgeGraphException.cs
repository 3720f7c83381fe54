namespace KnowledgeGraph.Core.Errors;

/// <summary>What kind of failure an error is; the CLI maps it to an exit code (validation 2, runtime 1).</summary>
public enum ErrorKind
{
    /// <summary>The user's input or data files are wrong: fix them and run again (exit code 2).</summary>
    Validation,
    /// <summary>Something failed while running: a server, the disk, a bad document under the fail policy (exit code 1).</summary>
    Runtime,
}

/// <summary>
/// The one exception type for errors a user can act on. Messages say what, where (file and line), and how to fix it;
/// they are built by the static factories so that all wording lives in one place.
/// </summary>
public class KnowledgeGraphException : Exception
{
    /// <summary>Creates an error.</summary>
    public KnowledgeGraphException(ErrorKind kind, string message, string? file = null, int? line = null, Exception? inner = null)
        : base(message, inner)
    {
        Kind = kind;
        File = file;
        Line = line;
    }

    /// <summary>Validation or runtime.</summary>
    public ErrorKind Kind { get; }

    /// <summary>The file the error is about, when there is one.</summary>
    public string? File { get; }

    /// <summary>The 1-based line in <see cref="File"/>, when known.</summary>
    public int? Line { get; }

    /// <summary>A data-file error: <c>file:line: message</c>.</summary>
    public static KnowledgeGraphException DataFile(string file, int line, string message) =>
        new(ErrorKind.Validation, $"{file}:{line}: {message}", file, line);

    /// <summary>A data-file error that is not tied to a line.</summary>
    public static KnowledgeGraphException DataFile(string file, string message) =>
        new(ErrorKind.Validation, $"{file}: {message}", file);

    /// <summary>A bad command-line value.</summary>
    public static KnowledgeGraphException Usage(string message) => new(ErrorKind.Validation, message);

    /// <summary>An input file or folder that does not exist.</summary>
    public static KnowledgeGraphException InputNotFound(string path) =>
        new(ErrorKind.Validation, $"{path}: no such file or folder; check the path", path);

    /// <summary>A document that cannot be read as an article.</summary>
    public static KnowledgeGraphException BadDocument(string file, string reason, Exception? inner = null) =>
        new(ErrorKind.Runtime, $"{file}: {reason}", file, null, inner);

    /// <summary>A failure while running.</summary>
    public static KnowledgeGraphException Runtime(string message, Exception? inner = null) =>
        new(ErrorKind.Runtime, message, null, null, inner);
}
