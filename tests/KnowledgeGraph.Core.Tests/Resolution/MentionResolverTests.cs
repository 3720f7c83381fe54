using KnowledgeGraph.Core.Entities;
using KnowledgeGraph.Core.Stages.Tagging;
using KnowledgeGraph.Core.Tests.Support;

namespace KnowledgeGraph.Core.Tests.Resolution;

public class MentionResolverTests
{
    private static Mention Find(TaggedSentence ts, string surface) =>
        Assert.Single(ts.Mentions, m => m.Surface == surface);

    [Fact]
    public void Resolve_SurnameAfterFullName_JoinsPersonButLocativeStaysCity()
    {
        // Arrange
        const string text = "Secretary of Defense Lloyd J. Austin III hosted Jens Stoltenberg. Austin thanked him. He later flew to Austin.";

        // Act
        var s = Tiny.Resolve(text);

        // Assert
        Assert.Equal("person:lloyd-austin", Find(s[1], "Austin").EntityId);
        Assert.Equal(EntityKind.Person, Find(s[1], "Austin").Kind);
        Assert.Equal("city:austin", Find(s[2], "Austin").EntityId);
    }

    [Fact]
    public void Resolve_CityAloneWithoutSuchPerson_StaysCity()
    {
        // Arrange / Act
        var s = Tiny.Resolve("Jens Stoltenberg spoke. Austin is hosting a conference.");

        // Assert
        Assert.Equal("city:austin", Find(s[1], "Austin").EntityId);
    }

    [Fact]
    public void Resolve_TitleOnly_PersonWhoseStatedRoleFits()
    {
        // Arrange
        const string text = "NATO Secretary General Jens Stoltenberg arrived in Oslo. The Secretary General thanked the troops.";

        // Act
        var s = Tiny.Resolve(text);

        // Assert
        var m = Find(s[1], "The Secretary General");
        Assert.Equal(MentionSource.TitleOnly, m.Source);
        Assert.Equal("person:jens-stoltenberg", m.EntityId);
    }

    [Fact]
    public void Resolve_TitleOnly_GazetteerRoleOnArticleDate()
    {
        // Arrange
        const string text = "Jens Stoltenberg and Lloyd Austin met on Monday. The defense secretary praised the alliance.";

        // Act
        var s = Tiny.Resolve(text, new DateOnly(2023, 2, 8));

        // Assert
        Assert.Equal("person:lloyd-austin", Find(s[1], "The defense secretary").EntityId);
    }

    [Fact]
    public void Resolve_TitleOnly_RoleNotHeldOnDate_Unresolved()
    {
        // Arrange
        const string text = "Jens Stoltenberg and Lloyd Austin met on Monday. The defense secretary praised the alliance.";

        // Act
        var s = Tiny.Resolve(text, new DateOnly(2019, 6, 1));

        // Assert
        Assert.DoesNotContain(s[1].Mentions, m => m.Source == MentionSource.TitleOnly);
    }

    [Fact]
    public void Resolve_QualifiedLeader_PresidentOfThatCountry()
    {
        // Arrange
        const string text = "Russian President Vladimir Putin ordered the invasion. Jens Stoltenberg condemned it. The Russian leader expected a quick win.";

        // Act
        var s = Tiny.Resolve(text);

        // Assert
        var m = Assert.Single(s[2].Mentions, m => m.Source == MentionSource.TitleOnly);
        Assert.Equal("person:vladimir-putin", m.EntityId);
        Assert.Equal("country:ru", m.QualifierId);
        Assert.Equal("Russian leader", m.Surface);
    }

    [Theory]
    [InlineData("Gahr Støre")]
    [InlineData("Gahr Store")]
    public void Resolve_ShortForm_JoinsFullName(string shortForm)
    {
        // Arrange
        var text = $"Prime Minister Jonas Gahr Støre welcomed Jens Stoltenberg. {shortForm} praised the alliance.";

        // Act
        var s = Tiny.Resolve(text);

        // Assert
        Assert.Equal("person:jonas-gahr-store", Find(s[1], shortForm).EntityId);
    }

    [Fact]
    public void Resolve_PatternPersonThenHonorificSurname_SameId()
    {
        // Arrange
        const string text = "Pierre Dupont arrived in Oslo. Mr Dupont said the talks went well.";

        // Act
        var s = Tiny.Resolve(text);

        // Assert
        Assert.Equal("person:pierre-dupont", Find(s[0], "Pierre Dupont").EntityId);
        Assert.Equal("person:pierre-dupont", Find(s[1], "Dupont").EntityId);
    }

    [Fact]
    public void Resolve_DemonymAndPatternEvent_Ids()
    {
        // Arrange / Act
        var s = Tiny.Resolve("Turkish officials attended the Vilnius Summit.");

        // Assert
        Assert.Equal("country:tr", Find(s[0], "Turkish").EntityId);
        Assert.Equal("event:vilnius-summit", Find(s[0], "Vilnius Summit").EntityId);
    }
}
