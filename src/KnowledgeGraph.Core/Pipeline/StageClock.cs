using System.Diagnostics;

namespace KnowledgeGraph.Core.Pipeline;

/// <summary>The stages of the per-document analysis, as the benchmark reports their shares.</summary>
internal enum AnalysisStage
{
    Sentences,
    Tagging,
    Resolution,
    Dates,
    Relations,
    Collect,
}

/// <summary>
/// Thread time spent in each analysis stage, summed over all documents (for the benchmark's stage shares; the build
/// itself never keeps one). Safe to share between workers.
/// </summary>
internal sealed class StageClock
{
    private readonly long[] _ticks = new long[Enum.GetValues<AnalysisStage>().Length];
    private readonly long[] _bytes = new long[Enum.GetValues<AnalysisStage>().Length];

    // The thread's allocation count at its last mark (the bytes of a stage are those allocated since).
    [ThreadStatic]
    private static long _allocatedMark;

    /// <summary>Marks the start of a document's first stage; returns now (a <see cref="Stopwatch.GetTimestamp"/>).</summary>
    public static long Start()
    {
        _allocatedMark = GC.GetAllocatedBytesForCurrentThread();
        return Stopwatch.GetTimestamp();
    }

    /// <summary>
    /// Adds the time since <paramref name="since"/> (a <see cref="Stopwatch.GetTimestamp"/>) to a stage, and the bytes the
    /// thread allocated since its last mark; returns now.
    /// </summary>
    public long Add(AnalysisStage stage, long since)
    {
        var allocated = GC.GetAllocatedBytesForCurrentThread();
        Interlocked.Add(ref _bytes[(int)stage], allocated - _allocatedMark);
        _allocatedMark = allocated;
        var now = Stopwatch.GetTimestamp();
        Interlocked.Add(ref _ticks[(int)stage], now - since);
        return now;
    }

    /// <summary>Adds the bytes the thread allocated since its last mark to a stage, without its time (a stage inside another).</summary>
    public void AddBytes(AnalysisStage stage)
    {
        var allocated = GC.GetAllocatedBytesForCurrentThread();
        Interlocked.Add(ref _bytes[(int)stage], allocated - _allocatedMark);
        _allocatedMark = allocated;
    }

    /// <summary>Bytes allocated in a stage (by the threads that marked it; the relation stage's without its dates).</summary>
    public long Bytes(AnalysisStage stage) => Interlocked.Read(ref _bytes[(int)stage]);

    /// <summary>Seconds spent in a stage.</summary>
    public double Seconds(AnalysisStage stage) => Interlocked.Read(ref _ticks[(int)stage]) / (double)Stopwatch.Frequency;
}
