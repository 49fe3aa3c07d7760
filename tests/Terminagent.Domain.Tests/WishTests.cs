using NodaTime;
using Terminagent.Domain.Agent;

namespace Terminagent.Domain.Tests;

/// <summary>What a wish matches, how it is stored as targets, and its lifecycle flags.</summary>
public class WishTests
{
    private static readonly LocalTime Eight = new(8, 0);
    private static readonly LocalTime Noon = new(12, 0);
    private static readonly LocalTime Two = new(14, 0);
    private static readonly LocalTime Six = new(18, 0);
    private static readonly Instant Registered = Instant.FromUtc(2026, 11, 30, 9, 0);

    // 2 December 2026 is a Wednesday.
    private static readonly LocalDate Wednesday = new(2026, 12, 2);

    private static WishDefinition Definition(
        IReadOnlyList<string>? offices = null,
        IReadOnlyList<IsoDayOfWeek>? days = null,
        IReadOnlyList<TimeWindow>? windows = null,
        LocalDate? earliest = null,
        LocalDate? latest = null) =>
        new("meldebescheinigung", offices ?? ["mitte"], days ?? [IsoDayOfWeek.Wednesday], windows ?? [new TimeWindow(Eight, Noon)], earliest, latest);

    private static Wish NewWish(WishDefinition definition, Guid? updatesWishId = null) =>
        Wish.Register(definition, "Erika Mustermann", "Erika@Example.org", null, "de", WishChannel.Online, updatesWishId, Registered);

    /// <summary>Takes a new wish to <paramref name="status"/> the way the app does.</summary>
    private static void Reach(Wish wish, WishStatus status)
    {
        if (status == WishStatus.Unconfirmed)
        {
            return;
        }

        wish.Confirm(Registered);
        if (status is WishStatus.Offered or WishStatus.Fulfilled or WishStatus.Lapsed)
        {
            wish.MarkOffered();
        }

        if (status is not (WishStatus.Waiting or WishStatus.Offered))
        {
            wish.End(status, Registered + Duration.FromDays(1));
        }
    }

    private static LocalDateTime At(LocalDate date, int hour, int minute = 0) => date.At(new LocalTime(hour, minute));

    [Fact]
    public void Matches_ASlotInsideTheWindow_OnAWantedDay_AtAWantedOffice()
    {
        var wish = Definition();

        Assert.True(wish.Matches("mitte", At(Wednesday, 9), At(Wednesday, 9, 15)));
        Assert.True(wish.Matches("mitte", At(Wednesday, 8), At(Wednesday, 8, 15)));
        Assert.True(wish.Matches("mitte", At(Wednesday, 11, 45), At(Wednesday, 12)));
    }

    [Fact]
    public void DoesNotMatch_AnotherOffice_OrDay()
    {
        var wish = Definition();

        Assert.False(wish.Matches("nord", At(Wednesday, 9), At(Wednesday, 9, 15)));
        Assert.False(wish.Matches("mitte", At(Wednesday.PlusDays(1), 9), At(Wednesday.PlusDays(1), 9, 15)));
    }

    [Fact]
    public void DoesNotMatch_AnAppointmentStartingBefore_OrEndingAfter_TheWindow()
    {
        var wish = Definition();

        Assert.False(wish.Matches("mitte", At(Wednesday, 7, 45), At(Wednesday, 8)));
        Assert.False(wish.Matches("mitte", At(Wednesday, 7, 50), At(Wednesday, 8, 5)));
        Assert.False(wish.Matches("mitte", At(Wednesday, 11, 45), At(Wednesday, 12, 15)));
        Assert.False(wish.Matches("mitte", At(Wednesday, 12), At(Wednesday, 12, 15)));
    }

    [Fact]
    public void Matches_AnyOfSeveralWindows_ButNotTheGapBetweenThem()
    {
        var wish = Definition(windows: [new TimeWindow(Eight, Noon), new TimeWindow(Two, Six)]);

        Assert.True(wish.Matches("mitte", At(Wednesday, 15), At(Wednesday, 15, 30)));
        Assert.False(wish.Matches("mitte", At(Wednesday, 13), At(Wednesday, 13, 15)));
        Assert.False(wish.Matches("mitte", At(Wednesday, 11, 45), At(Wednesday, 14, 15)));
    }

    [Fact]
    public void DoesNotMatch_AnAppointmentOverMidnight_OrOfNoLength()
    {
        var wish = Definition(days: [IsoDayOfWeek.Wednesday, IsoDayOfWeek.Thursday], windows: [new TimeWindow(LocalTime.Midnight, new LocalTime(23, 59))]);

        Assert.False(wish.Matches("mitte", At(Wednesday, 23, 50), At(Wednesday.PlusDays(1), 0, 5)));
        Assert.False(wish.Matches("mitte", At(Wednesday, 9), At(Wednesday, 9)));
    }

    [Fact]
    public void DateRange_IsInclusive_AndOpenWhenMissing()
    {
        var bounded = Definition(earliest: Wednesday, latest: Wednesday.PlusWeeks(2));

        Assert.False(bounded.Matches("mitte", At(Wednesday.PlusWeeks(-1), 9), At(Wednesday.PlusWeeks(-1), 9, 15)));
        Assert.True(bounded.Matches("mitte", At(Wednesday, 9), At(Wednesday, 9, 15)));
        Assert.True(bounded.Matches("mitte", At(Wednesday.PlusWeeks(2), 9), At(Wednesday.PlusWeeks(2), 9, 15)));
        Assert.False(bounded.Matches("mitte", At(Wednesday.PlusWeeks(3), 9), At(Wednesday.PlusWeeks(3), 9, 15)));

        var open = Definition();
        Assert.True(open.Matches("mitte", At(Wednesday.PlusWeeks(52), 9), At(Wednesday.PlusWeeks(52), 9, 15)));
    }

    [Fact]
    public void IsWithin_AWiderWish()
    {
        var narrow = Definition(earliest: Wednesday, latest: Wednesday.PlusDays(7));
        var wider = Definition(
            offices: ["mitte", "nord"],
            days: [IsoDayOfWeek.Monday, IsoDayOfWeek.Wednesday],
            windows: [new TimeWindow(new LocalTime(7, 30), Noon), new TimeWindow(Two, Six)],
            earliest: Wednesday.PlusDays(-1),
            latest: null);

        Assert.True(narrow.IsWithin(wider));
        Assert.True(narrow.IsWithin(narrow));
        Assert.False(wider.IsWithin(narrow));
    }

    [Fact]
    public void IsNotWithin_WhenAnythingIsNarrower()
    {
        var wish = Definition(earliest: Wednesday, latest: Wednesday.PlusDays(7));

        Assert.False(wish.IsWithin(Definition(offices: ["nord"], earliest: Wednesday, latest: Wednesday.PlusDays(7))));
        Assert.False(wish.IsWithin(Definition(days: [IsoDayOfWeek.Monday], earliest: Wednesday, latest: Wednesday.PlusDays(7))));
        Assert.False(wish.IsWithin(Definition(windows: [new TimeWindow(Eight, new LocalTime(11, 0))], earliest: Wednesday, latest: Wednesday.PlusDays(7))));
        Assert.False(wish.IsWithin(Definition(earliest: Wednesday.PlusDays(1), latest: Wednesday.PlusDays(7))));
        Assert.False(wish.IsWithin(Definition(earliest: Wednesday, latest: Wednesday.PlusDays(6))));
        Assert.False(wish.IsWithin(wish with { ServiceId = "reisepass" }));

        // An open end is wider than any date, never narrower.
        Assert.False(Definition().IsWithin(Definition(earliest: Wednesday)));
        Assert.False(Definition().IsWithin(Definition(latest: Wednesday)));
        Assert.True(Definition(earliest: Wednesday).IsWithin(Definition()));
    }

    [Fact]
    public void Define_StoresOneTargetPerOffice_Weekday_AndWindow()
    {
        var definition = Definition(
            offices: ["mitte", "nord"],
            days: [IsoDayOfWeek.Monday, IsoDayOfWeek.Wednesday, IsoDayOfWeek.Friday],
            windows: [new TimeWindow(Eight, Noon), new TimeWindow(Two, Six)],
            earliest: Wednesday,
            latest: Wednesday.PlusWeeks(4));

        var wish = NewWish(definition);

        Assert.Equal(2 * 3 * 2, wish.Targets.Count);
        Assert.Equal(12, wish.Targets.Select(t => (t.OfficeId, t.Weekday, t.FromMinute, t.ToMinute)).Distinct().Count());
        Assert.All(wish.Targets, t =>
        {
            Assert.Equal(wish.Id, t.WishId);
            Assert.Equal("meldebescheinigung", t.ServiceId);
            Assert.Equal(Registered, t.RegisteredAt);
            Assert.Equal(Wednesday, t.Earliest);
            Assert.Equal(Wednesday.PlusWeeks(4), t.Latest);
            Assert.False(t.IsWaiting);
        });
        Assert.Contains(wish.Targets, t => t.OfficeId == "nord" && t.Weekday == (int)IsoDayOfWeek.Friday && t.FromMinute == 14 * 60 && t.ToMinute == 18 * 60);
        Assert.Equal(definition.Earliest, wish.Earliest);
        Assert.Equal(definition.Latest, wish.Latest);
    }

    [Fact]
    public void Definition_ReadsBackWhatWasDefined()
    {
        var definition = Definition(
            offices: ["mitte", "nord"],
            days: [IsoDayOfWeek.Monday, IsoDayOfWeek.Friday],
            windows: [new TimeWindow(Eight, Noon), new TimeWindow(Two, Six)],
            earliest: Wednesday);

        var read = NewWish(definition).Definition;

        Assert.Equal(definition.ServiceId, read.ServiceId);
        Assert.Equal(definition.OfficeIds, read.OfficeIds);
        Assert.Equal(definition.Weekdays, read.Weekdays);
        Assert.Equal(definition.Windows, read.Windows);
        Assert.Equal(definition.Earliest, read.Earliest);
        Assert.Equal(definition.Latest, read.Latest);
        Assert.True(read.IsWithin(definition) && definition.IsWithin(read));
    }

    [Fact]
    public void Redefining_KeepsThePlaceInTheQueue_AndTheWaitingFlag()
    {
        var wish = NewWish(Definition());
        wish.Confirm(Registered + Duration.FromMinutes(5));

        wish.Define(Definition(offices: ["mitte", "nord"]));

        Assert.Equal(2, wish.Targets.Count);
        Assert.All(wish.Targets, t => Assert.Equal(Registered, t.RegisteredAt));
        Assert.All(wish.Targets, t => Assert.True(t.IsWaiting));
        Assert.Equal(Registered, wish.RegisteredAt);
    }

    [Fact]
    public void Confirm_PutsTheWishInTheQueue()
    {
        var wish = NewWish(Definition(days: [IsoDayOfWeek.Monday, IsoDayOfWeek.Tuesday]));
        var now = Registered + Duration.FromMinutes(3);

        Assert.False(wish.IsActive);
        Assert.Equal(WishOutcome.Done, wish.Confirm(now));

        Assert.Equal(WishStatus.Waiting, wish.Status);
        Assert.Equal(now, wish.ConfirmedAt);
        Assert.True(wish.IsActive);
        Assert.False(wish.HasEnded);
        Assert.All(wish.Targets, t => Assert.True(t.IsWaiting));
        Assert.Equal(Registered, wish.RegisteredAt);
    }

    [Fact]
    public void ConfirmingTwice_IsAlreadyDone_AndChangesNothing()
    {
        var wish = NewWish(Definition());
        var first = Registered + Duration.FromMinutes(3);
        wish.Confirm(first);

        Assert.Equal(WishOutcome.AlreadyDone, wish.Confirm(first + Duration.FromHours(1)));
        Assert.Equal(first, wish.ConfirmedAt);

        wish.MarkOffered();
        Assert.Equal(WishOutcome.AlreadyDone, wish.Confirm(first + Duration.FromHours(2)));
        Assert.Equal(WishStatus.Offered, wish.Status);
    }

    [Fact]
    public void ConfirmingAnEndedWish_OrOneWhoseLastDayPassed_DoesNothing()
    {
        var ended = NewWish(Definition());
        ended.End(WishStatus.Withdrawn, Registered);
        Assert.Equal(WishOutcome.Ended, ended.Confirm(Registered + Duration.FromMinutes(1)));
        Assert.Equal(WishStatus.Withdrawn, ended.Status);

        var past = NewWish(Definition(latest: new LocalDate(2026, 11, 20)));
        Assert.Equal(WishOutcome.Ended, past.Confirm(Registered));
        Assert.Equal(WishStatus.Unconfirmed, past.Status);
        Assert.All(past.Targets, t => Assert.False(t.IsWaiting));
    }

    [Theory]
    [InlineData(WishStatus.Unconfirmed, false)]
    [InlineData(WishStatus.Waiting, true)]
    [InlineData(WishStatus.Offered, false)]
    [InlineData(WishStatus.Fulfilled, false)]
    [InlineData(WishStatus.Withdrawn, false)]
    [InlineData(WishStatus.Lapsed, false)]
    [InlineData(WishStatus.Expired, false)]
    public void EveryStatus_MarksTheTargetsWaiting_OnlyWhileWaiting(WishStatus status, bool waiting)
    {
        var wish = NewWish(Definition(offices: ["mitte", "nord"], days: [IsoDayOfWeek.Monday, IsoDayOfWeek.Wednesday]));

        Reach(wish, status);

        Assert.Equal(status, wish.Status);
        Assert.Equal(4, wish.Targets.Count);
        Assert.All(wish.Targets, t => Assert.Equal(waiting, t.IsWaiting));
        Assert.Equal(status is WishStatus.Waiting or WishStatus.Offered, wish.IsActive);
        Assert.Equal(status is WishStatus.Fulfilled or WishStatus.Withdrawn or WishStatus.Lapsed or WishStatus.Expired, wish.HasEnded);
    }

    [Fact]
    public void OfferedThenDeclinedKeepingTheWish_IsWaitingAgain()
    {
        var wish = NewWish(Definition());
        wish.Confirm(Registered);
        wish.MarkOffered();
        Assert.All(wish.Targets, t => Assert.False(t.IsWaiting));

        wish.ResumeWaiting();

        Assert.All(wish.Targets, t => Assert.True(t.IsWaiting));
        Assert.Equal(Registered, wish.RegisteredAt);
    }

    [Fact]
    public void End_RecordsWhen_AndTakesTheWishOutOfTheQueue()
    {
        var wish = NewWish(Definition());
        wish.Confirm(Registered);
        var now = Registered + Duration.FromDays(3);

        wish.End(WishStatus.Lapsed, now);

        Assert.Equal(WishStatus.Lapsed, wish.Status);
        Assert.Equal(now, wish.EndedAt);
        Assert.True(wish.HasEnded);
        Assert.All(wish.Targets, t => Assert.False(t.IsWaiting));
    }

    [Fact]
    public void Register_IsUnconfirmed_ItsPlaceInTheQueueCountingFromNow()
    {
        var wish = NewWish(Definition());

        Assert.Equal(WishStatus.Unconfirmed, wish.Status);
        Assert.Equal(Registered, wish.RegisteredAt);
        Assert.Null(wish.ConfirmedAt);
        Assert.Null(wish.UpdatesWishId);
        Assert.Equal(("meldebescheinigung", "Erika Mustermann", "de", WishChannel.Online), (wish.ServiceId, wish.Name, wish.Language, wish.Channel));
        Assert.Equal(("Erika@Example.org", "erika@example.org"), (wish.Email, wish.NormalisedEmail));
        Assert.All(wish.Targets, t => Assert.Equal((wish.Id, Registered, false), (t.WishId, t.RegisteredAt, t.IsWaiting)));
    }

    [Fact]
    public void Register_ForACallerWithoutEmail_HasNoAddressToFindThemBy()
    {
        var wish = Wish.Register(Definition(), "Karl Anrufer", null, "0211 1", "en", WishChannel.Infoline, null, Registered);

        Assert.Null(wish.Email);
        Assert.Null(wish.NormalisedEmail);
        Assert.Equal(("0211 1", WishChannel.Infoline), (wish.Phone, wish.Channel));
    }

    [Fact]
    public void Define_ForAnotherService_IsRefused()
    {
        var wish = NewWish(Definition());

        Assert.Throws<ArgumentException>(() => wish.Define(Definition() with { ServiceId = "reisepass" }));
    }

    [Fact]
    public void TakeOver_AConfirmedChange_TakesWhatItAsksAndTheContact_KeepingThePlace()
    {
        var original = NewWish(Definition());
        original.Confirm(Registered);
        var change = Wish.Register(
            Definition(offices: ["mitte", "nord"]), "Erika Musterfrau", "erika@example.org", "0211 2", "en", WishChannel.Online, original.Id,
            Registered + Duration.FromDays(5));

        original.TakeOver(change);

        Assert.True(original.Definition.IsWithin(change.Definition) && change.Definition.IsWithin(original.Definition));
        Assert.Equal(2, original.Targets.Count);
        Assert.Equal(("Erika Musterfrau", "0211 2", "en"), (original.Name, original.Phone, original.Language));
        Assert.Equal(Registered, original.RegisteredAt);
        Assert.All(original.Targets, t => Assert.Equal((original.Id, Registered, true), (t.WishId, t.RegisteredAt, t.IsWaiting)));
    }

    [Fact]
    public void TakeOver_ARegistrationForAnotherWish_IsRefused()
    {
        var original = NewWish(Definition());
        original.Confirm(Registered);

        Assert.Throws<ArgumentException>(() => original.TakeOver(NewWish(Definition(), updatesWishId: Guid.NewGuid())));
    }

    [Fact]
    public void TakeOver_WhileAnOfferIsOpen_IsRefused()
    {
        var original = NewWish(Definition());
        original.Confirm(Registered);
        original.MarkOffered();

        Assert.Throws<InvalidOperationException>(() => original.TakeOver(NewWish(Definition(), updatesWishId: original.Id)));
    }

    [Fact]
    public void StandAlone_ForgetsTheEndedWishItWasToChange()
    {
        var change = NewWish(Definition(), updatesWishId: Guid.NewGuid());

        change.StandAlone();

        Assert.Null(change.UpdatesWishId);
        Assert.Equal(WishStatus.Unconfirmed, change.Status);
    }

    [Fact]
    public void StandAlone_AfterConfirmation_IsRefused()
    {
        var wish = NewWish(Definition());
        wish.Confirm(Registered);

        Assert.Throws<InvalidOperationException>(wish.StandAlone);
    }

    [Theory]
    [InlineData(WishStatus.Unconfirmed)]
    [InlineData(WishStatus.Offered)]
    [InlineData(WishStatus.Withdrawn)]
    public void MarkOffered_UnlessWaiting_IsRefused(WishStatus status)
    {
        var wish = NewWish(Definition());
        Reach(wish, status);

        Assert.Throws<InvalidOperationException>(wish.MarkOffered);
        Assert.Equal(status, wish.Status);
    }

    [Theory]
    [InlineData(WishStatus.Waiting)]
    [InlineData(WishStatus.Fulfilled)]
    public void ResumeWaiting_WithoutAnOpenOffer_IsRefused(WishStatus status)
    {
        var wish = NewWish(Definition());
        Reach(wish, status);

        Assert.Throws<InvalidOperationException>(wish.ResumeWaiting);
        Assert.Equal(status, wish.Status);
    }

    [Theory]
    [InlineData(WishStatus.Unconfirmed)]
    [InlineData(WishStatus.Waiting)]
    [InlineData(WishStatus.Offered)]
    public void End_AsAStatusThatIsNoEnd_IsRefused(WishStatus status)
    {
        var wish = NewWish(Definition());
        wish.Confirm(Registered);

        Assert.Throws<ArgumentOutOfRangeException>(() => wish.End(status, Registered));
        Assert.Equal(WishStatus.Waiting, wish.Status);
        Assert.Null(wish.EndedAt);
    }

    [Fact]
    public void TimeWindow_ContainsOnlyWhatFitsInside()
    {
        var window = new TimeWindow(Eight, Noon);

        Assert.True(window.Contains(Eight, new LocalTime(8, 15)));
        Assert.True(window.Contains(new LocalTime(11, 30), Noon));
        Assert.False(window.Contains(new LocalTime(7, 59), new LocalTime(8, 14)));
        Assert.False(window.Contains(new LocalTime(11, 50), new LocalTime(12, 5)));
        Assert.False(window.Contains(new LocalTime(9, 0), new LocalTime(9, 0)));
        Assert.False(window.Contains(new LocalTime(9, 15), new LocalTime(9, 0)));
    }
}
