using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using NodaTime;
using Terminagent.Data;
using Terminagent.Domain.Bookings;
using Terminagent.Domain.Cities;
using Terminagent.Domain.OfficeDay;
using Terminagent.Engine;
using Terminagent.Engine.OfficeDay;
using Terminagent.Web.Features.Counter;
using Terminagent.Web.Tests.Agent;
using Terminagent.Web.Tests.Infrastructure;
using static Terminagent.Web.Tests.Counter.CounterKit;

namespace Terminagent.Web.Tests.Counter;

/// <summary>
/// Check-in and the no-show rule: an appointment nobody checked in for by 15 minutes after its
/// start becomes a no-show, keeps its places, and can no longer check in.
/// </summary>
public sealed class NoShowTests
{
    private static readonly Duration Grace = Duration.FromMinutes(15);

    private static async Task<(Booking Booking, AgentKit Kit)> BookTodayAsync(TestApp app, int index = 0)
    {
        var times = await Scenario.FreeTimesAsync(app);
        var kit = new AgentKit(app);
        var id = await kit.BookAsync(times[index].Start, $"citizen{index}@example.org", Scenario.Service, Scenario.Office);
        var booking = await Scenario.BookingAsync(app, id);
        Assert.Equal(app.Now.InUtc().Date, booking.Start.InUtc().Date);
        return (booking, kit);
    }

    private static async Task<IReadOnlyList<int>> TakenAsync(TestApp app, Booking booking) =>
        (await Scenario.SlotsOfAsync(app, booking.Slots.Select(s => s.SlotId))).Select(s => s.Taken).ToList();

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task NoShowRule_MarksOnlyAfterTheGrace_LeavesCheckedInAlone_AndKeepsThePlaces(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var (absent, _) = await BookTodayAsync(app, 0);
        var (present, _) = await BookTodayAsync(app, 1);
        var takenBefore = await TakenAsync(app, absent);
        Assert.Null((await CheckInAsync(app, present.Code)).Refusal);

        app.Advance(absent.Start - app.Now + Grace - Duration.FromSeconds(1));
        Assert.Equal(0, await MarkNoShowsAsync(app));
        Assert.Equal(BookingStatus.Confirmed, (await Scenario.BookingAsync(app, absent.Id)).Status);

        app.Advance(Duration.FromSeconds(1));
        Assert.Equal(1, await MarkNoShowsAsync(app));

        var marked = await Scenario.BookingAsync(app, absent.Id);
        Assert.Equal((BookingStatus.NoShow, app.Now), (marked.Status, marked.NoShowAt!.Value));
        Assert.Equal(takenBefore, await TakenAsync(app, absent));
        app.Advance(present.Start + Grace - app.Now + Duration.FromHours(1));
        Assert.Equal(0, await MarkNoShowsAsync(app));
        Assert.Equal(BookingStatus.Confirmed, (await Scenario.BookingAsync(app, present.Id)).Status);
        await Scenario.AssertCapacityConsistentAsync(app);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task CheckIn_OfACancelledBooking_IsRefused_AndNothingChanges(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var (booking, kit) = await BookTodayAsync(app);
        Assert.True((await kit.CancelAsync(booking.Id)).Succeeded);
        var before = await Scenario.BookingAsync(app, booking.Id);
        var takenBefore = await TakenAsync(app, booking);

        var result = await CheckInAsync(app, booking.Code.ToLowerInvariant().Replace("-", " ", StringComparison.Ordinal));

        Assert.Equal(CheckInRefusal.Cancelled, result.Refusal);
        Assert.Equal("Dieser Termin wurde abgesagt und kann nicht eingecheckt werden.", CounterTexts.CheckInRefusal(result, app.Services.GetRequiredService<City>(), new OfficeDayOptions(), "de"));
        await using var db = app.NewDb();
        Assert.Empty(await db.Visits.ToListAsync());
        var after = await Scenario.BookingAsync(app, booking.Id);
        Assert.Equal((before.Status, before.CancelledAt), (after.Status, after.CancelledAt));
        Assert.Equal(takenBefore, await TakenAsync(app, booking));
        await Scenario.AssertCapacityConsistentAsync(app);
    }

    [Fact]
    public async Task CheckIn_AfterTheGrace_IsTooLate_EvenBeforeTheRuleRan()
    {
        await using var app = await TestApp.StartAsync(DatabaseProvider.Sqlite);
        var (booking, _) = await BookTodayAsync(app);
        app.Advance(booking.Start - app.Now + Grace);

        var result = await CheckInAsync(app, booking.Code);

        Assert.Equal(CheckInRefusal.TooLate, result.Refusal);
        Assert.StartsWith("Zu spät: Der Termin hat um ", CounterTexts.CheckInRefusal(result, app.Services.GetRequiredService<City>(), new OfficeDayOptions(), "de"), StringComparison.Ordinal);
        await MarkNoShowsAsync(app);
        Assert.Equal(CheckInRefusal.TooLate, (await CheckInAsync(app, booking.Code)).Refusal);
        await using var db = app.NewDb();
        Assert.Empty(await db.Visits.ToListAsync());
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task CheckIn_JustBeforeTheGraceEnds_JoinsTheQueueOnce(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var (booking, _) = await BookTodayAsync(app);
        app.Advance(booking.Start - app.Now + Grace - Duration.FromSeconds(1));

        var results = await AllAtOnceAsync(4, _ => CheckInAsync(app, booking.Code));

        Assert.All(results, r => Assert.Null(r.Refusal));
        Assert.Single(results, r => !r.AlreadyCheckedIn);
        await using var db = app.NewDb();
        var visit = await db.Visits.AsNoTracking().SingleAsync();
        Assert.Equal((VisitKind.Appointment, booking.Code, booking.Start, VisitStatus.Waiting), (visit.Kind, visit.Label, visit.DueAt, visit.Status));
        app.Advance(Duration.FromHours(1));
        Assert.Equal(0, await MarkNoShowsAsync(app));
        Assert.Equal(BookingStatus.Confirmed, (await Scenario.BookingAsync(app, booking.Id)).Status);
    }

    [Fact]
    public async Task GracePeriod_IsConfigurable_AndValidated()
    {
        await using (var app = await TestApp.StartAsync(DatabaseProvider.Sqlite, settings: new() { ["OfficeDay:NoShowAfterMinutes"] = "30" }))
        {
            var (booking, _) = await BookTodayAsync(app);
            app.Advance(booking.Start - app.Now + Duration.FromMinutes(29));
            Assert.Equal(0, await MarkNoShowsAsync(app));
            Assert.Null((await CheckInAsync(app, booking.Code)).Refusal);
        }

        foreach (var wrong in new[] { "0", "241" })
        {
            var services = new ServiceCollection();
            var configuration = new ConfigurationBuilder()
                .AddInMemoryCollection(new Dictionary<string, string?> { ["OfficeDay:NoShowAfterMinutes"] = wrong }).Build();
            services.AddSingleton<IConfiguration>(configuration);
            services.AddTerminagentEngine(configuration);
            await using var provider = services.BuildServiceProvider();
            var failure = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<OfficeDayOptions>>().Value);
            Assert.Contains("OfficeDay:NoShowAfterMinutes must be between 1 and 240", failure.Message, StringComparison.Ordinal);
        }
    }
}
