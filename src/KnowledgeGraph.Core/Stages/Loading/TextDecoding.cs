using System.Text;

namespace KnowledgeGraph.Core.Stages.Loading;

/// <summary>How to turn a file's bytes into text, decided from its first bytes: a byte-order mark, a binary signature.</summary>
/// <param name="Encoding">The encoding given by a byte-order mark; null when there is none (UTF-8 or Windows-1252).</param>
/// <param name="BomLength">Bytes of byte-order mark to skip.</param>
/// <param name="BinaryKind">What kind of binary file it is ("PDF", "PNG image"); null for text.</param>
internal readonly record struct TextSniff(Encoding? Encoding, int BomLength, string? BinaryKind);

/// <summary>Encoding detection: byte-order marks, binary signatures, strict UTF-8 with a Windows-1252 fallback.</summary>
internal static class TextDecoding
{
    /// <summary>How many leading bytes are inspected.</summary>
    public const int SniffBytes = 8 * 1024;

    private static readonly (byte[] Magic, int Offset, string Kind)[] Signatures =
    [
        ("%PDF"u8.ToArray(), 0, "PDF"),
        ([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A], 0, "PNG image"),
        ([0xFF, 0xD8, 0xFF], 0, "JPEG image"),
        ("GIF87a"u8.ToArray(), 0, "GIF image"),
        ("GIF89a"u8.ToArray(), 0, "GIF image"),
        ("PK\x03\x04"u8.ToArray(), 0, "ZIP archive or Office document"),
        ("PK\x05\x06"u8.ToArray(), 0, "ZIP archive"),
        ([0x1F, 0x8B], 0, "gzip archive"),
        ([0x7F, 0x45, 0x4C, 0x46], 0, "ELF executable"),
        ([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1], 0, "old Office document"),
        ([0x37, 0x7A, 0xBC, 0xAF, 0x27, 0x1C], 0, "7-Zip archive"),
        ("Rar!\x1A\x07"u8.ToArray(), 0, "RAR archive"),
        ([0xFD, 0x37, 0x7A, 0x58, 0x5A, 0x00], 0, "xz archive"),
        ("BZh"u8.ToArray(), 0, "bzip2 archive"),
        ("II*\0"u8.ToArray(), 0, "TIFF image"),
        ("MM\0*"u8.ToArray(), 0, "TIFF image"),
        ("WEBP"u8.ToArray(), 8, "WebP image"),
        ("ftyp"u8.ToArray(), 4, "MP4/QuickTime video"),
        ("ID3"u8.ToArray(), 0, "MP3 audio"),
        ("OggS"u8.ToArray(), 0, "Ogg media"),
        ([0x1A, 0x45, 0xDF, 0xA3], 0, "Matroska/WebM video"),
        ("SQLite format 3\0"u8.ToArray(), 0, "SQLite database"),
        ([0xCA, 0xFE, 0xBA, 0xBE], 0, "Java class or Mach-O file"),
        ([0x00, 0x61, 0x73, 0x6D], 0, "WebAssembly module"),
    ];

    private static readonly Lazy<Encoding> LazyWindows1252 = new(() =>
    {
        // Code pages ship with .NET (System.Text.Encoding.CodePages is part of the shared framework) but must be registered.
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        return Encoding.GetEncoding(1252);
    });

    /// <summary>Strict UTF-8: throws on invalid bytes, so that a Windows-1252 file is noticed.</summary>
    public static Encoding StrictUtf8 { get; } = new UTF8Encoding(false, true);

    /// <summary>Windows-1252, the usual encoding of older Western web pages and Windows text files.</summary>
    public static Encoding Windows1252 => LazyWindows1252.Value;

    /// <summary>Looks at a file's first bytes.</summary>
    public static TextSniff Sniff(ReadOnlySpan<byte> head)
    {
        // UTF-32 LE starts like UTF-16 LE, so it is tested first.
        if (head.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE, 0x00, 0x00]))
            return new(new UTF32Encoding(false, true), 4, null);
        if (head.StartsWith((ReadOnlySpan<byte>)[0x00, 0x00, 0xFE, 0xFF]))
            return new(new UTF32Encoding(true, true), 4, null);
        if (head.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
            return new(new UTF8Encoding(true, false), 3, null);
        if (head.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]))
            return new(new UnicodeEncoding(false, true), 2, null);
        if (head.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]))
            return new(new UnicodeEncoding(true, true), 2, null);

        foreach (var (magic, offset, kind) in Signatures)
        {
            if (head.Length >= offset + magic.Length && head.Slice(offset, magic.Length).SequenceEqual(magic))
                return new(null, 0, kind);
        }

        // Text never holds NUL; UTF-16 without a byte-order mark is rare enough to count as binary.
        return head.Contains((byte)0) ? new(null, 0, "contains NUL bytes") : new(null, 0, null);
    }

    /// <summary>True when the whole stream is valid UTF-8; reads it to the end in blocks.</summary>
    public static async Task<bool> IsValidUtf8Async(Stream stream, CancellationToken cancellationToken)
    {
        const int Block = 64 * 1024;
        // Pooled: a build checks every file that has no byte-order mark, and fresh 64 KB blocks went to the large-object heap.
        var bytes = System.Buffers.ArrayPool<byte>.Shared.Rent(Block + 4);
        var chars = System.Buffers.ArrayPool<char>.Shared.Rent(Block + 4);
        try
        {
            return await IsValidUtf8Async(stream, bytes, chars, cancellationToken);
        }
        finally
        {
            System.Buffers.ArrayPool<byte>.Shared.Return(bytes);
            System.Buffers.ArrayPool<char>.Shared.Return(chars);
        }
    }

    private static async Task<bool> IsValidUtf8Async(Stream stream, byte[] bytes, char[] chars, CancellationToken cancellationToken)
    {
        const int Block = 64 * 1024;
        var carry = 0;
        while (true)
        {
            var read = await stream.ReadAsync(bytes.AsMemory(carry, Block), cancellationToken);
            var final = read == 0;
            var span = bytes.AsSpan(0, carry + read);
            var status = System.Text.Unicode.Utf8.ToUtf16(span, chars, out var consumed, out _, replaceInvalidSequences: false, final);
            if (status == System.Buffers.OperationStatus.InvalidData)
                return false;
            if (final)
                return status == System.Buffers.OperationStatus.Done;

            // A character cut by the block boundary is carried into the next block.
            carry = span.Length - consumed;
            span[consumed..].CopyTo(bytes);
        }
    }
}
