using System.Collections.Immutable;
using System.Security.Cryptography;
using System.Text;
using KnowledgeGraph.Core.Entities;

namespace KnowledgeGraph.Core.Stages.Tagging;

/// <summary>
/// What <see cref="GazetteerLoader"/> reads from the data files (entities, roles, titles, given names, common words,
/// spelling variants, word lists), in the order it reads them: the parts a <see cref="Gazetteer"/> is built from.
/// </summary>
internal sealed record GazetteerParts(
    List<GazetteerEntry> Entries,
    List<PersonRole> Roles,
    List<(string Phrase, TitleEntry Title)> Titles,
    List<string> GivenNames,
    List<string> CommonWords,
    List<(string Us, string Uk)> Spelling,
    List<KeyValuePair<string, ImmutableArray<string>>>? WordLists)
{
    public Gazetteer Build() => new(
        Entries,
        Roles,
        Titles,
        GivenNames,
        CommonWords,
        Spelling,
        WordLists is null ? null : new WordLists(WordLists.Select(l => new KeyValuePair<string, IEnumerable<string>>(l.Key, l.Value))));
}

/// <summary>
/// A binary copy of the <see cref="GazetteerParts"/> of a data folder, so that <c>kg build</c> does not parse and check
/// the CSV files again on every run (the parse and its first-call compilation are about a third of the data load). The
/// file is keyed by a SHA-256 of every file the loader reads (names and bytes) and of this build of the program: any
/// change to a CSV, or a new build whose loader may read them differently, makes the copy stale, and it is rebuilt from
/// the CSVs. A missing, stale, truncated or corrupt copy is silently replaced; a folder that cannot be written is
/// silently not used. The file is written to a temporary name and renamed, so a reader never sees half a file. It
/// lives under <c>$KG_CACHE_DIR</c>, else <c>$XDG_CACHE_HOME/knowledgegraph</c>, else <c>~/.cache/knowledgegraph</c>;
/// <c>KG_CACHE_DIR=off</c> turns it off. Never part of the repository.
/// </summary>
internal static class GazetteerCache
{
    private const string Magic = "KGGZ";
    private const int FormatVersion = 1;

    /// <summary>The properties of <see cref="GazetteerEntry"/> this cache stores (a test fails when the record gains one).</summary>
    internal static readonly string[] EntryProperties =
        ["Id", "Kind", "Name", "Aliases", "Demonyms", "Country", "Subkind", "Population", "Latitude", "Longitude", "Headquarters", "City", "IsCapital", "Source"];

    /// <summary>The folder for cache files, or null when caching is off or no folder is known.</summary>
    public static string? DefaultDirectory()
    {
        var given = Environment.GetEnvironmentVariable("KG_CACHE_DIR");
        if (given is { Length: > 0 })
            return string.Equals(given, "off", StringComparison.OrdinalIgnoreCase) ? null : given;
        if (Environment.GetEnvironmentVariable("XDG_CACHE_HOME") is { Length: > 0 } xdg)
            return Path.Combine(xdg, "knowledgegraph");
        var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        return home.Length > 0 ? Path.Combine(home, ".cache", "knowledgegraph") : null;
    }

    /// <summary>The cache file of a data folder (one per folder, named by a hash of its full path).</summary>
    public static string FileFor(string cacheDirectory, string dataDirectory)
    {
        var path = Path.GetFullPath(dataDirectory);
        var name = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(path)).AsSpan(0, 8));
        return Path.Combine(cacheDirectory, $"gazetteer-{name}.bin");
    }

    /// <summary>A SHA-256 of the files (relative name, presence, bytes, in the given order) and of this build of the loader.</summary>
    public static byte[] Key(string dataDirectory, IEnumerable<string> files)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(Encoding.UTF8.GetBytes($"{Magic}{FormatVersion}\n"));
        hash.AppendData(typeof(GazetteerCache).Assembly.ManifestModule.ModuleVersionId.ToByteArray());
        foreach (var file in files)
        {
            hash.AppendData(Encoding.UTF8.GetBytes(GazetteerLoader.Relative(dataDirectory, file) + "\n"));
            if (File.Exists(file))
            {
                var bytes = File.ReadAllBytes(file);
                hash.AppendData(BitConverter.GetBytes((long)bytes.Length));
                hash.AppendData(bytes);
            }
            else
            {
                hash.AppendData(BitConverter.GetBytes(-1L));
            }
        }
        return hash.GetHashAndReset();
    }

    /// <summary>The parts stored in <paramref name="file"/> under <paramref name="key"/>; null when the file is missing, stale or unreadable.</summary>
    public static GazetteerParts? TryRead(string file, byte[] key)
    {
        try
        {
            if (!File.Exists(file))
                return null;
            using var stream = new BufferedStream(File.OpenRead(file), 1 << 16);
            using var r = new BinaryReader(stream, Encoding.UTF8);
            if (r.ReadString() != Magic || r.ReadInt32() != FormatVersion || !r.ReadBytes(key.Length).AsSpan().SequenceEqual(key))
                return null;
            var entries = new List<GazetteerEntry>(Count(r));
            for (var n = entries.Capacity; n > 0; n--)
            {
                entries.Add(new GazetteerEntry
                {
                    Id = r.ReadString(),
                    Kind = (EntityKind)r.ReadInt32(),
                    Name = r.ReadString(),
                    Aliases = ReadStrings(r),
                    Demonyms = ReadStrings(r),
                    Country = ReadNullable(r),
                    Subkind = ReadNullable(r),
                    Population = r.ReadInt64(),
                    Latitude = r.ReadBoolean() ? r.ReadDouble() : null,
                    Longitude = r.ReadBoolean() ? r.ReadDouble() : null,
                    Headquarters = ReadNullable(r),
                    City = ReadNullable(r),
                    IsCapital = r.ReadBoolean(),
                    Source = r.ReadString(),
                });
            }
            var roles = new List<PersonRole>(Count(r));
            for (var n = roles.Capacity; n > 0; n--)
                roles.Add(new PersonRole(r.ReadString(), r.ReadString(), r.ReadString(), ReadDate(r), ReadDate(r)));
            // Title entries once each, then the phrases by entry number: a title and its aliases share one entry, as loaded.
            var titleEntries = new TitleEntry[Count(r)];
            for (var i = 0; i < titleEntries.Length; i++)
                titleEntries[i] = new TitleEntry(r.ReadString(), r.ReadString());
            var titles = new List<(string, TitleEntry)>(Count(r));
            for (var n = titles.Capacity; n > 0; n--)
                titles.Add((r.ReadString(), titleEntries[r.ReadInt32()]));
            var given = ReadList(r);
            var common = ReadList(r);
            var spelling = new List<(string, string)>(Count(r));
            for (var n = spelling.Capacity; n > 0; n--)
                spelling.Add((r.ReadString(), r.ReadString()));
            List<KeyValuePair<string, ImmutableArray<string>>>? words = null;
            if (r.ReadBoolean())
            {
                words = new(Count(r));
                for (var n = words.Capacity; n > 0; n--)
                    words.Add(new(r.ReadString(), ReadStrings(r)));
            }
            if (r.ReadString() != Magic || stream.ReadByte() != -1)
                return null;
            return new GazetteerParts(entries, roles, titles, given, common, spelling, words);
        }
        catch (Exception ex) when (ex is IOException or EndOfStreamException or UnauthorizedAccessException or FormatException or
            ArgumentException or IndexOutOfRangeException or OverflowException or DecoderFallbackException)
        {
            return null;
        }
    }

    /// <summary>Stores the parts under <paramref name="key"/>: written to a temporary file, then renamed over the old one. Failures are ignored.</summary>
    public static void TryWrite(string file, byte[] key, GazetteerParts parts)
    {
        string? temp = null;
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(file)!);
            temp = $"{file}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp";
            using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16))
            using (var w = new BinaryWriter(stream, Encoding.UTF8))
            {
                w.Write(Magic);
                w.Write(FormatVersion);
                w.Write(key);
                w.Write(parts.Entries.Count);
                foreach (var e in parts.Entries)
                {
                    w.Write(e.Id);
                    w.Write((int)e.Kind);
                    w.Write(e.Name);
                    WriteStrings(w, e.Aliases);
                    WriteStrings(w, e.Demonyms);
                    WriteNullable(w, e.Country);
                    WriteNullable(w, e.Subkind);
                    w.Write(e.Population);
                    WriteNullable(w, e.Latitude);
                    WriteNullable(w, e.Longitude);
                    WriteNullable(w, e.Headquarters);
                    WriteNullable(w, e.City);
                    w.Write(e.IsCapital);
                    w.Write(e.Source);
                }
                w.Write(parts.Roles.Count);
                foreach (var role in parts.Roles)
                {
                    w.Write(role.PersonId);
                    w.Write(role.OrgId);
                    w.Write(role.Title);
                    WriteDate(w, role.From);
                    WriteDate(w, role.To);
                }
                var numbers = new Dictionary<TitleEntry, int>(ReferenceEqualityComparer.Instance);
                var entries = new List<TitleEntry>();
                foreach (var (_, title) in parts.Titles)
                {
                    if (numbers.TryAdd(title, entries.Count))
                        entries.Add(title);
                }
                w.Write(entries.Count);
                foreach (var title in entries)
                {
                    w.Write(title.Canonical);
                    w.Write(title.Kind);
                }
                w.Write(parts.Titles.Count);
                foreach (var (phrase, title) in parts.Titles)
                {
                    w.Write(phrase);
                    w.Write(numbers[title]);
                }
                WriteList(w, parts.GivenNames);
                WriteList(w, parts.CommonWords);
                w.Write(parts.Spelling.Count);
                foreach (var (us, uk) in parts.Spelling)
                {
                    w.Write(us);
                    w.Write(uk);
                }
                w.Write(parts.WordLists is not null);
                if (parts.WordLists is not null)
                {
                    w.Write(parts.WordLists.Count);
                    foreach (var (name, words) in parts.WordLists)
                    {
                        w.Write(name);
                        WriteStrings(w, words);
                    }
                }
                w.Write(Magic);
            }
            File.Move(temp, file, overwrite: true);
            temp = null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException)
        {
            // No cache this time: the next run parses the CSVs again.
        }
        finally
        {
            if (temp is not null)
            {
                try
                {
                    File.Delete(temp);
                }
                catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
                {
                    // Left behind; harmless.
                }
            }
        }
    }

    // A count read back: never more than the file has bytes (a damaged file must not ask for gigabytes).
    private static int Count(BinaryReader r)
    {
        var count = r.ReadInt32();
        return count >= 0 && count <= r.BaseStream.Length ? count : throw new FormatException("damaged gazetteer cache");
    }

    private static ImmutableArray<string> ReadStrings(BinaryReader r)
    {
        var count = Count(r);
        if (count == 0)
            return [];
        var builder = ImmutableArray.CreateBuilder<string>(count);
        for (var i = 0; i < count; i++)
            builder.Add(r.ReadString());
        return builder.MoveToImmutable();
    }

    private static void WriteStrings(BinaryWriter w, ImmutableArray<string> values)
    {
        w.Write(values.IsDefault ? 0 : values.Length);
        if (!values.IsDefault)
        {
            foreach (var v in values)
                w.Write(v);
        }
    }

    private static List<string> ReadList(BinaryReader r)
    {
        var list = new List<string>(Count(r));
        for (var n = list.Capacity; n > 0; n--)
            list.Add(r.ReadString());
        return list;
    }

    private static void WriteList(BinaryWriter w, List<string> values)
    {
        w.Write(values.Count);
        foreach (var v in values)
            w.Write(v);
    }

    private static string? ReadNullable(BinaryReader r) => r.ReadBoolean() ? r.ReadString() : null;

    private static void WriteNullable(BinaryWriter w, string? value)
    {
        w.Write(value is not null);
        if (value is not null)
            w.Write(value);
    }

    private static void WriteNullable(BinaryWriter w, double? value)
    {
        w.Write(value is not null);
        if (value is { } v)
            w.Write(v);
    }

    private static DateOnly? ReadDate(BinaryReader r) => r.ReadBoolean() ? DateOnly.FromDayNumber(r.ReadInt32()) : null;

    private static void WriteDate(BinaryWriter w, DateOnly? value)
    {
        w.Write(value is not null);
        if (value is { } d)
            w.Write(d.DayNumber);
    }
}
