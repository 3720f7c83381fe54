using KnowledgeGraph.Core.Stages.Events;
using KnowledgeGraph.Core.Tests.Support;

namespace KnowledgeGraph.Core.Tests.Events;

public sealed class OfficeDatingTests
{
    // The tiny gazetteer dates Stoltenberg's NATO office 2014-10-01..2024-10-01, Austin's 2021-01-22..2025-01-20, and
    // Putin's (2012-) and Zelensky's (2019-) without an end.

    [Fact]
    public void A_yearless_dateline_takes_the_year_in_which_the_people_named_held_office()
    {
        // Arrange: 14 February was a Tuesday in 2006, 2012, 2017 and 2023 (among others); both men held office only in 2023.
        const string text = "BRUSSELS, Feb 14 (Wire) — NATO Secretary General Jens Stoltenberg met Lloyd Austin on Tuesday.";

        // Act
        var date = OfficeDating.Date(text, Tiny.Resolve(text), Tiny.Gazetteer, lastYear: 2026);

        // Assert
        Assert.Equal(new DateOnly(2023, 2, 14), date);
    }

    [Fact]
    public void Two_years_with_as_many_office_holders_give_no_date()
    {
        // Arrange: 1 March was a Sunday in 2020 and in 2026; Putin and Zelensky held office in both.
        const string text = "KYIV, March 1 (Wire) — Vladimir Putin and Volodymyr Zelensky were named on Sunday.";

        // Act
        var date = OfficeDating.Date(text, Tiny.Resolve(text), Tiny.Gazetteer, lastYear: 2026);

        // Assert
        Assert.Null(date);
    }

    [Fact]
    public void One_office_holder_is_not_enough()
    {
        // Arrange: only Stoltenberg is named; his office alone would leave 2017 and 2023.
        const string text = "BRUSSELS, Feb 14 (Wire) — NATO Secretary General Jens Stoltenberg spoke on Tuesday.";

        // Act
        var date = OfficeDating.Date(text, Tiny.Resolve(text), Tiny.Gazetteer, lastYear: 2026);

        // Assert
        Assert.Null(date);
    }

    [Fact]
    public void A_dateline_without_a_weekday_in_its_sentence_gives_no_date()
    {
        // Arrange: the weekday is in the next sentence, not the dateline's.
        const string text = "BRUSSELS, Feb 14 (Wire) — NATO Secretary General Jens Stoltenberg met Lloyd Austin. They spoke on Tuesday.";

        // Act
        var date = OfficeDating.Date(text, Tiny.Resolve(text), Tiny.Gazetteer, lastYear: 2026);

        // Assert
        Assert.Null(date);
    }
}
