using KnowledgeGraph.Core.Stages.Relations;
using KnowledgeGraph.Core.Tests.Support;

namespace KnowledgeGraph.Core.Tests.Relations;

public class RuleSetTests
{
    private static List<string> Problems(params string[] lines)
    {
        var problems = new List<string>();
        RuleSet.Parse(lines.Select((l, i) => ($"rules/test.rules:{i + 1}", l)), problems);
        return problems;
    }

    [Theory]
    [InlineData("meets {Person:a} met {Person:b}",
        "unknown rule kind 'meets' (expected role, member-of, met-with, attend, refer, visited, place, block, define)")]
    [InlineData("met-with {Persn:a} met {Person:b}",
        "unknown slot type 'Persn' (expected Country, Event, Location, Nation, Organization, Pair, Person, Place, Title)")]
    [InlineData("visited {Person:a} went home",
        "a visited rule needs slot(s) {…:p}")]
    [InlineData("met-with {Person:a} met someone",
        "a met-with rule needs slot(s) {…:b}")]
    [InlineData("member-of {Country:m} joined",
        "a member-of rule needs slot(s) {…:o}")]
    [InlineData("visited {Person:a} toured {Place:p} => visitor=a",
        "option 'visitor=a' does not fit a visited rule (options: visitor=<slot>, all and main for met-with, companion and trip for attend, away for visited, destination for place, name=<name> and priority=<number> for any)")]
    [InlineData("met-with {Person:a} hosted {Person:b} => visitor=c",
        "option 'visitor=c' does not fit a met-with rule (options: visitor=<slot>, all and main for met-with, companion and trip for attend, away for visited, destination for place, name=<name> and priority=<number> for any)")]
    [InlineData("met-with {Person:a} met {Person:b} => fast",
        "option 'fast' does not fit a met-with rule (options: visitor=<slot>, all and main for met-with, companion and trip for attend, away for visited, destination for place, name=<name> and priority=<number> for any)")]
    [InlineData("met-with {Person:a met {Person:b}",
        "malformed slot '{Person:a' (write {Type:name}, e.g. {Person:a})")]
    [InlineData("met-with {Person:} met {Person:b}",
        "slot '{Person:}' has no name (write {Person:a})")]
    [InlineData("met-with {Person:a} met {Person:b} and {Person:b}",
        "a slot name is used twice")]
    [InlineData("block place at",
        "'block' takes a relation (met-with, visited, member-of) and a pattern (block met-with phone)")]
    [InlineData("met-with {Person+:a} and {Person:b} met",
        "{…+:a} before 'and' and {…:b} never matches (the list takes b too); write {…:a} without the +")]
    [InlineData("define Couple the two men",
        "'define' takes a list name (Absent, Clause, Determiner, Excluded, FirstPerson, Former, ListWord, NextDay, Pair, Past, Pronoun, Qualifier, Reporting, SameDay, Separately, Spokesperson, Subordinate, Topic) and phrases separated by | (define Pair the two men | the pair)")]
    [InlineData("met-with {Person:a} $GREET {Person:b}",
        "unknown macro '$GREET' (define it above its first use: $GREET = word|word)")]
    [InlineData("$greet = hugged",
        "a macro is $NAME = words (capitals, digits and _ in the name; e.g. $MEET = met|meets|meet)")]
    public void Parse_MalformedRule_FileLineMessage(string rule, string message)
    {
        // Arrange / Act
        var problems = Problems("# a comment", "", rule);

        // Assert
        Assert.Equal(["rules/test.rules:3: " + message], problems);
    }

    [Fact]
    public void Parse_SeveralBadLines_ReportsEach()
    {
        // Arrange / Act
        var problems = Problems("meets x", "met-with {Person:a} met {Person:b}", "visited {Person:a} went");

        // Assert
        Assert.Equal(2, problems.Count);
        Assert.StartsWith("rules/test.rules:1: ", problems[0], StringComparison.Ordinal);
        Assert.StartsWith("rules/test.rules:3: ", problems[1], StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_ValidRule_ElementsAndOptions()
    {
        // Arrange
        var problems = new List<string>();

        // Act
        var set = RuleSet.Parse([("r:1", "met-with {Person:a} hosted|received {Person+:b} in? => visitor=b")], problems);

        // Assert
        Assert.Empty(problems);
        var rule = Assert.Single(set.Rules);
        Assert.Equal(RuleKind.MetWith, rule.Kind);
        Assert.Equal("b", rule.Options["visitor"]);
        Assert.Collection(rule.Elements,
            e => Assert.Equal(new SlotElement(SlotType.Person, "a", false), e),
            e => Assert.True(e is LiteralElement { Optional: false } l && l.Keys.SetEquals(["hosted", "received"])),
            e => Assert.Equal(new SlotElement(SlotType.Person, "b", true), e),
            e => Assert.True(e is LiteralElement { Optional: true } l && l.Keys.SetEquals(["in"])));
    }

    [Fact]
    public void Parse_PlaceAndNationSlots_ExpandToTheirTypes()
    {
        // Arrange
        var problems = new List<string>();

        // Act
        var set = RuleSet.Parse([("r:1", "role {Nation:o} {Title:r} {Person:m}"), ("r:2", "visited {Person:a} toured {Place:p}")], problems);

        // Assert
        Assert.Empty(problems);
        Assert.Equal(SlotType.Country | SlotType.Demonym, ((SlotElement)set.Rules[0].Elements[0]).Types);
        Assert.Equal(SlotType.Location | SlotType.Country, ((SlotElement)set.Rules[1].Elements[^1]).Types);
    }

    [Fact]
    public void Parse_DefinePair_AddsFoldedPhrases()
    {
        // Arrange
        var problems = new List<string>();

        // Act
        var set = RuleSet.Parse([("r:1", "define Pair the two men | Both Leaders")], problems);

        // Assert
        Assert.Empty(problems);
        Assert.Equal([["the", "two", "men"], ["both", "leaders"]], set.PairPhrases.Select(p => p.ToArray()));
    }

    [Fact]
    public void Parse_Macro_ExpandsWordsAndOptionalForm()
    {
        // Arrange: a macro used plainly and as optional ("$POSS?" makes each of its words optional).
        var problems = new List<string>();
        string[] lines = ["$MEET = met|meets", "$POSS = his|her", "met-with {Person:a} $MEET $POSS? {Person:b}"];

        // Act
        var set = RuleSet.Parse(lines.Select((l, i) => ($"r:{i + 1}", l)), problems);

        // Assert
        Assert.Empty(problems);
        var rule = Assert.Single(set.Rules);
        var meet = Assert.IsType<LiteralElement>(rule.Elements[1]);
        Assert.False(meet.Optional);
        Assert.Equal(["meets", "met"], meet.Keys.Order(StringComparer.Ordinal));
        var poss = Assert.IsType<LiteralElement>(rule.Elements[2]);
        Assert.True(poss.Optional);
        Assert.Equal(["her", "his"], poss.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Parse_AttendReferAndDefines_AreRecorded()
    {
        // Arrange
        var problems = new List<string>();
        string[] lines =
        [
            "attend {Person+:a} also attended",
            "refer during the talks",
            "define Separately separately | in turn",
            "define Absent on behalf of",
        ];

        // Act
        var set = RuleSet.Parse(lines.Select((l, i) => ($"r:{i + 1}", l)), problems);

        // Assert
        Assert.Empty(problems);
        Assert.Single(set.Of(RuleKind.Attend));
        Assert.True(((SlotElement)set.Of(RuleKind.Attend)[0].Elements[0]).List);
        Assert.Single(set.Of(RuleKind.Refer));
        Assert.Equal([["separately"], ["in", "turn"]], set.SeparatePhrases.Select(p => p.ToArray()));
        Assert.Equal([["on", "behalf", "of"]], set.AbsentPhrases.Select(p => p.ToArray()));
    }

    [Fact]
    public void Parse_BlockRule_RecordsBlockedRelation()
    {
        // Arrange
        var problems = new List<string>();

        // Act
        var set = RuleSet.Parse([("r:1", "block met-with phone|telephone call")], problems);

        // Assert
        var rule = Assert.Single(set.Rules);
        Assert.Equal(RuleKind.Block, rule.Kind);
        Assert.Equal(RuleKind.MetWith, rule.Blocks);
    }

    [Fact]
    public void Load_RealRules_AllFamiliesPresent()
    {
        // Arrange / Act
        var rules = RuleSet.Load(Repo.DataDirectory);

        // Assert
        foreach (var kind in Enum.GetValues<RuleKind>())
            Assert.Contains(rules.Rules, r => r.Kind == kind);
        Assert.All(rules.Rules, r => Assert.StartsWith("rules/relations.rules:", r.Source, StringComparison.Ordinal));
        Assert.Contains(rules.PairPhrases, p => p.SequenceEqual(["the", "two", "men"]));
    }
}
