namespace KnowledgeGraph.Core.Stages.Loading;

/// <summary>Counts of what one pass of a <see cref="FileDocumentSource"/> read, for the end-of-run report.</summary>
public sealed class LoadStatistics
{
    /// <summary>Files read as articles (a file split into parts counts once).</summary>
    public int Documents { get; internal set; }

    /// <summary>Parts handed on; equals <see cref="Documents"/> unless large files were split.</summary>
    public int Parts { get; internal set; }

    /// <summary>Bad documents and unreadable folders left out under <see cref="BadDocumentPolicy.Skip"/>.</summary>
    public int Skipped { get; internal set; }

    /// <summary>Files not considered because of their extension or because they are hidden.</summary>
    public int Ignored { get; internal set; }

    /// <summary>Bytes of the files read.</summary>
    public long Bytes { get; internal set; }

    /// <summary>Documents whose published date is known.</summary>
    public int Dated { get; internal set; }

    /// <summary>Files not read because <see cref="FileDocumentSourceOptions.Reuse"/> kept their earlier analysis.</summary>
    public int Reused { get; internal set; }

    internal void Reset()
    {
        Documents = Parts = Skipped = Ignored = Dated = Reused = 0;
        Bytes = 0;
    }
}
