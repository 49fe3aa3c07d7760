using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using MimeKit;
using NodaTime;
using Terminagent.Data;
using Terminagent.Domain.Agent;
using Terminagent.Domain.Bookings;
using Terminagent.Web.Tests.Infrastructure;

namespace Terminagent.Web.Tests.Api;

/// <summary>The agent's JSON API: leave and confirm a wish, get an offer when a booking is cancelled, answer it.</summary>
public sealed class AgentApiTests
{
    private const string Anna = "anna@example.org";

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task WishConfirmOfferAccept_ThroughTheApi(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        using var client = app.CreateClient();
        var mail = new Mailbox(app, "http://localhost");
        var other = await WishScenario.BookAndConfirmAsync(app, mail, "bernd@example.org", daysAhead: 4);

        using var created = await client.PostAsJsonAsync("/api/v1/wishes", new
        {
            serviceId = Scenario.Service,
            officeIds = new[] { Scenario.Office },
            weekdays = new object[] { 1, 2, "wednesday", "4", 5 },
            windows = new[] { new { from = "08:00", to = "18:00" } },
            name = "Anna Beispiel",
            email = Anna,
            phone = "0211 123456",
            language = "en",
        });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var createdBody = await created.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("unconfirmed", createdBody.GetProperty("status").GetString());
        Assert.False(createdBody.GetProperty("updatesExisting").GetBoolean());

        var request = await mail.SingleNewAsync(Anna);
        Assert.StartsWith("Please confirm", request.Subject, StringComparison.Ordinal);
        using var confirmed = await client.PostAsJsonAsync("/api/v1/wishes/confirm", new { token = mail.TokenIn(request, "/wish/confirm/") });
        Assert.Equal(HttpStatusCode.OK, confirmed.StatusCode);
        var confirmedBody = await confirmed.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("waiting", confirmedBody.GetProperty("wish").GetProperty("status").GetString());
        var manageToken = confirmedBody.GetProperty("manageToken").GetString()!;

        var wish = await client.GetFromJsonAsync<JsonElement>($"/api/v1/wishes/{manageToken}");
        Assert.Equal([1, 2, 3, 4, 5], wish.GetProperty("weekdays").EnumerateArray().Select(d => d.GetInt32()));
        Assert.Equal("08:00", wish.GetProperty("windows")[0].GetProperty("from").GetString());
        Assert.Equal(0, wish.GetProperty("place").GetProperty("ahead").GetInt32());
        // A fresh install has no offers to go by: a rough guess from the opening hours, as a range.
        var place = wish.GetProperty("place");
        Assert.Equal("RoughGuess", place.GetProperty("waitBasis").GetString());
        Assert.True(place.GetProperty("expectedDays").GetInt32() > 0);
        Assert.True(place.GetProperty("waitLowDays").GetInt32() < place.GetProperty("waitHighDays").GetInt32());
        Assert.StartsWith("Appointment wish confirmed", (await mail.SingleNewAsync(Anna)).Subject, StringComparison.Ordinal);

        var cancelled = await app.BookingsAsync(b => b.CancelAsync(other.Token, default));
        Assert.True(cancelled.Succeeded, cancelled.Failure?.ToString());
        var offerMail = await mail.SingleNewAsync(Anna);
        Assert.StartsWith("Appointment offer", offerMail.Subject, StringComparison.Ordinal);
        var offerToken = mail.TokenIn(offerMail, "/offer/");

        var offer = await client.GetFromJsonAsync<JsonElement>($"/api/v1/offers/{offerToken}");
        Assert.Equal("open", offer.GetProperty("status").GetString());
        Assert.Equal(Scenario.Office, offer.GetProperty("officeId").GetString());
        // The offer takes a run of free places through the freed one: the cancelled time or a neighbour.
        var offeredStart = Instant.FromDateTimeOffset(offer.GetProperty("start").GetDateTimeOffset());
        Assert.InRange(offeredStart, other.Start - Duration.FromMinutes(15), other.Start + Duration.FromMinutes(15));
        Assert.Equal("offered", offer.GetProperty("wishStatus").GetString());

        // With an open offer the citizen answers the offer, not the wish.
        using var update = await client.PostAsJsonAsync("/api/v1/wishes/update", new
        {
            token = manageToken,
            officeIds = new[] { Scenario.Office, "bilk" },
            weekdays = new[] { 1 },
            windows = new[] { new { from = "08:00", to = "12:00" } },
        });
        await AssertProblemAsync(update, 409, "WishHasOpenOffer");
        using var withdraw = await client.PostAsJsonAsync("/api/v1/wishes/withdraw", new { token = manageToken });
        await AssertProblemAsync(withdraw, 409, "WishHasOpenOffer");

        using var accepted = await client.PostAsJsonAsync("/api/v1/offers/accept", new { token = offerToken });
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        var acceptedBody = await accepted.Content.ReadFromJsonAsync<JsonElement>();
        Assert.False(acceptedBody.GetProperty("alreadyDone").GetBoolean());
        var bookingId = acceptedBody.GetProperty("bookingId").GetGuid();
        var bookingToken = acceptedBody.GetProperty("manageToken").GetString()!;

        var booking = await Scenario.BookingAsync(app, bookingId);
        Assert.Equal(BookingStatus.Confirmed, booking.Status);
        Assert.Equal(("Anna Beispiel", Anna, "0211 123456", "en"), (booking.Name, booking.Email, booking.Phone, booking.Language));
        Assert.Equal(offeredStart, booking.Start);
        var appointment = await client.GetFromJsonAsync<JsonElement>($"/api/v1/bookings/{bookingToken}");
        Assert.Equal("confirmed", appointment.GetProperty("status").GetString());
        Assert.Equal("fulfilled", (await client.GetFromJsonAsync<JsonElement>($"/api/v1/wishes/{manageToken}")).GetProperty("status").GetString());
        Assert.Contains(await mail.NewAsync(Anna), m => m.Attachments.OfType<MimePart>().Any(a => a.FileName == "termin.ics"));

        using var again = await client.PostAsJsonAsync("/api/v1/offers/accept", new { token = offerToken });
        Assert.True((await again.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("alreadyDone").GetBoolean());
        using var lateDecline = await client.PostAsJsonAsync("/api/v1/offers/decline", new { token = offerToken, keepWish = true });
        await AssertProblemAsync(lateDecline, 410, "OfferClosed");
        await Scenario.AssertCapacityConsistentAsync(app);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task SecondWishOfTheSamePerson_UpdatesTheFirst_AndKeepsItsPlace(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        using var client = app.CreateClient();
        var mail = new Mailbox(app, "http://localhost");
        var manageToken = await WishScenario.LeaveAndConfirmAsync(client, mail, Anna, weekdays: [1], from: "08:00", to: "12:00");
        var first = await client.GetFromJsonAsync<JsonElement>($"/api/v1/wishes/{manageToken}");

        app.Advance(Duration.FromHours(3));
        using var second = await client.PostAsJsonAsync("/api/v1/wishes", new
        {
            serviceId = Scenario.Service,
            officeIds = new[] { Scenario.Office, "bilk" },
            weekdays = new object[] { "Monday", "tuesday" },
            windows = new[] { new { from = "08:00", to = "12:00" }, new { from = "14:00", to = "18:00" } },
            name = "Anna Beispiel",
            email = "  ANNA@Example.org ",
        });
        Assert.Equal(HttpStatusCode.Created, second.StatusCode);
        Assert.True((await second.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("updatesExisting").GetBoolean());

        // Unconfirmed, the change changes nothing.
        var before = await client.GetFromJsonAsync<JsonElement>($"/api/v1/wishes/{manageToken}");
        Assert.Equal([1], before.GetProperty("weekdays").EnumerateArray().Select(d => d.GetInt32()));

        var request = await mail.SingleNewAsync("ANNA@Example.org");
        Assert.Contains("Ihr Platz in der Warteschlange bleibt erhalten", request.TextBody, StringComparison.Ordinal);
        using var confirmed = await client.PostAsJsonAsync("/api/v1/wishes/confirm", new { token = mail.TokenIn(request, "/wish/confirm/") });
        Assert.Equal(HttpStatusCode.OK, confirmed.StatusCode);
        var body = await confirmed.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(body.GetProperty("updatesExisting").GetBoolean());
        Assert.Equal(JsonValueKind.Null, body.GetProperty("manageToken").ValueKind);

        var after = await client.GetFromJsonAsync<JsonElement>($"/api/v1/wishes/{manageToken}");
        Assert.Equal(first.GetProperty("id").GetGuid(), after.GetProperty("id").GetGuid());
        Assert.Equal(first.GetProperty("registeredAt").GetDateTimeOffset(), after.GetProperty("registeredAt").GetDateTimeOffset());
        Assert.Equal([1, 2], after.GetProperty("weekdays").EnumerateArray().Select(d => d.GetInt32()));
        Assert.Equal(["bilk", Scenario.Office], after.GetProperty("officeIds").EnumerateArray().Select(o => o.GetString()).Order());
        Assert.Equal(2, after.GetProperty("windows").GetArrayLength());
        await using var db = app.NewDb();
        Assert.Equal(1, await db.Wishes.CountAsync());

        using var widened = await client.PostAsJsonAsync("/api/v1/wishes/update", new
        {
            token = manageToken,
            officeIds = new[] { Scenario.Office, "bilk", "altstadt" },
            weekdays = new[] { 1, 2, 3 },
            windows = new[] { new { from = "07:00", to = "20:00" } },
            earliest = "2026-12-02",
            latest = "2027-01-31",
        });
        Assert.Equal(HttpStatusCode.OK, widened.StatusCode);
        var widenedBody = await widened.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(first.GetProperty("registeredAt").GetDateTimeOffset(), widenedBody.GetProperty("registeredAt").GetDateTimeOffset());
        Assert.Equal("2027-01-31", widenedBody.GetProperty("latest").GetString());

        using var withdrawn = await client.PostAsJsonAsync("/api/v1/wishes/withdraw", new { token = manageToken });
        Assert.Equal("withdrawn", (await withdrawn.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("wish").GetProperty("status").GetString());
        using var withdrawnAgain = await client.PostAsJsonAsync("/api/v1/wishes/withdraw", new { token = manageToken });
        Assert.True((await withdrawnAgain.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("alreadyDone").GetBoolean());
        using var updateEnded = await client.PostAsJsonAsync("/api/v1/wishes/update", new
        {
            token = manageToken,
            officeIds = new[] { Scenario.Office },
            weekdays = new[] { 1 },
            windows = new[] { new { from = "08:00", to = "12:00" } },
        });
        await AssertProblemAsync(updateEnded, 410, "WishNotActive");
    }

    [Fact]
    public async Task DeclineKeepingTheWish_KeepsItsPlace_AndAnExpiredOfferIsRefused()
    {
        await using var app = await TestApp.StartAsync(DatabaseProvider.Sqlite);
        using var client = app.CreateClient();
        var mail = new Mailbox(app, "http://localhost");
        var first = await WishScenario.BookAndConfirmAsync(app, mail, "bernd@example.org", daysAhead: 4);
        var second = await WishScenario.BookAndConfirmAsync(app, mail, "clara@example.org", daysAhead: 5);
        var manageToken = await WishScenario.LeaveAndConfirmAsync(client, mail, Anna);
        var registeredAt = (await client.GetFromJsonAsync<JsonElement>($"/api/v1/wishes/{manageToken}")).GetProperty("registeredAt").GetDateTimeOffset();

        await app.BookingsAsync(b => b.CancelAsync(first.Token, default));
        var offerToken = mail.TokenIn(await mail.SingleNewAsync(Anna), "/offer/");
        using var noChoice = await client.PostAsJsonAsync("/api/v1/offers/decline", new { token = offerToken });
        await AssertProblemAsync(noChoice, 400, "InvalidRequest");
        using var declined = await client.PostAsJsonAsync("/api/v1/offers/decline", new { token = offerToken, keepWish = true });
        Assert.Equal(HttpStatusCode.OK, declined.StatusCode);
        var declinedBody = await declined.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("declined", declinedBody.GetProperty("offer").GetProperty("status").GetString());
        Assert.Equal("waiting", declinedBody.GetProperty("offer").GetProperty("wishStatus").GetString());
        var wish = await client.GetFromJsonAsync<JsonElement>($"/api/v1/wishes/{manageToken}");
        Assert.Equal(registeredAt, wish.GetProperty("registeredAt").GetDateTimeOffset());
        Assert.True(wish.GetProperty("place").GetProperty("expectedDays").GetInt32() > 0);
        using var acceptDeclined = await client.PostAsJsonAsync("/api/v1/offers/accept", new { token = offerToken });
        await AssertProblemAsync(acceptDeclined, 410, "OfferClosed");

        await app.BookingsAsync(b => b.CancelAsync(second.Token, default));
        var nextOffer = mail.TokenIn(await mail.SingleNewAsync(Anna), "/offer/");
        var deadline = (await client.GetFromJsonAsync<JsonElement>($"/api/v1/offers/{nextOffer}")).GetProperty("deadline").GetDateTimeOffset();
        app.Advance(Duration.FromTimeSpan(deadline - app.Now.ToDateTimeOffset()) + Duration.FromMinutes(1));
        using var late = await client.PostAsJsonAsync("/api/v1/offers/accept", new { token = nextOffer });
        await AssertProblemAsync(late, 410, "OfferExpired");
        await using var db = app.NewDb();
        Assert.Equal(0, await db.Bookings.CountAsync(b => b.Email == Anna));
    }

    public static TheoryData<string, object, int, string> BadWishes()
    {
        object Wish(string service = Scenario.Service, string[]? offices = null, object[]? weekdays = null, object[]? windows = null,
            string? earliest = null, string? latest = null, string email = Anna, string? language = null) => new
            {
                serviceId = service,
                officeIds = offices ?? [Scenario.Office],
                weekdays = weekdays ?? [1, 2],
                windows = windows ?? [new { from = "08:00", to = "12:00" }],
                earliest,
                latest,
                name = "Anna Beispiel",
                email,
                language,
            };

        return new()
        {
            { "unknown service", Wish(service: "nothing"), 404, "UnknownService" },
            { "no office", Wish(offices: []), 400, "InvalidRequest" },
            { "office without the service", Wish(service: "beglaubigung", offices: ["unterbach"]), 400, "UnknownOffice" },
            { "unknown office", Wish(offices: ["atlantis"]), 400, "UnknownOffice" },
            { "weekday 9", Wish(weekdays: [9]), 400, "InvalidRequest" },
            { "weekday name", Wish(weekdays: ["someday"]), 400, "InvalidRequest" },
            { "window backwards", Wish(windows: [new { from = "12:00", to = "08:00" }]), 400, "InvalidTimeWindow" },
            { "window shorter than the service", Wish(windows: [new { from = "08:00", to = "08:15" }]), 400, "InvalidTimeWindow" },
            { "window unreadable", Wish(windows: [new { from = "8am", to = "noon" }]), 400, "InvalidRequest" },
            {
                "four windows, one more than the page offers",
                Wish(windows: [new { from = "08:00", to = "09:00" }, new { from = "10:00", to = "11:00" }, new { from = "12:00", to = "13:00" }, new { from = "14:00", to = "15:00" }]),
                400,
                "InvalidTimeWindow"
            },
            { "latest in the past", Wish(latest: "2026-11-01"), 400, "InvalidDateRange" },
            { "latest before earliest", Wish(earliest: "2026-12-20", latest: "2026-12-10"), 400, "InvalidDateRange" },
            { "unreadable date", Wish(earliest: "24.12.2026"), 400, "InvalidRequest" },
            { "invalid email", Wish(email: "not-an-email"), 400, "InvalidContact" },
            { "unknown language", Wish(language: "fr"), 400, "InvalidRequest" },
        };
    }

    [Theory]
    [MemberData(nameof(BadWishes))]
    public async Task BadWish_IsRefusedWithProblemDetails_AndChangesNothing(string why, object request, int status, string code)
    {
        await using var app = await TestApp.StartAsync(DatabaseProvider.Sqlite);
        using var client = app.CreateClient();

        using var response = await client.PostAsJsonAsync("/api/v1/wishes", request);

        Assert.True(status == (int)response.StatusCode, why);
        await AssertProblemAsync(response, status, code);
        await using var db = app.NewDb();
        Assert.Equal(0, await db.Wishes.CountAsync());
        Assert.Equal(0, await db.OutboxMessages.CountAsync());
    }

    [Fact]
    public async Task BadTokens_AreRefused_AndAnExpiredConfirmLinkIsGone()
    {
        await using var app = await TestApp.StartAsync(DatabaseProvider.Sqlite);
        using var client = app.CreateClient();
        var mail = new Mailbox(app, "http://localhost");
        var fake = new string('A', 43);

        await AssertProblemAsync(await client.PostAsJsonAsync("/api/v1/wishes/confirm", new { token = "nonsense" }), 404, "LinkInvalid");
        await AssertProblemAsync(await client.GetAsync($"/api/v1/wishes/{fake}"), 404, "LinkInvalid");
        await AssertProblemAsync(await client.GetAsync($"/api/v1/offers/{fake}"), 404, "LinkInvalid");
        await AssertProblemAsync(await client.PostAsJsonAsync("/api/v1/offers/accept", new { token = fake }), 404, "LinkInvalid");
        await AssertProblemAsync(await client.PostAsJsonAsync("/api/v1/offers/decline", new { token = fake, keepWish = false }), 404, "LinkInvalid");
        await AssertProblemAsync(await client.PostAsJsonAsync("/api/v1/wishes/withdraw", new { token = fake }), 404, "LinkInvalid");

        using var created = await client.PostAsJsonAsync("/api/v1/wishes", WishScenario.Body(Anna, [1, 2, 3, 4, 5], "08:00", "18:00"));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var confirmToken = mail.TokenIn(await mail.SingleNewAsync(Anna), "/wish/confirm/");

        // The confirm link is not a manage link, and after two days it has expired.
        await AssertProblemAsync(await client.GetAsync($"/api/v1/wishes/{confirmToken}"), 404, "LinkInvalid");
        app.Advance(Duration.FromDays(2) + Duration.FromMinutes(1));
        await AssertProblemAsync(await client.PostAsJsonAsync("/api/v1/wishes/confirm", new { token = confirmToken }), 410, "LinkExpired");
        await using var db = app.NewDb();
        Assert.Equal(WishStatus.Unconfirmed, (await db.Wishes.SingleAsync()).Status);
    }

    [Fact]
    public async Task OpenApiDocument_ListsTheAgentEndpoints()
    {
        await using var app = await TestApp.StartAsync(DatabaseProvider.Sqlite);
        using var client = app.CreateClient();

        var openApi = await client.GetFromJsonAsync<JsonElement>("/openapi/v1.json");
        var paths = openApi.GetProperty("paths");
        foreach (var path in new[] { "/api/v1/wishes", "/api/v1/wishes/confirm", "/api/v1/wishes/{token}", "/api/v1/wishes/update", "/api/v1/wishes/withdraw", "/api/v1/offers/{token}", "/api/v1/offers/accept", "/api/v1/offers/decline" })
        {
            Assert.True(paths.TryGetProperty(path, out var item), $"OpenAPI lacks {path}");
            var operation = item.EnumerateObject().First().Value;
            Assert.Contains(operation.GetProperty("tags").EnumerateArray(), t => t.GetString() == "Agent");
        }
    }

    private static async Task AssertProblemAsync(HttpResponseMessage response, int status, string code)
    {
        using (response)
        {
            Assert.Equal(status, (int)response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
            Assert.Equal(status, problem.GetProperty("status").GetInt32());
            Assert.False(string.IsNullOrEmpty(problem.GetProperty("title").GetString()));
            Assert.Equal(code, problem.GetProperty("code").GetString());
        }
    }
}

/// <summary>The emails a test has not looked at yet, by recipient.</summary>
internal sealed class Mailbox(TestApp app, string baseUrl)
{
    private readonly HashSet<string?> seen = [];

    public async Task<IReadOnlyList<MimeMessage>> NewAsync(string to)
    {
        var fresh = (await app.DeliverMailAsync()).Where(m => !seen.Contains(m.MessageId)).ToList();
        var mine = fresh.Where(m => m.To.Mailboxes.Any(b => string.Equals(b.Address, to.Trim(), StringComparison.OrdinalIgnoreCase))).ToList();
        seen.UnionWith(mine.Select(m => m.MessageId));
        return mine;
    }

    public async Task<MimeMessage> SingleNewAsync(string to) => Assert.Single(await NewAsync(to));

    public string TokenIn(MimeMessage mail, string path) => Scenario.TokenIn(mail, baseUrl + path);

    public string LinkIn(MimeMessage mail, string path) => Scenario.LinkIn(mail, baseUrl + path);
}

/// <summary>Steps the agent tests share: another citizen's booking to cancel, a confirmed wish.</summary>
internal static class WishScenario
{
    public sealed record Booked(Guid BookingId, string Token, Instant Start);

    /// <summary>A confirmed Personalausweis booking at Hauptbahnhof at least some days ahead, so an offer of it leaves time to answer.</summary>
    public static async Task<Booked> BookAndConfirmAsync(TestApp app, Mailbox mail, string email, int daysAhead)
    {
        var time = (await Scenario.FreeTimesAsync(app)).First(t => t.Start > app.Now + Duration.FromDays(daysAhead));
        var held = await app.BookingsAsync(b => b.HoldAsync(Scenario.Service, Scenario.Office, time.Start, "Bernd Beispiel", email, null, "de", null, default));
        Assert.True(held.Succeeded, held.Failure?.ToString());
        var token = mail.TokenIn(await mail.SingleNewAsync(email), "/confirm/");
        var confirmed = await app.BookingsAsync(b => b.ConfirmAsync(token, default));
        Assert.True(confirmed.Succeeded, confirmed.Failure?.ToString());
        await mail.NewAsync(email);
        return new Booked(held.Booking!.Id, confirmed.ManageSecret!, time.Start);
    }

    public static object Body(string email, int[] weekdays, string from, string to) => new
    {
        serviceId = Scenario.Service,
        officeIds = new[] { Scenario.Office },
        weekdays,
        windows = new[] { new { from, to } },
        name = "Anna Beispiel",
        email,
    };

    /// <summary>Leaves a wish through the API and confirms it; returns the manage token.</summary>
    public static async Task<string> LeaveAndConfirmAsync(HttpClient client, Mailbox mail, string email, int[]? weekdays = null, string from = "08:00", string to = "18:00")
    {
        using var created = await client.PostAsJsonAsync("/api/v1/wishes", Body(email, weekdays ?? [1, 2, 3, 4, 5], from, to));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var token = mail.TokenIn(await mail.SingleNewAsync(email), "/wish/confirm/");
        using var confirmed = await client.PostAsJsonAsync("/api/v1/wishes/confirm", new { token });
        Assert.Equal(HttpStatusCode.OK, confirmed.StatusCode);
        await mail.SingleNewAsync(email);
        return (await confirmed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("manageToken").GetString()!;
    }
}
