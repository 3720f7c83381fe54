using System.Text;

namespace KnowledgeGraph.Core.Stages.Loading;

/// <summary>
/// Collects clean lines into parts of at most a given size. Blank lines collapse to one; a part ends at a paragraph
/// break (blank line) in its second half when there is one, else at a line break; a line longer than a part arrives in
/// pieces from <see cref="LineReader"/> and is cut where they were.
/// </summary>
internal sealed class PartBuilder
{
    private readonly int _maxChars;
    private readonly StringBuilder _text = new();
    private int _lastParagraphBreak = -1;
    private bool _pendingBlank;
    private bool _continues;
    private bool _cutAtSpace;

    public PartBuilder(int maxChars) => _maxChars = Math.Max(16, maxChars);

    /// <summary>Adds a line (empty for a paragraph break); returns the parts completed by it, usually none.</summary>
    public IReadOnlyList<string> Add(LinePiece piece)
    {
        var line = piece.Text;
        if (line.Length == 0)
        {
            if (!_continues && _text.Length > 0)
                _pendingBlank = true;
            return [];
        }

        List<string>? done = null;
        var separator = Separator();
        while (_text.Length > 0 && _text.Length + separator.Length + line.Length > _maxChars)
        {
            (done ??= []).Add(Cut());
            separator = Separator();
        }

        if (separator == "\n\n")
            _lastParagraphBreak = _text.Length;
        _text.Append(separator).Append(line);
        _pendingBlank = false;
        _continues = piece.Continues;
        _cutAtSpace = piece.CutAtSpace;
        return (IReadOnlyList<string>?)done ?? [];
    }

    // Pieces of one long line join with the space the cut removed, or with nothing when cut inside a word.
    private string Separator() =>
        _text.Length == 0 ? "" : _continues ? (_cutAtSpace ? " " : "") : _pendingBlank ? "\n\n" : "\n";

    /// <summary>The last part, or null when nothing is left.</summary>
    public string? Finish()
    {
        if (_text.Length == 0)
            return null;
        var last = _text.ToString();
        _text.Clear();
        return last;
    }

    private string Cut()
    {
        string part;
        if (_lastParagraphBreak >= _maxChars / 2 && _lastParagraphBreak < _text.Length)
        {
            part = _text.ToString(0, _lastParagraphBreak);
            _text.Remove(0, _lastParagraphBreak + 2);
        }
        else
        {
            part = _text.ToString();
            _text.Clear();
        }

        _lastParagraphBreak = -1;
        return part;
    }
}
