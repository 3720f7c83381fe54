using KnowledgeGraph.Core.Text;

namespace KnowledgeGraph.Core.Tests.Text;

public class SlugTests
{
    [Theory]
    [InlineData("Vilnius Summit", "vilnius-summit")]
    [InlineData("Jonas Gahr Støre", "jonas-gahr-store")]
    [InlineData("U.S. Transportation Command", "u-s-transportation-command")]
    [InlineData("  --Wall of Remembrance--  ", "wall-of-remembrance")]
    [InlineData("!!!", "x")]
    [InlineData("习近平", "习近平")]
    public void Of_Text_StableSlug(string text, string expected)
    {
        // Arrange / Act
        var slug = Slug.Of(text);

        // Assert
        Assert.Equal(expected, slug);
    }
}
