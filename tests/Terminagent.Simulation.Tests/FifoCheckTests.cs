using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using NodaTime;
using Terminagent.Data;
using Terminagent.Domain.Agent;
using Terminagent.Domain.Cities;
using Terminagent.Engine.Database;

namespace Terminagent.Simulation.Tests;

/// <summary>The simulation's first-come-first-served check finds an offer that skipped an older waiting wish.</summary>
public sealed class FifoCheckTests
{
    [Theory]
    [MemberData(nameof(ShortSimulationTests.Providers), MemberType = typeof(ShortSimulationTests))]
    public async Task AnOlderWaitingWishThatMatches_IsReportedAgainstTheOffer(DatabaseProvider provider)
    {
        await using var database = await SimulationDatabase.CreateAsync(provider);
        var options = new SimulationOptions
        {
            Days = 2,
            Offices = 2,
            ContactsPerYear = 8_000,
            WishesPerDay = 40,
            Seed = 7,
            Provider = provider,
            ConnectionString = database.ConnectionString,
        };
        var work = Directory.CreateTempSubdirectory("terminagent-fifo-");
        try
        {
            var cityFile = CityGenerator.Write(
                Path.Combine(work.FullName, "city.json"), options.Offices, options.ContactsPerYear, options.Rule, options.Start, SimulationRun.PlacesPerContact, options.ReleaseSharePercent).Path;
            await SimulationRun.ResetDatabaseAsync(provider, database.ConnectionString, CancellationToken.None);
            var time = new FakeTimeProvider(options.Start.AtStartOfDayInZone(DateTimeZoneProviders.Tzdb["Europe/Berlin"]).ToInstant().ToDateTimeOffset());
            using var host = SimulationRun.BuildHost(options, cityFile, time, work.FullName);
            await host.Services.PrepareDatabaseAsync();
            var report = await SimulationRun.RunOnHostAsync(host.Services, time, options, null, CancellationToken.None);
            Assert.Equal(0, report.Counts.FifoViolations);

            await using var scope = host.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<TerminagentDb>();
            var city = scope.ServiceProvider.GetRequiredService<City>();
            var offer = await db.Offers.AsNoTracking().Where(o => o.Status == OfferStatus.Open).OrderBy(o => o.OfferedAt).FirstAsync();
            var taker = await db.Wishes.AsNoTracking().Include(w => w.Targets).SingleAsync(w => w.Id == offer.WishId);
            Assert.Empty(await FifoCheck.ViolationsAsync(db, city, offer.OfferedAt, CancellationToken.None));

            // Someone who wanted exactly the same, a minute earlier, still waiting: the offer skipped them.
            var earlier = taker.RegisteredAt - Duration.FromMinutes(1);
            var skipped = Wish.Register(taker.Definition, "Bürgerin Früher", "frueher@sim.example.org", null, "de", WishChannel.Online, null, earlier);
            skipped.Confirm(earlier);
            db.Wishes.Add(skipped);
            await db.SaveChangesAsync();

            var found = await FifoCheck.ViolationsAsync(db, city, offer.OfferedAt, CancellationToken.None);
            Assert.Contains(found, v => v.Contains($"offer {offer.Id}", StringComparison.Ordinal) && v.Contains($"wish {skipped.Id}", StringComparison.Ordinal));
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }
}
