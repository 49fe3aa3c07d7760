using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using NodaTime;
using Terminagent.Data;
using Terminagent.Domain.Bookings;
using Terminagent.Domain.OfficeDay;
using Terminagent.Engine.OfficeDay;
using Terminagent.Engine.Tests.Infrastructure;
using static Terminagent.Testing.CounterKit;

namespace Terminagent.Engine.Tests.OfficeDay;

/// <summary>
/// Check-in and the no-show rule: an appointment nobody checked in for by 15 minutes after its
/// start becomes a no-show, keeps its places, and can no longer check in.
/// </summary>
public sealed class NoShowTests
{
    [Theory]
    [DatabaseData]
    public async Task NoShowRule_MarksOnlyAfterTheGrace_LeavesCheckedInAlone_AndKeepsThePlaces(DatabaseProvider provider)
    {
        await using var app = await TestEngine.StartAsync(provider);
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
    [DatabaseData]
    public async Task CheckIn_JustBeforeTheGraceEnds_JoinsTheQueueOnce(DatabaseProvider provider)
    {
        await using var app = await TestEngine.StartAsync(provider);
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

    /// <summary>
    /// Each minute's round reads only what came due since the last round of the process finished
    /// (less an hour), not the whole week; a process that starts, or a clock set back, reads the week.
    /// </summary>
    [Theory]
    [DatabaseData]
    public async Task LaterRounds_ReadFromTheLastRoundsBound_AFreshProcessReadsTheWeek(DatabaseProvider provider)
    {
        await using var app = await TestEngine.StartAsync(provider);
        var times = await Scenario.FreeTimesAsync(app);
        var kit = new AgentKit(app);
        var absent = await Scenario.BookingAsync(app, await kit.BookAsync(times[0].Start, "absent@example.org", Scenario.Service, Scenario.Office));
        var later = await Scenario.BookingAsync(app, await kit.BookAsync(times.First(t => t.Start >= times[0].Start + Duration.FromHours(2)).Start, "later@example.org", Scenario.Service, Scenario.Office));
        var progress = app.Services.GetRequiredService<NoShowProgress>();
        Assert.Null(progress.DecidedUpTo);

        // As if a round had decided everything up to 90 minutes after the first appointment's grace:
        // the next round reads from half an hour after it, which leaves the first one out.
        progress.Reached(absent.Start + Grace + Duration.FromMinutes(90));
        app.Advance(later.Start + Grace - app.Now);
        Assert.Equal(1, await MarkNoShowsAsync(app));
        Assert.Equal(BookingStatus.NoShow, (await Scenario.BookingAsync(app, later.Id)).Status);
        Assert.Equal(BookingStatus.Confirmed, (await Scenario.BookingAsync(app, absent.Id)).Status);
        Assert.Equal(app.Now - Grace, progress.DecidedUpTo);

        // A process that starts afresh reads the whole week.
        var marked = await app.InScopeAsync(sp => new NoShowRule(
            sp.GetRequiredService<TerminagentDb>(), sp.GetRequiredService<IOptions<OfficeDayOptions>>(), new NoShowProgress()).MarkDueAsync(app.Now, CancellationToken.None));
        Assert.Equal(1, marked);
        Assert.Equal(BookingStatus.NoShow, (await Scenario.BookingAsync(app, absent.Id)).Status);

        // A clock set back behind the bound reads the whole week again, and the bound follows it.
        progress.Reached(app.Now + Duration.FromDays(1));
        Assert.Equal(0, await MarkNoShowsAsync(app));
        Assert.Equal(app.Now - Grace, progress.DecidedUpTo);
    }

    [Fact]
    public async Task GracePeriod_IsConfigurable_AndValidated()
    {
        await using (var app = await TestEngine.StartAsync(DatabaseProvider.Sqlite, settings: new() { ["OfficeDay:NoShowAfterMinutes"] = "30" }))
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
