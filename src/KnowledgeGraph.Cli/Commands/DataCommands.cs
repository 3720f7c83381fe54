using System.CommandLine;
using KnowledgeGraph.Cli.Console;
using KnowledgeGraph.Core.Errors;
using KnowledgeGraph.Core.Stages.Loading;
using KnowledgeGraph.Core.Stages.Relations;
using KnowledgeGraph.Core.Stages.Tagging;

namespace KnowledgeGraph.Cli.Commands;

/// <summary><c>kg check</c> and <c>kg rules</c>: the data files, without building.</summary>
internal static class DataCommands
{
    public static Command Check()
    {
        var data = CommonOptions.Data();
        var command = new Command("check", "Validate the gazetteer, lexicon and rule files without building; every problem is reported as file:line.\n\nExamples:\n  kg check\n  kg check --data my-data") { data };
        command.SetAction(parse =>
        {
            var dir = CommonOptions.ResolveData(parse.GetValue(data));
            // Every loader runs even when an earlier one fails, so one kg check lists the problems of all data files.
            var problems = new List<string>();
            T? Try<T>(Func<T> load)
                where T : class
            {
                try
                {
                    return load();
                }
                catch (KnowledgeGraphException e) when (e.Kind == ErrorKind.Validation)
                {
                    problems.Add(e.Message);
                    return null;
                }
            }
            var gazetteer = Try(() => GazetteerLoader.Load(dir));
            var heads = Try(() => HeadLexicon.Load(dir));
            var rules = Try(() => RuleSet.Load(dir));
            var boilerplate = Path.Combine(dir, "lexicon", "boilerplate.csv");
            var bp = File.Exists(boilerplate) ? Try(() => BoilerplateRules.Load(boilerplate))?.Rules.Length ?? 0 : 0;
            if (problems.Count > 0)
                throw new KnowledgeGraphException(ErrorKind.Validation, string.Join('\n', problems));
            if (gazetteer is null || heads is null || rules is null)
                return ExitCodes.UsageError;
            var byKind = gazetteer.AllEntries.GroupBy(e => e.Kind).OrderBy(g => g.Key).Select(g => $"{g.Count():N0} {g.Key}");
            System.Console.Out.WriteLine($"{dir}: ok");
            System.Console.Out.WriteLine($"  gazetteer: {string.Join(", ", byKind)}; {gazetteer.Titles.Count:N0} title forms, {gazetteer.GivenNames.Count:N0} given names");
            System.Console.Out.WriteLine($"  lexicon: {heads.Suffixes.Count + heads.Prefixes.Count} head nouns, {bp} boilerplate rules");
            System.Console.Out.WriteLine($"  rules: {rules.Rules.Length} rules, {rules.PairPhrases.Length} pair phrases");
            return ExitCodes.Success;
        });
        return command;
    }

    public static Command Rules()
    {
        var data = CommonOptions.Data();
        var kind = new Option<string?>("--kind") { Description = "Only rules of this kind: role, member-of, met-with, attend, refer, visited, place, block" };
        var command = new Command("rules", "List the relation rules in force, with the file and line each comes from.\n\nExamples:\n  kg rules --kind met-with") { data, kind };
        command.SetAction(parse =>
        {
            var rules = RuleSet.Load(CommonOptions.ResolveData(parse.GetValue(data)));
            var k = parse.GetValue(kind);
            foreach (var r in rules.Rules.Where(r => k is null || RuleSet.KindName(r.Kind) == k))
                System.Console.Out.WriteLine($"{r.Source,-28} {r.Text}");
            return ExitCodes.Success;
        });
        return command;
    }
}
