using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using Terminagent.Data;
using Terminagent.Domain.Agent;
using Terminagent.Domain.Bookings;
using Terminagent.Engine.Tests.Infrastructure;
using static Terminagent.Testing.AgentKit;

namespace Terminagent.Engine.Tests.Bookings;

/// <summary>
/// Booking codes are drawn at random from 31⁸, and the model city's ten months issue about a
/// million of them, so a draw repeats an issued code now and then (a simulated run met one at day
/// 108). The unique index refuses the repeat; the booking then draws another code and the citizen
/// never notices. Here the first draw is forced onto an issued code, and the database's own
/// unique index refuses it.
/// </summary>
public sealed class RepeatedBookingCodeTests
{
    [Theory]
    [DatabaseData]
    public async Task AHoldWhoseCodeWasIssuedBefore_DrawsAnother_AndItsEmailsCarryTheNewOne(DatabaseProvider provider)
    {
        var repeat = new RepeatCode();
        await using var app = await TestEngine.StartAsync(provider, services: s => s.AddSingleton<IInterceptor>(repeat));
        await app.RunDueRoundsAsync();
        var kit = new AgentKit(app);
        var times = await Scenario.FreeTimesAsync(app);
        var first = await Scenario.BookingAsync(app, await kit.BookAsync(times[0].Start, "erika@example.org", Scenario.Service, Scenario.Office));

        repeat.Next(first.Code);
        var second = await Scenario.BookingAsync(app, await kit.BookAsync(times[1].Start, "max@example.org", Scenario.Service, Scenario.Office));

        Assert.Equal(1, repeat.Refused);
        Assert.Equal(BookingStatus.Confirmed, second.Status);
        Assert.NotEqual(first.Code, second.Code);
        var toMax = (await app.DeliverMailAsync()).Where(m => m.To.Mailboxes.Single().Address == "max@example.org").ToList();
        Assert.Equal(2, toMax.Count);
        Assert.All(toMax, m => Assert.DoesNotContain(first.Code, m.TextBody ?? "", StringComparison.Ordinal));
        Assert.Contains(toMax, m => (m.TextBody ?? "").Contains(second.Code, StringComparison.Ordinal));
        await Scenario.AssertCapacityConsistentAsync(app);
    }

    [Theory]
    [DatabaseData]
    public async Task AnAcceptedOfferWhoseCodeWasIssuedBefore_DrawsAnother(DatabaseProvider provider)
    {
        var repeat = new RepeatCode();
        await using var app = await TestEngine.StartAsync(provider, cityFile: TestEngine.City(OneOffice), services: s => s.AddSingleton<IInterceptor>(repeat));
        var kit = new AgentKit(app);
        var cancelled = await kit.BookAsync(AtBerlin(2026, 12, 11, 9), "booker@example.org");
        app.Advance(Duration.FromMinutes(1));
        var wish = await kit.WishAsync(Request(latest: new LocalDate(2026, 12, 11)), "first@example.org");
        app.Advance(Duration.FromMinutes(1));
        Assert.True((await kit.CancelAsync(cancelled)).Succeeded);
        var offer = await kit.SingleOpenOfferAsync(wish);
        var issued = (await Scenario.BookingAsync(app, cancelled)).Code;

        repeat.Next(issued);
        var accepted = await kit.AcceptAsync(offer.Id);

        Assert.True(accepted.Succeeded, accepted.Failure?.ToString());
        Assert.Equal(1, repeat.Refused);
        var booking = await Scenario.BookingAsync(app, accepted.Booking!.Id);
        Assert.NotEqual(issued, booking.Code);
        Assert.Equal((BookingStatus.Confirmed, offer.Start), (booking.Status, booking.Start));
        Assert.Equal(WishStatus.Fulfilled, (await kit.WishOfAsync(wish)).Status);
        var confirmation = Assert.Single(await app.DeliverMailAsync(), m => m.To.Mailboxes.Single().Address == "first@example.org"
            && (m.TextBody ?? "").Contains(booking.Code, StringComparison.Ordinal));
        Assert.DoesNotContain(issued, confirmation.TextBody ?? "", StringComparison.Ordinal);
        await AgentInvariants.AssertAllAsync(app);
    }

    /// <summary>Gives the next new booking an issued code, as an unlucky draw would, and counts the database's refusals.</summary>
    private sealed class RepeatCode : SaveChangesInterceptor
    {
        private string? next;

        public int Refused { get; private set; }

        public void Next(string issuedCode) => next = issuedCode;

        public override ValueTask<InterceptionResult<int>> SavingChangesAsync(
            DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
        {
            if (next is { } code && eventData.Context!.ChangeTracker.Entries<Booking>().FirstOrDefault(e => e.State == EntityState.Added) is { } added)
            {
                added.Property(b => b.Code).CurrentValue = code;
                next = null;
            }

            return base.SavingChangesAsync(eventData, result, cancellationToken);
        }

        public override Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
        {
            if (eventData.Exception is DbUpdateException error && TerminagentDb.IsDuplicateBookingCode(error))
            {
                Refused++;
            }

            return base.SaveChangesFailedAsync(eventData, cancellationToken);
        }
    }
}
