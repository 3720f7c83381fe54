using KnowledgeGraph.Core.Entities;
using KnowledgeGraph.Core.Errors;
using KnowledgeGraph.Core.Stages.Tagging;
using KnowledgeGraph.Core.Tests.Support;

namespace KnowledgeGraph.Core.Tests.Tagging;

public class HeadLexiconTests
{
    [Fact]
    public void Load_EveryForm_SortedIntoItsTable()
    {
        // Arrange
        using var folder = new ScratchFolder()
            .Write("lexicon/heads.csv", "head,type,form\nSummit,Event,suffix-lower\nMinistry,Organization,prefix\nLake,Location,lead\nHigh Commission,Organization,suffix\n");

        // Act
        var heads = HeadLexicon.Load(folder.Path);

        // Assert
        Assert.Equal(HeadForm.SuffixLower, heads.Suffixes["summit"].Form);
        Assert.Equal(EntityKind.Organization, heads.Suffixes["high commission"].Kind);
        Assert.Equal(EntityKind.Organization, heads.Prefixes["ministry"].Kind);
        Assert.Equal(EntityKind.Location, heads.Leads["lake"].Kind);
        Assert.False(heads.Prefixes.ContainsKey("lake"));
    }

    [Fact]
    public void Load_HeadTwiceInOneTable_NamesBothLines()
    {
        // Arrange: "suffix" and "suffix-lower" share a table, so the second row would be lost.
        using var folder = new ScratchFolder()
            .Write("lexicon/heads.csv", "head,type,form\nEmbassy,Organization,suffix\nEmbassy,Location,suffix-lower\nEmbassy,Organization,prefix\n");

        // Act
        var ex = Assert.Throws<KnowledgeGraphException>(() => HeadLexicon.Load(folder.Path));

        // Assert
        Assert.Equal("lexicon/heads.csv:3: head 'Embassy' is already listed as a suffix head on line 2 (keep one row)", ex.Message);
    }

    [Fact]
    public void Load_UnknownForm_ListsTheFormsThatExist()
    {
        // Arrange
        using var folder = new ScratchFolder()
            .Write("lexicon/heads.csv", "head,type,form\nMount,Location,first\n");

        // Act
        var ex = Assert.Throws<KnowledgeGraphException>(() => HeadLexicon.Load(folder.Path));

        // Assert
        Assert.Equal("lexicon/heads.csv:2: unknown form 'first' (expected suffix, suffix-lower, prefix, lead)", ex.Message);
    }
}
