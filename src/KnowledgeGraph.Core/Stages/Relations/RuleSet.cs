using System.Collections.Frozen;
using System.Collections.Immutable;
using KnowledgeGraph.Core.Errors;
using KnowledgeGraph.Core.Text;

namespace KnowledgeGraph.Core.Stages.Relations;

/// <summary>What a rule produces.</summary>
public enum RuleKind
{
    /// <summary>A role phrase: member-of, and the phrase becomes one person.</summary>
    Role,
    /// <summary>Membership.</summary>
    MemberOf,
    /// <summary>A meeting.</summary>
    MetWith,
    /// <summary>A visit.</summary>
    Visited,
    /// <summary>Where a meeting happened.</summary>
    Place,
    /// <summary>A sentence that yields no relation of a kind.</summary>
    Block,
    /// <summary>People who joined a meeting ("also attended", "accompanied by", "the delegation included").</summary>
    Attend,
    /// <summary>A sentence that points back at an occasion already reported ("the meeting", "during the talks").</summary>
    Refer,
}

/// <summary>Slot types of a pattern.</summary>
[Flags]
public enum SlotType
{
    /// <summary>None.</summary>
    None = 0,
    /// <summary>A person (or a role phrase, or a title standing for a person).</summary>
    Person = 1,
    /// <summary>An organisation.</summary>
    Organization = 2,
    /// <summary>A country (its name, not its adjective).</summary>
    Country = 4,
    /// <summary>A city, region or venue.</summary>
    Location = 8,
    /// <summary>A named event.</summary>
    Event = 16,
    /// <summary>A country's adjective ("Turkish").</summary>
    Demonym = 32,
    /// <summary>A title.</summary>
    Title = 64,
    /// <summary>The two people of the article ("the two men").</summary>
    Pair = 128,
}

/// <summary>One element of a pattern.</summary>
public abstract record PatternElement;

/// <summary>A literal word or punctuation: any of <see cref="Keys"/> (folded).</summary>
/// <param name="Keys">Accepted folded keys.</param>
/// <param name="Optional">May be absent.</param>
public sealed record LiteralElement(FrozenSet<string> Keys, bool Optional) : PatternElement
{
    // The keys' numbers (TokenKeys), registered when the rule is parsed: the matcher compares a word's number with these
    // few integers instead of hashing its key into the set.
    private readonly int[] _ids = [.. Keys.Select(TokenKeys.Intern)];

    /// <summary>The keys' numbers (<see cref="TokenKeys"/>), for the compiled matcher (<see cref="CompiledPattern"/>); not to be written.</summary>
    internal int[] Ids => _ids;

    /// <summary>
    /// True when a word with these key numbers (its normalised key's and its own, see <see cref="TokenKeys"/>; -1 for a
    /// key no table holds) is one of <see cref="Keys"/>: what <c>Keys.Contains(key) || Keys.Contains(tokenKey)</c> says.
    /// </summary>
    public bool Matches(int keyId, int tokenKeyId)
    {
        foreach (var id in _ids)
        {
            if (id == keyId || id == tokenKeyId)
                return true;
        }
        return false;
    }

    /// <summary>Equal when the keys (the same set) and the optionality are: the key numbers follow from the keys.</summary>
    public bool Equals(LiteralElement? other) => other is not null && EqualityComparer<FrozenSet<string>>.Default.Equals(Keys, other.Keys) && Optional == other.Optional;

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Keys, Optional);
}

/// <summary>An entity slot.</summary>
/// <param name="Types">Accepted types.</param>
/// <param name="Name">Slot name (a, b, m, o, r, p).</param>
/// <param name="List">Accepts a list joined by commas and "and".</param>
public sealed record SlotElement(SlotType Types, string Name, bool List) : PatternElement;

/// <summary>Skip items up to the next element: at most <see cref="Max"/> of them, and over a person only when <see cref="OverPeople"/>.</summary>
/// <param name="Max">Most items skipped.</param>
/// <param name="OverPeople">May skip people too.</param>
public sealed record SkipElement(int Max, bool OverPeople) : PatternElement;

/// <summary>A parsed rule.</summary>
/// <param name="Kind">What it produces.</param>
/// <param name="Elements">The pattern.</param>
/// <param name="Options">Options after =>.</param>
/// <param name="Source">file:line.</param>
/// <param name="Text">The rule as written.</param>
/// <param name="Blocks">For <see cref="RuleKind.Block"/>: the relation it blocks.</param>
public sealed record RelationRule(RuleKind Kind, ImmutableArray<PatternElement> Elements, FrozenDictionary<string, string> Options, string Source, string Text, RuleKind? Blocks = null)
{
    /// <summary>The slot names this rule binds.</summary>
    public IEnumerable<string> SlotNames => Elements.OfType<SlotElement>().Select(s => s.Name);

    /// <summary>
    /// The words of each required literal, fewest alternatives first: a sentence that lacks every word of any one of
    /// them cannot match, so the rule is skipped for it (empty when the rule has no required literal). Checking all of
    /// them, not only the first, keeps a rule that starts with "," from being tried on nearly every sentence.
    /// </summary>
    public ImmutableArray<string[]> Anchors { get; } =
        [.. Elements.OfType<LiteralElement>().Where(l => !l.Optional).Select(l => l.Keys.ToArray()).OrderBy(k => k.Length)];

    /// <summary>The rule's name (<c>=&gt; name=hosted</c>), or null.</summary>
    public string? Name => Options.GetValueOrDefault("name");

    /// <summary>Rules of a kind are tried in descending priority (<c>=&gt; priority=5</c>, default 0), file order among equals.</summary>
    public int Priority => Options.TryGetValue("priority", out var p) && int.TryParse(p, System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out var n) ? n : 0;
}

/// <summary>
/// The relation rules of <c>rules/*.rules</c>, parsed. See the header of <c>data/rules/relations.rules</c> for the syntax.
/// </summary>
public sealed class RuleSet
{
    private static readonly FrozenDictionary<string, SlotType> SlotTypes = new Dictionary<string, SlotType>(StringComparer.Ordinal)
    {
        ["Person"] = SlotType.Person,
        ["Organization"] = SlotType.Organization,
        ["Country"] = SlotType.Country,
        ["Location"] = SlotType.Location,
        ["Event"] = SlotType.Event,
        ["Place"] = SlotType.Location | SlotType.Country,
        ["Nation"] = SlotType.Country | SlotType.Demonym,
        ["Title"] = SlotType.Title,
        ["Pair"] = SlotType.Pair,
    }.ToFrozenDictionary(StringComparer.Ordinal);

    private static readonly FrozenDictionary<RuleKind, string[]> RequiredSlots = new Dictionary<RuleKind, string[]>
    {
        [RuleKind.Role] = ["m", "r"],
        [RuleKind.MemberOf] = ["m", "o"],
        [RuleKind.MetWith] = [],
        [RuleKind.Visited] = ["a", "p"],
        [RuleKind.Place] = ["p"],
        [RuleKind.Block] = [],
        [RuleKind.Attend] = [],
        [RuleKind.Refer] = [],
    }.ToFrozenDictionary();

    private readonly FrozenDictionary<RuleKind, ImmutableArray<RelationRule>> _byKind;

    /// <summary>The word lists a rules file defines with <c>define NAME phrase | phrase</c>, and what each is for.</summary>
    public static FrozenDictionary<string, string> PhraseLists { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["Pair"] = "phrases that stand for the article's two people (\"the two men\")",
        ["Separately"] = "words that make \"A met B and C\" two meetings (A with B, A with C)",
        ["Absent"] = "words after which a person named is not at the table (\"representing President X\")",
        ["SameDay"] = "phrases that set an occasion on the day the story had reached (\"later that day\"), and at its place",
        ["NextDay"] = "phrases that set an occasion on the day after the one the story had reached (\"the following day\")",
        ["Spouse"] = "relational titles of a spouse (\"his wife\"): \"X and his wife, Y\" puts Y on X's trip",
        ["Past"] = "words that tell of an earlier occasion: the article's date and dateline do not apply",
        ["ListWord"] = "words that may stand between the members of a list (\"A, B and also C\")",
        ["Clause"] = "words that end a description between list members: a clause, not an appositive (\"who\", \"said\")",
        ["Former"] = "words before a title that make it a past role (\"former President X\")",
        ["Pronoun"] = "pronouns that stand for the sentence's subject (\"he\", \"she\")",
        ["Topic"] = "nouns after which \"in X\" is what was talked about, not where (\"the war in Ukraine\")",
        ["Determiner"] = "words that open a short description before a list member (\"as well as the presidency's communications director, X\")",
        ["Qualifier"] = "words that tie a list member to the body or country it is of (\"A of the Senate and B\")",
        ["Reporting"] = "verbs that report what someone else did (\"the spokesperson stated that X met Y\"): the reporter is not at the table",
        ["Spokesperson"] = "nouns of those who speak for someone (\"spokesman\"): one named after such a noun who reports (\"Orban's spokesman, Zoltan Kovacs, said the meeting ...\") is not at the table",
        ["Subordinate"] = "words that open a clause in which a past word (\"had\") does not make the sentence an earlier occasion (\", who had travelled to Beijing\", \", after they had landed\")",
        ["Excluded"] = "phrases after which the people the clause names were left out (\"a courtesy also extended to Biden, but not to earlier visitors such as X\")",
        ["FirstPerson"] = "the author's pronoun in a first-person readout, outside quotation marks (\"I\"), as written",
    }.ToFrozenDictionary(StringComparer.Ordinal);

    private RuleSet(ImmutableArray<RelationRule> rules, Dictionary<string, List<ImmutableArray<string>>> phrases, Dictionary<string, string> defineSources)
    {
        Rules = rules;
        ImmutableArray<ImmutableArray<string>> Get(string name) => phrases.TryGetValue(name, out var list) ? [.. list] : [];
        // Longest first, so that "the two men" is taken whole before "the two".
        PairPhrases = [.. Get("Pair").OrderByDescending(p => p.Length)];
        SeparatePhrases = Get("Separately");
        AbsentPhrases = Get("Absent");
        ExcludedPhrases = Get("Excluded");
        PastPhrases = Get("Past");
        SameDayPhrases = Get("SameDay");
        SpouseWords = Get("Spouse").Where(p => p.Length == 1).Select(p => p[0]).ToFrozenSet(StringComparer.Ordinal);
        SpouseSource = defineSources.GetValueOrDefault("Spouse");
        NextDayPhrases = Get("NextDay");
        // Without a ListWord list, a list is joined by commas and "and".
        ListWords = (phrases.ContainsKey("ListWord") ? Get("ListWord") : [[","], ["and"]]).Where(p => p.Length == 1).Select(p => p[0]).ToFrozenSet(StringComparer.Ordinal);
        ClauseWords = Get("Clause").Where(p => p.Length == 1).Select(p => p[0]).ToFrozenSet(StringComparer.Ordinal);
        FormerWords = Get("Former").Where(p => p.Length == 1).Select(p => p[0]).ToFrozenSet(StringComparer.Ordinal);
        TopicWords = Get("Topic").Where(p => p.Length == 1).Select(p => p[0]).ToFrozenSet(StringComparer.Ordinal);
        TopicPhrases = [.. Get("Topic").Where(p => p.Length > 1)];
        ReportingWords = Get("Reporting").Where(p => p.Length == 1).Select(p => p[0]).ToFrozenSet(StringComparer.Ordinal);
        SpokespersonWords = Get("Spokesperson").Where(p => p.Length == 1).Select(p => p[0]).ToFrozenSet(StringComparer.Ordinal);
        // Without a Subordinate list, the relative pronouns.
        SubordinateWords = (phrases.ContainsKey("Subordinate") ? Get("Subordinate") : [["who"], ["whom"], ["which"]]).Where(p => p.Length == 1).Select(p => p[0]).ToFrozenSet(StringComparer.Ordinal);
        QualifierWords = Get("Qualifier").Where(p => p.Length == 1).Select(p => p[0]).ToFrozenSet(StringComparer.Ordinal);
        DeterminerWords = Get("Determiner").Where(p => p.Length == 1).Select(p => p[0]).ToFrozenSet(StringComparer.Ordinal);
        Pronouns = Get("Pronoun").Where(p => p.Length == 1).Select(p => p[0]).ToFrozenSet(StringComparer.Ordinal);
        FirstPerson = phrases.TryGetValue("FirstPerson", out var first) ? [.. first.Where(p => p.Length == 1).Select(p => p[0])] : [];
        // Every word a sentence is asked for: the required literals' words and the phrase lists' first words.
        Vocabulary = new RuleVocabulary(rules.SelectMany(r => r.Anchors.SelectMany(a => a))
            .Concat(new[] { PairPhrases, SeparatePhrases, AbsentPhrases, ExcludedPhrases, PastPhrases }.SelectMany(list => list.Where(p => p.Length > 0).Select(p => p[0]))), rules);
        // Higher priority first; file order among equals.
        _byKind = Enum.GetValues<RuleKind>().ToFrozenDictionary(k => k, k => rules.Where(r => r.Kind == k).OrderByDescending(r => r.Priority).ToImmutableArray());
        // Each kind's rules as numbers of the vocabulary, in the same order: a sentence's allowed rules are bits.
        _numbersByKind = [.. Enum.GetValues<RuleKind>().Select(k => _byKind[k].Select(Vocabulary.NumberOf).ToArray())];
        // Each rule's pattern compiled once, by the same numbers.
        _patterns = new CompiledPattern?[Vocabulary.RuleSlots];
        foreach (var rule in rules)
        {
            if (Vocabulary.NumberOf(rule) is var number and >= 0)
                _patterns[number] ??= CompiledPattern.Of(rule.Elements);
        }
    }

    private readonly CompiledPattern?[] _patterns;

    /// <summary>The rule's compiled pattern (compiled now for a rule not of this set).</summary>
    internal CompiledPattern PatternOf(RelationRule rule) =>
        Vocabulary.NumberOf(rule) is var number and >= 0 && _patterns[number] is { } pattern ? pattern : CompiledPattern.Of(rule.Elements);

    /// <summary>All rules in file order.</summary>
    public ImmutableArray<RelationRule> Rules { get; }

    /// <summary>Phrases (folded token keys) that stand for the article's two people.</summary>
    public ImmutableArray<ImmutableArray<string>> PairPhrases { get; }

    /// <summary>Phrases (folded token keys) that make a meeting with several guests several meetings ("met separately with A and B").</summary>
    public ImmutableArray<ImmutableArray<string>> SeparatePhrases { get; }

    /// <summary>Phrases (folded token keys) after which a person is named but not present ("representing President X").</summary>
    public ImmutableArray<ImmutableArray<string>> AbsentPhrases { get; }

    /// <summary>Phrases after which the people of the clause were left out ("but not", "except").</summary>
    public ImmutableArray<ImmutableArray<string>> ExcludedPhrases { get; }

    /// <summary>Phrases (folded token keys) that tell of an earlier occasion ("had met", "the last time").</summary>
    public ImmutableArray<ImmutableArray<string>> PastPhrases { get; }

    /// <summary>Relational titles of a spouse, folded ("wife", "husband"): "X and his wife, Y" puts Y on X's trip.</summary>
    public FrozenSet<string> SpouseWords { get; }

    /// <summary>Where the Spouse list is defined (<c>rules/relations.rules:80</c>), for the provenance of what it finds.</summary>
    public string? SpouseSource { get; }

    /// <summary>Phrases that set an occasion on the day the story had reached ("later that day", "that evening").</summary>
    public ImmutableArray<ImmutableArray<string>> SameDayPhrases { get; }

    /// <summary>Phrases that set an occasion on the day after the one the story had reached ("the following day").</summary>
    public ImmutableArray<ImmutableArray<string>> NextDayPhrases { get; }

    /// <summary>Words that may stand between the members of a list slot.</summary>
    public FrozenSet<string> ListWords { get; }

    /// <summary>Words that show a clause, not an appositive, between the members of a list.</summary>
    public FrozenSet<string> ClauseWords { get; }

    /// <summary>Words before a role phrase that make it a past role.</summary>
    public FrozenSet<string> FormerWords { get; }

    /// <summary>Nouns of a topic: a place right after one of them and its preposition is not where a meeting was.</summary>
    /// <summary>Verbs that report what someone else did ("stated that"): the reporter is not at the table.</summary>
    public FrozenSet<string> ReportingWords { get; }

    /// <summary>Nouns of those who speak for someone (the Spokesperson list).</summary>
    public FrozenSet<string> SpokespersonWords { get; }

    /// <summary>Words that open a clause whose past tense is not the sentence's (the Subordinate list).</summary>
    public FrozenSet<string> SubordinateWords { get; }

    /// <summary>Words that tie a list member to the body or country it is of ("A of the Senate and B").</summary>
    public FrozenSet<string> QualifierWords { get; }

    /// <summary>Words that open a short description before a list member ("the presidency's [director, X]").</summary>
    public FrozenSet<string> DeterminerWords { get; }

    public FrozenSet<string> TopicWords { get; }

    /// <summary>
    /// The Topic list's phrases of several words, matched as the words right before the preposition ("since taking office
    /// at the Commission": a career, not a venue).
    /// </summary>
    public ImmutableArray<ImmutableArray<string>> TopicPhrases { get; }

    /// <summary>The author's pronoun in a first-person readout ("I"; folded keys, matched only when written with a capital).</summary>
    public ImmutableArray<string> FirstPerson { get; }

    /// <summary>Pronouns that stand for the sentence's subject.</summary>
    public FrozenSet<string> Pronouns { get; }

    /// <summary>The words the rules and phrase lists require, numbered: a sentence is checked against them once.</summary>
    internal RuleVocabulary Vocabulary { get; }

    /// <summary>Rules of one kind, in file order.</summary>
    public ImmutableArray<RelationRule> Of(RuleKind kind) => _byKind[kind];

    /// <summary>The vocabulary numbers of <see cref="Of"/>'s rules, in its order (see <see cref="RuleVocabulary.NumberOf"/>).</summary>
    internal int[] NumbersOf(RuleKind kind) => _numbersByKind[(int)kind];

    private readonly int[][] _numbersByKind;

    /// <summary>Loads every <c>*.rules</c> file under <c>rules/</c> of the data folder.</summary>
    public static RuleSet Load(string dataDirectory)
    {
        var dir = Path.Combine(dataDirectory, "rules");
        if (!Directory.Exists(dir))
            throw KnowledgeGraphException.DataFile(dir, "rules folder not found; pass --data with the folder that holds gazetteer/ and rules/");
        var problems = new List<string>();
        var lines = new List<(string Source, string Line)>();
        foreach (var file in Directory.EnumerateFiles(dir, "*.rules").Order(StringComparer.Ordinal))
        {
            var rel = Path.GetRelativePath(dataDirectory, file).Replace('\\', '/');
            var n = 0;
            foreach (var line in File.ReadLines(file))
                lines.Add(($"{rel}:{++n}", line));
        }
        var set = Parse(lines, problems);
        if (problems.Count > 0)
            throw Tagging.GazetteerLoader.Fail(problems);
        return set;
    }

    /// <summary>Parses rule lines; <paramref name="problems"/> receives <c>file:line: message</c> for each bad line.</summary>
    public static RuleSet Parse(IEnumerable<(string Source, string Line)> lines, List<string> problems)
    {
        ArgumentNullException.ThrowIfNull(problems);
        var rules = ImmutableArray.CreateBuilder<RelationRule>();
        var phrases = new Dictionary<string, List<ImmutableArray<string>>>(StringComparer.Ordinal);
        var defineSources = new Dictionary<string, string>(StringComparer.Ordinal);
        var macros = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (source, raw) in lines)
        {
            var line = raw.Trim();
            if (line.Length == 0 || line.StartsWith('#'))
                continue;
            // A macro: "$MEET = met|meets|meet", used as $MEET (or $MEET? for optional words) in the rules below it.
            if (line.StartsWith('$'))
            {
                var eq = line.IndexOf('=', StringComparison.Ordinal);
                var name = eq > 0 ? line[..eq].Trim() : "";
                if (name.Length < 2 || !name.Skip(1).All(c => char.IsAsciiLetterUpper(c) || char.IsAsciiDigit(c) || c == '_') || line[(eq + 1)..].Trim().Length == 0)
                {
                    problems.Add($"{source}: a macro is $NAME = words (capitals, digits and _ in the name; e.g. $MEET = met|meets|meet)");
                    continue;
                }
                macros[name] = ExpandMacros(line[(eq + 1)..].Trim(), macros, source, problems) ?? "";
                continue;
            }
            if (line.Contains('$', StringComparison.Ordinal))
            {
                if (ExpandMacros(line, macros, source, problems) is not { } expanded)
                    continue;
                line = expanded;
            }
            var parts = line.Split((char[]?)null, 2, StringSplitOptions.RemoveEmptyEntries);
            var keyword = parts[0];
            var rest = parts.Length > 1 ? parts[1].Trim() : "";
            if (keyword == "define")
            {
                var d = rest.Split((char[]?)null, 2, StringSplitOptions.RemoveEmptyEntries);
                if (d.Length < 2 || !PhraseLists.ContainsKey(d[0]))
                {
                    problems.Add($"{source}: 'define' takes a list name ({string.Join(", ", PhraseLists.Keys.Order(StringComparer.Ordinal))}) and phrases separated by | (define Pair the two men | the pair)");
                    continue;
                }
                if (!phrases.TryGetValue(d[0], out var list))
                    phrases[d[0]] = list = [];
                defineSources.TryAdd(d[0], source);
                foreach (var phrase in d[1].Split('|', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
                    list.Add(Tokenizer.Tokenize(phrase).Select(t => t.Key).ToImmutableArray());
                continue;
            }
            RuleKind? blocks = null;
            if (keyword == "block")
            {
                var b = rest.Split((char[]?)null, 2, StringSplitOptions.RemoveEmptyEntries);
                blocks = b.Length == 2 ? ParseKind(b[0]) : null;
                if (blocks is null or RuleKind.Block or RuleKind.Place or RuleKind.Role or RuleKind.Refer)
                {
                    problems.Add($"{source}: 'block' takes a relation (met-with, visited, member-of) and a pattern (block met-with phone)");
                    continue;
                }
                rest = b[1];
            }
            var kind = ParseKind(keyword);
            if (kind is null)
            {
                problems.Add($"{source}: unknown rule kind '{keyword}' (expected role, member-of, met-with, attend, refer, visited, place, block, define)");
                continue;
            }
            var options = new Dictionary<string, string>(StringComparer.Ordinal);
            var arrow = rest.IndexOf("=>", StringComparison.Ordinal);
            if (arrow >= 0)
            {
                foreach (var opt in rest[(arrow + 2)..].Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))
                {
                    var kv = opt.Split('=', 2);
                    options[kv[0]] = kv.Length > 1 ? kv[1] : "true";
                }
                rest = rest[..arrow].Trim();
            }
            var elements = ParsePattern(rest, source, problems);
            if (elements is null)
                continue;
            var rule = new RelationRule(kind.Value, elements.Value, options.ToFrozenDictionary(StringComparer.Ordinal), source, line, blocks);
            if (Validate(rule, problems))
                rules.Add(rule);
        }
        return new RuleSet(rules.ToImmutable(), phrases, defineSources);
    }

    /// <summary>Replaces each <c>$NAME</c> (or <c>$NAME?</c>) word by the macro's words; null, with a problem, for an unknown one.</summary>
    private static string? ExpandMacros(string text, Dictionary<string, string> macros, string source, List<string> problems)
    {
        var words = text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        for (var i = 0; i < words.Length; i++)
        {
            if (!words[i].StartsWith('$'))
                continue;
            var optional = words[i].EndsWith('?');
            var name = optional ? words[i][..^1] : words[i];
            if (!macros.TryGetValue(name, out var body))
            {
                problems.Add($"{source}: unknown macro '{name}' (define it above its first use: {name} = word|word)");
                return null;
            }
            // An optional macro makes each of its words optional; a one-word macro takes the ? itself.
            words[i] = optional ? string.Join(' ', body.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(w => w.EndsWith('?') ? w : w + "?")) : body;
        }
        return string.Join(' ', words);
    }

    private static RuleKind? ParseKind(string keyword) => keyword switch
    {
        "role" => RuleKind.Role,
        "member-of" => RuleKind.MemberOf,
        "met-with" => RuleKind.MetWith,
        "visited" => RuleKind.Visited,
        "place" => RuleKind.Place,
        "block" => RuleKind.Block,
        "attend" => RuleKind.Attend,
        "refer" => RuleKind.Refer,
        _ => null,
    };

    private static ImmutableArray<PatternElement>? ParsePattern(string pattern, string source, List<string> problems)
    {
        var elements = ImmutableArray.CreateBuilder<PatternElement>();
        foreach (var word in pattern.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))
        {
            if (word == "...")
            {
                elements.Add(new SkipElement(int.MaxValue, false));
                continue;
            }
            if (word == "....")
            {
                elements.Add(new SkipElement(int.MaxValue, true));
                continue;
            }
            if (word.StartsWith("...", StringComparison.Ordinal) && int.TryParse(word.AsSpan(3), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var max) && max > 0)
            {
                elements.Add(new SkipElement(max, false));
                continue;
            }
            if (word.StartsWith('{'))
            {
                if (!word.EndsWith('}') || word.IndexOf(':', StringComparison.Ordinal) is var colon && colon < 0)
                {
                    problems.Add($"{source}: malformed slot '{word}' (write {{Type:name}}, e.g. {{Person:a}})");
                    return null;
                }
                var typeText = word[1..colon];
                var name = word[(colon + 1)..^1];
                var list = typeText.EndsWith('+');
                if (list)
                    typeText = typeText[..^1];
                var types = SlotType.None;
                foreach (var t in typeText.Split('|'))
                {
                    if (!SlotTypes.TryGetValue(t, out var st))
                    {
                        problems.Add($"{source}: unknown slot type '{t}' (expected {string.Join(", ", SlotTypes.Keys.Order(StringComparer.Ordinal))})");
                        return null;
                    }
                    types |= st;
                }
                if (name.Length == 0)
                {
                    problems.Add($"{source}: slot '{word}' has no name (write {{Person:a}})");
                    return null;
                }
                elements.Add(new SlotElement(types, name, list));
                continue;
            }
            if (word.Contains('{', StringComparison.Ordinal) || word.Contains('}', StringComparison.Ordinal))
            {
                problems.Add($"{source}: malformed slot '{word}' (write {{Type:name}} separated by spaces)");
                return null;
            }
            var optional = word.Length > 1 && word.EndsWith('?');
            var body = optional ? word[..^1] : word;
            var keys = body.Split('|', StringSplitOptions.RemoveEmptyEntries)
                .Select(w => w is "'s" or "’s" ? "'s" : TextFolding.Fold(w))
                .ToFrozenSet(StringComparer.Ordinal);
            if (keys.Count == 0)
            {
                problems.Add($"{source}: empty word alternative in '{word}'");
                return null;
            }
            elements.Add(new LiteralElement(keys, optional));
        }
        if (elements.Count == 0)
        {
            problems.Add($"{source}: empty pattern");
            return null;
        }
        return elements.ToImmutable();
    }

    private static bool Validate(RelationRule rule, List<string> problems)
    {
        var names = rule.SlotNames.ToList();
        var required = RequiredSlots[rule.Kind];
        if (rule.Kind == RuleKind.MetWith && !rule.Options.ContainsKey("all"))
        {
            var pairSlot = rule.Elements.OfType<SlotElement>().Any(s => s.Types.HasFlag(SlotType.Pair));
            required = pairSlot ? ["a"] : rule.Options.ContainsKey("main") ? ["b"] : ["a", "b"];
        }
        var missing = required.Where(r => !names.Contains(r)).ToList();
        if (missing.Count > 0)
        {
            problems.Add($"{rule.Source}: a {KindName(rule.Kind)} rule needs slot(s) {string.Join(", ", missing.Select(m => "{…:" + m + "}"))}");
            return false;
        }
        if (names.Distinct(StringComparer.Ordinal).Count() != names.Count)
        {
            problems.Add($"{rule.Source}: a slot name is used twice");
            return false;
        }
        // "{Person+:a} and {Person:b}": a list takes every member it can, b included, and gives none back.
        for (var k = 0; k + 2 < rule.Elements.Length; k++)
        {
            if (rule.Elements[k] is SlotElement { List: true } list && rule.Elements[k + 1] is LiteralElement { Optional: false } joint &&
                joint.Keys.All(w => w is "," or "and" or "&" or ";") && rule.Elements[k + 2] is SlotElement next &&
                (list.Types & next.Types & ~SlotType.Pair) != 0)
            {
                problems.Add($"{rule.Source}: {{…+:{list.Name}}} before '{string.Join("|", joint.Keys)}' and {{…:{next.Name}}} never matches (the list takes {next.Name} too); write {{…:{list.Name}}} without the +");
                return false;
            }
        }
        foreach (var (key, value) in rule.Options)
        {
            var ok = key switch
            {
                "visitor" => rule.Kind == RuleKind.MetWith && names.Contains(value),
                "all" => rule.Kind == RuleKind.MetWith,
                "main" => rule.Kind == RuleKind.MetWith && !names.Contains("a"),
                "name" => value != "true",
                "companion" => rule.Kind == RuleKind.Attend,
                "trip" => rule.Kind == RuleKind.Attend && rule.Options.ContainsKey("companion") && names.Contains("w"),
                "priority" => int.TryParse(value, System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out _),
                "away" => rule.Kind == RuleKind.Visited,
                "destination" => rule.Kind == RuleKind.Place,
                _ => false,
            };
            if (!ok)
            {
                problems.Add($"{rule.Source}: option '{key}{(value == "true" ? "" : "=" + value)}' does not fit a {KindName(rule.Kind)} rule (options: visitor=<slot>, all and main for met-with, companion and trip for attend, away for visited, destination for place, name=<name> and priority=<number> for any)");
                return false;
            }
        }
        return true;
    }

    /// <summary>The rule kind as written in rule files.</summary>
    public static string KindName(RuleKind kind) => kind switch
    {
        RuleKind.Role => "role",
        RuleKind.MemberOf => "member-of",
        RuleKind.MetWith => "met-with",
        RuleKind.Visited => "visited",
        RuleKind.Place => "place",
        RuleKind.Attend => "attend",
        RuleKind.Refer => "refer",
        _ => "block",
    };
}
