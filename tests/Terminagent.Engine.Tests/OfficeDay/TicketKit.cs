using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using Terminagent.Domain.Slots;
using Terminagent.Engine.OfficeDay;

namespace Terminagent.Engine.Tests.OfficeDay;

/// <summary>Draws at an office's kiosk, as the ticket tests share them.</summary>
internal static class TicketKit
{
    public const string Office = "hauptbahnhof";

    /// <summary>A 15-minute service, so every free slot is a ticket.</summary>
    public const string ShortService = "meldebescheinigung";

    public static Task<TicketResult> DrawAsync(ITestHost app, string officeId = Office, string serviceId = ShortService, string language = "de") =>
        app.InScopeAsync(sp => sp.GetRequiredService<TicketService>().DrawAsync(officeId, serviceId, language, CancellationToken.None));

    /// <summary>The places a ticket could still take today at the office (all of them: after 07:00 nothing is held back).</summary>
    public static async Task<int> PlacesLeftTodayAsync(ITestHost app, string officeId = Office)
    {
        var now = app.Now;
        var today = now.InZone(DateTimeZoneProviders.Tzdb["Europe/Berlin"]).Date;
        await using var db = app.NewDb();
        var slots = await db.Slots.AsNoTracking().Where(s => s.OfficeId == officeId && s.Date == today && s.Start > now).ToListAsync();
        return slots.Sum(s => Bookability.FreePlaces(s, Taker.Citizen, now));
    }
}
