using System.Collections.Immutable;

namespace KnowledgeGraph.Core.Stages.Relations;

/// <summary>
/// A rule's pattern compiled once, when the rule set is made: its elements as a flat array of plain steps (a kind code,
/// the literal's key numbers, the slot's types and name), and the test of its first element decided in advance. The
/// matcher walks these steps instead of switching on the element records and reading them through an
/// <see cref="ImmutableArray{T}"/> at every item of every sentence; what matches is the same (see
/// <c>CompiledPatternTests</c>, which runs both on hand-built sentences).
/// </summary>
internal sealed class CompiledPattern
{
    /// <summary>What a step is.</summary>
    internal enum StepKind : byte
    {
        /// <summary>A word (<see cref="LiteralElement"/>).</summary>
        Literal,
        /// <summary>Items passed over (<see cref="SkipElement"/>).</summary>
        Skip,
        /// <summary>An entity slot (<see cref="SlotElement"/>).</summary>
        Slot,
        /// <summary>An element of no known kind: matches nothing.</summary>
        Never,
    }

    /// <summary>How the first step is tested at a start position.</summary>
    internal enum StartKind : byte
    {
        /// <summary>A required word: the item must be a word with one of <see cref="StartIds"/>.</summary>
        Word,
        /// <summary>A slot without the pair: the item must fit <see cref="StartTypes"/>.</summary>
        Fit,
        /// <summary>Anything may start it (an optional word, a skip, the pair).</summary>
        Any,
    }

    /// <summary>One element of the pattern.</summary>
    internal readonly struct Step
    {
        public StepKind Kind { get; init; }
        /// <summary>Literal: the accepted keys' numbers.</summary>
        public int[] Ids { get; init; }
        /// <summary>Literal: may be absent.</summary>
        public bool Optional { get; init; }
        /// <summary>Slot: the accepted types.</summary>
        public SlotType Types { get; init; }
        /// <summary>Slot: the types include the pair.</summary>
        public bool Pair { get; init; }
        /// <summary>Slot: its name.</summary>
        public string Name { get; init; }
        /// <summary>Slot: a list.</summary>
        public bool List { get; init; }
        /// <summary>Skip: most items passed over.</summary>
        public int Max { get; init; }
        /// <summary>Skip: may pass over people.</summary>
        public bool OverPeople { get; init; }

        /// <summary>Literal: true when a word with these key numbers is one of the keys (<see cref="LiteralElement.Matches"/>).</summary>
        public bool Matches(int keyId, int tokenKeyId)
        {
            foreach (var id in Ids)
            {
                if (id == keyId || id == tokenKeyId)
                    return true;
            }
            return false;
        }
    }

    private CompiledPattern(Step[] steps)
    {
        Steps = steps;
        var first = steps.Length > 0 ? steps[0] : default;
        (Start, StartIds, StartTypes) = steps.Length == 0 ? (StartKind.Any, [], SlotType.None) : first.Kind switch
        {
            StepKind.Literal when !first.Optional => (StartKind.Word, first.Ids, SlotType.None),
            StepKind.Slot when !first.Pair => (StartKind.Fit, [], first.Types),
            _ => (StartKind.Any, Array.Empty<int>(), SlotType.None),
        };
    }

    /// <summary>The steps, in pattern order.</summary>
    public Step[] Steps { get; }

    /// <summary>How the first step is tested.</summary>
    public StartKind Start { get; }

    /// <summary>For <see cref="StartKind.Word"/>: the first word's key numbers.</summary>
    public int[] StartIds { get; }

    /// <summary>For <see cref="StartKind.Fit"/>: the first slot's types.</summary>
    public SlotType StartTypes { get; }

    /// <summary>Compiles a pattern.</summary>
    public static CompiledPattern Of(ImmutableArray<PatternElement> elements)
    {
        var steps = new Step[elements.Length];
        for (var e = 0; e < elements.Length; e++)
        {
            steps[e] = elements[e] switch
            {
                LiteralElement lit => new Step { Kind = StepKind.Literal, Ids = lit.Ids, Optional = lit.Optional, Name = "" },
                SkipElement skip => new Step { Kind = StepKind.Skip, Ids = [], Max = skip.Max, OverPeople = skip.OverPeople, Name = "" },
                SlotElement slot => new Step { Kind = StepKind.Slot, Ids = [], Types = slot.Types, Pair = slot.Types.HasFlag(SlotType.Pair), Name = slot.Name, List = slot.List },
                _ => new Step { Kind = StepKind.Never, Ids = [], Name = "" },
            };
        }
        return new CompiledPattern(steps);
    }
}
