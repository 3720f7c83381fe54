using KnowledgeGraph.Core.Entities;
using KnowledgeGraph.Core.Stages.Tagging;
using KnowledgeGraph.Core.Text.Dates;

namespace KnowledgeGraph.Core.Stages.Events;

/// <summary>
/// Dates an article whose dateline has no year and whose text names none ("TEL AVIV, Oct 18 (NWS) — U.S. President Joe
/// Biden flew into Israel on Wednesday"): of the years in which that day falls on that weekday, the one in which the
/// most of the people it names held the offices the gazetteer dates for them. A reader does the same ("President Biden,
/// a Wednesday 18 October: 2023").
/// </summary>
public static class OfficeDating
{
    /// <summary>The earliest year considered.</summary>
    public const int FirstYear = 1945;

    /// <summary>How many of the people named must hold an office on the day, at the least.</summary>
    public const int MinimumHolders = 2;

    /// <summary>
    /// The article's date, or null when it has no yearless dateline with a weekday, or no single year has the most
    /// office holders (at least <see cref="MinimumHolders"/>).
    /// </summary>
    /// <param name="text">The article text.</param>
    /// <param name="sentences">Its tagged sentences (the people the gazetteer knows carry their ids).</param>
    /// <param name="gazetteer">The gazetteer with the people's dated roles.</param>
    /// <param name="lastYear">The latest year the article can be from (the current year: no article is from the future).</param>
    public static DateOnly? Date(string text, IReadOnlyList<TaggedSentence> sentences, Gazetteer gazetteer, int lastYear)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(sentences);
        ArgumentNullException.ThrowIfNull(gazetteer);
        if (ArticleDateFinder.YearlessDateline(text) is not { } dateline)
            return null;
        var people = new HashSet<string>(StringComparer.Ordinal);
        foreach (var ts in sentences)
        {
            foreach (var m in ts.Mentions)
            {
                if (m is { Kind: EntityKind.Person, EntityId: { } id } && !gazetteer.RolesOf(id).IsEmpty)
                    people.Add(id);
            }
        }
        if (people.Count < MinimumHolders)
            return null;
        DateOnly? best = null;
        int bestCount = 0, tied = 0;
        for (var y = FirstYear; y <= lastYear; y++)
        {
            if (dateline.Day > DateTime.DaysInMonth(y, dateline.Month))
                continue;
            var day = new DateOnly(y, dateline.Month, dateline.Day);
            if (day.DayOfWeek != dateline.Weekday)
                continue;
            var holders = 0;
            foreach (var p in people)
            {
                foreach (var r in gazetteer.RolesOf(p))
                {
                    if (r.IsActiveOn(day))
                    {
                        holders++;
                        break;
                    }
                }
            }
            if (holders > bestCount)
                (best, bestCount, tied) = (day, holders, 1);
            else if (holders == bestCount)
                tied++;
        }
        return bestCount >= MinimumHolders && tied == 1 ? best : null;
    }
}
