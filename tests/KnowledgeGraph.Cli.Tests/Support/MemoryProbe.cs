namespace KnowledgeGraph.Cli.Tests.Support;

/// <summary>
/// Samples the managed heap while a run is going on and keeps the peak above the starting point. Samples are taken
/// without forcing a collection, so the figure includes garbage not yet collected: an upper bound, good for "stays far
/// below the input size" assertions, not for fine comparisons.
/// </summary>
internal sealed class MemoryProbe : IDisposable
{
    private readonly long _baseline;
    private readonly Timer _timer;
    private long _peak;

    public MemoryProbe()
    {
        _baseline = GC.GetTotalMemory(forceFullCollection: true);
        _peak = _baseline;
        _timer = new Timer(_ => Sample(), null, 0, 20);
    }

    /// <summary>Peak managed heap above the baseline, in MB.</summary>
    public double PeakMegabytes
    {
        get
        {
            Sample();
            return (Interlocked.Read(ref _peak) - _baseline) / 1048576.0;
        }
    }

    public void Dispose() => _timer.Dispose();

    private void Sample()
    {
        var now = GC.GetTotalMemory(forceFullCollection: false);
        long seen;
        while (now > (seen = Interlocked.Read(ref _peak)) && Interlocked.CompareExchange(ref _peak, now, seen) != seen)
        {
        }
    }
}
