using System.Buffers;
using System.Collections.Immutable;
using System.Text;
using System.Text.Unicode;
using KnowledgeGraph.Core.Entities;
using KnowledgeGraph.Core.Relations;
using KnowledgeGraph.Core.Stages.Assembly;

namespace KnowledgeGraph.Store;

/// <summary>
/// One <see cref="DocumentAnalysis"/> as compact bytes: each field in declaration order, numbers as variable-length
/// integers, and each distinct string written once per analysis (the document id, the rule and the evidence sentence
/// recur in most facts) and referred back to after. Reading allocates one string per distinct text and nothing to parse.
/// </summary>
/// <remarks>
/// Strings are UTF-8 unless they hold a lone surrogate, which UTF-8 cannot carry: those are written as UTF-16 code units,
/// so every string comes back as it was. A string reference is a number: 0 null, 1 a new UTF-8 string, 2 a new UTF-16
/// string, k ≥ 3 the (k − 3)-th string read before. A default (uninitialised) array is written as count −1.
/// </remarks>
internal static class BinaryAnalysisCodec
{
    private const int Null = 0;
    private const int NewUtf8 = 1;
    private const int NewUtf16 = 2;
    private const int FirstReference = 3;

    public static void Write(DocumentAnalysis a, ArrayBufferWriter<byte> output)
    {
        var w = new Writer(output);
        w.String(a.DocumentId);
        w.Int(a.Part);
        w.Date(a.Published);
        w.String(a.Title);
        w.Count(a.Entities);
        if (!a.Entities.IsDefault)
        {
            foreach (var e in a.Entities)
            {
                w.String(e.Id);
                w.Int((int)e.Kind);
                w.String(e.Name);
                w.Int(e.Count);
                w.Strings(e.Surfaces);
            }
        }
        w.Count(a.Facts);
        if (!a.Facts.IsDefault)
        {
            foreach (var f in a.Facts)
            {
                w.Int((int)f.Kind);
                w.String(f.SubjectId);
                w.String(f.ObjectId);
                w.String(f.Role);
                w.Date(f.Date);
                w.String(f.PlaceId);
                w.String(f.VisitorId);
                w.Int(f.OnlyIfAway ? 1 : 0);
                w.String(f.DocumentId);
                w.Int(f.SentenceIndex);
                w.String(f.Evidence);
                w.String(f.Rule);
                w.Count(f.OtherSentences);
                if (!f.OtherSentences.IsDefault)
                {
                    foreach (var s in f.OtherSentences)
                        w.Int(s);
                }
                w.Strings(f.OtherEvidence);
            }
        }
        w.Count(a.Containment);
        if (!a.Containment.IsDefault)
        {
            foreach (var (inner, outer) in a.Containment)
            {
                w.String(inner);
                w.String(outer);
            }
        }
        w.Long(a.Bytes);
        w.Int(a.Sentences);
    }

    public static DocumentAnalysis Read(ReadOnlySpan<byte> data)
    {
        var r = new Reader(data);
        var documentId = r.String()!;
        var part = r.Int();
        var published = r.Date();
        var title = r.String();
        var entities = ImmutableArray<EntityOccurrence>.Empty;
        var count = r.Int();
        if (count < 0)
        {
            entities = default;
        }
        else if (count > 0)
        {
            var b = ImmutableArray.CreateBuilder<EntityOccurrence>(count);
            for (var i = 0; i < count; i++)
                b.Add(new EntityOccurrence(r.String()!, (EntityKind)r.Int(), r.String()!, r.Int(), r.Strings()));
            entities = b.MoveToImmutable();
        }
        var facts = ImmutableArray<RelationFact>.Empty;
        count = r.Int();
        if (count < 0)
        {
            facts = default;
        }
        else if (count > 0)
        {
            var b = ImmutableArray.CreateBuilder<RelationFact>(count);
            for (var i = 0; i < count; i++)
            {
                var kind = (RelationKind)r.Int();
                var subject = r.String()!;
                var obj = r.String()!;
                var role = r.String();
                var date = r.Date();
                var place = r.String();
                var visitor = r.String();
                var onlyIfAway = r.Int() != 0;
                var doc = r.String()!;
                var sentence = r.Int();
                var evidence = r.String()!;
                var rule = r.String()!;
                var sentences = r.Ints();
                var otherEvidence = r.Strings();
                b.Add(new RelationFact
                {
                    Kind = kind,
                    SubjectId = subject,
                    ObjectId = obj,
                    Role = role,
                    Date = date,
                    PlaceId = place,
                    VisitorId = visitor,
                    OnlyIfAway = onlyIfAway,
                    DocumentId = doc,
                    SentenceIndex = sentence,
                    Evidence = evidence,
                    Rule = rule,
                    OtherSentences = sentences,
                    OtherEvidence = otherEvidence,
                });
            }
            facts = b.MoveToImmutable();
        }
        var containment = ImmutableArray<(string, string)>.Empty;
        count = r.Int();
        if (count < 0)
        {
            containment = default;
        }
        else if (count > 0)
        {
            var b = ImmutableArray.CreateBuilder<(string, string)>(count);
            for (var i = 0; i < count; i++)
                b.Add((r.String()!, r.String()!));
            containment = b.MoveToImmutable();
        }
        var bytes = r.Long();
        var sentenceCount = r.Int();
        if (!r.AtEnd)
            throw new InvalidDataException("a stored analysis has bytes after its end");
        return new DocumentAnalysis
        {
            DocumentId = documentId,
            Part = part,
            Published = published,
            Title = title,
            Entities = entities,
            Facts = facts,
            Containment = containment,
            Bytes = bytes,
            Sentences = sentenceCount,
        };
    }

    private ref struct Writer(ArrayBufferWriter<byte> output)
    {
        private Dictionary<string, int>? _strings;

        public readonly void Long(long value)
        {
            // Zig-zag, then seven bits a byte.
            var v = (ulong)((value << 1) ^ (value >> 63));
            var span = output.GetSpan(10);
            var n = 0;
            while (v >= 0x80)
            {
                span[n++] = (byte)(v | 0x80);
                v >>= 7;
            }
            span[n++] = (byte)v;
            output.Advance(n);
        }

        public readonly void Int(int value) => Long(value);

        public readonly void Date(DateOnly? date) => Int(date is { } d ? d.DayNumber + 1 : 0);

        public readonly void Count<T>(ImmutableArray<T> items) => Int(items.IsDefault ? -1 : items.Length);

        public void Strings(ImmutableArray<string> items)
        {
            Count(items);
            if (items.IsDefault)
                return;
            foreach (var s in items)
                String(s);
        }

        public void String(string? s)
        {
            if (s is null)
            {
                Int(Null);
                return;
            }
            _strings ??= new Dictionary<string, int>(StringComparer.Ordinal);
            if (_strings.TryGetValue(s, out var index))
            {
                Int(FirstReference + index);
                return;
            }
            _strings.Add(s, _strings.Count);
            var max = Encoding.UTF8.GetMaxByteCount(s.Length);
            var span = output.GetSpan(max + 10);
            // Room for the tag and length first; the text is written after them once its length is known.
            if (Utf8.FromUtf16(s, span[10..], out _, out var written, replaceInvalidSequences: false) == OperationStatus.Done)
            {
                var head = Head(span, NewUtf8, written);
                span.Slice(10, written).CopyTo(span[head..]);
                output.Advance(head + written);
                return;
            }
            // A lone surrogate: the UTF-16 code units as they are.
            var units = s.Length * 2;
            span = output.GetSpan(units + 10);
            var at = Head(span, NewUtf16, s.Length);
            for (var i = 0; i < s.Length; i++)
            {
                span[at + (2 * i)] = (byte)s[i];
                span[at + (2 * i) + 1] = (byte)(s[i] >> 8);
            }
            output.Advance(at + units);
        }

        private static int Head(Span<byte> span, int tag, int length)
        {
            var n = 0;
            foreach (var value in (ReadOnlySpan<int>)[tag, length])
            {
                var v = (ulong)(((long)value << 1) ^ ((long)value >> 63));
                while (v >= 0x80)
                {
                    span[n++] = (byte)(v | 0x80);
                    v >>= 7;
                }
                span[n++] = (byte)v;
            }
            return n;
        }
    }

    private ref struct Reader(ReadOnlySpan<byte> data)
    {
        private readonly ReadOnlySpan<byte> _data = data;
        private int _at;
        private List<string>? _strings;

        public readonly bool AtEnd => _at == _data.Length;

        public long Long()
        {
            ulong v = 0;
            var shift = 0;
            while (true)
            {
                if (_at >= _data.Length || shift > 63)
                    throw new InvalidDataException("a stored analysis ends inside a number");
                var b = _data[_at++];
                v |= (ulong)(b & 0x7F) << shift;
                if (b < 0x80)
                    break;
                shift += 7;
            }
            return (long)(v >> 1) ^ -(long)(v & 1);
        }

        public int Int() => checked((int)Long());

        public DateOnly? Date() => Int() is var n && n == 0 ? null : DateOnly.FromDayNumber(n - 1);

        public ImmutableArray<int> Ints()
        {
            var count = Int();
            if (count < 0)
                return default;
            if (count == 0)
                return [];
            var items = new int[count];
            for (var i = 0; i < count; i++)
                items[i] = Int();
            return ImmutableArray.Create(items);
        }

        public ImmutableArray<string> Strings()
        {
            var count = Int();
            if (count < 0)
                return default;
            if (count == 0)
                return [];
            var items = new string[count];
            for (var i = 0; i < count; i++)
                items[i] = String()!;
            return ImmutableArray.Create(items);
        }

        public string? String()
        {
            var tag = Int();
            _strings ??= [];
            switch (tag)
            {
                case Null:
                    return null;
                case NewUtf8:
                    {
                        var length = Int();
                        var s = Encoding.UTF8.GetString(_data.Slice(_at, length));
                        _at += length;
                        _strings.Add(s);
                        return s;
                    }
                case NewUtf16:
                    {
                        var length = Int();
                        var bytes = _data.Slice(_at, length * 2);
                        var s = string.Create(length, bytes.ToArray(), static (chars, b) =>
                        {
                            for (var i = 0; i < chars.Length; i++)
                                chars[i] = (char)(b[2 * i] | (b[(2 * i) + 1] << 8));
                        });
                        _at += length * 2;
                        _strings.Add(s);
                        return s;
                    }
                default:
                    return _strings[tag - FirstReference];
            }
        }
    }
}
