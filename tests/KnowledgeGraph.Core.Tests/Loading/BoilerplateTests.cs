using KnowledgeGraph.Core.Errors;
using KnowledgeGraph.Core.Stages.Loading;

namespace KnowledgeGraph.Core.Tests.Loading;

public class BoilerplateTests
{
    private static BoilerplateRules Parse(string csv) => BoilerplateRules.Parse(new StringReader(csv), "boilerplate.csv");

    private static readonly BoilerplateRules Small = Parse("""
        kind,pattern,note
        # a comment
        line-equals,Here's how you know,banner
        line-starts,Official websites use .gov,banner
        line-contains,All rights reserved,footer
        cut-from,Credit:,photo credit
        cut-from,VIRIN:,record id
        ends-article,Related Stories,end list
        """);

    [Fact]
    public async Task ReadAsync_WithBoilerplate_RemovesChromeAndCredits()
    {
        // Arrange
        using var temp = new TempFolder();
        var path = temp.Write("a.txt", """
            HERE'S HOW YOU KNOW
            Official websites use .gov. A .gov website belongs to an official government organization.
            Headline
            The war began a year ago. Credit: Volodymyr Zelensky via Storyful
            VIRIN: 230214-D-TT977-0483
            A tax credit: not a credit line, since the pattern is case-sensitive.
            Body text.
            © 2023 News Corp. All rights reserved.
            Related Stories
            Another story about NATO
            """);

        // Act
        var doc = await Load.OneAsync(path, Small);

        // Assert
        Assert.Equal("""
            Headline
            The war began a year ago.
            A tax credit: not a credit line, since the pattern is case-sensitive.
            Body text.
            """.ReplaceLineEndings("\n"), doc.Text);
    }

    [Theory]
    [InlineData("Home > Foreign Policy > Press Releases")]
    [InlineData("Media Center | Spokesperson's Statements")]
    [InlineData("NEWS 24 | World | Asia")]
    public void CleanLine_NavigationPath_DropsIt(string line)
    {
        // Arrange
        var rules = Parse("kind,pattern,note\ncrumbs,>,path\ncrumbs,|,path\n");

        // Act / Assert
        Assert.Null(rules.CleanLine(line));
    }

    [Theory]
    [InlineData("November 4, 2023 | 8:15 PM")]
    [InlineData("Mexico City | Tuesday, January 10, 2023 — 13:20")]
    [InlineData("Related videos: Protests over pension reform continue in the capital | Talks in the north")]
    [InlineData("Turnout was > 60 per cent in the north and the east, officials said on Sunday.")]
    public void CleanLine_DatelineOrSentenceWithSeparator_KeepsIt(string line)
    {
        // Arrange
        var rules = Parse("kind,pattern,note\ncrumbs,>,path\ncrumbs,|,path\n");

        // Act / Assert
        Assert.Equal(line, rules.CleanLine(line));
    }

    [Fact]
    public void CleanLine_LongParagraphContainingPattern_KeepsIt()
    {
        // Arrange
        var paragraph = "The publisher said all rights reserved by the treaty remain with the states, " + new string('x', 300);

        // Act / Assert
        Assert.Equal(paragraph, Small.CleanLine(paragraph));
    }

    [Fact]
    public void EndsArticle_MarkerNearTop_DoesNotEndArticle()
    {
        // Act / Assert: a "Related Stories" box above the story is a sidebar.
        Assert.False(Small.EndsArticle("Related Stories", linesSoFar: 1));
        Assert.True(Small.EndsArticle("related stories", linesSoFar: 5));
    }

    [Fact]
    public void Parse_UnknownKind_ThrowsWithFileAndLine()
    {
        // Act
        var e = Assert.Throws<KnowledgeGraphException>(() => Parse("kind,pattern,note\nline-equals,Print,\nline-is,Share,\n"));

        // Assert
        Assert.Equal(
            "boilerplate.csv:3: unknown kind 'line-is' (expected line-equals, line-starts, cut-from, line-contains, ends-article, crumbs)",
            e.Message);
        Assert.Equal(3, e.Line);
        Assert.Equal(ErrorKind.Validation, e.Kind);
    }

    [Fact]
    public void Parse_MissingHeader_Throws()
    {
        // Act
        var e = Assert.Throws<KnowledgeGraphException>(() => Parse("line-equals,Print,\n"));

        // Assert
        Assert.Equal("boilerplate.csv:1: expected the header 'kind,pattern,note'", e.Message);
    }

    [Fact]
    public void Parse_EmptyPattern_Throws()
    {
        // Act
        var e = Assert.Throws<KnowledgeGraphException>(() => Parse("kind,pattern,note\nline-equals,,\n"));

        // Assert
        Assert.Equal(2, e.Line);
    }

    [Fact]
    public void Load_ShippedFile_ParsesAndHasEveryKind()
    {
        // Arrange
        var path = Path.Combine(AppContext.BaseDirectory, "data", "lexicon", "boilerplate.csv");

        // Act
        var rules = BoilerplateRules.Load(path);

        // Assert
        Assert.All(Enum.GetValues<BoilerplateKind>(), k => Assert.Contains(rules.Rules, r => r.Kind == k));
        Assert.DoesNotContain(rules.Rules, r => r.Pattern.Contains("updated", StringComparison.OrdinalIgnoreCase));
    }
}
