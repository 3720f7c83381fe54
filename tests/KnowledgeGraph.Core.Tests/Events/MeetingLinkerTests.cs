using KnowledgeGraph.Core.Relations;
using KnowledgeGraph.Core.Stages.Events;

namespace KnowledgeGraph.Core.Tests.Events;

/// <summary>The document-level event stage on hand-built mentions: no data folder, no tagger.</summary>
public sealed class MeetingLinkerTests
{
    private static MeetingMention Meeting(int sentence, params string[] people) => new()
    {
        Cue = MeetingCue.Meeting,
        Sentence = sentence,
        Participants = [.. people],
        Evidence = $"sentence {sentence}",
        Rule = "r:" + sentence,
    };

    private static MeetingMention Attendance(int sentence, params string[] people) => Meeting(sentence, people) with { Cue = MeetingCue.Attendance };

    private static readonly DateOnly June1 = new(2023, 6, 1);
    private static readonly DateOnly June2 = new(2023, 6, 2);

    [Fact]
    public void Link_ThreePeopleInOneMention_OneMeetingAndThreePairs()
    {
        // Arrange: "A, B and C met in Lima."
        var linker = new MeetingLinker(4);

        // Act
        var meetings = linker.Link([Meeting(0, "a", "b", "c") with { PlaceId = "lima", PlaceRank = 3 }]);
        var facts = MeetingLinker.Facts("doc", meetings).ToList();

        // Assert: a MET_WITH for each of the three pairs, all at Lima.
        var meeting = Assert.Single(meetings);
        Assert.Equal(["a", "b", "c"], meeting.Participants);
        Assert.Equal([("a", "b"), ("a", "c"), ("b", "c")], facts.Select(f => (f.SubjectId, f.ObjectId)));
        Assert.All(facts, f => Assert.Equal("lima", f.PlaceId));
    }

    [Fact]
    public void Link_AttendanceInALaterSentence_JoinsTheMeetingWithItsDateAndPlace()
    {
        // Arrange: "A met B in Oslo on 1 June. C also attended the meeting."
        var linker = new MeetingLinker(4);

        // Act
        var meetings = linker.Link([Meeting(0, "a", "b") with { Date = June1, PlaceId = "oslo", PlaceRank = 3 }, Attendance(1, "c")]);
        var facts = MeetingLinker.Facts("doc", meetings).ToList();

        // Assert: C met both A and B, on the meeting's date and at its place; the evidence for C is the attendance sentence.
        Assert.Single(meetings);
        Assert.Equal(3, facts.Count);
        Assert.All(facts, f => Assert.Equal((June1, "oslo"), (f.Date!.Value, f.PlaceId)));
        Assert.Equal("sentence 1", facts.Single(f => f.SubjectId == "a" && f.ObjectId == "c").Evidence);
        Assert.Equal("sentence 0", facts.Single(f => f.SubjectId == "a" && f.ObjectId == "b").Evidence);
    }

    [Fact]
    public void Link_AttendanceAtAnEarlierOccasion_DoesNotDateIt()
    {
        // Arrange: "A had called on B in Oslo in May last year. C also took part in that meeting." The attendance sentence
        // carries the story's day (1 June), not the earlier occasion's, which the article does not give.
        var linker = new MeetingLinker(4);

        // Act
        var meetings = linker.Link([Meeting(0, "a", "b") with { Past = true, PlaceId = "oslo", PlaceRank = 3 }, Attendance(1, "c") with { Date = June1 }]);

        // Assert
        var meeting = Assert.Single(meetings);
        Assert.Equal(["a", "b", "c"], meeting.Participants);
        Assert.Null(meeting.Date);
    }

    [Fact]
    public void Link_PairAndEveryoneCueInOneSentence_OneMeeting()
    {
        // Arrange: "In Palenque the two (A, B) met with C, D and E": the pair rule gives A and B, the "met with" cue gives the
        // people the sentence names, C, D and E; nobody is in both.
        var linker = new MeetingLinker(4);

        // Act
        var meetings = linker.Link([Meeting(5, "a", "b"), Meeting(5, "c", "d", "e") with { Generic = true }]);

        // Assert: one meeting of all five, so every one of the ten pairs met.
        var meeting = Assert.Single(meetings);
        Assert.Equal(["a", "b", "c", "d", "e"], meeting.Participants);
        Assert.Equal(10, MeetingLinker.Facts("doc", meetings).Count());
    }

    [Fact]
    public void Link_TwoSpecificMeetingsInOneSentenceWithNobodyShared_StayTwo()
    {
        // Arrange: "A met B, while C met D": no cue puts everyone at one table.
        var linker = new MeetingLinker(4);

        // Act
        var meetings = linker.Link([Meeting(5, "a", "b"), Meeting(5, "c", "d")]);

        // Assert
        Assert.Equal(2, meetings.Count);
    }

    [Fact]
    public void Link_CueSeatingOnePersonAfterAMeeting_JoinsIt()
    {
        // Arrange: "A met B in Beijing. C, who had flown in for the occasion, then joined them for a three-way meeting.":
        // the cue "meeting" seats only C.
        var linker = new MeetingLinker(4);

        // Act
        var meetings = linker.Link([Meeting(0, "a", "b") with { PlaceId = "beijing", PlaceRank = 3 }, Meeting(1, "c") with { Generic = true }]);

        // Assert: one meeting of three at Beijing.
        var meeting = Assert.Single(meetings);
        Assert.Equal(["a", "b", "c"], meeting.Participants);
        Assert.Equal("beijing", meeting.PlaceId);
    }

    [Fact]
    public void Link_AttendanceBeyondTheWindow_JoinsNothing()
    {
        // Arrange: the attendance is ten sentences after the only meeting, and names one person.
        var linker = new MeetingLinker(4);

        // Act
        var meetings = linker.Link([Meeting(0, "a", "b"), Attendance(10, "c")]);

        // Assert
        Assert.Equal(["a", "b"], Assert.Single(meetings).Participants);
    }

    [Fact]
    public void Link_ReferenceBack_ContinuesTheMeetingAndBringsItsDate()
    {
        // Arrange: "A met B on 1 June. During the talks, A told B and C ..."
        var linker = new MeetingLinker(4);

        // Act
        var meetings = linker.Link([Meeting(0, "a", "b") with { Date = June1 }, Meeting(1, "a", "b", "c") with { RefersBack = true }]);

        // Assert
        var meeting = Assert.Single(meetings);
        Assert.Equal(["a", "b", "c"], meeting.Participants);
        Assert.Equal(June1, meeting.Date);
    }

    [Fact]
    public void Link_SamePairOnAnotherDate_IsANewMeeting()
    {
        // Arrange: "the meeting" on a different date cannot be the one of 1 June.
        var linker = new MeetingLinker(4);

        // Act
        var meetings = linker.Link([Meeting(0, "a", "b") with { Date = June1 }, Meeting(1, "a", "b") with { Date = June2, RefersBack = true }]);

        // Assert
        Assert.Equal([June1, June2], meetings.Select(m => m.Date!.Value));
    }

    [Fact]
    public void Link_PlacesThatCannotBeOne_StartANewMeeting()
    {
        // Arrange: two cities of the same rank; the compatibility test says they are different places.
        var linker = new MeetingLinker(4, (p, q) => p == q);

        // Act
        var meetings = linker.Link([
            Meeting(0, "a", "b") with { PlaceId = "kyiv", PlaceRank = 3 },
            Meeting(1, "a", "b") with { PlaceId = "warsaw", PlaceRank = 3, RefersBack = true },
        ]);

        // Assert
        Assert.Equal(["kyiv", "warsaw"], meetings.Select(m => m.PlaceId));
    }

    [Fact]
    public void Link_SeparateMeetingsOfOneSentence_StayApart()
    {
        // Arrange: "A met separately with B and C": two mentions of one sentence, each marked separate.
        var linker = new MeetingLinker(4);

        // Act
        var meetings = linker.Link([Meeting(0, "a", "b") with { Separate = true }, Meeting(0, "a", "c") with { Separate = true }]);
        var pairs = MeetingLinker.Facts("doc", meetings).Select(f => (f.SubjectId, f.ObjectId)).ToList();

        // Assert: no B–C pair.
        Assert.Equal([("a", "b"), ("a", "c")], pairs);
    }

    [Fact]
    public void Link_LoneAttendanceWithTwoPeople_IsAMeetingOfItsOwn()
    {
        // Arrange: "B and C also attended the dinner", with no meeting before it.
        var linker = new MeetingLinker(4);

        // Act
        var meetings = linker.Link([Attendance(0, "b", "c")]);

        // Assert
        Assert.Equal(["b", "c"], Assert.Single(meetings).Participants);
    }

    [Fact]
    public void Facts_HostAndGuest_GuestIsTheVisitorOfEachPairWithTheHost()
    {
        // Arrange: host A received guests B and C.
        var meetings = new MeetingLinker(4).Link([Meeting(0, "a", "b", "c") with { Visitors = ["b", "c"] }]);

        // Act
        var facts = MeetingLinker.Facts("doc", meetings).ToDictionary(f => (f.SubjectId, f.ObjectId), f => f.VisitorId);

        // Assert: the two guests visited the host's place; between the two guests nobody is the visitor.
        Assert.Equal("b", facts[("a", "b")]);
        Assert.Equal("c", facts[("a", "c")]);
        Assert.Null(facts[("b", "c")]);
    }

    [Fact]
    public void Facts_CompanionOfAGuest_TravelledToo()
    {
        // Arrange: host A received guest B; "B was accompanied by C" in the next sentence.
        var meetings = new MeetingLinker(4).Link([
            Meeting(0, "a", "b") with { Visitors = ["b"] },
            Attendance(1, "c") with { Companions = true },
        ]);

        // Act
        var facts = MeetingLinker.Facts("doc", meetings).ToDictionary(f => (f.SubjectId, f.ObjectId), f => f.VisitorId);

        // Assert: C came with the guest, so C is the visitor of the pair with the host; B and C both travelled.
        Assert.Equal("c", facts[("a", "c")]);
        Assert.Null(facts[("b", "c")]);
    }

    [Fact]
    public void Facts_CompanionsWithoutGuests_NoVisitor()
    {
        // Arrange: nobody is a guest, so "accompanied by" says nothing about travel.
        var meetings = new MeetingLinker(4).Link([Meeting(0, "a", "b"), Attendance(1, "c") with { Companions = true }]);

        // Act / Assert
        Assert.All(MeetingLinker.Facts("doc", meetings), f => Assert.Null(f.VisitorId));
    }

    [Fact]
    public void Link_ReferenceWithoutPeople_GivesTheMeetingItsVenue()
    {
        // Arrange: "A met B in Rome. The meeting took place in the papal library." (the second names no one); the
        // library may lie in Rome.
        var linker = new MeetingLinker(4, (_, _) => true);

        // Act
        var meetings = linker.Link([
            Meeting(0, "a", "b") with { PlaceId = "rome", PlaceRank = 3 },
            Attendance(1) with { PlaceId = "library", PlaceRank = 4, RefersBack = true },
        ]);

        // Assert
        Assert.Equal("library", Assert.Single(meetings).PlaceId);
    }

    [Fact]
    public void Link_ReferenceSharingAPerson_ReachesBackAcrossParagraphs()
    {
        // Arrange: six sentences and a paragraph later, "after the conversation the Pope greeted C" (B is the Pope).
        var linker = new MeetingLinker(4);

        // Act
        var meetings = linker.Link([Meeting(0, "a", "b"), Meeting(6, "b", "c") with { RefersBack = true, Paragraph = 3 }]);

        // Assert: one meeting of three.
        Assert.Equal(["a", "b", "c"], Assert.Single(meetings).Participants);
    }

    [Fact]
    public void Link_CompanionOfAPerson_JoinsTheirMeetingsNearby()
    {
        // Arrange: "C was accompanied by D" comes first; C met A three sentences on, and ten sentences later C met B on
        // another day.
        var linker = new MeetingLinker(4);

        // Act
        var meetings = linker.Link([
            Attendance(0, "d") with { Accompanies = "c", Companions = true },
            Meeting(3, "c", "a") with { Date = June1 },
            Meeting(13, "c", "b") with { Date = June2 },
        ]);

        // Assert: D is at C's meeting near the sentence, not at the one of another day far from it.
        Assert.Equal(2, meetings.Count);
        Assert.True(meetings.Single(m => m.Has("a")).Has("d"));
        Assert.False(meetings.Single(m => m.Has("b")).Has("d"));
    }

    [Fact]
    public void Link_CompanionBetweenTwoNearMeetings_JoinsTheOneToldNext()
    {
        // Arrange: C met A at the airport (sentence 0); "accompanying C were D" (sentence 2); then C's talks with B (3).
        var linker = new MeetingLinker(4);

        // Act
        var meetings = linker.Link([
            Meeting(0, "c", "a") with { Date = June1 },
            Attendance(2, "d") with { Accompanies = "c", Companions = true },
            Meeting(3, "c", "b") with { Date = June1, PlaceId = "place:palace", PlaceRank = 4 },
        ]);

        // Assert: D is at the talks told next, not at the welcome before.
        Assert.True(meetings.Single(m => m.Has("b")).Has("d"));
        Assert.False(meetings.Single(m => m.Has("a")).Has("d"));
    }

    [Fact]
    public void Link_CompanionFarFromEveryMeeting_JoinsEachOfTheirMeetingsWhereverTold()
    {
        // Arrange: "C was accompanied by D" opens the article; C's two meetings are told much later.
        var linker = new MeetingLinker(4);

        // Act
        var meetings = linker.Link([
            Attendance(0, "d") with { Accompanies = "c", Companions = true },
            Meeting(10, "c", "a") with { Date = June1 },
            Meeting(20, "c", "b") with { Date = June2 },
        ]);

        // Assert: D is at both of C's meetings.
        Assert.Equal(2, meetings.Count);
        Assert.All(meetings, m => Assert.True(m.Has("d")));
    }

    [Fact]
    public void Link_NextMeetingOfSomeoneAtTheTable_TakesTheCityOfTheOneBefore()
    {
        // Arrange: "A met B in Munich on 1 June. ... The conversation with C turned on ..." (no place of its own).
        var linker = new MeetingLinker(4);

        // Act
        var meetings = linker.Link([
            Meeting(0, "a", "b") with { Date = June1, PlaceId = "munich", PlaceRank = 3 },
            Meeting(2, "a", "c") with { Date = June1 },
        ]);

        // Assert
        Assert.Equal(["munich", "munich"], meetings.Select(m => m.PlaceId));
    }

    [Theory]
    // A venue is where that one meeting was, not the day's city.
    [InlineData(4, 2, false)]
    // Another day.
    [InlineData(3, 2, true)]
    // Beyond the window of four sentences.
    [InlineData(3, 6, false)]
    public void Link_NextMeeting_NoPlaceWhenTheOneBeforeCannotLendIt(int rank, int sentence, bool otherDay)
    {
        // Arrange
        var linker = new MeetingLinker(4);

        // Act
        var meetings = linker.Link([
            Meeting(0, "a", "b") with { Date = June1, PlaceId = "here", PlaceRank = rank },
            Meeting(sentence, "a", "c") with { Date = otherDay ? June2 : June1 },
        ]);

        // Assert
        Assert.Null(meetings[1].PlaceId);
    }
}
