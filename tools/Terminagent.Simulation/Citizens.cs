using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using Terminagent.Domain.Agent;
using Terminagent.Domain.Bookings;
using Terminagent.Domain.Cities;
using Terminagent.Domain.Slots;
using Terminagent.Engine.Agent;
using Terminagent.Engine.Availability;
using Terminagent.Engine.Bookings;
using Terminagent.Engine.Email;
using Terminagent.Engine.OfficeDay;

namespace Terminagent.Simulation;

/// <summary>What the simulated citizens do: search, book, wish, read their email, answer, cancel, come or not.</summary>
public sealed partial class SimulationRun
{
    /// <summary>Slot places an appointment takes on average with <see cref="ServiceWeight"/>'s mix (30-minute services take two).</summary>
    public const double PlacesPerContact = 1.37;

    private static readonly TimeWindow WholeDay = new(new LocalTime(7, 0), new LocalTime(19, 0));
    private static readonly TimeWindow Morning = new(new LocalTime(7, 0), new LocalTime(13, 0));
    private static readonly TimeWindow Afternoon = new(new LocalTime(13, 0), new LocalTime(19, 0));

    /// <summary>How often citizens ask for a service of the demo city; others (in a city file of one's own) are rare.</summary>
    private static double ServiceWeight(string serviceId) => serviceId switch
    {
        "personalausweis" => 0.25,
        "reisepass" => 0.12,
        "wohnsitz-anmelden" => 0.28,
        "fuehrungszeugnis" => 0.08,
        "meldebescheinigung" => 0.10,
        "ausweis-abholen" => 0.10,
        "kinderreisepass" => 0.04,
        "beglaubigung" => 0.03,
        _ => 0.05,
    };

    private sealed class Citizen(int id, Service service, IReadOnlyList<string> offices, IReadOnlyList<IsoDayOfWeek> weekdays, TimeWindow window, LocalDate latest)
    {
        public int Id => id;
        public Service Service => service;
        public IReadOnlyList<string> Offices => offices;
        public IReadOnlyList<IsoDayOfWeek> Weekdays => weekdays;
        public TimeWindow Window => window;
        public LocalDate Latest => latest;
        public string Name => $"Bürgerin {id}";
        public string Email => $"c{id}@{MailDomain}";

        public bool Accepts(LocalDateTime start, LocalDateTime end) =>
            start.Date <= latest && start.Date == end.Date && weekdays.Contains(start.DayOfWeek) && window.Contains(start.TimeOfDay, end.TimeOfDay);
    }

    private sealed class Appointment(string code, string officeId, Instant start, string manageSecret, bool willNotCome)
    {
        public string Code => code;
        public string OfficeId => officeId;
        public Instant Start => start;
        public string ManageSecret => manageSecret;
        public bool WillNotCome => willNotCome;
        public bool Cancelled { get; set; }
    }

    /// <summary>A slot as the booking pages show it, and the places citizens of this step took in it since.</summary>
    private sealed class SlotView(Slot slot, LocalDateTime start, LocalDateTime end, int lapsedHolds)
    {
        public Slot Slot => slot;
        public LocalDateTime Start => start;
        public LocalDateTime End => end;
        public int TakenSince { get; set; }

        public bool HasFreePlace(Instant now) => Bookability.FreePlaces(slot, Taker.Citizen, now, lapsedHolds) - TakenSince > 0;
    }

    // ----- arriving -----

    /// <summary>
    /// Citizens look at the free times as the booking pages show them (read once per step, then kept
    /// up to date with their own holds); one who finds a fitting time holds it, one who does not
    /// leaves a wish. Both confirm from the email that follows.
    /// </summary>
    private async Task ArriveAsync(int count, CancellationToken ct)
    {
        var now = Now;
        var free = await FreeSlotsAsync(now, ct);
        var today = now.InZone(zone).Date;
        for (var i = 0; i < count; i++)
        {
            var citizen = NewCitizen(today);
            if (EarliestFitting(free, citizen, now) is { } run)
            {
                var held = await InScopeAsync((BookingService b) => b.HoldAsync(
                    citizen.Service.Id, run[0].Slot.OfficeId, run[0].Slot.Start, citizen.Name, citizen.Email, null, "de", null, ct));
                if (held.Succeeded)
                {
                    counts.HoldsMade++;
                    run.ForEach(s => s.TakenSince++);
                    continue;
                }

                counts.HoldsRefused++;
            }

            var request = new WishRequest(citizen.Service.Id, citizen.Offices, citizen.Weekdays, [citizen.Window], null, citizen.Latest);
            var wish = await InScopeAsync((WishService w) => w.RegisterAsync(request, citizen.Name, citizen.Email, null, "de", ct));
            if (wish.Succeeded)
            {
                counts.WishRegistrations++;
            }
            else
            {
                counts.WishesRefused++;
            }
        }

        await DeliverMailAsync(ct);
    }

    private Citizen NewCitizen(LocalDate today)
    {
        var service = Pick(serviceMix);
        var offering = officeMix.Where(o => service.OfficeIds.Contains(o.Office.Id)).ToArray();
        var offices = new List<string> { Pick(offering).Id };
        var wanted = random.NextDouble() switch { < 0.4 => 1, < 0.75 => 2, _ => 3 };
        while (offices.Count < Math.Min(wanted, offering.Length))
        {
            var other = offering[random.Next(offering.Length)].Office.Id;
            if (!offices.Contains(other))
            {
                offices.Add(other);
            }
        }

        var weekdays = random.NextDouble() < 0.6
            ? WishDefinition.Workdays.ToList()
            : WishDefinition.Workdays.OrderBy(_ => random.Next()).Take(random.Next(2, 5)).Order().ToList();
        var window = random.NextDouble() switch { < 0.6 => WholeDay, < 0.85 => Morning, _ => Afternoon };
        var latest = today.PlusDays(random.Next(10, 61));
        return new Citizen(++nextCitizen, service, offices, weekdays, window, latest);
    }

    private T Pick<T>((T Item, double Weight)[] items)
    {
        var total = items.Sum(i => i.Weight);
        var x = random.NextDouble() * total;
        foreach (var (item, weight) in items)
        {
            x -= weight;
            if (x < 0)
            {
                return item;
            }
        }

        return items[^1].Item;
    }

    /// <summary>The free times as the booking pages read them: from the engine's index of free places, brought up to date.</summary>
    private async Task<Dictionary<string, List<SlotView>>> FreeSlotsAsync(Instant now, CancellationToken ct)
    {
        var index = services.GetRequiredService<FreePlaceIndex>();
        await index.ReadyAsync(ct);
        var free = new Dictionary<string, List<SlotView>>();
        foreach (var office in city.Offices)
        {
            var slots = new List<SlotView>();
            foreach (var (_, day) in index.DaysOf(office.Id))
            {
                foreach (var indexed in day)
                {
                    var slot = indexed.Slot;
                    if (Bookability.IsOpen(slot, Taker.Citizen, now))
                    {
                        slots.Add(new SlotView(slot, slot.Start.InZone(zone).LocalDateTime, slot.End.InZone(zone).LocalDateTime, indexed.LapsedHolds(now)));
                    }
                }
            }

            free[office.Id] = slots;
        }

        return free;
    }

    /// <summary>The earliest run of free slots at one of the citizen's offices that fits what they want, or null.</summary>
    private List<SlotView>? EarliestFitting(Dictionary<string, List<SlotView>> free, Citizen citizen, Instant now)
    {
        var needed = city.SlotsNeeded(citizen.Service);
        List<SlotView>? best = null;
        foreach (var officeId in citizen.Offices)
        {
            if (!free.TryGetValue(officeId, out var slots))
            {
                continue;
            }

            for (var i = 0; i + needed <= slots.Count; i++)
            {
                var first = slots[i];
                if (first.Start.Date > citizen.Latest || (best is not null && first.Slot.Start >= best[0].Slot.Start))
                {
                    break;
                }

                var last = slots[i + needed - 1];
                if (!citizen.Accepts(first.Start, last.End))
                {
                    continue;
                }

                var fits = true;
                for (var k = i; k < i + needed && fits; k++)
                {
                    fits = slots[k].HasFreePlace(now) && (k == i || (slots[k - 1].Slot.End == slots[k].Slot.Start && slots[k - 1].Slot.Date == slots[k].Slot.Date));
                }

                if (fits)
                {
                    best = slots.GetRange(i, needed);
                    break;
                }
            }
        }

        return best;
    }

    // ----- email -----

    [GeneratedRegex(@"https://sim\.example\.org/(?<kind>wish/confirm|confirm|offer)/(?<secret>[A-Za-z0-9_-]{43})")]
    private static partial Regex ActionLink();

    [GeneratedRegex(@"^c\d+@sim\.example\.org$")]
    private static partial Regex CitizenAddress();

    /// <summary>
    /// Lets the engine's outbox sender deliver what is due (as its round would right now) and each
    /// citizen act on the link in what arrived: confirm a hold or a wish at once, answer an offer later.
    /// </summary>
    private async Task DeliverMailAsync(CancellationToken ct)
    {
        await services.GetRequiredService<OutboxSender>().SendDueAsync(ct);
        var mails = mailboxes.TakeUnread();
        counts.EmailsDelivered += mails.Count;

        // Read in the citizens' order, not in the sender's: messages written at one instant leave
        // in the order of their ids' random part, and each reader draws from the seed.
        foreach (var (to, body) in mails.OrderBy(m => CitizenNumber(m.To)).ThenBy(m => ActionLink().Match(m.Body).Groups["kind"].Value, StringComparer.Ordinal))
        {
            var link = ActionLink().Match(body);
            if (!CitizenAddress().IsMatch(to) || !link.Success)
            {
                continue;
            }

            var secret = link.Groups["secret"].Value;
            switch (link.Groups["kind"].Value)
            {
                case "confirm":
                    await ConfirmHoldAsync(secret, ct);
                    break;
                case "wish/confirm":
                    await ConfirmWishAsync(secret, ct);
                    break;
                case "offer":
                    OfferReceived(secret);
                    break;
            }
        }
    }

    private static long CitizenNumber(string address) =>
        CitizenAddress().IsMatch(address) ? long.Parse(address.AsSpan(1, address.IndexOf('@', StringComparison.Ordinal) - 1), System.Globalization.CultureInfo.InvariantCulture) : long.MaxValue;

    private async Task ConfirmHoldAsync(string secret, CancellationToken ct)
    {
        var confirmed = await InScopeAsync((BookingService b) => b.ConfirmAsync(secret, ct));
        if (confirmed is { Succeeded: true, Booking: { } booking, ManageSecret: { } manage })
        {
            counts.DirectBookings++;
            AfterBooking(booking, manage);
        }
        else
        {
            counts.ConfirmationsRefused++;
        }
    }

    private async Task ConfirmWishAsync(string secret, CancellationToken ct)
    {
        var confirmed = await InScopeAsync((WishService w) => w.ConfirmAsync(secret, ct));
        if (confirmed.Succeeded && !confirmed.AlreadyDone)
        {
            counts.WishesRegistered++;
        }
        else
        {
            counts.ConfirmationsRefused++;
        }
    }

    /// <summary>A booked citizen may cancel (with the manage link) some time before the start, and may not come.</summary>
    private void AfterBooking(Booking booking, string manageSecret)
    {
        var now = Now;
        var appointment = new Appointment(booking.Code, booking.OfficeId, booking.Start, manageSecret, random.NextDouble() < options.NoShowRate);
        var lastChance = booking.Start - Duration.FromHours(1);
        if (random.NextDouble() < options.CancelRate && lastChance > now)
        {
            var at = now + Duration.FromTicks((long)((lastChance - now).TotalTicks * random.NextDouble()));
            actions.Enqueue(ct => CancelAsync(appointment, ct), at);
        }

        checkIns.Enqueue(appointment, booking.Start - Duration.FromMinutes(15));
    }

    private async Task CancelAsync(Appointment appointment, CancellationToken ct)
    {
        var cancelled = await InScopeAsync((BookingService b) => b.CancelAsync(appointment.ManageSecret, ct));
        if (cancelled is { Succeeded: true, AlreadyDone: false })
        {
            appointment.Cancelled = true;
            counts.Cancellations++;
        }
    }

    /// <summary>The citizen reads the offer after a while and accepts, declines (keeping the wish or not), or never answers.</summary>
    private void OfferReceived(string secret)
    {
        counts.OffersReceived++;
        var choice = random.NextDouble();
        if (choice < options.IgnoreRate)
        {
            counts.OffersIgnored++;
            return;
        }

        var at = Now + AnswerDelay();
        if (choice < options.IgnoreRate + options.DeclineRate)
        {
            var keep = random.NextDouble() < 0.5;
            actions.Enqueue(ct => DeclineAsync(secret, keep, ct), at);
        }
        else
        {
            actions.Enqueue(ct => AcceptAsync(secret, ct), at);
        }
    }

    /// <summary>Log-normal around the median answer time: most within hours, some after a day or two.</summary>
    private Duration AnswerDelay()
    {
        var normal = Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
        var minutes = options.MedianAnswerDelay.TotalMinutes * Math.Exp(1.2 * normal);
        return Duration.FromMinutes(Math.Max(1, Math.Min(minutes, 7 * 24 * 60)));
    }

    private async Task AcceptAsync(string secret, CancellationToken ct)
    {
        var accepted = await InScopeAsync((OfferService o) => o.AcceptAsync(secret, ct));
        if (accepted is { Succeeded: true, AlreadyDone: false, Booking: { } booking, ManageSecret: { } manage })
        {
            counts.AgentBookings++;
            AfterBooking(booking, manage);
        }
        else
        {
            if (CameTooLate(accepted))
            {
                counts.AnswersTooLate++;
                if (accepted.Wish is { } wish)
                {
                    counts.AcceptedTooLate.Add(wish.Id);
                }
            }
        }
    }

    private async Task DeclineAsync(string secret, bool keepWish, CancellationToken ct)
    {
        var declined = await InScopeAsync((OfferService o) => o.DeclineAsync(secret, keepWish, ct));
        if (declined is { Succeeded: true, AlreadyDone: false })
        {
            if (keepWish)
            {
                counts.DeclinedKeepingWish++;
            }
            else
            {
                counts.DeclinedWithdrawing++;
            }
        }
        else
        {
            counts.AnswersTooLate += CameTooLate(declined) ? 1 : 0;
        }
    }

    /// <summary>
    /// Whether an answer was refused for its lateness: before the lapse round the offer is still open
    /// but past its deadline (expired); after it, the offer is lapsed (closed), as it nearly always is
    /// by the time a late citizen answers.
    /// </summary>
    private static bool CameTooLate(OfferResult answer) =>
        answer.Failure == AgentFailure.OfferExpired
        || (answer.Failure == AgentFailure.OfferClosed && answer.Offer?.Status == OfferStatus.Lapsed);

    // ----- the day at the office -----

    private async Task RunDueActionsAsync(CancellationToken ct)
    {
        while (actions.TryPeek(out var action, out var at) && at <= Now)
        {
            actions.Dequeue();
            await action(ct);
        }
    }

    /// <summary>Citizens come a quarter of an hour early and check in with their code; those who will not come stay away (the no-show rule marks them).</summary>
    private async Task CheckInAsync(CancellationToken ct)
    {
        while (checkIns.TryPeek(out var appointment, out var at) && at <= Now)
        {
            checkIns.Dequeue();
            if (appointment.Cancelled)
            {
                continue;
            }

            if (appointment.WillNotCome)
            {
                counts.StayedAway++;
                continue;
            }

            var result = await InScopeAsync((CheckInService c) => c.CheckInAsync(appointment.OfficeId, appointment.Code, ct));
            if (result.Refusal is null)
            {
                counts.CheckIns++;
            }
            else
            {
                counts.CheckInsRefused++;
            }
        }
    }
}
