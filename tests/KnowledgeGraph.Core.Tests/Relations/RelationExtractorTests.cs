using KnowledgeGraph.Core.Relations;
using KnowledgeGraph.Core.Tests.Support;

namespace KnowledgeGraph.Core.Tests.Relations;

/// <summary>Facts of the real rules on one-sentence snippets: dates, places, visitors, rule families, blocks.</summary>
public class RelationExtractorTests
{
    private static List<RelationFact> Facts(string text, DateOnly? published = null, RelationKind? kind = null) =>
        Repo.Analyze(text, published).Facts.Where(f => kind is null || f.Kind == kind).ToList();

    [Fact]
    public void Extract_WeekdayWithPublishedDate_MostRecentSuchDay()
    {
        // Arrange: 31 May 2023 is a Wednesday, so "on Tuesday" is 30 May.
        var published = new DateOnly(2023, 5, 31);

        // Act
        var f = Assert.Single(Facts("Jens Stoltenberg met Jonas Gahr Støre in Oslo on Tuesday.", published, RelationKind.MetWith));

        // Assert
        Assert.Equal(new DateOnly(2023, 5, 30), f.Date);
        Assert.Equal("city:3143244", f.PlaceId);
    }

    [Fact]
    public void Extract_DayAndMonthWithoutYearOrPublished_NoDate()
    {
        // Arrange / Act
        var f = Assert.Single(Facts("On Thursday, September 28, Jens Stoltenberg met Volodymyr Zelensky in Kyiv.", null, RelationKind.MetWith));

        // Assert
        Assert.Null(f.Date);
    }

    [Fact]
    public void Extract_DayAndMonthWithPublished_YearFromArticle()
    {
        // Arrange / Act
        var f = Assert.Single(Facts("On Thursday, September 28, Jens Stoltenberg met Volodymyr Zelensky in Kyiv.", new DateOnly(2023, 9, 29), RelationKind.MetWith));

        // Assert
        Assert.Equal(new DateOnly(2023, 9, 28), f.Date);
    }

    [Fact]
    public void Extract_VenueThenCity_MostSpecificPlaceAndContainment()
    {
        // Arrange / Act
        var analysis = Repo.Analyze("Lloyd Austin met Jens Stoltenberg at the Pentagon, Washington, D.C., Feb. 8, 2023.");

        // Assert
        var f = Assert.Single(analysis.Facts, f => f.Kind == RelationKind.MetWith);
        Assert.Equal("place:pentagon", f.PlaceId);
        Assert.Equal(new DateOnly(2023, 2, 8), f.Date);
        Assert.Contains(analysis.Containment, c => c.Inner == "place:pentagon");
    }

    [Fact]
    public void Extract_Hosted_GuestIsVisitor()
    {
        // Arrange / Act
        var f = Assert.Single(Facts("Emmanuel Macron hosted Olaf Scholz in Paris.", kind: RelationKind.MetWith));

        // Assert
        Assert.Equal("person:emmanuel-macron", f.SubjectId);
        Assert.Equal("person:olaf-scholz", f.ObjectId);
        Assert.Equal("person:olaf-scholz", f.VisitorId);
        Assert.StartsWith("rules/relations.rules:", f.Rule, StringComparison.Ordinal);
        Assert.Equal("Emmanuel Macron hosted Olaf Scholz in Paris.", f.Evidence);
    }

    [Fact]
    public void Extract_VisitedPerson_VisitorIsSubject()
    {
        // Arrange / Act
        var f = Assert.Single(Facts("Antony Blinken visited Volodymyr Zelensky in Kyiv.", kind: RelationKind.MetWith));

        // Assert
        Assert.Equal("person:antony-blinken", f.VisitorId);
    }

    [Theory]
    [InlineData("Emmanuel Macron met with Olaf Scholz in Paris.", 1)]
    [InlineData("Emmanuel Macron held talks with Olaf Scholz in Paris.", 1)]
    [InlineData("Emmanuel Macron received Olaf Scholz in Paris.", 1)]
    [InlineData("Emmanuel Macron and Olaf Scholz held a bilateral exchange in Paris.", 1)]
    [InlineData("Emmanuel Macron and Olaf Scholz gave a joint press conference in Paris.", 1)]
    [InlineData("Emmanuel Macron spoke with Olaf Scholz in a phone call.", 0)]
    [InlineData("Emmanuel Macron and Olaf Scholz met in a video call.", 0)]
    [InlineData("Emmanuel Macron will meet Olaf Scholz in Paris.", 0)]
    [InlineData("Emmanuel Macron is expected to meet Olaf Scholz in Paris.", 0)]
    public void Extract_MeetingCues_MetWithOrBlocked(string sentence, int expected)
    {
        // Arrange / Act
        var facts = Facts(sentence, kind: RelationKind.MetWith);

        // Assert
        Assert.Equal(expected, facts.Select(f => (f.SubjectId, f.ObjectId)).Distinct().Count());
    }

    [Theory]
    [InlineData("Olaf Scholz visited Kyiv.", "city:703448", 1)]
    [InlineData("Olaf Scholz arrived in Kyiv.", "city:703448", 1)]
    [InlineData("Olaf Scholz's trip to Kyiv was kept secret.", "city:703448", 1)]
    [InlineData("While in Kyiv, Olaf Scholz laid a wreath.", "city:703448", 1)]
    [InlineData("Olaf Scholz will visit Kyiv.", "city:703448", 0)]
    [InlineData("Olaf Scholz was invited to visit Kyiv.", "city:703448", 0)]
    public void Extract_VisitCues_VisitedOrBlocked(string sentence, string place, int expected)
    {
        // Arrange / Act
        var facts = Facts(sentence, kind: RelationKind.Visited);

        // Assert
        Assert.Equal(expected, facts.Count(f => f.SubjectId == "person:olaf-scholz" && f.ObjectId == place));
    }

    [Theory]
    [InlineData("NATO Secretary General Jens Stoltenberg spoke.", "person:jens-stoltenberg", "org:nato", "Secretary General")]
    [InlineData("The Prime Minister of Norway Jonas Gahr Støre spoke.", "person:jonas-gahr-store", "country:no", "Prime Minister")]
    [InlineData("Turkish Defense Minister Hulusi Akar spoke.", "person:hulusi-akar", "country:tr", "Defense Minister")]
    [InlineData("NATO ally Turkey sent aid.", "country:tr", "org:nato", null)]
    [InlineData("He thanked the United States and other NATO allies.", "country:us", "org:nato", null)]
    public void Extract_MembershipCues_MemberOf(string sentence, string member, string org, string? role)
    {
        // Arrange / Act
        var facts = Facts(sentence, kind: RelationKind.MemberOf);

        // Assert
        var f = Assert.Single(facts, f => f.SubjectId == member && f.ObjectId == org);
        Assert.Equal(role, f.Role);
    }

    [Fact]
    public void Extract_AdditionOfCountries_NoMembership()
    {
        // Arrange / Act
        var facts = Facts("Austin welcomed the addition of Sweden and Finland to NATO.", kind: RelationKind.MemberOf);

        // Assert
        Assert.DoesNotContain(facts, f => f.SubjectId is "country:se" or "country:fi");
    }

    [Fact]
    public void Extract_PairPhrase_TwoMostMentionedPeople()
    {
        // Arrange
        const string text = "Olaf Scholz flew to Rome to see Giorgia Meloni. Olaf Scholz praised Italy. The two leaders met on Friday.";

        // Act
        var f = Assert.Single(Facts(text, new DateOnly(2024, 1, 13), RelationKind.MetWith));

        // Assert
        Assert.Equal(["person:giorgia-meloni", "person:olaf-scholz"], new[] { f.SubjectId, f.ObjectId }.Order());
        Assert.Equal(new DateOnly(2024, 1, 12), f.Date);
    }
}
