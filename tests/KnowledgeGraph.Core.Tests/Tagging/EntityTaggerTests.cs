using KnowledgeGraph.Core.Entities;
using KnowledgeGraph.Core.Stages.Tagging;
using KnowledgeGraph.Core.Tests.Support;
using KnowledgeGraph.Core.Text;

namespace KnowledgeGraph.Core.Tests.Tagging;

public class EntityTaggerTests
{
    private static TaggedSentence Tag(string sentence) => Tiny.Tagger.Tag(Assert.Single(SentenceSplitter.Split(sentence)));

    private static Mention Find(TaggedSentence ts, string surface) =>
        Assert.Single(ts.Mentions, m => m.Surface == surface);

    [Fact]
    public void Tag_GazetteerNames_LongestMatchWithCandidates()
    {
        // Arrange / Act
        var ts = Tag("Officials from the United States met at NATO headquarters.");

        // Assert
        Assert.Equal(["United States", "NATO headquarters"], ts.Mentions.Select(m => m.Surface));
        Assert.Equal("country:us", ts.Mentions[0].Candidates[0].Id);
        Assert.Equal(EntityKind.Location, ts.Mentions[1].Kind);
        Assert.Equal(MentionSource.Gazetteer, ts.Mentions[1].Source);
    }

    [Theory]
    [InlineData("The turkey was roasted for the holiday.")]
    [InlineData("Diplomats said the nato plan was vague.")]
    [InlineData("It was a nice day in the city.")]
    public void Tag_LowerCaseWordsThatAreNames_NoMention(string sentence)
    {
        // Arrange / Act
        var ts = Tag(sentence);

        // Assert
        Assert.Empty(ts.Mentions);
    }

    [Fact]
    public void Tag_Demonym_CountryEvidenceNotAMention()
    {
        // Arrange / Act
        var ts = Tag("Turkish officials welcomed the aid.");

        // Assert
        var m = Find(ts, "Turkish");
        Assert.True(m.IsDemonym);
        Assert.Equal(EntityKind.Country, m.Kind);
        Assert.Equal("country:tr", m.Candidates[0].Id);
    }

    [Fact]
    public void Tag_TitleBeforeUnknownName_Person()
    {
        // Arrange / Act
        var ts = Tag("Turkish Defense Minister Hulusi Akar thanked the rescue teams.");

        // Assert
        var akar = Find(ts, "Hulusi Akar");
        Assert.Equal(EntityKind.Person, akar.Kind);
        Assert.Equal(MentionSource.Pattern, akar.Source);
        var title = Assert.Single(ts.Titles);
        Assert.Equal("Defense Minister", title.Title.Canonical);
        Assert.Equal("Defense Minister", title.Surface);
    }

    [Fact]
    public void Tag_BritishTitleAndOfCountry_Person()
    {
        // Arrange / Act
        var ts = Tag("The Minister of Defence of Norway Bjorn Arild Gram arrived.");

        // Assert
        Assert.Equal("Defense Minister", Assert.Single(ts.Titles).Title.Canonical);
        Assert.Equal(EntityKind.Person, Find(ts, "Bjorn Arild Gram").Kind);
    }

    [Fact]
    public void Tag_GivenNameBeforeCapitalisedWord_Person()
    {
        // Arrange / Act
        var ts = Tag("Maria Kowalska arrived in Oslo on Monday.");

        // Assert
        Assert.Equal(EntityKind.Person, Find(ts, "Maria Kowalska").Kind);
        Assert.Equal("city:oslo", Find(ts, "Oslo").Candidates[0].Id);
        Assert.DoesNotContain(ts.Mentions, m => m.Surface.Contains("Monday", StringComparison.Ordinal));
    }

    [Fact]
    public void Tag_SurnameWithoutCue_NoPerson()
    {
        // Arrange / Act
        var ts = Tag("Later Kowalska arrived.");

        // Assert
        Assert.DoesNotContain(ts.Mentions, m => m.Kind == EntityKind.Person);
    }

    [Theory]
    [InlineData("Leaders gathered at the Vilnius Summit last July.", "Vilnius Summit", EntityKind.Event)]
    [InlineData("Leaders gathered at the Vilnius summit last July.", "Vilnius summit", EntityKind.Event)]
    [InlineData("Leaders will meet at the Vilnius Summit on Tuesday.", "Vilnius Summit", EntityKind.Event)]
    [InlineData("He will speak at the International Defence Industry Forum in Kyiv.", "International Defence Industry Forum", EntityKind.Event)]
    [InlineData("Aircraft from U.S. Transportation Command flew teams to Turkey.", "U.S. Transportation Command", EntityKind.Organization)]
    [InlineData("He laid a wreath at the Wall of Remembrance of the Fallen for Ukraine.", "Wall of Remembrance of the Fallen for Ukraine", EntityKind.Location)]
    [InlineData("The two men met at United Nations headquarters in New York.", "United Nations headquarters", EntityKind.Location)]
    [InlineData("The two men met at NATO headquarters on Tuesday.", "NATO headquarters", EntityKind.Location)]
    public void Tag_HeadNounNames_TypedByHead(string sentence, string surface, EntityKind kind)
    {
        // Arrange / Act
        var ts = Tag(sentence);

        // Assert
        Assert.Equal(kind, Find(ts, surface).Kind);
    }

    [Fact]
    public void Tag_MeetingOfMinisters_Event()
    {
        // Arrange / Act
        var ts = Tag("He attended the informal meeting of Allied Foreign Ministers in Oslo.");

        // Assert
        var m = Find(ts, "informal meeting of Allied Foreign Ministers");
        Assert.Equal(EntityKind.Event, m.Kind);
        Assert.Equal(MentionSource.Pattern, m.Source);
    }

    [Fact]
    public void Tag_Headline_NoPatternEntities()
    {
        // Arrange
        var sentence = Assert.Single(SentenceSplitter.Split("Defense Minister Hulusi Akar Visits Vilnius Summit"));

        // Act
        var ts = Tiny.Tagger.Tag(sentence);

        // Assert
        Assert.True(sentence.IsHeadline);
        Assert.DoesNotContain(ts.Mentions, m => m.Source == MentionSource.Pattern);
    }

    [Theory]
    [InlineData("The ministers met in Nice on Friday.", true)]
    [InlineData("The ministers met in Bath on Friday.", true)]
    [InlineData("Officials said Nice would host the talks.", true)]
    [InlineData("Officials said Bath would host the talks.", false)]
    [InlineData("Nice words were exchanged.", false)]
    public void Tag_CommonWordCity_NeedsContext(string sentence, bool tagged)
    {
        // Arrange / Act
        var ts = Tag(sentence);

        // Assert
        Assert.Equal(tagged, ts.Mentions.Any(m => m.Kind == EntityKind.Location));
    }

    [Fact]
    public void Tag_CommonWordCountryCapitalised_Tagged()
    {
        // Arrange / Act
        var ts = Tag("Rescue teams flew to Turkey.");

        // Assert
        Assert.Equal("country:tr", Find(ts, "Turkey").Candidates[0].Id);
    }

    [Fact]
    public void Tag_TitleBeforeCityName_PersonNotCity()
    {
        // Arrange / Act
        var ts = Tag("Later Defense Secretary Austin spoke to reporters.");

        // Assert
        Assert.Equal(EntityKind.Person, Find(ts, "Austin").Kind);
    }

    [Fact]
    public void Tag_FullNameWithInitialAndSuffix_OneGazetteerPerson()
    {
        // Arrange / Act
        var ts = Tag("Secretary of Defense Lloyd J. Austin III hosted the meeting.");

        // Assert
        var m = Find(ts, "Lloyd J. Austin III");
        Assert.Equal("person:lloyd-austin", m.Candidates[0].Id);
        Assert.Equal("Secretary of Defense", Assert.Single(ts.Titles).Title.Canonical);
    }
}
