using System.Collections;
using System.Reflection;
using KnowledgeGraph.Core.Entities;
using KnowledgeGraph.Core.Stages.Tagging;
using KnowledgeGraph.Core.Tests.Support;

namespace KnowledgeGraph.Core.Tests.Tagging;

public sealed class GazetteerCacheTests : IDisposable
{
    private readonly DirectoryInfo _temp = Directory.CreateTempSubdirectory("kg-gazetteer-cache-");

    public void Dispose() => _temp.Delete(recursive: true);

    private string CacheDirectory => Path.Combine(_temp.FullName, "cache");

    // A copy of the project's data folder that a test may change.
    private string CopyOfData()
    {
        var target = Path.Combine(_temp.FullName, "data");
        foreach (var file in Directory.EnumerateFiles(Repo.DataDirectory, "*", SearchOption.AllDirectories))
        {
            var to = Path.Combine(target, Path.GetRelativePath(Repo.DataDirectory, file));
            Directory.CreateDirectory(Path.GetDirectoryName(to)!);
            File.Copy(file, to);
        }
        return target;
    }

    // Every public property, arrays and lists item by item: what the cache must give back.
    private static void AssertSame(object? expected, object? actual, string path)
    {
        if (expected is null || actual is null)
        {
            Assert.True(expected is null && actual is null, $"{path}: {expected} vs {actual}");
            return;
        }
        var type = expected.GetType();
        if (type.IsPrimitive || expected is string or decimal or DateOnly or Enum)
        {
            Assert.True(expected.Equals(actual), $"{path}: {expected} vs {actual}");
            return;
        }
        if (expected is IEnumerable items && actual is IEnumerable others)
        {
            var a = items.Cast<object?>().ToList();
            var b = others.Cast<object?>().ToList();
            Assert.True(a.Count == b.Count, $"{path}: {a.Count} vs {b.Count} items");
            for (var i = 0; i < a.Count; i++)
                AssertSame(a[i], b[i], $"{path}[{i}]");
            return;
        }
        if (type.IsGenericType && type.FullName!.StartsWith("System.ValueTuple", StringComparison.Ordinal))
        {
            foreach (var field in type.GetFields())
                AssertSame(field.GetValue(expected), field.GetValue(actual), $"{path}.{field.Name}");
            return;
        }
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.GetIndexParameters().Length == 0 && p.Name != "EqualityContract"))
            AssertSame(property.GetValue(expected), property.GetValue(actual), $"{path}.{property.Name}");
    }

    [Fact]
    public void EntryProperties_EveryPropertyOfTheEntryRecord_IsStored()
    {
        // A property added to GazetteerEntry must be added to the cache (and to EntryProperties) too.
        var properties = typeof(GazetteerEntry).GetProperties(BindingFlags.Public | BindingFlags.Instance).Select(p => p.Name).Order(StringComparer.Ordinal);
        Assert.Equal(GazetteerCache.EntryProperties.Order(StringComparer.Ordinal), properties);
    }

    [Fact]
    public void TryRead_AfterTryWrite_GivesBackWhatTheCsvFilesGive()
    {
        // Arrange
        var parts = GazetteerLoader.LoadParts(Repo.DataDirectory);
        var key = GazetteerCache.Key(Repo.DataDirectory, GazetteerLoader.InputFiles(Repo.DataDirectory));
        var file = GazetteerCache.FileFor(CacheDirectory, Repo.DataDirectory);

        // Act
        GazetteerCache.TryWrite(file, key, parts);
        var read = GazetteerCache.TryRead(file, key);

        // Assert: every part, item by item and in order; a title and its aliases still share one entry.
        Assert.NotNull(read);
        AssertSame(parts, read, "parts");
        var shared = parts.Titles.GroupBy(t => t.Title, ReferenceEqualityComparer.Instance).Count();
        Assert.Equal(shared, read!.Titles.GroupBy(t => t.Title, ReferenceEqualityComparer.Instance).Count());
        Assert.Empty(Directory.GetFiles(CacheDirectory, "*.tmp"));
    }

    [Fact]
    public void Load_WithCache_SameGazetteerAsWithout()
    {
        // Act: the first load writes the cache, the second reads it.
        var plain = GazetteerLoader.Load(Repo.DataDirectory);
        GazetteerLoader.Load(Repo.DataDirectory, CacheDirectory);
        Assert.Single(Directory.GetFiles(CacheDirectory));
        var cached = GazetteerLoader.Load(Repo.DataDirectory, CacheDirectory);

        // Assert: the same entries (in order), roles, titles and word sets.
        AssertSame(plain.AllEntries.ToList(), cached.AllEntries.ToList(), "entries");
        foreach (var e in plain.AllEntries.Take(500))
            AssertSame(plain.RolesOf(e.Id), cached.RolesOf(e.Id), $"roles of {e.Id}");
        Assert.Equal(plain.Entities.Count, cached.Entities.Count);
        Assert.Equal(plain.Titles.Count, cached.Titles.Count);
        AssertSame(plain.TitlesByKey.OrderBy(p => p.Key, StringComparer.Ordinal).ToList(), cached.TitlesByKey.OrderBy(p => p.Key, StringComparer.Ordinal).ToList(), "titles");
        Assert.Equal(plain.GivenNames.Order(StringComparer.Ordinal), cached.GivenNames.Order(StringComparer.Ordinal));
        Assert.Equal(plain.CommonWords.Order(StringComparer.Ordinal), cached.CommonWords.Order(StringComparer.Ordinal));
        Assert.Equal(plain.DemonymKeys.Order(StringComparer.Ordinal), cached.DemonymKeys.Order(StringComparer.Ordinal));
        Assert.Equal(plain.Words.VenueNouns.Order(StringComparer.Ordinal), cached.Words.VenueNouns.Order(StringComparer.Ordinal));
        Assert.Equal(plain.NormalizeKey("defence"), cached.NormalizeKey("defence"));
    }

    [Fact]
    public void Load_CsvChangedAfterCaching_SeesTheChange()
    {
        // Arrange: a cache of the data as it is.
        var data = CopyOfData();
        var before = GazetteerLoader.Load(data, CacheDirectory);
        Assert.False(before.TryGet("person:cache-test-person", out _));

        // Act: a person added to people.csv (same length would do too: the key is the bytes, not the time).
        File.AppendAllText(Path.Combine(data, "gazetteer", "people.csv"), "person:cache-test-person,Person,Cache Test Person,,\n");
        var after = GazetteerLoader.Load(data, CacheDirectory);

        // Assert: the new row is there, and the cache now holds it.
        Assert.True(after.TryGet("person:cache-test-person", out _));
        Assert.True(GazetteerLoader.Load(data, CacheDirectory).TryGet("person:cache-test-person", out _));
        Assert.Single(Directory.GetFiles(CacheDirectory));
    }

    [Fact]
    public void Load_LexiconFileChangedAfterCaching_SeesTheChange()
    {
        // Arrange
        var data = CopyOfData();
        GazetteerLoader.Load(data, CacheDirectory);

        // Act: a given name added.
        File.AppendAllText(Path.Combine(data, "lexicon", "given-names.txt"), "\nZyxwvutsrq\n");
        var after = GazetteerLoader.Load(data, CacheDirectory);

        // Assert
        Assert.Contains("zyxwvutsrq", (IReadOnlySet<string>)after.GivenNames);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(40)]
    [InlineData(1000)]
    [InlineData(-1)]
    public void Load_CacheTruncatedOrDamaged_RebuiltSilently(int cut)
    {
        // Arrange: a good cache, then cut short (or, for -1, bytes in its middle overwritten).
        var plain = GazetteerLoader.Load(Repo.DataDirectory);
        GazetteerLoader.Load(Repo.DataDirectory, CacheDirectory);
        var file = Directory.GetFiles(CacheDirectory).Single();
        var bytes = File.ReadAllBytes(file);
        if (cut >= 0)
        {
            File.WriteAllBytes(file, bytes[..cut]);
        }
        else
        {
            Array.Fill(bytes, (byte)0xFF, bytes.Length / 2, 64);
            File.WriteAllBytes(file, bytes);
        }

        // Act
        var loaded = GazetteerLoader.Load(Repo.DataDirectory, CacheDirectory);

        // Assert: the same gazetteer, and a whole cache file again.
        Assert.Equal(plain.Count, loaded.Count);
        AssertSame(plain.AllEntries.Take(200).ToList(), loaded.AllEntries.Take(200).ToList(), "entries");
        Assert.NotNull(GazetteerCache.TryRead(file, GazetteerCache.Key(Repo.DataDirectory, GazetteerLoader.InputFiles(Repo.DataDirectory))));
    }

    [Fact]
    public void Load_CacheFolderCannotBeCreated_LoadsWithoutIt()
    {
        // Arrange: the cache "folder" is a file.
        var blocked = Path.Combine(_temp.FullName, "not-a-folder");
        File.WriteAllText(blocked, "x");

        // Act
        var loaded = GazetteerLoader.Load(Repo.DataDirectory, Path.Combine(blocked, "cache"));

        // Assert
        Assert.Equal(GazetteerLoader.Load(Repo.DataDirectory).Count, loaded.Count);
    }
}
