using KnowledgeGraph.Core.Stages.Relations;

namespace KnowledgeGraph.Core.Tests.Support;

/// <summary>Rule sets written in a test, one rule or define per line, parsed without problems.</summary>
internal static class TestRules
{
    /// <summary>Parses the lines (sources <c>t:1</c>, <c>t:2</c>, …) and asserts that nothing was wrong with them.</summary>
    public static RuleSet Rules(params string[] lines)
    {
        var problems = new List<string>();
        var set = RuleSet.Parse(lines.Select((l, i) => ($"t:{i + 1}", l)), problems);
        Assert.Empty(problems);
        return set;
    }
}
