using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Terminagent.Data;
using Terminagent.Domain.Bookings;
using Terminagent.Engine.Bookings;
using Terminagent.Engine.Tests.Infrastructure;

namespace Terminagent.Engine.Tests.Bookings;

/// <summary>
/// What a hold costs the database, counted (not timed): every command the hold's context sends
/// and its commit. On PostgreSQL these are the round trips: Npgsql sends BEGIN with the first
/// statement, and EF Core sends all inserts as one batch. (SQLite is a library in the process: it
/// has no round trips, and EF Core runs its inserts one by one.)
/// </summary>
public sealed class HoldRoundTripTests
{
    [Fact]
    public async Task ASuccessfulHold_TakesAtMostFourRoundTrips_OnPostgres()
    {
        var counter = new RoundTrips();
        await using var app = await TestEngine.StartAsync(
            DatabaseProvider.Postgres, settings: new() { ["Availability:CatchUpOnRead"] = "false" }, services: s => s.AddSingleton<IInterceptor>(counter));
        var time = await Scenario.FirstFreeTimeAsync(app);

        var held = await app.InScopeAsync(async sp =>
        {
            counter.Watch(sp.GetRequiredService<TerminagentDb>());
            return await sp.GetRequiredService<BookingService>()
                .HoldAsync(Scenario.Service, Scenario.Office, time.Start, "Erika Mustermann", "erika@example.org", null, "de", null, default);
        });

        Assert.True(held.Succeeded, held.Failure?.ToString());
        Assert.Equal(BookingStatus.Held, held.Booking!.Status);
        Assert.True(counter.Count <= 4, $"A hold took {counter.Count} round trips:\n{string.Join("\n", counter.Seen)}");
        Assert.Contains(counter.Seen, s => s.StartsWith("COMMIT", StringComparison.Ordinal));
        await Scenario.AssertCapacityConsistentAsync(app);
    }

    /// <summary>
    /// The race for a last place: once the index has heard the place is gone, the rest are refused
    /// from memory, with alternatives, after one look for a hold of their own at that time.
    /// </summary>
    [Fact]
    public async Task AHoldAtATimeTheIndexKnowsFull_IsRefusedWithAlternatives_AfterOneStatement_OnPostgres()
    {
        var counter = new RoundTrips();
        await using var app = await TestEngine.StartAsync(DatabaseProvider.Postgres, services: s => s.AddSingleton<IInterceptor>(counter));
        var time = await Scenario.FirstFreeTimeAsync(app);
        for (var i = 0; ; i++)
        {
            var held = await app.BookingsAsync(b => b.HoldAsync(Scenario.Service, Scenario.Office, time.Start, "Erika Mustermann", $"erika{i}@example.org", null, "de", null, default));
            if (!held.Succeeded)
            {
                Assert.Equal(BookingFailure.Taken, held.Failure);
                break;
            }
        }

        var late = await app.InScopeAsync(async sp =>
        {
            counter.Watch(sp.GetRequiredService<TerminagentDb>());
            return await sp.GetRequiredService<BookingService>()
                .HoldAsync(Scenario.Service, Scenario.Office, time.Start, "Max Mustermann", "max@example.org", null, "de", null, default);
        });

        Assert.Equal(BookingFailure.Taken, late.Failure);
        Assert.NotEmpty(late.Alternatives!);
        Assert.DoesNotContain(late.Alternatives!, t => t.Start == time.Start);
        Assert.True(counter.Count == 1, $"A refused hold took {counter.Count} round trips:\n{string.Join("\n", counter.Seen)}");
        await Scenario.AssertCapacityConsistentAsync(app);
    }

    [Theory]
    [DatabaseData]
    public async Task ASecondSubmitOfTheSameHold_FindsTheFirst_AndTakesNoSecondPlace(DatabaseProvider provider)
    {
        await using var app = await TestEngine.StartAsync(provider);
        var time = await Scenario.FirstFreeTimeAsync(app);

        var first = await app.BookingsAsync(b => b.HoldAsync(Scenario.Service, Scenario.Office, time.Start, "Erika Mustermann", "erika@example.org", null, "de", null, default));
        var second = await app.BookingsAsync(b => b.HoldAsync(Scenario.Service, Scenario.Office, time.Start, "Erika Mustermann", "Erika@Example.org", null, "de", null, default));

        Assert.True(first.Succeeded);
        Assert.True(second.AlreadyDone);
        Assert.Equal(first.Booking!.Id, second.Booking!.Id);
        Assert.All(await Scenario.SlotsOfAsync(app, time.SlotIds), s => Assert.Equal(1, s.Taken));
        await Scenario.AssertCapacityConsistentAsync(app);
    }

    private sealed class RoundTrips : DbCommandInterceptor, IDbTransactionInterceptor
    {
        private DbContext? watched;

        public List<string> Seen { get; } = [];

        public int Count => Seen.Count;

        public void Watch(DbContext context) => watched = context;

        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
            DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            Record(eventData.Context, command.CommandText);
            return base.ReaderExecutingAsync(command, eventData, result, cancellationToken);
        }

        public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(
            DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
        {
            Record(eventData.Context, command.CommandText);
            return base.NonQueryExecutingAsync(command, eventData, result, cancellationToken);
        }

        public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(
            DbCommand command, CommandEventData eventData, InterceptionResult<object> result, CancellationToken cancellationToken = default)
        {
            Record(eventData.Context, command.CommandText);
            return base.ScalarExecutingAsync(command, eventData, result, cancellationToken);
        }

        public ValueTask<InterceptionResult> TransactionCommittingAsync(
            DbTransaction transaction, TransactionEventData eventData, InterceptionResult result, CancellationToken cancellationToken = default)
        {
            Record(eventData.Context, "COMMIT");
            return ValueTask.FromResult(result);
        }

        private void Record(DbContext? context, string what)
        {
            if (context is not null && context == watched)
            {
                lock (Seen)
                {
                    Seen.Add(what.Length > 200 ? what[..200] : what);
                }
            }
        }
    }
}
