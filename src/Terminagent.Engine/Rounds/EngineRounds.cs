using Microsoft.Extensions.Options;
using NodaTime;
using Terminagent.Engine.Abuse;
using Terminagent.Engine.Agent;
using Terminagent.Engine.Bookings;
using Terminagent.Engine.Cities;
using Terminagent.Engine.Email;
using Terminagent.Engine.OfficeDay;
using Terminagent.Engine.Privacy;
using Terminagent.Engine.Schedule;

namespace Terminagent.Engine.Rounds;

/// <summary>
/// One piece of the engine's background work and how often it is due. <see cref="RunAsync"/> gets
/// a scope of its own and the moment of the round. Every round is safe to run on several
/// instances at once: the database arbitrates what each may change.
/// </summary>
public sealed record EngineRound(string Name, Duration Interval, Func<IServiceProvider, Instant, CancellationToken, Task> RunAsync);

/// <summary>
/// The workers' rounds, in the order a round of all of them runs: the web host runs each on its
/// own timer, the simulation runs those due at each simulated moment. A new kind of background
/// work is added here, and only here.
/// </summary>
public sealed class EngineRounds(IOptions<MailOptions> mail)
{
    public IReadOnlyList<EngineRound> All { get; } =
    [
        // Settings another instance saved: every instance serves the same hours within seconds.
        new("city-refresh", Duration.FromSeconds(10), async (sp, _, ct) =>
        {
            if (await sp.GetRequiredService<CityCatalog>().RefreshAsync(ct))
            {
                await sp.GetRequiredService<ScheduleSync>().SyncAsync(ct);
            }
        }),

        // Plans slots ahead of the release horizon; citizens whose booking a change left without
        // room hear of it, also after a crash or a new city file.
        new("schedule", Duration.FromMinutes(10), async (sp, _, ct) =>
            await sp.GetRequiredService<ScheduleSync>().SyncWhenDueAsync(
                city => sp.GetRequiredService<ScheduleChangeNotices>().InformAsync(city, ct), ct)),

        new("hold-expiry", Duration.FromSeconds(15), (sp, now, ct) =>
            sp.GetRequiredService<BookingService>().ExpireLapsedHoldsAsync(null, now, ct)),

        // Lapses offers past their deadline (passing their places on), takes the agent's share of
        // releases about to open, and ends wishes whose last day has passed.
        new("agent", Duration.FromSeconds(30), async (sp, now, ct) =>
        {
            var offers = sp.GetRequiredService<OfferService>();
            while (await offers.LapseDueOffersAsync(now, ct) > 0)
            {
            }

            await sp.GetRequiredService<ReleaseAgent>().ProcessDueReleasesAsync(ct);
            var wishes = sp.GetRequiredService<WishService>();
            while (await wishes.ExpirePastWishesAsync(now, ct) > 0)
            {
            }
        }),

        new("no-shows", Duration.FromMinutes(1), (sp, now, ct) =>
            sp.GetRequiredService<NoShowRule>().MarkDueAsync(now, ct)),

        new("retention", Duration.FromHours(1), (sp, now, ct) =>
            sp.GetRequiredService<Retention>().PurgeAsync(now, ct)),

        new("abuse-cleanup", Duration.FromMinutes(5), (sp, now, ct) =>
            sp.GetRequiredService<AbuseCleanup>().PurgeAsync(now, ct)),

        // Last, so a round of all of them sends what the others wrote.
        new("outbox", Duration.FromSeconds(mail.Value.PollSeconds), (sp, _, ct) =>
            sp.GetRequiredService<OutboxSender>().SendDueAsync(ct)),
    ];
}
