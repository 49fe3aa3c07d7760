using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using NodaTime;
using Terminagent.Domain.Agent;
using Terminagent.Domain.Bookings;
using Terminagent.Domain.Cities;
using Terminagent.Domain.Slots;
using Terminagent.Engine.Agent;
using Terminagent.Engine.Availability;

namespace Terminagent.Testing;

/// <summary>Small steps tests share: finding a free time, pulling links out of emails, reading slots.</summary>
public static class Scenario
{
    public const string Service = "personalausweis";
    public const string Office = "hauptbahnhof";

    public static async Task<FreeTime> FirstFreeTimeAsync(ITestHost app, string serviceId = Service, string officeId = Office)
    {
        var times = await FreeTimesAsync(app, serviceId, officeId);
        return times.Count > 0 ? times[0] : throw new InvalidOperationException($"No free time for {serviceId} at {officeId}.");
    }

    public static Task<IReadOnlyList<FreeTime>> FreeTimesAsync(ITestHost app, string serviceId = Service, string officeId = Office) =>
        app.InScopeAsync<IReadOnlyList<FreeTime>>(async sp =>
        {
            var city = sp.GetRequiredService<City>();
            var result = await sp.GetRequiredService<AvailabilityQuery>()
                .FindAsync(city.FindService(serviceId)!, [officeId], null, app.Now, CancellationToken.None);
            return result.Times;
        });

    public static string LinkIn(MimeMessage mail, string pathPrefix)
    {
        var text = mail.TextBody ?? "";
        var start = text.IndexOf(pathPrefix, StringComparison.Ordinal);
        if (start < 0)
        {
            throw new InvalidOperationException($"No link to {pathPrefix} in the email '{mail.Subject}'.");
        }

        var end = start;
        while (end < text.Length && !char.IsWhiteSpace(text[end]))
        {
            end++;
        }

        return text[start..end];
    }

    public static string TokenIn(MimeMessage mail, string pathPrefix) => LinkIn(mail, pathPrefix)[pathPrefix.Length..].Split('?')[0];

    public static async Task<IReadOnlyList<Slot>> SlotsOfAsync(ITestHost app, IEnumerable<long> slotIds)
    {
        var ids = slotIds.ToList();
        await using var db = app.NewDb();
        return await db.Slots.AsNoTracking().Where(s => ids.Contains(s.Id)).OrderBy(s => s.Start).ToListAsync();
    }

    public static async Task<Booking> BookingAsync(ITestHost app, Guid id)
    {
        await using var db = app.NewDb();
        return await db.Bookings.AsNoTracking().Include(b => b.Slots).SingleAsync(b => b.Id == id);
    }

    public sealed record Managed(Guid BookingId, string Token, Instant Start, IReadOnlyList<long> SlotIds);

    /// <summary>Holds and confirms the <paramref name="index"/>th free time at the office with the links from the emails; returns the manage link's secret.</summary>
    public static async Task<Managed> BookAndConfirmAsync(ITestHost app, string officeId, int index = 0, string email = "erika@example.org")
    {
        var time = (await FreeTimesAsync(app, officeId: officeId))[index];
        var held = await app.BookingsAsync(b => b.HoldAsync(Service, officeId, time.Start, "Erika Mustermann", email, null, "de", null, default));
        Assert.True(held.Succeeded, held.Failure?.ToString());
        var confirmToken = TokenIn((await app.DeliverMailAsync()).Last(m => (m.Subject ?? "").StartsWith("Bitte", StringComparison.Ordinal)), "http://localhost/confirm/");
        var confirmed = await app.BookingsAsync(b => b.ConfirmAsync(confirmToken, default));
        Assert.True(confirmed.Succeeded);
        return new Managed(held.Booking!.Id, confirmed.ManageSecret!, time.Start, time.SlotIds);
    }

    /// <summary>
    /// Registers a wish for <see cref="Service"/> at <see cref="Office"/>, any weekday from 07:00 to
    /// 19:00, and confirms it with the link from its email.
    /// </summary>
    public static async Task<WishResult> WishAndConfirmAsync(ITestHost app, string email)
    {
        var request = new WishRequest(
            Service, [Office],
            [IsoDayOfWeek.Monday, IsoDayOfWeek.Tuesday, IsoDayOfWeek.Wednesday, IsoDayOfWeek.Thursday, IsoDayOfWeek.Friday],
            [new TimeWindow(new LocalTime(7, 0), new LocalTime(19, 0))], null, null);
        var registered = await app.InScopeAsync(sp => sp.GetRequiredService<WishService>().RegisterAsync(request, "Wish Person", email, null, "de", default));
        Assert.True(registered.Succeeded, registered.Failure?.ToString());
        var mail = (await app.DeliverMailAsync()).Last(m => (m.Subject ?? "").StartsWith("Bitte bestätigen: Terminwunsch", StringComparison.Ordinal) && m.To.Mailboxes.Single().Address == email);
        var confirmed = await app.InScopeAsync(sp => sp.GetRequiredService<WishService>().ConfirmAsync(TokenIn(mail, "http://localhost/wish/confirm/"), default));
        Assert.True(confirmed.Succeeded, confirmed.Failure?.ToString());
        return confirmed;
    }

    /// <summary>Every slot's Taken equals the holds and bookings that occupy it: no place lost or counted twice.</summary>
    public static async Task AssertCapacityConsistentAsync(ITestHost app)
    {
        await using var db = app.NewDb();
        var booked = await db.Bookings.AsNoTracking()
            .Where(b => b.Status == BookingStatus.Held || b.Status == BookingStatus.Confirmed || b.Status == BookingStatus.NoShow)
            .SelectMany(b => b.Slots)
            .Select(s => s.SlotId)
            .ToListAsync();
        var ticketed = await db.TicketSlots.AsNoTracking().Select(s => s.SlotId).ToListAsync();
        var occupied = booked.Concat(ticketed).GroupBy(id => id).ToDictionary(g => g.Key, g => g.Count());
        var slots = await db.Slots.AsNoTracking().Where(s => s.Taken != 0 || occupied.Keys.Contains(s.Id)).ToListAsync();
        foreach (var slot in slots)
        {
            Assert.True(occupied.GetValueOrDefault(slot.Id) == slot.Taken,
                $"Slot {slot.Id} counts {slot.Taken} taken places but {occupied.GetValueOrDefault(slot.Id)} bookings occupy it.");
            Assert.True(slot.Taken <= slot.Capacity || slot.NeedsReview, $"Slot {slot.Id} is overbooked.");
        }
    }
}
