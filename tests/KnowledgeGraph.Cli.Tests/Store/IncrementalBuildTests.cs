using KnowledgeGraph.Cli.Tests.Support;
using KnowledgeGraph.Store;
using KnowledgeGraph.Writers.Json;

namespace KnowledgeGraph.Cli.Tests.Store;

/// <summary>
/// <c>kg build</c> into a folder that already holds a graph.db analyses only what is new or changed, drops what was
/// deleted, and re-derives everything that spans articles: the graph is the one a build of the same files at once gives.
/// Only the layout differs: an incremental build keeps the previous positions and places what is new next to them, so
/// graphs are compared without <c>x</c>/<c>y</c>; <c>--relayout</c> lays it out afresh, and then the bytes are the same.
/// </summary>
[Collection(CliCollection.Name)]
public sealed class IncrementalBuildTests
{
    // Two reports of one meeting (same day, same place, same pair) that arrive on different days: merged across articles.
    private const string FirstReport = "Washington, 14 May 2024\n\nSecretary of State Antony Blinken met with Foreign Minister Dmytro Kuleba in Kyiv on 14 May 2024. They discussed air defence.\n";
    private const string SecondReport = "Kyiv, 14 May 2024\n\nUkrainian Foreign Minister Dmytro Kuleba met US Secretary of State Antony Blinken in Kyiv on Tuesday, 14 May 2024.\n";

    [Fact]
    public async Task Build_DayByDay_GivesTheGraphOfOneBuildOfTheSameArticles()
    {
        // Arrange: the seeds and two reports of one meeting, arriving over three days.
        using var t = new TempDir();
        var seeds = Directory.EnumerateFiles(Repo.Seeds, "*.txt").Order(StringComparer.Ordinal).ToList();
        foreach (var s in seeds)
            File.Copy(s, t.Write("all/" + Path.GetFileName(s), ""), overwrite: true);
        t.Write("all/report-a.txt", FirstReport);
        t.Write("all/report-b.txt", SecondReport);
        var days = new[] { seeds.Take(2).Select(Path.GetFileName).Append("report-b.txt"), seeds.Skip(2).Take(2).Select(Path.GetFileName), seeds.Skip(4).Select(Path.GetFileName).Append("report-a.txt") };

        // Act: at once; then day by day into another folder.
        Assert.Equal(0, (await Kg.BuildAsync(t["all"], t["once"], "--format", "json")).ExitCode);
        var runs = new List<KgResult>();
        foreach (var day in days)
        {
            foreach (var f in day)
                File.Copy(t["all/" + f!], t.Write("daily/" + f, ""), overwrite: true);
            runs.Add(await Kg.BuildAsync(t["daily"], t["out"], "--format", "json"));
        }

        // Assert: the same graph.json but for the positions, and each day analysed only that day's files.
        Assert.All(runs, r => Assert.True(r.ExitCode == 0, r.ToString()));
        Assert.Equal(WithoutPositions(t["once/graph.json"]), WithoutPositions(t["out/graph.json"]));
        Assert.All(Exports.ReadJson(t["out"]).Where(e => e.GetProperty("type").GetString() == "node"), n =>
            Assert.True(n.GetProperty("properties").TryGetProperty("x", out _) && n.GetProperty("properties").TryGetProperty("y", out _), n.ToString()));
        Assert.Contains("incremental build: 2 new or changed article(s) analysed, 3 unchanged kept, 0 removed", runs[1].StderrLines);
        Assert.Contains("incremental build: 2 new or changed article(s) analysed, 5 unchanged kept, 0 removed", runs[2].StderrLines);
        // The meeting told on day 1 and day 3 is one Meeting node citing both reports.
        var meetings = Exports.ReadJson(t["out"]).Where(e => e.GetProperty("type").GetString() == "node" &&
            e.GetProperty("labels")[0].GetString() == "Meeting" && e.GetProperty("properties").TryGetProperty("date", out var d) && d.GetString() == "2024-05-14").ToList();
        var meeting = Assert.Single(meetings);
        Assert.Equal(["report-a.txt", "report-b.txt"], meeting.GetProperty("properties").GetProperty("documents").EnumerateArray().Select(d => d.GetString()));
        // The store, updated row by row, holds the graph of graph.json.
        using (var store = GraphStore.Open(Path.Combine(t["out"], GraphStore.FileName), readOnly: true))
            Assert.True((await JsonGraphReader.ReadAsync(t["out/graph.json"])).ContentEquals(store.ReadGraph()));

        // And laid out afresh on request: byte for byte the graph.json of the build at once, and the same graph tables.
        var relayout = await Kg.BuildAsync(t["daily"], t["out"], "--format", "json", "--relayout");
        Assert.True(relayout.ExitCode == 0, relayout.ToString());
        Assert.Contains("incremental build: 0 new or changed article(s) analysed, 7 unchanged kept, 0 removed", relayout.StderrLines);
        Assert.Equal(File.ReadAllText(t["once/graph.json"]), File.ReadAllText(t["out/graph.json"]));
        Assert.Equal(GraphTables(t["once"]), GraphTables(t["out"]));
    }

    [Fact]
    public async Task UpdateGraph_DayByDayWithChangesAndDeletions_LeavesTheRowsOfAWholeWrite()
    {
        // Arrange: the seeds and two reports arriving over three days; on the third, one seed is deleted and a report
        // rewritten to name another place.
        using var t = new TempDir();
        var seeds = Directory.EnumerateFiles(Repo.Seeds, "*.txt").Order(StringComparer.Ordinal).ToList();
        var days = new[] { seeds.Take(3).ToList(), seeds.Skip(3).ToList() };
        t.Write("daily/report-b.txt", SecondReport);
        var runs = new List<KgResult>();
        foreach (var day in days)
        {
            foreach (var s in day)
                File.Copy(s, t.Write("daily/" + Path.GetFileName(s), ""), overwrite: true);
            runs.Add(await Kg.BuildAsync(t["daily"], t["out"], "--format", "json"));
        }
        t.Write("daily/report-a.txt", FirstReport);
        t.Write("daily/report-b.txt", SecondReport.Replace("in Kyiv", "in Warsaw", StringComparison.Ordinal));
        File.Delete(t["daily/" + Path.GetFileName(seeds[1])]);

        // Act: the third day, written in place; then the same graph written whole into a copy of the store.
        runs.Add(await Kg.BuildAsync(t["daily"], t["out"], "--format", "json"));
        Directory.CreateDirectory(t["whole"]);
        File.Copy(Path.Combine(t["out"], GraphStore.FileName), Path.Combine(t["whole"], GraphStore.FileName));
        using (var store = GraphStore.Open(Path.Combine(t["whole"], GraphStore.FileName)))
            store.WriteGraph(await JsonGraphReader.ReadAsync(t["out/graph.json"]));

        var once = await Kg.BuildAsync(t["daily"], t["once"], "--format", "json");

        // Assert: rows written in place on days 2 and 3, and the same rows (fingerprints included) as the whole write;
        // graph.json that of a build at once but for the positions.
        Assert.All(runs.Append(once), r => Assert.True(r.ExitCode == 0, r.ToString()));
        Assert.Equal(WithoutPositions(t["once/graph.json"]), WithoutPositions(t["out/graph.json"]));
        using (var store = GraphStore.Open(Path.Combine(t["out"], GraphStore.FileName), readOnly: true))
            Assert.True((await JsonGraphReader.ReadAsync(t["out/graph.json"])).ContentEquals(store.ReadGraph()));
        Assert.All(runs.Skip(1), r => Assert.Contains(r.StderrLines, l => l.Contains("graph rows written in place:", StringComparison.Ordinal)));
        Assert.Contains("incremental build: 2 new or changed article(s) analysed, 4 unchanged kept, 1 removed", runs[2].StderrLines);
        Assert.Equal(GraphTables(t["whole"]), GraphTables(t["out"]));
    }

    [Fact]
    public async Task UpdateGraph_MoreChangesThanTheLimit_WritesTheTablesWhole()
    {
        // Arrange: a store holding the graph of two seeds, and the graph of all of them.
        using var t = new TempDir();
        var seeds = Directory.EnumerateFiles(Repo.Seeds, "*.txt").Order(StringComparer.Ordinal).ToList();
        foreach (var s in seeds.Take(2))
            File.Copy(s, t.Write("in/" + Path.GetFileName(s), ""), overwrite: true);
        Assert.Equal(0, (await Kg.BuildAsync(t["in"], t["first"], "--format", "json")).ExitCode);
        Assert.Equal(0, (await Kg.BuildAsync(Repo.Seeds, t["all"], "--format", "json")).ExitCode);
        var graph = await JsonGraphReader.ReadAsync(t["all/graph.json"]);
        Directory.CreateDirectory(t["whole"]);
        File.Copy(Path.Combine(t["first"], GraphStore.FileName), Path.Combine(t["whole"], GraphStore.FileName));

        // Act: in place with a limit of 3 changed rows, and whole into a copy of the same store.
        GraphWriteSummary summary;
        using (var store = GraphStore.Open(Path.Combine(t["first"], GraphStore.FileName)))
        {
            store.InPlaceRowLimit = 3;
            summary = store.UpdateGraph(graph);
        }
        using (var store = GraphStore.Open(Path.Combine(t["whole"], GraphStore.FileName)))
            store.WriteGraph(graph);

        // Assert: the in-place attempt gave way, and left nothing behind.
        Assert.False(summary.InPlace);
        Assert.Equal(GraphTables(t["whole"]), GraphTables(t["first"]));
    }

    [Fact]
    public async Task Build_StoreOfSchemaVersion1_IsReadAndUpgraded()
    {
        // Arrange: a store as version 1 wrote it (no row_hashes).
        using var t = new TempDir();
        Assert.Equal(0, (await Kg.BuildAsync(Repo.Seeds, t["out"], "--format", "json")).ExitCode);
        using (var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={Path.Combine(t["out"], GraphStore.FileName)};Pooling=False"))
        {
            connection.Open();
            using var cmd = connection.CreateCommand();
            cmd.CommandText = "DROP TABLE row_hashes; UPDATE meta SET value = '1' WHERE key = 'schema_version'";
            cmd.ExecuteNonQuery();
        }

        // Act: a question, then a build into the folder.
        var query = await Kg.RunAsync("meetings", t["out"], "--person", "Stoltenberg", "--format", "csv");
        var run = await Kg.BuildAsync(Repo.Seeds, t["out"], "--format", "json");

        // Assert: the question answered from the old store; the build kept every article and wrote version 2.
        Assert.True(query.ExitCode == 0, query.ToString());
        Assert.Contains("Jens Stoltenberg", query.Stdout, StringComparison.Ordinal);
        Assert.True(run.ExitCode == 0, run.ToString());
        using var store = GraphStore.Open(Path.Combine(t["out"], GraphStore.FileName), readOnly: true);
        Assert.Equal("3", store.GetMeta("schema_version"));
        Assert.True((await JsonGraphReader.ReadAsync(t["out/graph.json"])).ContentEquals(store.ReadGraph()));
    }

    [Fact]
    public async Task Build_StoreOfSchemaVersion2_AssemblesEverythingOnceThenContinues()
    {
        // Arrange: the first day's store as version 2 wrote it (no assembly_state).
        using var t = new TempDir();
        var seeds = Directory.EnumerateFiles(Repo.Seeds, "*.txt").Order(StringComparer.Ordinal).ToList();
        foreach (var s in seeds)
            File.Copy(s, t.Write("all/d1/" + Path.GetFileName(s), ""), overwrite: true);
        t.Write("all/d2/report-a.txt", FirstReport);
        t.Write("all/d3/report-b.txt", SecondReport);
        CopyFolder(t["all/d1"], t["daily/d1"]);
        Assert.Equal(0, (await Kg.BuildAsync(t["daily"], t["out"], "--format", "json")).ExitCode);
        using (var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={Path.Combine(t["out"], GraphStore.FileName)};Pooling=False"))
        {
            connection.Open();
            using var cmd = connection.CreateCommand();
            cmd.CommandText = "DROP TABLE assembly_state; DELETE FROM meta WHERE key = 'assembled_through'; UPDATE meta SET value = '2' WHERE key = 'schema_version'";
            cmd.ExecuteNonQuery();
        }

        // Act: a question on the old store, then two days added.
        var query = await Kg.RunAsync("meetings", t["out"], "--person", "Stoltenberg", "--format", "csv");
        CopyFolder(t["all/d2"], t["daily/d2"]);
        var upgrade = await Kg.BuildAsync(t["daily"], t["out"], "--format", "json");
        CopyFolder(t["all/d3"], t["daily/d3"]);
        var next = await Kg.BuildAsync(t["daily"], t["out"], "--format", "json", "--relayout");
        Assert.Equal(0, (await Kg.BuildAsync(t["all"], t["once"], "--format", "json")).ExitCode);

        // Assert: answered from the old store; the upgrade assembled everything and kept the state, the next day
        // continued it, and the result is the build at once, byte for byte, its kept state included.
        Assert.True(query.ExitCode == 0, query.ToString());
        Assert.Contains("Jens Stoltenberg", query.Stdout, StringComparison.Ordinal);
        Assert.True(upgrade.ExitCode == 0, upgrade.ToString());
        Assert.Contains(upgrade.StderrLines, l => l.StartsWith("assembly of every stored analysis again", StringComparison.Ordinal));
        Assert.True(next.ExitCode == 0, next.ToString());
        Assert.Contains("assembly continued from the state kept in graph.db: 1 new article(s) folded in", next.StderrLines);
        using (var store = GraphStore.Open(Path.Combine(t["out"], GraphStore.FileName), readOnly: true))
            Assert.Equal("3", store.GetMeta("schema_version"));
        Assert.Equal(File.ReadAllText(t["once/graph.json"]), File.ReadAllText(t["out/graph.json"]));
        Assert.Equal(GraphTables(t["once"]), GraphTables(t["out"]));
        Assert.Equal(AssemblyStateRows(t["once"]), AssemblyStateRows(t["out"]));
    }

    [Fact]
    public async Task Build_DaysAddedRemovedAndChanged_GiveTheGraphAndStateOfOneBuild()
    {
        // Arrange: the seeds and two reports of one meeting in day folders; the days after the first add a folder
        // (the kept assembly is continued), delete one file and change another (assembled again), add a file
        // that sorts before the last one assembled (assembled again), then add a folder again (continued).
        using var t = new TempDir();
        var seeds = Directory.EnumerateFiles(Repo.Seeds, "*.txt").Order(StringComparer.Ordinal).ToList();
        void Put(string file, string text) => t.Write("daily/" + file, text);
        var steps = new (Action Change, string Assembly)[]
        {
            (() => { foreach (var s in seeds.Take(3)) Put("d1/" + Path.GetFileName(s), File.ReadAllText(s)); }, ""),
            (() => { foreach (var s in seeds.Skip(3)) Put("d2/" + Path.GetFileName(s), File.ReadAllText(s)); Put("d2/report-b.txt", SecondReport); },
                "assembly continued from the state kept in graph.db: 3 new article(s) folded in"),
            (() =>
            {
                File.Delete(t["daily/d1/" + Path.GetFileName(seeds[0])]);
                Put("d2/report-b.txt", SecondReport.Replace("in Kyiv", "in Warsaw", StringComparison.Ordinal));
            }, "assembly of every stored analysis again"),
            (() => Put("d1/report-a.txt", FirstReport), "assembly of every stored analysis again"),
            (() => { Put("d3/report-c.txt", FirstReport); Put("d3/" + Path.GetFileName(seeds[0]), File.ReadAllText(seeds[0])); },
                "assembly continued from the state kept in graph.db: 2 new article(s) folded in"),
        };

        foreach (var (change, assembly) in steps)
        {
            // Act: one day, built into the daily store; the same files at once into a fresh folder.
            change();
            var run = await Kg.BuildAsync(t["daily"], t["out"], "--format", "json");
            if (Directory.Exists(t["once"]))
                Directory.Delete(t["once"], recursive: true);
            Assert.Equal(0, (await Kg.BuildAsync(t["daily"], t["once"], "--format", "json")).ExitCode);

            // Assert: the graph of the build at once but for positions, and the same kept state.
            Assert.True(run.ExitCode == 0, run.ToString());
            if (assembly.Length > 0)
                Assert.Contains(run.StderrLines, l => l.StartsWith(assembly, StringComparison.Ordinal));
            Assert.Equal(WithoutPositions(t["once/graph.json"]), WithoutPositions(t["out/graph.json"]));
            Assert.Equal(AssemblyStateRows(t["once"]), AssemblyStateRows(t["out"]));
            // The graph tables, updated in place (after a continued assembly, only the rows it may have changed),
            // hold the graph of graph.json.
            using var store = GraphStore.Open(Path.Combine(t["out"], GraphStore.FileName), readOnly: true);
            Assert.True((await JsonGraphReader.ReadAsync(t["out/graph.json"])).ContentEquals(store.ReadGraph()), assembly);
        }
        var relayout = await Kg.BuildAsync(t["daily"], t["out"], "--format", "json", "--relayout");
        Assert.True(relayout.ExitCode == 0, relayout.ToString());
        Assert.Equal(File.ReadAllText(t["once/graph.json"]), File.ReadAllText(t["out/graph.json"]));
        Assert.Equal(GraphTables(t["once"]), GraphTables(t["out"]));
    }

    /// <summary>The kept assembly state of a store and the last article it holds, as text.</summary>
    private static List<string> AssemblyStateRows(string dir)
    {
        var rows = new List<string>();
        using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={Path.Combine(dir, GraphStore.FileName)};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var cmd = connection.CreateCommand();
        cmd.CommandText = "SELECT kind, id, hex(data) FROM assembly_state ORDER BY kind, id";
        using (var r = cmd.ExecuteReader())
        {
            while (r.Read())
                rows.Add($"{r.GetString(0)} {r.GetString(1)} {r.GetString(2)}");
        }
        cmd.CommandText = "SELECT value FROM meta WHERE key = 'assembled_through'";
        rows.Add("through " + cmd.ExecuteScalar());
        return rows;
    }

    /// <summary>Every row of the graph tables of a store (and the Article node columns), in key order, as text.</summary>
    private static List<string> GraphTables(string dir)
    {
        var rows = new List<string>();
        using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={Path.Combine(dir, GraphStore.FileName)};Mode=ReadOnly;Pooling=False");
        connection.Open();
        foreach (var sql in new[]
        {
            "SELECT * FROM entities ORDER BY id", "SELECT * FROM aliases ORDER BY entity_id, alias", "SELECT * FROM mentions ORDER BY entity_id, article_id",
            "SELECT * FROM meetings ORDER BY id", "SELECT * FROM participants ORDER BY meeting_id, person_id", "SELECT * FROM relations ORDER BY id",
            "SELECT * FROM evidence ORDER BY owner_id, ord", "SELECT id, node_id, node_props FROM articles ORDER BY id",
            "SELECT kind, locator, hex(hash) FROM row_hashes ORDER BY kind, locator",
        })
        {
            using var cmd = connection.CreateCommand();
            cmd.CommandText = sql;
            using var r = cmd.ExecuteReader();
            while (r.Read())
                rows.Add(sql + ": " + string.Join(" | ", Enumerable.Range(0, r.FieldCount).Select(i => r.IsDBNull(i) ? "NULL" : Convert.ToString(r.GetValue(i), System.Globalization.CultureInfo.InvariantCulture))));
        }
        return rows;
    }

    [Fact]
    public async Task Build_NothingChanged_KeepsEveryPositionAndByte()
    {
        // Arrange
        using var t = new TempDir();
        Assert.Equal(0, (await Kg.BuildAsync(Repo.Seeds, t["out"], "--format", "json")).ExitCode);
        var before = File.ReadAllText(t["out/graph.json"]);

        // Act
        var run = await Kg.BuildAsync(Repo.Seeds, t["out"], "--format", "json");

        // Assert
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(before, File.ReadAllText(t["out/graph.json"]));
    }

    [Fact]
    public async Task Build_FormatNone_KeepsTheStoreOnlyAndALaterExportIsTheOneOfBuildsWithExports()
    {
        // Arrange: the seeds, then one more report; built day by day with graph.json, and with --format none.
        using var t = new TempDir();
        CopyFolder(Repo.Seeds, t["in"]);
        Assert.Equal(0, (await Kg.BuildAsync(t["in"], t["json"], "--format", "json")).ExitCode);
        var first = await Kg.BuildAsync(t["in"], t["none"], "--format", "none");
        t.Write("in/report-a.txt", FirstReport);
        Assert.Equal(0, (await Kg.BuildAsync(t["in"], t["json"], "--format", "json")).ExitCode);
        var second = await Kg.BuildAsync(t["in"], t["none"], "--format", "none");

        // Act: nothing new, exports asked for.
        var export = await Kg.BuildAsync(t["in"], t["none"], "--format", "json");

        // Assert: graph.db alone after the store-only builds; then the graph.json of the builds with exports.
        Assert.True(first.ExitCode == 0 && second.ExitCode == 0 && export.ExitCode == 0, $"{first}\n{second}\n{export}");
        Assert.Contains("(no export: --format none)", second.Stderr, StringComparison.Ordinal);
        Assert.Equal([GraphStore.FileName, "graph.json"], Directory.EnumerateFiles(t["none"]).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.Equal(File.ReadAllText(t["json/graph.json"]), File.ReadAllText(t["none/graph.json"]));
    }

    [Fact]
    public async Task Build_NewArticles_KeepThePositionsOfTheNodesBuiltBefore()
    {
        // Arrange: the seeds, then one more report.
        using var t = new TempDir();
        CopyFolder(Repo.Seeds, t["in"]);
        Assert.Equal(0, (await Kg.BuildAsync(t["in"], t["out"], "--format", "json")).ExitCode);
        var before = Positions(t["out"]);
        t.Write("in/report-a.txt", FirstReport);

        // Act
        var run = await Kg.BuildAsync(t["in"], t["out"], "--format", "json");

        // Assert: every node of the first build where it was; the new ones placed too.
        Assert.True(run.ExitCode == 0, run.ToString());
        var after = Positions(t["out"]);
        Assert.All(before, kv => Assert.Equal(kv.Value, after[kv.Key]));
        Assert.Contains(after.Keys, id => id.Contains("kuleba", StringComparison.Ordinal) && !before.ContainsKey(id));
    }

    private static Dictionary<string, (double X, double Y)> Positions(string dir) =>
        Exports.ReadJson(dir).Where(e => e.GetProperty("type").GetString() == "node").ToDictionary(
            e => e.GetProperty("id").GetString()!,
            e => (e.GetProperty("properties").GetProperty("x").GetDouble(), e.GetProperty("properties").GetProperty("y").GetDouble()), StringComparer.Ordinal);

    /// <summary>graph.json with the <c>x</c> and <c>y</c> of every node left out, line by line.</summary>
    private static List<string> WithoutPositions(string file) =>
        [.. File.ReadLines(file).Select(line =>
        {
            var o = System.Text.Json.Nodes.JsonNode.Parse(line)!.AsObject();
            if (o["properties"] is System.Text.Json.Nodes.JsonObject props)
            {
                props.Remove("x");
                props.Remove("y");
            }
            return o.ToJsonString();
        })];

    [Fact]
    public async Task Build_FileDeletedOrChanged_DropsItsFactsAndAnalysesTheNewText()
    {
        // Arrange: a first build of both reports.
        using var t = new TempDir();
        t.Write("in/report-a.txt", FirstReport);
        t.Write("in/report-b.txt", SecondReport);
        Assert.Equal(0, (await Kg.BuildAsync(t["in"], t["out"], "--format", "json")).ExitCode);

        // Act: one report deleted, the other rewritten to name another place.
        File.Delete(t["in/report-a.txt"]);
        t.Write("in/report-b.txt", SecondReport.Replace("in Kyiv", "in Warsaw", StringComparison.Ordinal));
        var run = await Kg.BuildAsync(t["in"], t["out"], "--format", "json");
        var fresh = await Kg.BuildAsync(t["in"], t["fresh"], "--format", "json");

        // Assert
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("incremental build: 1 new or changed article(s) analysed, 0 unchanged kept, 1 removed", run.StderrLines);
        Assert.Equal(WithoutPositions(t["fresh/graph.json"]), WithoutPositions(t["out/graph.json"]));
        var text = File.ReadAllText(t["out/graph.json"]);
        Assert.DoesNotContain("report-a.txt", text, StringComparison.Ordinal);
        Assert.Contains("Warsaw", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Build_RuleFileChanged_AnalysesEverythingAgainAndSaysSo()
    {
        // Arrange: a private copy of the data folder, and a build with it.
        using var t = new TempDir();
        CopyFolder(Repo.Data, t["data"]);
        t.Write("in/report-a.txt", FirstReport);
        t.Write("in/report-b.txt", SecondReport);
        Assert.Equal(0, (await Kg.RunAsync("build", t["in"], "--out", t["out"], "--data", t["data"], "--format", "json")).ExitCode);

        // Act: a comment added to the rules changes their version.
        File.AppendAllText(Path.Combine(t["data"], "rules", "relations.rules"), "\n# a comment\n");
        var run = await Kg.RunAsync("build", t["in"], "--out", t["out"], "--data", t["data"], "--format", "json");

        // Assert
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains(run.StderrLines, l => l.Contains("data, rules or program changed since", StringComparison.Ordinal) && l.EndsWith("analysing all 2 articles again", StringComparison.Ordinal));
        Assert.Contains("incremental build: 2 new or changed article(s) analysed, 0 unchanged kept, 0 removed", run.StderrLines);
    }

    [Fact]
    public async Task Build_CancelledIncrementalBuild_LeavesThePreviousStoreByteIdentical()
    {
        // Arrange: a store, then a new file that is bad, where the test presses Ctrl+C (no timing involved).
        using var t = new TempDir();
        t.Write("in/report-a.txt", FirstReport);
        Assert.Equal(0, (await Kg.BuildAsync(t["in"], t["out"], "--format", "json")).ExitCode);
        var before = Exports.Snapshot(t["out"]);
        t.Write("in/report-b.txt", SecondReport);
        t.Write("in/zz-empty.txt", "");
        using var cts = new CancellationTokenSource();

        // Act
        var run = await Kg.RunAsync(["build", t["in"], "--out", t["out"], "--data", Repo.Data, "--format", "json"], cts.Token,
            line => { if (line.Contains("skipped", StringComparison.Ordinal)) cts.Cancel(); });

        // Assert: graph.db included, nothing changed; the store still opens and holds the one article.
        Assert.True(run.ExitCode == 130, run.ToString());
        Assert.Equal(before, Exports.Snapshot(t["out"]));
        using var store = GraphStore.Open(Path.Combine(t["out"], GraphStore.FileName), readOnly: true);
        Assert.Equal(["report-a.txt"], store.ArticleHashes().Keys);
    }

    [Fact]
    public async Task Store_ReadGraph_IsTheGraphOfGraphJson()
    {
        // Arrange
        using var t = new TempDir();
        Assert.Equal(0, (await Kg.BuildAsync(Repo.Seeds, t["out"], "--format", "json")).ExitCode);

        // Act
        using var store = GraphStore.Open(Path.Combine(t["out"], GraphStore.FileName), readOnly: true);
        var fromStore = store.ReadGraph();
        var fromJson = await JsonGraphReader.ReadAsync(Path.Combine(t["out"], "graph.json"));

        // Assert: every node and relationship, property by property (types included).
        Assert.True(fromJson.ContentEquals(fromStore));
        Assert.Equal(64, fromStore.Nodes.Length);
    }

    private static void CopyFolder(string from, string to)
    {
        foreach (var f in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, f));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(f, target);
        }
    }
}
