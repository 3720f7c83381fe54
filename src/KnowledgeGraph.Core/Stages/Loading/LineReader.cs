using System.Buffers;
using System.Text;

namespace KnowledgeGraph.Core.Stages.Loading;

/// <summary>
/// Reads normalised lines from decoded text: any newline convention becomes one line break, control characters
/// (except tab) and stray byte-order marks are dropped, and each line is composed to NFC. A line longer than the limit
/// is handed on in pieces cut at whitespace (else anywhere but inside a surrogate pair), so one huge line never has to
/// fit in memory whole.
/// </summary>
internal sealed class LineReader
{
    private static readonly SearchValues<char> Special = SearchValues.Create(BuildSpecial());

    private readonly TextReader _reader;
    private readonly int _maxLineChars;
    private readonly char[] _buffer;
    private readonly StringBuilder _line = new();
    private int _position;
    private int _length;
    private bool _afterCr;
    private bool _ended;

    public LineReader(TextReader reader, int maxLineChars, int bufferChars = 64 * 1024)
    {
        _reader = reader;
        _buffer = new char[Math.Clamp(bufferChars, 256, 64 * 1024)];
        _maxLineChars = Math.Max(16, maxLineChars);
    }

    /// <summary>True once any character other than whitespace has been read.</summary>
    public bool SawText { get; private set; }

    /// <summary>Reads the next line (or piece of a long line); null at the end.</summary>
    public async ValueTask<LinePiece?> ReadAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            if (_position == _length)
            {
                if (_ended)
                    return null;
                _length = await _reader.ReadAsync(_buffer.AsMemory(), cancellationToken);
                _position = 0;
                if (_length == 0)
                {
                    _ended = true;
                    if (_line.Length == 0)
                        return null;
                    return Take(_line.Length, skip: 0, continues: false);
                }
            }

            var span = _buffer.AsSpan(_position, _length - _position);
            var stop = span.IndexOfAny(Special);
            var run = stop < 0 ? span : span[..stop];
            if (!run.IsEmpty)
            {
                _afterCr = false;
                if (!SawText && !run.IsWhiteSpace())
                    SawText = true;
                var room = _maxLineChars - _line.Length;
                if (run.Length > room)
                {
                    _line.Append(run[..room]);
                    _position += room;
                    return TakeLongLine();
                }

                _line.Append(run);
                _position += run.Length;
                continue;
            }

            var c = span[0];
            _position++;
            switch (c)
            {
                case '\n' when _afterCr:
                    _afterCr = false;
                    continue;
                case '\r':
                    _afterCr = true;
                    return Take(_line.Length, skip: 0, continues: false);
                case '\n' or '\u0085' or '\u2028' or '\u2029' or '\f' or '\v':
                    _afterCr = false;
                    return Take(_line.Length, skip: 0, continues: false);
                case '\t':
                    _afterCr = false;
                    if (_line.Length < _maxLineChars)
                        _line.Append('\t');
                    continue;
                default:
                    _afterCr = false;
                    continue; // other control characters and U+FEFF
            }
        }
    }

    private LinePiece TakeLongLine()
    {
        // Cut at the last whitespace in the second half, else anywhere that does not split a surrogate pair.
        var cut = -1;
        for (var i = _line.Length - 1; i >= _line.Length / 2; i--)
        {
            if (char.IsWhiteSpace(_line[i]))
            {
                cut = i;
                break;
            }
        }

        if (cut >= 0)
            return Take(cut, skip: 1, continues: true, space: true);
        var end = _line.Length;
        if (char.IsHighSurrogate(_line[end - 1]))
            end--;
        return Take(end, skip: 0, continues: true);
    }

    private LinePiece Take(int length, int skip, bool continues, bool space = false)
    {
        var text = _line.ToString(0, length);
        _line.Remove(0, Math.Min(_line.Length, length + skip));
        return new LinePiece(UnicodeComposition.Compose(text), continues, space);
    }

    private static string BuildSpecial()
    {
        var chars = new StringBuilder();
        for (var c = '\0'; c < ' '; c++)
            chars.Append(c);
        for (var c = '\u007F'; c <= '\u009F'; c++)
            chars.Append(c);
        chars.Append('\u2028').Append('\u2029').Append('\uFEFF');
        return chars.ToString();
    }
}

/// <summary>A line of text, or a piece of a line too long to keep whole.</summary>
/// <param name="Text">The text, without the line break.</param>
/// <param name="Continues">True when the line goes on in the next piece.</param>
/// <param name="CutAtSpace">True when the cut removed a space, which joining the pieces must put back.</param>
internal readonly record struct LinePiece(string Text, bool Continues, bool CutAtSpace);
