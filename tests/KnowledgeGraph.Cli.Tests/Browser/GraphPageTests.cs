using System.Diagnostics;
using System.Text.Json;
using KnowledgeGraph.Cli.Tests.Support;
using KnowledgeGraph.Core.Graph;
using KnowledgeGraph.Writers.Html;
using KnowledgeGraph.Writers.Json;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace KnowledgeGraph.Cli.Tests.Browser;

/// <summary>
/// <c>graph.html</c> in a real browser: Debian's Chromium (<c>/usr/bin/chromium</c>, or <c>KG_CHROMIUM</c>) driven
/// through Playwright with an explicit executable path, so nothing is downloaded. Every request other than the page
/// itself is recorded and refused; each test asserts there was none. Skipped, with the reason, when Chromium is absent
/// (<c>.ci/run</c> installs it with apt).
/// </summary>
[Collection(CliCollection.Name)]
public sealed class GraphPageTests : IClassFixture<GraphPageTests.SeedBuild>
{
    private static readonly string[] ChromiumArgs =
    [
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
    ];

    private readonly SeedBuild _build;
    private readonly ITestOutputHelper _output;

    public GraphPageTests(SeedBuild build, ITestOutputHelper output)
    {
        _build = build;
        _output = output;
    }

    /// <summary>The Chromium binary, or null when there is none.</summary>
    internal static string? Chromium =>
        Environment.GetEnvironmentVariable("KG_CHROMIUM") is { Length: > 0 } path ? (File.Exists(path) ? path : null)
        : File.Exists("/usr/bin/chromium") ? "/usr/bin/chromium" : null;

    private static void SkipWithoutChromium() =>
        Skip.If(Chromium is null, Environment.GetEnvironmentVariable("KG_CHROMIUM") is { Length: > 0 } given
            ? $"KG_CHROMIUM={given} does not exist: point it at a Chromium binary, or unset it to use /usr/bin/chromium"
            : "Chromium not found at /usr/bin/chromium: install Debian's chromium package (apt-get install chromium), as .ci/run does, or set KG_CHROMIUM");

    /// <summary><c>kg build seeds</c> once for the class, and what <c>kg meetings</c> says of Stoltenberg and of May 2023.</summary>
    public sealed class SeedBuild : IDisposable
    {
        private readonly TempDir _dir = new("kg-graph-page");

        public SeedBuild()
        {
            Out = _dir["out"];
            var run = Kg.BuildAsync(Repo.Seeds, Out, "--quiet").GetAwaiter().GetResult();
            if (run.ExitCode != 0)
                throw new InvalidOperationException(run.ToString());
            Graph = JsonGraphReader.ReadAsync(Path.Combine(Out, "graph.json"), CancellationToken.None).GetAwaiter().GetResult();
            Stoltenberg = Meetings("--person", "Stoltenberg");
            May2023 = Meetings("--from", "2023-05-01", "--to", "2023-05-31");
        }

        public string Out { get; }

        public string Page => Path.Combine(Out, HtmlWriter.FileName);

        public PropertyGraph Graph { get; }

        public IReadOnlyList<Dictionary<string, string?>> Stoltenberg { get; }

        public IReadOnlyList<Dictionary<string, string?>> May2023 { get; }

        public string Dir(string name) => _dir[name];

        public void Dispose() => _dir.Dispose();

        private List<Dictionary<string, string?>> Meetings(params string[] filter)
        {
            var run = Kg.RunAsync(["meetings", Out, .. filter, "--format", "json"]).GetAwaiter().GetResult();
            if (run.ExitCode != 0)
                throw new InvalidOperationException(run.ToString());
            using var doc = JsonDocument.Parse(run.Stdout);
            return [.. doc.RootElement.EnumerateArray().Select(row => row.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.ValueKind == JsonValueKind.Null ? null : p.Value.GetString()))];
        }
    }

    [SkippableFact]
    public async Task SeedsPage_DrawsEveryPerson_WithNoRequestLeavingThePage()
    {
        SkipWithoutChromium();
        await using var browser = await Browser.OpenAsync(_build.Page);
        var people = _build.Graph.Nodes.Count(n => n.Label == GraphSchema.Person);

        // Act
        var drawn = await browser.Page.Locator("#nodes circle.node").CountAsync();
        var stats = await browser.Page.Locator("#stats").TextContentAsync();

        // Assert
        Assert.True(people is > 0 and <= HtmlWriter.DefaultTopPeople, $"the seeds have {people} people");
        Assert.Equal(people, drawn);
        Assert.StartsWith($"{people} of {people} people drawn", stats, StringComparison.Ordinal);
        Assert.Empty(browser.Requests);
        Assert.Empty(browser.Errors);
    }

    [SkippableFact]
    public async Task ClickStoltenberg_ListsTheMeetingsKgMeetingsLists()
    {
        SkipWithoutChromium();
        Assert.NotEmpty(_build.Stoltenberg);
        var name = _build.Stoltenberg[0]["person"]!;
        await using var browser = await Browser.OpenAsync(_build.Page);

        // Act
        await browser.Page.Locator($"#nodes circle.node[data-name=\"{name}\"]").ClickAsync();
        var rows = await browser.Page.Locator("#person-meetings li.meeting").EvaluateAllAsync<string[][]>(
            "items => items.map(li => ['.m-date', '.m-who', '.m-place', '.m-evidence', '.m-source'].map(c => { const e = li.querySelector(c); return e ? e.textContent : ''; }))");
        var heading = await browser.Page.Locator("#details h2").TextContentAsync();
        var dimmed = await browser.Page.Locator("#nodes circle.node.dim").CountAsync();
        var linked = _build.Stoltenberg.Select(m => m["met"]).Distinct().Count();

        // Assert: the same meetings, in the same order, with date, who, place, evidence sentence and source file.
        Assert.Equal(name, heading);
        var expected = _build.Stoltenberg.Select(m => new[] { m["date"] ?? "undated", m["met"] ?? "", m["place"] ?? "", m["evidence"] ?? "", m["documents"] ?? "" }).ToArray();
        Assert.Equal(expected, rows);
        // Everyone but Stoltenberg and the people he met is dimmed.
        Assert.Equal(_build.Graph.Nodes.Count(n => n.Label == GraphSchema.Person) - 1 - linked, dimmed);
        Assert.Empty(browser.Requests);
        Assert.Empty(browser.Errors);

        var shot = _build.Dir("graph-html.png");
        await browser.Page.ScreenshotAsync(new PageScreenshotOptions { Path = shot, FullPage = true });
        var png = await File.ReadAllBytesAsync(shot);
        Assert.True(png.Length > 1000 && png[1] == 'P' && png[2] == 'N' && png[3] == 'G', "the screenshot is a PNG");
        // KG_SCREENSHOT=docs/graph-html.png keeps it (the README's picture is made this way).
        if (Environment.GetEnvironmentVariable("KG_SCREENSHOT") is { Length: > 0 } keep)
            File.Copy(shot, Path.IsPathRooted(keep) ? keep : Path.Combine(Repo.Root, keep), overwrite: true);
    }

    [SkippableFact]
    public async Task WheelZoomsAtThePointer_DragPans_HoverShowsRoleAndOrganisation()
    {
        SkipWithoutChromium();
        await using var browser = await Browser.OpenAsync(_build.Page);
        var svg = browser.Page.Locator("#network");
        var box = (await svg.BoundingBoxAsync())!;
        async Task<double[]> ViewBox() => [.. (await svg.GetAttributeAsync("viewBox"))!.Split(' ').Select(v => double.Parse(v, System.Globalization.CultureInfo.InvariantCulture))];
        var (cx, cy) = (box.X + (box.Width / 2), box.Y + (box.Height / 2));

        // Act: one wheel step in at the centre, then a drag of 100 px to the right.
        var before = await ViewBox();
        await browser.Page.Mouse.MoveAsync((float)cx, (float)cy);
        await browser.Page.Mouse.WheelAsync(0, -100);
        await browser.Page.WaitForFunctionAsync($"() => document.getElementById('network').getAttribute('viewBox') !== '{string.Join(' ', before.Select(v => v.ToString(System.Globalization.CultureInfo.InvariantCulture)))}'");
        var zoomed = await ViewBox();
        await browser.Page.Mouse.MoveAsync((float)cx, (float)(box.Y + 10));
        await browser.Page.Mouse.DownAsync();
        await browser.Page.Mouse.MoveAsync((float)cx + 50, (float)(box.Y + 10), new MouseMoveOptions { Steps = 5 });
        await browser.Page.Mouse.MoveAsync((float)cx + 100, (float)(box.Y + 10), new MouseMoveOptions { Steps = 5 });
        await browser.Page.Mouse.UpAsync();
        var panned = await ViewBox();
        var name = _build.Stoltenberg[0]["person"]!;
        await browser.Page.Locator($"#nodes circle.node[data-name=\"{name}\"]").HoverAsync();
        var tooltip = await browser.Page.Locator("#tooltip").TextContentAsync();

        // Assert: a step zooms in by 1.2 keeping the point under the pointer; dragging 100 px right moves the view
        // 100 screen pixels' worth of layout units left; the tooltip names an organisation he is a member of.
        Assert.Equal(before[2] / 1.2, zoomed[2], 6);
        // The pointer lands on whole pixels: within one screen pixel in layout units.
        var pixel = before[2] / box.Width;
        Assert.InRange(zoomed[0] + (zoomed[2] / 2) - (before[0] + (before[2] / 2)), -pixel, pixel);
        Assert.InRange(panned[0] - (zoomed[0] - (100 * zoomed[2] / box.Width)), -pixel, pixel);
        Assert.Equal(zoomed[1], panned[1], 6);
        var stoltenberg = _build.Graph.Nodes.First(n => n.Name == name).Id;
        var organisations = _build.Graph.Relationships.Where(r => r.Type == GraphSchema.MemberOf && r.StartId == stoltenberg)
            .Select(r => _build.Graph.Nodes.First(n => n.Id == r.EndId).Name).ToList();
        Assert.NotEmpty(organisations);
        Assert.StartsWith(name, tooltip, StringComparison.Ordinal);
        Assert.Contains(organisations, o => tooltip!.Contains(o, StringComparison.Ordinal));
        Assert.Empty(browser.Errors);
    }

    [SkippableFact]
    public async Task TimelineMay2023_ShowsOnlyTheOsloMeeting()
    {
        SkipWithoutChromium();
        // What the seeds state: in May 2023 Stoltenberg met Støre in Oslo, and nobody else met anyone.
        var only = Assert.Single(_build.May2023);
        Assert.Equal("Oslo", only["place"]);
        await using var browser = await Browser.OpenAsync(_build.Page);

        // Act
        await browser.Page.Locator("#from").FillAsync("2023-05");
        await browser.Page.Locator("#to").FillAsync("2023-05");
        var listed = await browser.Page.Locator("#span-meetings li.meeting").EvaluateAllAsync<string[][]>(
            "items => items.map(li => [li.querySelector('.m-date').textContent, li.querySelector('.m-place').textContent])");
        var visible = await browser.Page.Locator("#nodes circle.node:not(.hidden)").EvaluateAllAsync<string[]>("cs => cs.map(c => c.getAttribute('data-name')).sort()");
        var edges = await browser.Page.Locator("#edges line").CountAsync();

        // Assert
        var row = Assert.Single(listed);
        Assert.Equal([only["date"]!, "Oslo"], row);
        Assert.Equal(new[] { only["person"]!, only["met"]! }.Order(StringComparer.Ordinal), visible.Order(StringComparer.Ordinal));
        Assert.Equal(1, edges);
        Assert.Empty(browser.Requests);
        Assert.Empty(browser.Errors);
    }

    [SkippableFact]
    public async Task Search_FindsAPersonByAnyAlias_FoldingAccentsAndCase()
    {
        SkipWithoutChromium();
        // Støre typed the way an English keyboard does: upper case, o for ø. And Zelensky by his other spelling.
        var store = _build.Graph.Nodes.First(n => n.Label == GraphSchema.Person && n.Name.Contains("Støre", StringComparison.Ordinal));
        await using var browser = await Browser.OpenAsync(_build.Page);

        // Act
        await browser.Page.Locator("#search").FillAsync("GAHR STORE");
        var hits = await browser.Page.Locator("#search-results button").AllTextContentsAsync();
        await browser.Page.Locator("#search-results button").First.ClickAsync();
        var heading = await browser.Page.Locator("#details h2").TextContentAsync();
        await browser.Page.Locator("#search").FillAsync("zelenskyy");
        var zelensky = await browser.Page.Locator("#search-results button").AllTextContentsAsync();

        // Assert
        Assert.StartsWith(store.Name, Assert.Single(hits), StringComparison.Ordinal);
        Assert.Equal(store.Name, heading);
        Assert.StartsWith("Volodymyr Zelensky", Assert.Single(zelensky), StringComparison.Ordinal);
        Assert.Empty(browser.Requests);
    }

    [SkippableFact]
    public async Task HostileNames_StayText_AndRightToLeftNamesKeepTheirLetters()
    {
        SkipWithoutChromium();
        // Names and evidence as an article could make them: markup, script, quotes, ampersands, right-to-left text.
        var names = new[]
        {
            "</script><script>window.pwned=1</script>",
            "<img src=x onerror=\"window.pwned=2\">",
            "O'Brien \"the <b>bold</b>\" & Sons",
            "محمد بن سلمان",
            "Zoë Ångström",
        };
        var nodes = names.Select((n, i) => new GraphNode($"person:{i}", [GraphSchema.Person], new PropertyBag().Add("name", n).Add("aliases", [n + " & co"]).Build())).ToList();
        var rels = Enumerable.Range(1, names.Length - 1).Select(i => new GraphRelationship($"met:{i}", GraphSchema.MetWith, "person:0", $"person:{i}",
            new PropertyBag().Add("date", new DateOnly(2024, 1, i)).Add("evidence", [$"{names[0]} met {names[i]} <script>window.pwned=3</script>"]).Add("documents", ["a&b.txt"]).Build())).ToList();
        var page = Path.Combine(_build.Dir("hostile"), HtmlWriter.FileName);
        Directory.CreateDirectory(Path.GetDirectoryName(page)!);
        await File.WriteAllTextAsync(page, HtmlWriter.Render(new PropertyGraph(nodes, rels)));
        await using var browser = await Browser.OpenAsync(page);

        // Act
        var pwned = await browser.Page.EvaluateAsync<bool>("() => window.pwned !== undefined");
        var shown = await browser.Page.Locator("#nodes circle.node").EvaluateAllAsync<string[]>("cs => cs.map(c => c.getAttribute('data-name'))");
        var labels = await browser.Page.Locator("#labels text").AllTextContentsAsync();
        await browser.Page.Locator("#nodes circle.node[data-id=\"person:0\"]").ClickAsync();
        var evidence = await browser.Page.Locator("#person-meetings .m-evidence").AllTextContentsAsync();
        var injected = await browser.Page.Locator("#details script, #details img, #details b, #labels script").CountAsync();
        await browser.Page.Locator("#search").FillAsync("zoe angstrom");
        var folded = await browser.Page.Locator("#search-results button").AllTextContentsAsync();

        // Assert
        Assert.False(pwned);
        Assert.Equal(names.Order(StringComparer.Ordinal), shown.Order(StringComparer.Ordinal));
        Assert.Equal(names.Order(StringComparer.Ordinal), labels.Order(StringComparer.Ordinal));
        Assert.Equal(names.Skip(1).Select(n => $"{names[0]} met {n} <script>window.pwned=3</script>").Order(StringComparer.Ordinal), evidence.Order(StringComparer.Ordinal));
        Assert.Equal(0, injected);
        Assert.Equal("Zoë Ångström", Assert.Single(folded));
        Assert.Empty(browser.Requests);
        Assert.Empty(browser.Errors);
    }

    [SkippableFact]
    public async Task LargeGraph_OpensInUnderThreeSeconds_TopPeopleFirst()
    {
        SkipWithoutChromium();
        // The size of a 2,000-article build (generated, seeded): 2,000 articles, 3,000 people, 6,000 meetings with
        // their evidence, 4,000 visits to 400 places, 3,000 memberships. The bar: opens in under 3 s here.
        var page = Path.Combine(_build.Dir("large"), HtmlWriter.FileName);
        Directory.CreateDirectory(Path.GetDirectoryName(page)!);
        await File.WriteAllTextAsync(page, HtmlWriter.Render(LargeGraph(articles: 2000, people: 3000, meetings: 6000, places: 400)));
        await using var browser = await Browser.OpenAsync(page: null);

        // Act
        var watch = Stopwatch.StartNew();
        await browser.Page.GotoAsync(new Uri(page).AbsoluteUri);
        await browser.Page.WaitForSelectorAsync("body[data-ready='1']");
        watch.Stop();
        var drawn = await browser.Page.Locator("#nodes circle.node").CountAsync();
        await browser.Page.Locator("#show-all").ClickAsync();
        var all = await browser.Page.Locator("#nodes circle.node").CountAsync();
        _output.WriteLine($"graph.html of a 2,000-article graph ({new FileInfo(page).Length / 1048576.0:F1} MB): open to drawn in {watch.Elapsed.TotalSeconds:F2} s");

        // Assert
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(3), $"graph.html of a 2,000-article graph took {watch.Elapsed.TotalSeconds:F2} s to open");
        Assert.Equal(HtmlWriter.DefaultTopPeople, drawn);
        Assert.Equal(3000, all);
        Assert.Empty(browser.Requests);
        Assert.Empty(browser.Errors);
    }

    [SkippableFact]
    public async Task Harness_RecordsARequestThatLeavesThePage()
    {
        SkipWithoutChromium();
        // The check the other tests rely on: a page (without graph.html's policy) that asks for an image is caught.
        var page = Path.Combine(_build.Dir("leak"), HtmlWriter.FileName);
        Directory.CreateDirectory(Path.GetDirectoryName(page)!);
        await File.WriteAllTextAsync(page, "<!DOCTYPE html><html><body data-ready=\"1\"><img src=\"http://example.invalid/x.png\"></body></html>");

        // Act
        await using var browser = await Browser.OpenAsync(page);
        await browser.Page.WaitForLoadStateAsync(LoadState.Load);

        // Assert
        Assert.Equal("http://example.invalid/x.png", Assert.Single(browser.Requests));
    }

    private static PropertyGraph LargeGraph(int articles, int people, int meetings, int places)
    {
        var random = new Random(20260101);
        var nodes = new List<GraphNode>();
        var rels = new List<GraphRelationship>();
        for (var i = 0; i < articles; i++)
            nodes.Add(new GraphNode($"article:{i:D5}", [GraphSchema.Article], new PropertyBag().Add("name", $"Article {i}").Add("file", $"{i:D5}.txt").Build()));
        for (var i = 0; i < places; i++)
        {
            nodes.Add(new GraphNode($"place:{i}", [GraphSchema.Location], new PropertyBag().Add("name", $"Place {i}")
                .Add("latitude", Math.Round((random.NextDouble() * 140) - 60, 4)).Add("longitude", Math.Round((random.NextDouble() * 360) - 180, 4)).Build()));
        }
        for (var i = 0; i < 100; i++)
            nodes.Add(new GraphNode($"org:{i}", [GraphSchema.Organization], new PropertyBag().Add("name", $"Organisation {i}").Build()));
        for (var i = 0; i < people; i++)
        {
            // A few hubs: betweenness falls off with the index, as in news where a handful of leaders meet everyone.
            nodes.Add(new GraphNode($"person:{i:D5}", [GraphSchema.Person], new PropertyBag()
                .Add("name", $"Person {i} Surname").Add("aliases", [$"P. {i}", $"Mr {i}"])
                .Add("betweenness", Math.Round(1.0 / (i + 1), 6)).Add("community", (long)(i % 12)).Add("degree", (long)random.Next(1, 20)).Add("mentions", (long)random.Next(1, 50))
                .Add("x", Math.Round(random.NextDouble() * 4000, 2)).Add("y", Math.Round(random.NextDouble() * 3000, 2)).Build()));
        }
        string Sentence() => $"Officials said the talks on {random.Next(1000)} topics went well, and both sides agreed to meet again soon in the capital to continue the work.";
        for (var k = 0; k < meetings; k++)
        {
            // Hubs take part in most meetings: the first person drawn from a skewed distribution.
            var a = (int)(people * Math.Pow(random.NextDouble(), 3));
            var b = random.Next(people);
            if (a == b)
                b = (b + 1) % people;
            var date = new DateOnly(2015, 1, 1).AddDays(random.Next(3650));
            rels.Add(new GraphRelationship($"met:{k}", GraphSchema.MetWith, $"person:{Math.Min(a, b):D5}", $"person:{Math.Max(a, b):D5}", new PropertyBag()
                .Add("date", random.Next(10) == 0 ? null : date).Add("place", "Place " + random.Next(places)).Add("placeId", $"place:{random.Next(places)}")
                .Add("evidence", [Sentence()]).Add("documents", [$"{random.Next(articles):D5}.txt"]).Build()));
        }
        for (var k = 0; k < 4000; k++)
        {
            rels.Add(new GraphRelationship($"visited:{k}", GraphSchema.Visited, $"person:{random.Next(people):D5}", $"place:{random.Next(places)}", new PropertyBag()
                .Add("date", new DateOnly(2015, 1, 1).AddDays(random.Next(3650))).Add("evidence", [Sentence()]).Add("documents", [$"{random.Next(articles):D5}.txt"]).Build()));
        }
        for (var k = 0; k < people; k++)
        {
            rels.Add(new GraphRelationship($"member:{k}", GraphSchema.MemberOf, $"person:{k:D5}", $"org:{random.Next(100)}", new PropertyBag()
                .Add("role", "Minister").Add("evidence", [Sentence()]).Add("documents", [$"{random.Next(articles):D5}.txt"]).Build()));
        }
        return new PropertyGraph(nodes, rels);
    }

    /// <summary>A Chromium page on one file, with every request but the page itself refused and recorded.</summary>
    private sealed class Browser : IAsyncDisposable
    {
        private readonly IPlaywright _playwright;
        private readonly IBrowser _browser;

        private Browser(IPlaywright playwright, IBrowser browser, IPage page)
        {
            _playwright = playwright;
            _browser = browser;
            Page = page;
        }

        public IPage Page { get; }

        /// <summary>Requests other than the page's own file (each was aborted).</summary>
        public List<string> Requests { get; } = [];

        /// <summary>Script errors and console errors of the page.</summary>
        public List<string> Errors { get; } = [];

        public static async Task<Browser> OpenAsync(string? page)
        {
            var playwright = await Playwright.CreateAsync();
            var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
            {
                ExecutablePath = Chromium,
                Headless = true,
                Args = ChromiumArgs,
            });
            var context = await browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1400, Height = 900 } });
            var tab = await context.NewPageAsync();
            var result = new Browser(playwright, browser, tab);
            // The page's own file is the one request allowed; anything else is recorded, and refused where Playwright can route it.
            static bool Own(string url) => url.StartsWith("file://", StringComparison.Ordinal) && url.EndsWith("/" + HtmlWriter.FileName, StringComparison.Ordinal);
            tab.Request += (_, request) =>
            {
                if (!Own(request.Url))
                {
                    lock (result.Requests)
                        result.Requests.Add(request.Url);
                }
            };
            await tab.RouteAsync("**/*", route => Own(route.Request.Url) ? route.ContinueAsync() : route.AbortAsync());
            tab.PageError += (_, e) => result.Errors.Add(e);
            tab.Console += (_, m) =>
            {
                if (m.Type == "error")
                    result.Errors.Add(m.Text);
            };
            if (page is not null)
            {
                await tab.GotoAsync(new Uri(page).AbsoluteUri);
                await tab.WaitForSelectorAsync("body[data-ready='1']", new PageWaitForSelectorOptions { Timeout = 15000 });
            }
            return result;
        }

        public async ValueTask DisposeAsync()
        {
            await _browser.DisposeAsync();
            _playwright.Dispose();
        }
    }
}
