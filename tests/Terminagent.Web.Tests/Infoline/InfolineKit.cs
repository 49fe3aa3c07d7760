using System.Net;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using Terminagent.Domain.Agent;
using Terminagent.Domain.Bookings;
using Terminagent.Domain.Slots;
using Terminagent.Domain.Staff;
using Terminagent.Web.Features.Shared;
using Terminagent.Web.Tests.Infrastructure;

namespace Terminagent.Web.Tests.Infoline;

/// <summary>An infoline agent at work: the pages posted as a browser would, with the form token each page rendered.</summary>
internal sealed class InfolineKit(TestApp app, HttpClient client)
{
    public const string Service = Scenario.Service;
    public const string Office = Scenario.Office;

    public HttpClient Client => client;

    public static async Task<InfolineKit> SignInAsync(TestApp app, StaffRole role = StaffRole.InfolineAgent)
    {
        var (client, _) = await StaffSessions.SignedInAsync(app, role);
        return new InfolineKit(app, client);
    }

    /// <summary>A free time of the service at the office, at least <paramref name="daysAhead"/> days from today, so the agent may offer it when it frees up.</summary>
    public async Task<FreeTime> FreeTimeAsync(int daysAhead = 0, int skip = 0)
    {
        var today = app.Now.InZone(DateTimeZoneProviders.Tzdb["Europe/Berlin"]).Date;
        var times = await Scenario.FreeTimesAsync(app, Service, Office);
        return times.Where(t => t.Date >= today.PlusDays(daysAhead)).Skip(skip).First();
    }

    public static string BookPath(FreeTime time) =>
        $"/infoline/book?service={Service}&at={time.OfficeId}&start={Uri.EscapeDataString(Display.InstantParameter(time.Start))}&office={time.OfficeId}";

    public async Task<(HttpResponseMessage Response, string Html)> BookAsync(FreeTime time, string name, string? email = null, string? phone = null)
    {
        var path = BookPath(time);
        var response = await Forms.PostAsync(client, path, path, ("name", name), ("email", email ?? ""), ("phone", phone ?? ""), ("emaillanguage", "de"));
        return (response, await response.Content.ReadAsStringAsync());
    }

    /// <summary>Books for a caller and returns the booking as stored.</summary>
    public async Task<Booking> BookedAsync(FreeTime time, string name, string? email = null, string? phone = null)
    {
        var (response, html) = await BookAsync(time, name, email, phone);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Termin gebucht", html, StringComparison.Ordinal);
        await using var db = app.NewDb();
        return await db.Bookings.AsNoTracking().Include(b => b.Slots).SingleAsync(b => b.Name == name && b.Start == time.Start);
    }

    public async Task<(HttpResponseMessage Response, string Html)> LookUpAsync(string code, string name, string handler = "", params (string Name, string Value)[] more)
    {
        var path = handler.Length == 0 ? "/infoline/booking" : $"/infoline/booking?handler={handler}";
        var response = await Forms.PostAsync(client, "/infoline/booking", path, [("code", code), ("name", name), .. more]);
        return (response, await response.Content.ReadAsStringAsync());
    }

    /// <summary>Cancels through the confirming step's button: the first click only asks.</summary>
    public Task<(HttpResponseMessage Response, string Html)> CancelAsync(string code, string name) =>
        LookUpAsync(code, name, "cancel", ("confirmed", "true"));

    /// <summary>Takes a wish for a caller: Monday to Friday, 08:00–18:00, at the office.</summary>
    public async Task<Wish> WishAsync(string name, string? phone, string? email = null)
    {
        var response = await Forms.PostAsync(client, $"/infoline/wish?service={Service}", "/infoline/wish",
            ("service", Service), ("office", Office),
            ("day", "1"), ("day", "2"), ("day", "3"), ("day", "4"), ("day", "5"),
            ("from-1", "08:00"), ("to-1", "18:00"),
            ("name", name), ("phone", phone ?? ""), ("email", email ?? ""), ("emaillanguage", "de"));
        var html = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, html);
        Assert.Contains("Terminwunsch aufgenommen", html, StringComparison.Ordinal);
        await using var db = app.NewDb();
        return await db.Wishes.AsNoTracking().Include(w => w.Targets).SingleAsync(w => w.Name == name);
    }

    public async Task<(HttpResponseMessage Response, string Html)> AnswerAsync(Guid offerId, string answer)
    {
        // The list may hold no form any more (the offer has left it): any infoline page has the token.
        var token = await Forms.TokenAsync(client, "/infoline/booking");
        var response = await client.PostAsync("/infoline/offers", Forms.Form(token, ("offer", offerId.ToString()), ("answer", answer)));
        return (response, await response.Content.ReadAsStringAsync());
    }

    public async Task<Offer> OpenOfferOfAsync(Guid wishId)
    {
        await using var db = app.NewDb();
        return await db.Offers.AsNoTracking().Include(o => o.Slots).SingleAsync(o => o.WishId == wishId && o.Status == OfferStatus.Open);
    }

    public async Task<int> OutboxCountAsync()
    {
        await using var db = app.NewDb();
        return await db.OutboxMessages.CountAsync();
    }
}
