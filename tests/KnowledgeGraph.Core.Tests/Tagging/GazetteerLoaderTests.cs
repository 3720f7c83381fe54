using KnowledgeGraph.Core.Entities;
using KnowledgeGraph.Core.Errors;
using KnowledgeGraph.Core.Stages.Tagging;
using KnowledgeGraph.Core.Tests.Support;

namespace KnowledgeGraph.Core.Tests.Tagging;

public class GazetteerLoaderTests
{
    private const string PeopleHeader = "id,type,name,aliases,country\n";
    private const string CountriesHeader = "id,type,name,aliases,demonyms,iso2,iso3,capital,latitude,longitude\n";
    private const string OrgsHeader = "id,type,name,aliases,kind,country,headquarters\n";
    private const string RolesHeader = "person_id,org_id,title,from,to\n";

    private static KnowledgeGraphException LoadFails(ScratchFolder folder) =>
        Assert.Throws<KnowledgeGraphException>(() => GazetteerLoader.Load(folder.Path));

    [Fact]
    public void Load_ValidTinyFolder_LoadsEntriesRolesAndTitles()
    {
        // Arrange
        using var folder = new ScratchFolder()
            .Write("gazetteer/countries.csv", CountriesHeader + "country:no,Country,Norway,Kingdom of Norway,Norwegian,NO,NOR,,62,10\n")
            .Write("gazetteer/people.csv", PeopleHeader + "person:jonas-gahr-store,Person,Jonas Gahr Støre,Gahr Støre;Støre,no\n")
            .Write("gazetteer/roles.csv", RolesHeader + "person:jonas-gahr-store,country:no,Prime Minister,2021-10-14,\n")
            .Write("lexicon/titles.csv", "title,aliases,kind\nPrime Minister,Premier;PM,head-of-government\n");

        // Act
        var g = GazetteerLoader.Load(folder.Path);

        // Assert
        Assert.Equal(2, g.Count);
        Assert.True(g.TryGet("country:no", out var norway));
        Assert.Equal("no", norway.Country);
        Assert.Equal(["Norwegian"], norway.Demonyms.ToArray());
        Assert.Equal("gazetteer/countries.csv:2", norway.Source);
        var role = Assert.Single(g.RolesOf("person:jonas-gahr-store"));
        Assert.Equal(new DateOnly(2021, 10, 14), role.From);
        Assert.Null(role.To);
        Assert.Equal("Prime Minister", g.TitlesByKey["pm"].Canonical);
    }

    [Fact]
    public void Load_WrongColumnCount_FileLineAndQuotingHint()
    {
        // Arrange
        using var folder = new ScratchFolder()
            .Write("gazetteer/people.csv", PeopleHeader + "person:a,Person,Anna Berg,,se\nperson:b,Person,Bo, Berg,,se\n");

        // Act
        var ex = LoadFails(folder);

        // Assert
        Assert.Equal("gazetteer/people.csv:3: 6 columns, expected 5 (id,type,name,aliases,country); quote fields that contain commas", ex.Message);
        Assert.Equal(ErrorKind.Validation, ex.Kind);
    }

    [Fact]
    public void Load_UnknownType_NamesTypeAndValidOnes()
    {
        // Arrange
        using var folder = new ScratchFolder()
            .Write("gazetteer/people.csv", PeopleHeader + "person:a,Person,Anna Berg,,se\nperson:b,Persn,Bo Berg,,se\n");

        // Act
        var ex = LoadFails(folder);

        // Assert
        Assert.Equal("gazetteer/people.csv:3: unknown type 'Persn' (expected Person, Organization, Country, Location, Event)", ex.Message);
    }

    [Fact]
    public void Load_TypeInWrongCase_Rejected()
    {
        // Arrange
        using var folder = new ScratchFolder()
            .Write("gazetteer/people.csv", PeopleHeader + "person:a,person,Anna Berg,,se\n");

        // Act
        var ex = LoadFails(folder);

        // Assert
        Assert.Equal("gazetteer/people.csv:2: unknown type 'person' (expected Person, Organization, Country, Location, Event)", ex.Message);
    }

    [Fact]
    public void Load_DuplicateIdAcrossFiles_NamesFirstDefinition()
    {
        // Arrange
        using var folder = new ScratchFolder()
            .Write("gazetteer/organizations.csv", OrgsHeader + "org:nato,Organization,NATO,,alliance,,\n")
            .Write("gazetteer/people.csv", PeopleHeader + "person:a,Person,Anna Berg,,se\norg:nato,Person,Nato Person,,\n");

        // Act
        var ex = LoadFails(folder);

        // Assert
        Assert.Equal("gazetteer/people.csv:3: duplicate id 'org:nato' (first defined at gazetteer/organizations.csv:2; ids must be unique across all gazetteer files)", ex.Message);
    }

    [Theory]
    [InlineData("2023-13-01", "", "invalid date '2023-13-01' in column 'from' (expected YYYY-MM-DD, or empty)")]
    [InlineData("2021-10-14", "14/10/2025", "invalid date '14/10/2025' in column 'to' (expected YYYY-MM-DD, or empty)")]
    [InlineData("2021-10-14", "2020-01-01", "role ends (2020-01-01) before it starts (2021-10-14); swap or fix the dates")]
    public void Load_BadRoleDates_FileLineAndFormat(string from, string to, string message)
    {
        // Arrange
        using var folder = new ScratchFolder()
            .Write("gazetteer/countries.csv", CountriesHeader + "country:se,Country,Sweden,,Swedish,se,swe,,,\n")
            .Write("gazetteer/people.csv", PeopleHeader + "person:a,Person,Anna Berg,,se\n")
            .Write("gazetteer/roles.csv", RolesHeader + $"person:a,country:se,Minister,{from},{to}\n");

        // Act
        var ex = LoadFails(folder);

        // Assert
        Assert.Equal("gazetteer/roles.csv:2: " + message, ex.Message);
    }

    [Fact]
    public void Load_RoleOfMissingPerson_SaysHowToFix()
    {
        // Arrange
        using var folder = new ScratchFolder()
            .Write("gazetteer/countries.csv", CountriesHeader + "country:se,Country,Sweden,,Swedish,se,swe,,,\n")
            .Write("gazetteer/roles.csv", RolesHeader + "# a comment line\nperson:nobody,country:se,Minister,2020-01-01,\n");

        // Act
        var ex = LoadFails(folder);

        // Assert
        Assert.Equal("gazetteer/roles.csv:3: person_id 'person:nobody' is not a Person in the gazetteer (add the person to people.csv or fix the id)", ex.Message);
    }

    [Fact]
    public void Load_RoleInAPerson_OrgMustBeOrganizationOrCountry()
    {
        // Arrange
        using var folder = new ScratchFolder()
            .Write("gazetteer/people.csv", PeopleHeader + "person:a,Person,Anna Berg,,se\nperson:b,Person,Bo Berg,,se\n")
            .Write("gazetteer/roles.csv", RolesHeader + "person:a,person:b,Adviser,,\n");

        // Act
        var ex = LoadFails(folder);

        // Assert
        Assert.Equal("gazetteer/roles.csv:2: org_id 'person:b' is not an Organization or Country in the gazetteer (add it or fix the id)", ex.Message);
    }

    [Fact]
    public void Load_UnknownTitleKind_ListsKinds()
    {
        // Arrange
        using var folder = new ScratchFolder()
            .Write("gazetteer/people.csv", PeopleHeader + "person:a,Person,Anna Berg,,se\n")
            .Write("lexicon/titles.csv", "title,aliases,kind\nPresident,,head-of-state\nBoss,,chief\n");

        // Act
        var ex = LoadFails(folder);

        // Assert
        Assert.Equal("lexicon/titles.csv:3: unknown title kind 'chief' (expected head-of-state, head-of-government, minister, org-leader, official, military, diplomat, legislator, royal, honorific, leader, relational)", ex.Message);
    }

    [Fact]
    public void Load_SeveralProblems_AllInOneException()
    {
        // Arrange
        using var folder = new ScratchFolder()
            .Write("gazetteer/people.csv", PeopleHeader + "person:a,Persn,Anna Berg,,se\nperson:b,Person,Bo Berg,,se\nperson:b,Person,Bo Berg,,se\n")
            .Write("gazetteer/roles.csv", RolesHeader + "person:b,country:xx,Minister,2020-02-30,\n")
            .Write("lexicon/titles.csv", "title,aliases,kind\nBoss,,chief\n");

        // Act
        var ex = LoadFails(folder);

        // Assert
        var lines = ex.Message.Split('\n');
        Assert.Equal("5 problems in the data files:", lines[0]);
        Assert.Equal(
            [
                "gazetteer/people.csv:2: unknown type 'Persn' (expected Person, Organization, Country, Location, Event)",
                "gazetteer/people.csv:4: duplicate id 'person:b' (first defined at gazetteer/people.csv:3; ids must be unique across all gazetteer files)",
                "gazetteer/roles.csv:2: invalid date '2020-02-30' in column 'from' (expected YYYY-MM-DD, or empty)",
                "gazetteer/roles.csv:2: org_id 'country:xx' is not an Organization or Country in the gazetteer (add it or fix the id)",
                "lexicon/titles.csv:2: unknown title kind 'chief' (expected head-of-state, head-of-government, minister, org-leader, official, military, diplomat, legislator, royal, honorific, leader, relational)",
            ],
            lines[1..]);
    }

    [Fact]
    public void Load_NoGazetteerFolder_SaysWhichOptionToPass()
    {
        // Arrange
        using var folder = new ScratchFolder();

        // Act
        var ex = LoadFails(folder);

        // Assert
        Assert.EndsWith("gazetteer: gazetteer folder not found; pass --data with the folder that holds gazetteer/ and rules/", ex.Message);
    }

    [Fact]
    public void Load_RealDataFolder_LoadsWithoutProblems()
    {
        // Arrange / Act
        var g = Repo.Pipeline.Gazetteer;

        // Assert
        Assert.True(g.Count > 20_000);
        Assert.True(g.TryGet("person:jens-stoltenberg", out var jens));
        Assert.Equal(EntityKind.Person, jens.Kind);
        Assert.Contains(g.RolesOf("person:jens-stoltenberg"), r => r.OrgId == "org:nato" && r.Title == "Secretary General");
    }

    private static string AllWordLists(params string[] skip) =>
        "list,words\n" + string.Concat(WordLists.Names.Where(n => !skip.Contains(n)).Select(n => $"{n},alpha;beta\n"));

    [Fact]
    public void Load_WordLists_FoldedWordsByList()
    {
        // Arrange
        using var folder = new ScratchFolder()
            .Write("gazetteer/people.csv", PeopleHeader)
            .Write("lexicon/word-lists.csv", AllWordLists("name-particle") + "name-particle,Van; DER ;bin\n");

        // Act
        var g = GazetteerLoader.Load(folder.Path);

        // Assert
        Assert.Equal(["bin", "der", "van"], g.Words.NameParticles.Order(StringComparer.Ordinal).ToArray());
        Assert.True(g.Words.NotNames.Contains("alpha"), "alpha");
    }

    [Fact]
    public void Load_WordListsUnknownAndMissingList_EachProblemWithFileAndLine()
    {
        // Arrange
        using var folder = new ScratchFolder()
            .Write("gazetteer/people.csv", PeopleHeader)
            .Write("lexicon/word-lists.csv", AllWordLists("locative") + "name-partikel,van\n");

        // Act
        var ex = LoadFails(folder);

        // Assert
        var line = WordLists.Names.Count + 1;
        Assert.Contains($"lexicon/word-lists.csv:{line}: unknown list 'name-partikel'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("lexicon/word-lists.csv:1: list 'locative' is missing (add a row 'locative,word;word')", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_WordListTwiceOrEmpty_Rejected()
    {
        // Arrange
        using var folder = new ScratchFolder()
            .Write("gazetteer/people.csv", PeopleHeader)
            .Write("lexicon/word-lists.csv", AllWordLists("seat-head") + "locative,in\nseat-head,\n");

        // Act
        var ex = LoadFails(folder);

        // Assert
        var first = WordLists.Names.ToList().IndexOf("locative") + 2;
        Assert.Contains($"list 'locative' is already defined on line {first} (one row per list)", ex.Message, StringComparison.Ordinal);
        Assert.Contains("list 'seat-head' has no words (separate words with ';')", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_RepositoryWordLists_HoldTheWordsTheTaggerRelieson()
    {
        // Act
        var words = Repo.Pipeline.Gazetteer.Words;

        // Assert: a few members of each class, picked by hand from English usage.
        Assert.True(words.NameParticles.Contains("bin"), "bin");
        Assert.True(words.NotNames.Contains("march"), "march");
        Assert.True(words.Locatives.Contains("in"), "in");
        Assert.True(words.SeatHeads.Contains("embassy"), "embassy");
        Assert.True(words.PortfolioWords.Contains("affairs"), "affairs");
        Assert.True(words.CompassWords.Contains("east"), "east");
        Assert.All(WordLists.Names, n => Assert.False(string.IsNullOrEmpty(n)));
    }
}
