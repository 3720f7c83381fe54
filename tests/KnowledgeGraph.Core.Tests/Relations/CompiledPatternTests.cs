using KnowledgeGraph.Core.Entities;
using KnowledgeGraph.Core.Stages.Relations;
using KnowledgeGraph.Core.Stages.Tagging;
using KnowledgeGraph.Core.Text;
using static KnowledgeGraph.Core.Tests.Support.TestRules;

namespace KnowledgeGraph.Core.Tests.Relations;

/// <summary>
/// The compiled form of the rules (<see cref="CompiledPattern"/>) and the items' slot masks (<see cref="Item.Fit"/>)
/// against what they replace: the element records and the slot test by kind.
/// </summary>
public sealed class CompiledPatternTests
{
    private static Mention MentionOf(int at, EntityKind kind, string? id, MentionSource source = MentionSource.Gazetteer, bool demonym = false, TitleEntry? title = null) => new()
    {
        TokenStart = at,
        TokenEnd = at + 1,
        Start = 0,
        Surface = "x",
        Kind = kind,
        Source = source,
        EntityId = id,
        IsDemonym = demonym,
        Title = title,
    };

    /// <summary>One item of every kind the matcher meets: people, titles, a title standing for a person, places, words.</summary>
    private static List<Item> EveryKindOfItem()
    {
        var text = "w0 w1 w2 w3 w4 w5 w6 w7 w8 w9 w10 w11 w12 w13";
        var tokens = Tokenizer.Tokenize(text, 0);
        var minister = new TitleEntry("Foreign Minister", "minister");
        var mentions = new List<Mention>
        {
            MentionOf(0, EntityKind.Person, "p:a"),
            MentionOf(1, EntityKind.Person, "p:b", MentionSource.TitleOnly, title: minister),
            MentionOf(2, EntityKind.Person, null, MentionSource.TitleOnly, title: minister),
            MentionOf(3, EntityKind.Organization, "org:x"),
            MentionOf(4, EntityKind.Country, "country:x"),
            MentionOf(5, EntityKind.Country, "country:y", demonym: true),
            MentionOf(6, EntityKind.Location, "loc:x"),
            MentionOf(7, EntityKind.Event, "event:x"),
            MentionOf(8, EntityKind.Organization, null),
            MentionOf(9, EntityKind.Person, "p:c", demonym: true),
        };
        var titles = new List<TitleMention> { new(10, 11, minister, "w10") };
        var ts = new TaggedSentence(new Sentence(0, 0, text, tokens, false), mentions, titles);
        var items = Item.Build(ts, k => k);
        items.Add(Item.Chunk(0, 2, "p:d"));
        items.Add(Item.Group(0, 2, ["p:e", "p:f"]));
        return items;
    }

    [Fact]
    public void Fit_ForEveryItemAndEverySlotType_AgreesWithTheTestByKind()
    {
        // Arrange
        var items = EveryKindOfItem();

        // Act and assert: every combination of the eight slot flags.
        Assert.True(items.Count >= 14);
        foreach (var item in items)
        {
            for (var types = 0; types < 256; types++)
                Assert.Equal(RelationExtractor.FitsByKind(item, (SlotType)types), (item.Fit & (SlotType)types) != 0);
        }
    }

    [Fact]
    public void Of_EveryElementKind_StepsInPatternOrder()
    {
        // Arrange
        var rule = Rules("define Pair the two", "met-with {Person+:a} ...4 met|meets with? {Person|Pair:b}").Rules[0];

        // Act
        var pattern = CompiledPattern.Of(rule.Elements);

        // Assert
        Assert.Equal(rule.Elements.Length, pattern.Steps.Length);
        for (var e = 0; e < rule.Elements.Length; e++)
        {
            var step = pattern.Steps[e];
            switch (rule.Elements[e])
            {
                case LiteralElement lit:
                    Assert.Equal(CompiledPattern.StepKind.Literal, step.Kind);
                    Assert.Equal(lit.Optional, step.Optional);
                    Assert.Equal(lit.Keys.Select(TokenKeys.IdOf).Order(), step.Ids.Order());
                    break;
                case SkipElement skip:
                    Assert.Equal(CompiledPattern.StepKind.Skip, step.Kind);
                    Assert.Equal((skip.Max, skip.OverPeople), (step.Max, step.OverPeople));
                    break;
                case SlotElement slot:
                    Assert.Equal(CompiledPattern.StepKind.Slot, step.Kind);
                    Assert.Equal((slot.Types, slot.Name, slot.List, slot.Types.HasFlag(SlotType.Pair)), (step.Types, step.Name, step.List, step.Pair));
                    break;
            }
        }
    }

    [Theory]
    [InlineData("met-with {Person+:a} met {Person:b}", "Fit")]
    [InlineData("met-with met with {Person:a} and {Person:b}", "Word")]
    [InlineData("met-with the? talks with {Person:a} and {Person:b}", "Any")]
    [InlineData("met-with {Pair:a} met", "Any")]
    [InlineData("met-with ... met {Person:a} and {Person:b}", "Any")]
    public void Of_FirstElement_DecidesTheStartTest(string line, string start)
    {
        // Arrange
        var expected = Enum.Parse<CompiledPattern.StartKind>(start);
        var rule = Rules("define Pair the two", line).Rules[0];

        // Act
        var pattern = CompiledPattern.Of(rule.Elements);

        // Assert
        Assert.Equal(expected, pattern.Start);
        if (expected == CompiledPattern.StartKind.Word)
            Assert.Equal(((LiteralElement)rule.Elements[0]).Keys.Select(TokenKeys.IdOf).Order(), pattern.StartIds.Order());
        if (expected == CompiledPattern.StartKind.Fit)
            Assert.Equal(((SlotElement)rule.Elements[0]).Types, pattern.StartTypes);
    }

    [Fact]
    public void PatternOf_ARuleOfTheSet_IsCompiledOnce()
    {
        // Arrange
        var rules = Rules("met-with {Person+:a} met {Person:b}", "visited {Person:a} visited {Place:p}");

        // Act and assert: the same object each time for the set's rules; a rule of another set is compiled on demand.
        Assert.Same(rules.PatternOf(rules.Rules[0]), rules.PatternOf(rules.Rules[0]));
        Assert.Same(rules.PatternOf(rules.Rules[1]), rules.PatternOf(rules.Rules[1]));
        var other = Rules("met-with {Person+:a} met {Person:b}").Rules[0];
        Assert.Equal(CompiledPattern.StartKind.Fit, rules.PatternOf(other).Start);
    }
}
