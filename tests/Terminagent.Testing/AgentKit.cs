using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using Terminagent.Domain.Agent;
using Terminagent.Domain.Cities;
using Terminagent.Domain.Links;
using Terminagent.Domain.Slots;
using Terminagent.Engine.Agent;
using Terminagent.Engine.Availability;
using Terminagent.Engine.Bookings;

namespace Terminagent.Testing;

/// <summary>
/// Drives wishes, offers and bookings through the app's services as citizens would, and keeps the
/// secrets their emails carry (read from the outbox, the only place a secret exists).
/// </summary>
public sealed partial class AgentKit(ITestHost app)
{
    /// <summary>One office (mitte), Monday to Friday 08:00–12:00, one counter, one 15-minute service, no same-day share.</summary>
    public const string OneOffice = "agent-one-office.json";

    /// <summary>Two offices (mitte in Berlin with two counters, nord in London with one), a 15- and a 30-minute service, 20% same-day share.</summary>
    public const string TwoOffices = "agent-two-offices.json";

    public const string Service = "meldebescheinigung";
    public const string Office = "mitte";

    public static readonly DateTimeZone Berlin = DateTimeZoneProviders.Tzdb["Europe/Berlin"];

    public static readonly IReadOnlyList<IsoDayOfWeek> Weekdays =
        [IsoDayOfWeek.Monday, IsoDayOfWeek.Tuesday, IsoDayOfWeek.Wednesday, IsoDayOfWeek.Thursday, IsoDayOfWeek.Friday];

    private readonly HashSet<Guid> seenMails = [];
    private Instant? watermark;

    public ITestHost App => app;

    /// <summary>Secrets from emails, by what they open.</summary>
    public Dictionary<(LinkPurpose Purpose, Guid Subject), string> Links { get; } = [];

    public City City => app.Services.GetRequiredService<City>();

    public static Instant AtBerlin(int year, int month, int day, int hour, int minute = 0) =>
        new LocalDateTime(year, month, day, hour, minute).InZoneStrictly(Berlin).ToInstant();

    public static WishRequest Request(
        IReadOnlyList<IsoDayOfWeek>? days = null,
        int fromHour = 8,
        int toHour = 12,
        string service = Service,
        IReadOnlyList<string>? offices = null,
        LocalDate? earliest = null,
        LocalDate? latest = null) =>
        new(service, offices ?? [Office], days ?? Weekdays, [new TimeWindow(new LocalTime(fromHour, 0), new LocalTime(toHour, 0))], earliest, latest);

    public Task<T> WishesAsync<T>(Func<WishService, Task<T>> action) =>
        app.InScopeAsync(sp => action(sp.GetRequiredService<WishService>()));

    public Task<T> OffersAsync<T>(Func<OfferService, Task<T>> action) =>
        app.InScopeAsync(sp => action(sp.GetRequiredService<OfferService>()));

    public Task<WishResult> RegisterAsync(WishRequest request, string email, string? name = null) =>
        WishesAsync(w => w.RegisterAsync(request, name ?? NameOf(email), email, null, "de", default));

    public async Task<WishResult> ConfirmWishAsync(Guid wishId)
    {
        await CollectLinksAsync();
        var result = await WishesAsync(w => w.ConfirmAsync(Links[(LinkPurpose.ConfirmWish, wishId)], default));
        if (result.ManageSecret is { } manage && result.Wish is { } wish)
        {
            Links[(LinkPurpose.ManageWish, wish.Id)] = manage;
        }

        return result;
    }

    /// <summary>Registers and confirms a wish; it joins the queue at the moment of registration.</summary>
    public async Task<Guid> WishAsync(WishRequest request, string email)
    {
        var registered = await RegisterAsync(request, email);
        Assert.True(registered.Succeeded, registered.Failure?.ToString());
        var confirmed = await ConfirmWishAsync(registered.Wish!.Id);
        Assert.True(confirmed.Succeeded, confirmed.Failure?.ToString());
        return confirmed.Wish!.Id;
    }

    /// <summary>Holds and confirms an appointment; returns the booking's id.</summary>
    public async Task<Guid> BookAsync(Instant start, string email, string service = Service, string office = Office)
    {
        var held = await app.BookingsAsync(b => b.HoldAsync(service, office, start, NameOf(email), email, null, "de", null, default));
        Assert.True(held.Succeeded, $"hold {service} at {office} {start}: {held.Failure}");
        await CollectLinksAsync();
        var confirmed = await app.BookingsAsync(b => b.ConfirmAsync(Links[(LinkPurpose.ConfirmBooking, held.Booking!.Id)], default));
        Assert.True(confirmed.Succeeded, confirmed.Failure?.ToString());
        Links[(LinkPurpose.ManageBooking, held.Booking!.Id)] = confirmed.ManageSecret!;
        return held.Booking.Id;
    }

    public Task<BookingResult> CancelAsync(Guid bookingId) =>
        app.BookingsAsync(b => b.CancelAsync(Links[(LinkPurpose.ManageBooking, bookingId)], default));

    public async Task<OfferResult> AcceptAsync(Guid offerId)
    {
        var secret = await OfferSecretAsync(offerId);
        var result = await OffersAsync(o => o.AcceptAsync(secret, default));
        if (result.ManageSecret is { } manage && result.Offer?.BookingId is { } bookingId)
        {
            Links[(LinkPurpose.ManageBooking, bookingId)] = manage;
        }

        return result;
    }

    public async Task<OfferResult> DeclineAsync(Guid offerId, bool keepWish)
    {
        var secret = await OfferSecretAsync(offerId);
        return await OffersAsync(o => o.DeclineAsync(secret, keepWish, default));
    }

    public async Task<string> OfferSecretAsync(Guid offerId)
    {
        await CollectLinksAsync();
        return Links[(LinkPurpose.AnswerOffer, offerId)];
    }

    public Task<int> LapseDueOffersAsync() => OffersAsync(o => o.LapseDueOffersAsync(app.Now, default));

    public Task<int> ProcessDueReleasesAsync() => app.Services.GetRequiredService<ReleaseAgent>().ProcessDueReleasesAsync(default);

    public async Task<Wish> WishOfAsync(Guid id)
    {
        await using var db = app.NewDb();
        return await db.Wishes.AsNoTracking().Include(w => w.Targets).SingleAsync(w => w.Id == id);
    }

    public async Task<IReadOnlyList<Offer>> AllOffersAsync()
    {
        await using var db = app.NewDb();
        var offers = await db.Offers.AsNoTracking().Include(o => o.Slots).ToListAsync();
        return offers.OrderBy(o => o.OfferedAt).ThenBy(o => o.Start).ToList();
    }

    public async Task<IReadOnlyList<Offer>> OpenOffersAsync() =>
        (await AllOffersAsync()).Where(o => o.Status == OfferStatus.Open).ToList();

    public async Task<Offer> SingleOpenOfferAsync(Guid wishId) =>
        Assert.Single(await OpenOffersAsync(), o => o.WishId == wishId);

    public async Task<Slot> SlotAsync(Instant start, string office = Office)
    {
        await using var db = app.NewDb();
        return await db.Slots.AsNoTracking().SingleAsync(s => s.OfficeId == office && s.Start == start);
    }

    public async Task<bool> IsPubliclyFreeAsync(Instant start, string service = Service, string office = Office) =>
        (await FreeTimesOnAsync(start.InZone(City.FindOffice(office)!.Zone).Date, service, office)).Any(t => t.Start == start);

    /// <summary>What the public can book on one day, as the times page lists it.</summary>
    public Task<IReadOnlyList<FreeTime>> FreeTimesOnAsync(LocalDate day, string service = Service, string office = Office) =>
        app.InScopeAsync<IReadOnlyList<FreeTime>>(async sp =>
        {
            var result = await sp.GetRequiredService<AvailabilityQuery>()
                .FindAsync(City.FindService(service)!, [office], day, app.Now, CancellationToken.None);
            return result.Times;
        });

    /// <summary>The emails written so far to one address, oldest first, from the outbox.</summary>
    public async Task<IReadOnlyList<string>> SubjectsToAsync(string email)
    {
        await using var db = app.NewDb();
        var mails = await db.OutboxMessages.AsNoTracking().Where(m => m.ToAddress == email).ToListAsync();
        return mails.OrderBy(m => m.CreatedAt).ThenBy(m => m.Id).Select(m => m.Subject).ToList();
    }

    /// <summary>Reads the outbox written since the last call and remembers every link secret in it.</summary>
    public async Task CollectLinksAsync()
    {
        await using var db = app.NewDb();
        var since = watermark;
        var query = db.OutboxMessages.AsNoTracking();
        if (since is { } s)
        {
            query = query.Where(m => m.CreatedAt >= s);
        }

        watermark = app.Now;
        var mails = await query.Select(m => new { m.Id, m.TextBody }).ToListAsync();
        var byHash = new Dictionary<string, string>();
        foreach (var mail in mails.Where(m => seenMails.Add(m.Id)))
        {
            foreach (Match match in TokenPattern().Matches(mail.TextBody))
            {
                byHash[LinkToken.HashOf(match.Groups[1].Value)] = match.Groups[1].Value;
            }
        }

        if (byHash.Count == 0)
        {
            return;
        }

        var hashes = byHash.Keys.ToList();
        var tokens = await db.LinkTokens.AsNoTracking().Where(t => hashes.Contains(t.Hash)).ToListAsync();
        foreach (var token in tokens)
        {
            Links[(token.Purpose, token.SubjectId)] = byHash[token.Hash];
        }
    }

    private static string NameOf(string email) => email.Split('@')[0].Trim();

    [GeneratedRegex("/([A-Za-z0-9_-]{43})(?![A-Za-z0-9_-])")]
    private static partial Regex TokenPattern();
}
