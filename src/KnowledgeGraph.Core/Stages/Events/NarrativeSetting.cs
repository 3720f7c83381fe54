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
    // The story's day and city as the text last gave them, kept across headings: what "later that day" refers to (a later
    // occasion of the day, in the same city but seldom at the same venue).
    private DateOnly? _day;
    private (int Paragraph, DateOnly? Date) _told = (-1, null);
    private (string? Place, int Rank) _last = (null, -1);

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
    /// <param name="paragraph">The paragraph of the sentence.</param>
    /// <param name="isHeading">True for a heading, which opens a section.</param>
    /// <param name="date">The date the sentence gives, if any.</param>
    /// <param name="place">The most specific place the sentence gives, if any.</param>
    /// <param name="placeRank">How specific <paramref name="place"/> is.</param>
    /// <param name="dateLine">The sentence is a date and little else (a byline's "18 June 2023"): it dates the article,
    /// not a day the story reached.</param>
    /// <param name="past">The sentence tells of an earlier occasion ("where he had held talks"): its date is not the day
    /// "later that day" refers to.</param>
    public void Observe(int paragraph, bool isHeading, DateOnly? date, string? place, int placeRank, bool dateLine = false, bool past = false)
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
            if (OfTheNews(date.Value) && !(_story is { } reached && date < reached))
                _story = date;
            if (!dateLine && !past)
                _told = (paragraph, date);
            if (!dateLine && OfTheNews(date.Value) && !(_day is { } lastDay && date < lastDay))
                _day = date;
        }
        if (place is not null)
        {
            _paragraph = (paragraph, _paragraph.Date, place, placeRank);
            _storyPlace = (place, placeRank, paragraph);
            _moved = (null, -1, -1);
            if (placeRank == 3)
                _last = (place, placeRank);
        }
    }

    // A day of the article's news: in the ten days up to its date (any day, when the article has none).
    private bool OfTheNews(DateOnly date) => _published is not { } pub || (date <= pub && date > pub.AddDays(-10));

    /// <summary>A sentence told more of an occasion without a date of its own ("the talks covered Gaza"): the day the
    /// paragraph or the story is at is the day just told.</summary>
    public void Retell(int paragraph) =>
        _told = (paragraph, (_paragraph.Paragraph == paragraph ? _paragraph.Date : null) ?? _story ?? _section.Date ?? _published);

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
        // "Later that day", "the following day": the day just told, within two paragraphs ("landed at 4pm on September 10.
        // ... later that afternoon"); else the day the story had reached across headings, which a look back to an earlier
        // day does not move. On that same day, the city the story was in.
        if (m.StoryDayOffset is { } offset && m.Date is null && (_told.Date is { } told && m.Paragraph - _told.Paragraph <= 2 ? told : _day) is { } day)
        {
            m = m with { Date = day.AddDays(offset) };
            if (offset == 0 && m.PlaceId is null && _last.Place is not null)
                m = m with { PlaceId = _last.Place, PlaceRank = _last.Rank };
        }
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
