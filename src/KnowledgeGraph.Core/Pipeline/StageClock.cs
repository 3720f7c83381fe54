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

    /// <summary>Adds the time since <paramref name="since"/> (a <see cref="Stopwatch.GetTimestamp"/>) to a stage; returns now.</summary>
    public long Add(AnalysisStage stage, long since)
    {
        var now = Stopwatch.GetTimestamp();
        Interlocked.Add(ref _ticks[(int)stage], now - since);
        return now;
    }

    /// <summary>Seconds spent in a stage.</summary>
    public double Seconds(AnalysisStage stage) => Interlocked.Read(ref _ticks[(int)stage]) / (double)Stopwatch.Frequency;
}
