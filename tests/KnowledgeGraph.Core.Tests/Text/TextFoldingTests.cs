using KnowledgeGraph.Core.Text;

namespace KnowledgeGraph.Core.Tests.Text;

public class TextFoldingTests
{
    [Theory]
    [InlineData("Gahr Støre", "Gahr Store")]
    [InlineData("Erdoğan", "Erdogan")]
    [InlineData("Łukasz", "Lukasz")]
    [InlineData("Straße", "Strasse")]
    [InlineData("Zelenskyy’s", "zelenskyy's")]
    [InlineData("Ukraine‘s", "UKRAINE'S")]
    [InlineData("Þórdís Kolbrún", "Thordis Kolbrun")]
    [InlineData("Ilham Əliyev", "Ilham Eliyev")]
    [InlineData("İstanbul", "istanbul")]
    [InlineData("Aliyev–Pashinyan", "aliyev-pashinyan")]
    public void Fold_Variants_SameKey(string a, string b)
    {
        // Arrange / Act
        var fa = TextFolding.Fold(a);
        var fb = TextFolding.Fold(b);

        // Assert
        Assert.Equal(fa, fb);
    }

    [Theory]
    [InlineData("Gahr Støre", "gahr store")]
    [InlineData("Łukasz", "lukasz")]
    [InlineData("Straße", "strasse")]
    [InlineData("Ukraine’s", "ukraine's")]
    [InlineData("already folded", "already folded")]
    public void Fold_Text_ExpectedKey(string text, string expected)
    {
        // Arrange / Act
        var key = TextFolding.Fold(text);

        // Assert
        Assert.Equal(expected, key);
    }

    [Theory]
    [InlineData("Secretary-General", "secretary general")]
    [InlineData("Secretary General", "secretary general")]
    [InlineData("  NATO   Headquarters ", "nato headquarters")]
    [InlineData("U.S. Department", "u.s. department")]
    public void FoldPhrase_Phrase_TokensJoinedHyphensDropped(string phrase, string expected)
    {
        // Arrange / Act
        var key = TextFolding.FoldPhrase(phrase);

        // Assert
        Assert.Equal(expected, key);
    }

    [Fact]
    public void Fold_DifferentNames_DifferentKeys()
    {
        // Arrange / Act / Assert
        Assert.NotEqual(TextFolding.Fold("Støre"), TextFolding.Fold("Stoltenberg"));
        Assert.NotEqual(TextFolding.Fold("Kyiv"), TextFolding.Fold("Kiev"));
    }
}
