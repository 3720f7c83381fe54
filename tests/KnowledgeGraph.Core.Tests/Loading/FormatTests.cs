using System.Text;
using KnowledgeGraph.Core.Stages.Loading;

namespace KnowledgeGraph.Core.Tests.Loading;

public class FormatTests
{
    [Fact]
    public async Task ReadAsync_HtmlPage_KeepsArticleDropsChrome()
    {
        // Arrange
        using var temp = new TempFolder();
        var path = temp.Write("a.html", """
            <html><head><title>Ignored title | Site</title>
            <meta property="article:published_time" content="2023-05-30T18:18:00+02:00">
            <style>p { color: red }</style><script>var x = "Jens Stoltenberg";</script></head>
            <body>
              <nav><a href="/">Home</a><a href="/news">News</a></nav>
              <header class="site-header">Site banner</header>
              <main>
                <article>
                  <h1>Stoltenberg meets Støre in Oslo</h1>
                  <div class="share-buttons">Share on X</div>
                  <p>NATO Secretary General Jens Stoltenberg met   the Prime Minister
                     of <b>Norway</b>.</p>
                  <figure><img src="a.jpg"><figcaption>The two leaders in Oslo.</figcaption></figure>
                  <ul><li>First point</li><li>Second point</li></ul>
                  <aside>Related: another story</aside>
                  <noscript>Enable JavaScript</noscript>
                  <table><tr><td>Cell one</td><td>Cell two</td></tr></table>
                  <div role="navigation">Prev | Next</div>
                </article>
              </main>
              <footer>Copyright NATO</footer>
            </body></html>
            """);

        // Act
        var doc = await Load.OneAsync(path);

        // Assert
        Assert.Equal("""
            Stoltenberg meets Støre in Oslo
            NATO Secretary General Jens Stoltenberg met the Prime Minister of Norway.
            The two leaders in Oslo.
            First point
            Second point
            Cell one
            Cell two
            """.ReplaceLineEndings("\n"), doc.Text);
        Assert.Equal(new DateOnly(2023, 5, 30), doc.Published);
    }

    [Fact]
    public async Task ReadAsync_HtmlWithoutH1_TitleIsFirstLineAndTimeGivesDate()
    {
        // Arrange
        using var temp = new TempFolder();
        var path = temp.Write("a.htm", """
            <html><head><title>Ministers meet in Brussels - Example News</title></head>
            <body><div id="menu">Menu items</div>
            <div class="story"><time datetime="2023-02-14">Feb 14</time><p>Ministers met in Brussels.</p></div></body></html>
            """);

        // Act
        var doc = await Load.OneAsync(path);

        // Assert
        Assert.Equal("Ministers meet in Brussels\nFeb 14\nMinisters met in Brussels.", doc.Text);
        Assert.Equal(new DateOnly(2023, 2, 14), doc.Published);
    }

    [Fact]
    public async Task ReadAsync_HtmlTenThousandNestedDivs_DoesNotOverflow()
    {
        // Arrange
        using var temp = new TempFolder();
        var html = new StringBuilder("<html><body><h1>Deep page</h1>");
        html.Insert(html.Length, "<div>", 10_000).Append("<p>Deep text</p>").Insert(html.Length, "</div>", 10_000);
        var path = temp.Write("deep.html", html.Append("</body></html>").ToString());

        // Act
        var doc = await Load.OneAsync(path);

        // Assert
        Assert.StartsWith("Deep page", doc.Text, StringComparison.Ordinal);
        Assert.EndsWith("Deep text", doc.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadAsync_Markdown_StripsMarkup()
    {
        // Arrange
        using var temp = new TempFolder();
        var path = temp.Write("a.md", """
            # Stoltenberg visits **Kyiv**

            The *Secretary General* met [President Zelenskyy](https://example.org/z) on _Thursday_.
            ![photo](a.jpg)

            ```
            var code = "NATO";
            ```

            - Support for `Ukraine`
            > "Ukraine's future is in NATO."

            [ref]: https://example.org
            """);

        // Act
        var doc = await Load.OneAsync(path);

        // Assert
        Assert.Equal("""
            Stoltenberg visits Kyiv

            The Secretary General met President Zelenskyy on Thursday.

            Support for Ukraine
            "Ukraine's future is in NATO."
            """.ReplaceLineEndings("\n"), doc.Text);
    }

    [Fact]
    public async Task ReadAsync_TextWithBulletsAndBlankRuns_CollapsesToOneBlankLine()
    {
        // Arrange
        using var temp = new TempFolder();
        var path = temp.Write("a.txt", "\n\nHeadline  \n\n\n\n  • 30 May. 2023 -\n  • |\n\nBody.\n\n\n");

        // Act
        var doc = await Load.OneAsync(path);

        // Assert
        Assert.Equal("Headline\n\n30 May. 2023 -\n\nBody.", doc.Text);
        Assert.Equal(new DateOnly(2023, 5, 30), doc.Published);
    }
}
