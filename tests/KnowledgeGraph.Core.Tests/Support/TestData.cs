using System.Collections.Immutable;
using System.Text;
using KnowledgeGraph.Core.Entities;
using KnowledgeGraph.Core.Pipeline;
using KnowledgeGraph.Core.Stages.Assembly;
using KnowledgeGraph.Core.Stages.Resolution;
using KnowledgeGraph.Core.Stages.Tagging;
using KnowledgeGraph.Core.Text;

namespace KnowledgeGraph.Core.Tests.Support;

/// <summary>Where the repository's real data lives, found by walking up to KnowledgeGraph.sln.</summary>
internal static class Repo
{
    private static readonly Lazy<string> LazyRoot = new(() =>
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "KnowledgeGraph.sln")))
                return dir.FullName;
        }

        throw new InvalidOperationException("KnowledgeGraph.sln not found above " + AppContext.BaseDirectory);
    });

    private static readonly Lazy<KnowledgeGraphPipeline> LazyPipeline =
        new(() => new PipelineBuilder().UseDataDirectory(DataDirectory).Build());

    public static string Root => LazyRoot.Value;

    public static string DataDirectory => Path.Combine(Root, "data");

    public static string Seeds => Path.Combine(Root, "seeds");

    /// <summary>The pipeline over the real data folder; loaded once (24k gazetteer entries) and shared, it is immutable.</summary>
    public static KnowledgeGraphPipeline Pipeline => LazyPipeline.Value;

    /// <summary>Runs one snippet through the real pipeline as its own article.</summary>
    public static DocumentAnalysis Analyze(string text, DateOnly? published = null, string id = "snippet.txt") =>
        Pipeline.Analyze(new SourceDocument(id, id, 0, text, published, Encoding.UTF8.GetByteCount(text)));
}

/// <summary>A small hand-made gazetteer: a few countries, bodies, people, cities and titles, enough for the stage tests.</summary>
internal static class Tiny
{
    public static readonly DateOnly Published = new(2023, 2, 8);

    private static readonly Lazy<Gazetteer> LazyGazetteer = new(Build);

    public static Gazetteer Gazetteer => LazyGazetteer.Value;

    public static HeadLexicon Heads { get; } = new(
    [
        new HeadNoun("summit", EntityKind.Event, HeadForm.SuffixLower),
        new HeadNoun("forum", EntityKind.Event, HeadForm.Suffix),
        new HeadNoun("command", EntityKind.Organization, HeadForm.Suffix),
        new HeadNoun("wall", EntityKind.Location, HeadForm.Prefix),
        new HeadNoun("headquarters", EntityKind.Location, HeadForm.SuffixLower),
    ]);

    public static EntityTagger Tagger { get; } = new(Gazetteer, Heads);

    private static GazetteerEntry Country(string iso, string name, string aliases, string demonyms) => new()
    {
        Id = "country:" + iso,
        Kind = EntityKind.Country,
        Name = name,
        Country = iso,
        Aliases = Split(aliases),
        Demonyms = Split(demonyms),
    };

    private static GazetteerEntry Entry(string id, EntityKind kind, string name, string aliases = "", string? country = null) => new()
    {
        Id = id,
        Kind = kind,
        Name = name,
        Aliases = Split(aliases),
        Country = country,
    };

    private static ImmutableArray<string> Split(string list) =>
        list.Length == 0 ? [] : list.Split(';').ToImmutableArray();

    private static Gazetteer Build()
    {
        GazetteerEntry[] entries =
        [
            Country("us", "United States", "U.S.;US;USA", "American"),
            Country("tr", "Turkey", "Türkiye", "Turkish"),
            Country("no", "Norway", "", "Norwegian"),
            Country("ru", "Russia", "Russian Federation", "Russian"),
            Country("ua", "Ukraine", "", "Ukrainian"),
            Country("be", "Belgium", "", "Belgian"),
            Entry("org:nato", EntityKind.Organization, "NATO", "North Atlantic Treaty Organization") with { Headquarters = "place:nato-hq" },
            Entry("org:un", EntityKind.Organization, "United Nations", "U.N.;UN"),
            Entry("org:us-dod", EntityKind.Organization, "U.S. Department of Defense", "Department of Defense;DOD", "us") with { Headquarters = "place:pentagon" },
            Entry("person:jens-stoltenberg", EntityKind.Person, "Jens Stoltenberg", "Stoltenberg", "no"),
            Entry("person:lloyd-austin", EntityKind.Person, "Lloyd J. Austin III", "Lloyd Austin", "us"),
            Entry("person:vladimir-putin", EntityKind.Person, "Vladimir Putin", "Putin", "ru"),
            Entry("person:jonas-gahr-store", EntityKind.Person, "Jonas Gahr Støre", "Gahr Støre", "no"),
            Entry("person:volodymyr-zelensky", EntityKind.Person, "Volodymyr Zelensky", "Zelensky;Zelenskyy", "ua"),
            Entry("city:austin", EntityKind.Location, "Austin", "", "us") with { Population = 960_000 },
            Entry("city:kyiv", EntityKind.Location, "Kyiv", "Kiev", "ua") with { Population = 2_900_000, IsCapital = true },
            Entry("city:oslo", EntityKind.Location, "Oslo", "", "no") with { Population = 700_000, IsCapital = true },
            Entry("city:washington", EntityKind.Location, "Washington, D.C.", "Washington", "us") with { Population = 690_000, IsCapital = true },
            Entry("city:brussels", EntityKind.Location, "Brussels", "", "be") with { Population = 1_200_000, IsCapital = true },
            Entry("city:nice", EntityKind.Location, "Nice", "", "fr") with { Population = 340_000 },
            Entry("city:bath", EntityKind.Location, "Bath", "", "gb") with { Population = 88_000 },
            Entry("place:pentagon", EntityKind.Location, "Pentagon", "The Pentagon", "us") with { Subkind = "venue", City = "city:washington" },
            Entry("place:nato-hq", EntityKind.Location, "NATO headquarters", "NATO HQ", "be") with { Subkind = "venue", City = "city:brussels" },
            Entry("event:vilnius-summit-2023", EntityKind.Event, "2023 Vilnius summit"),
        ];
        PersonRole[] roles =
        [
            new("person:jens-stoltenberg", "org:nato", "Secretary General", new DateOnly(2014, 10, 1), new DateOnly(2024, 10, 1)),
            new("person:lloyd-austin", "org:us-dod", "Secretary of Defense", new DateOnly(2021, 1, 22), new DateOnly(2025, 1, 20)),
            new("person:vladimir-putin", "country:ru", "President", new DateOnly(2012, 5, 7), null),
            new("person:jonas-gahr-store", "country:no", "Prime Minister", new DateOnly(2021, 10, 14), null),
            new("person:volodymyr-zelensky", "country:ua", "President", new DateOnly(2019, 5, 20), null),
        ];
        var secGen = new TitleEntry("Secretary General", "org-leader");
        var secDef = new TitleEntry("Secretary of Defense", "minister");
        var defMin = new TitleEntry("Defense Minister", "minister");
        (string, TitleEntry)[] titles =
        [
            ("Secretary General", secGen), ("Secretary-General", secGen),
            ("Secretary of Defense", secDef), ("Defense Secretary", secDef),
            ("Defense Minister", defMin), ("Minister of Defence", defMin),
            ("President", new TitleEntry("President", "head-of-state")),
            ("Prime Minister", new TitleEntry("Prime Minister", "head-of-government")),
            ("Leader", new TitleEntry("Leader", "leader")),
            ("Mr", new TitleEntry("Mr", "honorific")),
            ("General", new TitleEntry("General", "military")),
        ];
        return new Gazetteer(entries, roles, titles,
            givenNames: ["Maria", "Jens", "Lloyd", "Pierre"],
            commonWords: ["nice", "bath", "turkey"],
            spellingVariants: [("defense", "defence")],
            words: Repo.Pipeline.Gazetteer.Words);
    }

    /// <summary>Splits, tags and resolves a text with the tiny gazetteer.</summary>
    public static List<TaggedSentence> Resolve(string text, DateOnly? published = null)
    {
        var tagged = SentenceSplitter.Split(text).Select(Tagger.Tag).ToList();
        new MentionResolver(Gazetteer).Resolve(tagged, published ?? Published);
        return tagged;
    }
}

/// <summary>A scratch data folder for one test, deleted afterwards.</summary>
internal sealed class ScratchFolder : IDisposable
{
    public ScratchFolder()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "kg-tests-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public ScratchFolder Write(string relative, string text)
    {
        var full = System.IO.Path.Combine(Path, relative);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(full)!);
        File.WriteAllText(full, text, new UTF8Encoding(false));
        return this;
    }

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
