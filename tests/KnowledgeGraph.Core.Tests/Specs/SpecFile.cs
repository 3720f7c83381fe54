using System.Globalization;
using KnowledgeGraph.Core.Tests.Support;

namespace KnowledgeGraph.Core.Tests.Specs;

/// <summary>One snippet of a spec file: its text, its article date and what the graph must (not) contain.</summary>
internal sealed record SpecCase(string File, string Title, string Text, DateOnly? Published, List<SpecExpectation> Expectations, string? KnownGap);

/// <summary>An expected (or forbidden) triple; fields are names, "-" for none, "*" for any.</summary>
internal sealed record SpecExpectation(bool Present, string Relation, string[] Fields, int Line);

/// <summary>
/// Reads <c>Specs/*.md</c>: each <c>## title</c> starts a case; an optional <c>published: YYYY-MM-DD</c>; the snippet in a
/// fenced <c>```text</c> block; then <c>expect: met-with A | B | place | date</c>, <c>expect: visited A | place | date</c>,
/// <c>expect: member-of member | organisation | role</c>, <c>expect-not: ...</c> for a triple that must be absent,
/// <c>expect-none: met-with</c> for no relationship of that type, and <c>known-gap: reason</c> to skip the case.
/// </summary>
internal static class SpecFile
{
    public static string Folder => Path.Combine(Repo.Root, "tests", "KnowledgeGraph.Core.Tests", "Specs");

    public static List<SpecCase> Read(string fileName)
    {
        var cases = new List<SpecCase>();
        var lines = File.ReadAllLines(Path.Combine(Folder, fileName));
        SpecCase? current = null;
        var inText = false;
        var text = new List<string>();
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i];
            if (inText)
            {
                if (line.StartsWith("```", StringComparison.Ordinal))
                {
                    inText = false;
                    current = current! with { Text = string.Join('\n', text) };
                    text.Clear();
                }
                else
                {
                    text.Add(line);
                }

                continue;
            }

            if (line.StartsWith("## ", StringComparison.Ordinal))
            {
                if (current is not null)
                    cases.Add(current);
                current = new SpecCase(fileName, line[3..].Trim(), "", null, [], null);
                continue;
            }

            if (current is null)
                continue;
            if (line.StartsWith("```text", StringComparison.Ordinal))
                inText = true;
            else if (TryValue(line, "published:", out var date))
                current = current with { Published = DateOnly.ParseExact(date, "yyyy-MM-dd", CultureInfo.InvariantCulture) };
            else if (TryValue(line, "known-gap:", out var gap))
                current = current with { KnownGap = gap };
            else if (TryValue(line, "expect-none:", out var none))
                current.Expectations.Add(new SpecExpectation(false, none, [], i + 1));
            else if (TryValue(line, "expect-not:", out var not))
                current.Expectations.Add(Triple(false, not, i + 1));
            else if (TryValue(line, "expect:", out var expect))
                current.Expectations.Add(Triple(true, expect, i + 1));
        }

        if (current is not null)
            cases.Add(current);
        return cases;
    }

    private static bool TryValue(string line, string key, out string value)
    {
        value = line.StartsWith(key, StringComparison.Ordinal) ? line[key.Length..].Trim() : "";
        return value.Length > 0;
    }

    private static SpecExpectation Triple(bool present, string text, int line)
    {
        var space = text.IndexOf(' ', StringComparison.Ordinal);
        var fields = text[(space + 1)..].Split('|', StringSplitOptions.TrimEntries);
        return new SpecExpectation(present, text[..space], fields, line);
    }
}
