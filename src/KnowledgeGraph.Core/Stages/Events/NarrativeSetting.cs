using KnowledgeGraph.Core.Relations;

namespace KnowledgeGraph.Core.Stages.Events;

/// <summary>
/// Where and when an article's story is at, sentence by sentence, so that a meeting sentence that does not say it takes
/// it from its context: the date and place its paragraph last gave; else those of its section (a heading such as
/// "SATURDAY: HIROSHIMA"); else the article's own date and dateline place, unless the sentence tells of an earlier
/// occasion ("had met", "the last time", a year or month named without a day).
/// </summary>
public sealed class NarrativeSetting
{
    private readonly DateOnly? _published;
    private readonly string? _dateline;
    private readonly int _datelineRank;
    private (int Paragraph, DateOnly? Date, string? Place, int Rank) _paragraph = (-1, null, null, -1);
    private (DateOnly? Date, string? Place, int Rank) _section;
    private DateOnly? _story;
    private (string? Place, int Rank, int Paragraph) _storyPlace = (null, -1, -1);
    private (string? Place, int Rank, int Paragraph) _moved = (null, -1, -1);

    /// <summary>Creates a setting for one article.</summary>
    /// <param name="published">The article date, when known.</param>
    /// <param name="datelinePlace">The place of its dateline, when it has one.</param>
    /// <param name="datelineRank">How specific that place is.</param>
    public NarrativeSetting(DateOnly? published, string? datelinePlace, int datelineRank)
    {
        _published = published;
        _dateline = datelinePlace;
        _datelineRank = datelineRank;
    }

    /// <summary>Takes in what one sentence says: the date and most specific place it gives, if any.</summary>
    public void Observe(int paragraph, bool isHeading, DateOnly? date, string? place, int placeRank)
    {
        if (isHeading)
        {
            // A heading opens a section: what it says holds until the next heading, and a heading that names no date or
            // place ("STRELNA", when no list knows it) still closes the section before it.
            _section = (date, place, placeRank);
            _paragraph = (-1, null, null, -1);
            _story = null;
            _storyPlace = (null, -1, -1);
            _moved = (null, -1, -1);
            return;
        }
        if (_paragraph.Paragraph != paragraph)
            _paragraph = (paragraph, null, null, -1);
        if (date is not null)
        {
            _paragraph.Date = date;
            // The story's day holds from paragraph to paragraph ("arrived on Friday. ... In the evening, ...") while it
            // is the news of the article's days, not a date recalled from long before.
            // It moves forward: a day before the one the story has reached ("He had arrived on Friday") is a look back.
            if ((_published is not { } pub || (date <= pub && date > pub.AddDays(-10))) && !(_story is { } reached && date < reached))
                _story = date;
        }
        if (place is not null)
        {
            _paragraph = (paragraph, _paragraph.Date, place, placeRank);
            _storyPlace = (place, placeRank, paragraph);
            _moved = (null, -1, -1);
        }
    }

    /// <summary>
    /// The story moves on to a place ("... before departing for Daura"): the meetings told after it without a place of
    /// their own are there, until a sentence names another place or a heading opens a new section.
    /// </summary>
    public void MoveTo(int paragraph, string place, int placeRank)
    {
        _paragraph = (paragraph, _paragraph.Paragraph == paragraph ? _paragraph.Date : null, place, placeRank);
        _storyPlace = (place, placeRank, paragraph);
        _moved = (place, placeRank, paragraph);
    }

    /// <summary>The mention with its missing date and place taken from the context.</summary>
    public MeetingMention Fill(MeetingMention m)
    {
        ArgumentNullException.ThrowIfNull(m);
        // An earlier occasion ("had met", "last year") happened elsewhere in time: the story's context is not its own.
        if (m.Past)
            return m;
        var samePara = _paragraph.Paragraph == m.Paragraph;
        var date = m.Date ?? (samePara ? _paragraph.Date : null) ?? _story ?? _section.Date ?? (m.Past ? null : _published);
        var (place, rank) = m.PlaceId is not null ? (m.PlaceId, m.PlaceRank)
            : samePara && _paragraph.Place is not null ? (_paragraph.Place, _paragraph.Rank)
            : _storyPlace.Place is not null && m.Paragraph - _storyPlace.Paragraph <= 1 ? (_storyPlace.Place, _storyPlace.Rank)
            : _moved.Place is not null && m.Paragraph - _moved.Paragraph <= 2 ? (_moved.Place, _moved.Rank)
            : _section.Place is not null ? (_section.Place, _section.Rank)
            : !m.Past && _dateline is not null ? (_dateline, _datelineRank) : (null, -1);
        return m with { Date = date, PlaceId = place, PlaceRank = rank };
    }
}
