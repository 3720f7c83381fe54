namespace KnowledgeGraph.Core.Pipeline;

/// <summary>
/// A full, compacting collection (the large-object heap too) between the steps of a build: what the step before held
/// (the analyses read back, the assembly's state, the graph before the layout) is garbage in the oldest generation, which
/// the collections the next step's own allocations cause would not reach in time. Given back first, the peak is the live
/// data and one step's garbage, not that plus the last step's.
/// </summary>
public static class HeapCompaction
{
    /// <summary>Collects and compacts every generation now, blocking.</summary>
    public static void Collect()
    {
        System.Runtime.GCSettings.LargeObjectHeapCompactionMode = System.Runtime.GCLargeObjectHeapCompactionMode.CompactOnce;
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
    }
}
