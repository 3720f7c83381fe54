namespace KnowledgeGraph.Core.Stages.Loading;

/// <summary>Something the loader wants the user to know about one file or folder.</summary>
/// <param name="File">The file or folder, as a full path.</param>
/// <param name="Reason">What is wrong and how to fix it, as a plain sentence.</param>
/// <param name="Skipped">True when the file was left out (it counts in <see cref="LoadStatistics.Skipped"/>); false for a
/// note about a file that was read (a guessed encoding, a cut-off read).</param>
public sealed record DocumentWarning(string File, string Reason, bool Skipped);
