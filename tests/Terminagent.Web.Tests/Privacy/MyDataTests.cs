using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using Terminagent.Data;
using Terminagent.Domain.Agent;
using Terminagent.Domain.Bookings;
using Terminagent.Domain.Links;
using Terminagent.Web.Tests.Infrastructure;
using static Terminagent.Web.Tests.Privacy.PrivacyKit;

namespace Terminagent.Web.Tests.Privacy;

/// <summary>A citizen sees, downloads and erases what is held about their address, through the links in their emails.</summary>
public sealed class MyDataTests
{
    private static readonly Duration Minute = Duration.FromMinutes(1);

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Show_ListsEveryRecordOfTheAddress_AndNothingOfAnotherWithTheSameName(DatabaseProvider provider)
    {
        var (app, kit) = await StartAsync(provider);
        await using var _ = app;
        var (first, manage) = await BookAsync(kit, Wednesday9, "Anna Schmidt", "anna@example.org", "0211 555 0101");
        var (second, _) = await BookAsync(kit, Friday9, "Anna Schmidt", "Anna@Example.org");
        var (namesake, _) = await BookAsync(kit, Wednesday9 + Duration.FromMinutes(15), "Anna Schmidt", "anna.schmidt@example.net", "0211 555 0999");
        var wish = await kit.WishAsync(AgentKit.Request(days: [IsoDayOfWeek.Thursday]), "ANNA@example.org");
        using var client = app.CreateClient();

        var opened = await client.GetStringAsync($"/my-data/{manage}");
        using var shown = await Forms.PostAsync(client, $"/appointment/{manage}", $"/my-data/{manage}?handler=show");
        var html = await shown.Content.ReadAsStringAsync();

        Assert.DoesNotContain("0211 555 0101", opened, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, shown.StatusCode);
        var codes = await CodesAsync(app, first, second, namesake);
        Assert.Contains(codes[0], html, StringComparison.Ordinal);
        Assert.Contains(codes[1], html, StringComparison.Ordinal);
        Assert.DoesNotContain(codes[2], html, StringComparison.Ordinal);
        Assert.Contains("0211 555 0101", html, StringComparison.Ordinal);
        Assert.DoesNotContain("0211 555 0999", html, StringComparison.Ordinal);
        Assert.DoesNotContain("anna.schmidt@example.net", html, StringComparison.Ordinal);
        Assert.Contains("Terminwünsche</h2>", html.Replace(" (1)", "", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.Contains("Bitte bestätigen: Termin am", html, StringComparison.Ordinal);
        Assert.True(shown.Headers.CacheControl?.NoStore);

        using var download = await Forms.PostAsync(client, $"/wish/{kit.Links[(LinkPurpose.ManageWish, wish)]}", $"/my-data/{kit.Links[(LinkPurpose.ManageWish, wish)]}?handler=download");
        Assert.Equal("application/json", download.Content.Headers.ContentType?.MediaType);
        Assert.Equal("attachment", download.Content.Headers.ContentDisposition?.DispositionType);
        var json = JsonDocument.Parse(await download.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("anna@example.org", json.GetProperty("email").GetString());
        Assert.Equal([codes[0], codes[1]], json.GetProperty("bookings").EnumerateArray().Select(b => b.GetProperty("code").GetString()!).ToArray());
        Assert.Equal(wish, json.GetProperty("wishes").EnumerateArray().Single().GetProperty("id").GetGuid());
        var subjects = json.GetProperty("emails").EnumerateArray().Select(m => m.GetProperty("subject").GetString()!).ToList();
        Assert.True(subjects.Count >= 5, string.Join(" | ", subjects));
        Assert.Equal(0, json.GetProperty("offers").GetArrayLength());
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Erase_CancelsAndPassesThePlaceOn_Anonymises_AndClosesEveryLink(DatabaseProvider provider)
    {
        var (app, kit) = await StartAsync(provider);
        await using var _ = app;
        var (booking, manage) = await BookAsync(kit, Wednesday9, "Anna Schmidt", "anna@example.org", "0211 555 0101");
        app.Advance(Minute);
        var annasWish = await kit.WishAsync(AgentKit.Request(days: [IsoDayOfWeek.Thursday]), "anna@example.org");
        app.Advance(Minute);
        var waiting = await kit.WishAsync(AgentKit.Request(days: [IsoDayOfWeek.Wednesday]), "waiting@example.org");
        var wishLink = kit.Links[(LinkPurpose.ManageWish, annasWish)];
        var before = (await app.DeliverMailAsync()).Count(m => m.To.Mailboxes.Any(a => a.Address == "anna@example.org"));
        using var client = app.CreateClient(new() { AllowAutoRedirect = false });

        var confirmation = await client.GetStringAsync($"/my-data/{manage}/erase");
        using var erased = await EraseByPageAsync(client, manage);

        Assert.Contains("werden abgesagt", confirmation, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, erased.StatusCode);
        Assert.Equal("/my-data/erased", erased.Headers.Location?.ToString());
        await using (var db = app.NewDb())
        {
            var cancelled = await db.Bookings.AsNoTracking().SingleAsync(b => b.Id == booking);
            Assert.Equal((BookingStatus.Cancelled, "", "", (string?)null), (cancelled.Status, cancelled.Name, cancelled.Email, cancelled.Phone));
            Assert.NotNull(cancelled.AnonymisedAt);
            var wish = await db.Wishes.AsNoTracking().SingleAsync(w => w.Id == annasWish);
            Assert.Equal((WishStatus.Withdrawn, "", ""), (wish.Status, wish.Name, wish.NormalisedEmail));
            Assert.Empty(await db.OutboxMessages.Where(m => m.ToAddress.ToLower() == "anna@example.org").ToListAsync());
            Assert.Empty(await db.LinkTokens.Where(t => t.SubjectId == booking || t.SubjectId == annasWish).ToListAsync());
        }

        // The freed place went to the waiting wish, exactly as a cancellation by the button does.
        var offer = Assert.Single(await kit.OpenOffersAsync());
        Assert.Equal((waiting, Wednesday9), (offer.WishId, offer.Start));
        await AgentInvariants.AssertAllAsync(app);
        var sent = await app.DeliverMailAsync();
        Assert.Equal(before, sent.Count(m => m.To.Mailboxes.Any(a => a.Address == "anna@example.org")));
        Assert.Contains(sent, m => m.To.Mailboxes.Any(a => a.Address == "waiting@example.org"));

        using var appointment = await client.GetAsync($"/appointment/{manage}");
        using var wishPage = await client.GetAsync($"/wish/{wishLink}");
        using var myData = await client.GetAsync($"/my-data/{manage}");
        Assert.Equal(HttpStatusCode.NotFound, appointment.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, wishPage.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, myData.StatusCode);
        Assert.Contains("Dieser Link ist ungültig", await myData.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains("Ihre Daten sind gelöscht", await client.GetStringAsync("/my-data/erased"), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Erase_ThroughAnOffer_DeclinesIt_AndTheNextWishGetsThePlace(DatabaseProvider provider)
    {
        var (app, kit) = await StartAsync(provider);
        await using var _ = app;
        var (booking, _) = await BookAsync(kit, Wednesday9, "Bert Booker", "booker@example.org");
        var annasWish = await kit.WishAsync(AgentKit.Request(days: [IsoDayOfWeek.Wednesday]), "anna@example.org");
        app.Advance(Minute);
        var next = await kit.WishAsync(AgentKit.Request(days: [IsoDayOfWeek.Wednesday]), "next@example.org");
        await kit.CancelAsync(booking);
        var annasOffer = await kit.SingleOpenOfferAsync(annasWish);
        var offerLink = await kit.OfferSecretAsync(annasOffer.Id);
        using var client = app.CreateClient(new() { AllowAutoRedirect = false });

        var offerPage = await client.GetStringAsync($"/offer/{offerLink}");
        using var erased = await EraseByPageAsync(client, offerLink);

        Assert.Contains("Meine Daten", offerPage, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, erased.StatusCode);
        var offers = await kit.AllOffersAsync();
        Assert.Equal(OfferStatus.Declined, offers.Single(o => o.Id == annasOffer.Id).Status);
        Assert.Equal(Wednesday9, Assert.Single(offers, o => o.WishId == next && o.Status == OfferStatus.Open).Start);
        Assert.Equal((WishStatus.Withdrawn, ""), ((await kit.WishOfAsync(annasWish)).Status, (await kit.WishOfAsync(annasWish)).Name));
        using var page = await client.GetAsync($"/offer/{offerLink}");
        Assert.Equal(HttpStatusCode.NotFound, page.StatusCode);
        await AgentInvariants.AssertAllAsync(app);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task DoubleClick_ConfirmsTwice_AndErasesOnce(DatabaseProvider provider)
    {
        var (app, kit) = await StartAsync(provider);
        await using var _ = app;
        var (_, manage) = await BookAsync(kit, Wednesday9, "Anna Schmidt", "anna@example.org");
        using var client = app.CreateClient(new() { AllowAutoRedirect = false });
        var (form, ticket) = await ConfirmationFormAsync(client, manage);

        using var first = await client.PostAsync($"/my-data/{manage}/erase", Forms.Form(form, ("ticket", ticket)));
        using var second = await client.PostAsync($"/my-data/{manage}/erase", Forms.Form(form, ("ticket", ticket)));
        using var forged = await client.PostAsync($"/my-data/{manage}/erase", Forms.Form(form, ("ticket", ticket[..^4] + "AAAA")));

        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, second.StatusCode);
        Assert.Equal("/my-data/erased", second.Headers.Location?.ToString());
        Assert.Equal(HttpStatusCode.NotFound, forged.StatusCode);
        await using var db = app.NewDb();
        Assert.Equal(BookingStatus.Cancelled, (await db.Bookings.SingleAsync()).Status);
        await AgentInvariants.AssertAllAsync(app);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task WrongOrExpiredLinks_GetThePlainPage_AndProblemDetails(DatabaseProvider provider)
    {
        var (app, kit) = await StartAsync(provider);
        await using var _ = app;
        var (_, manage) = await BookAsync(kit, Wednesday9, "Anna Schmidt", "anna@example.org");
        using var client = app.CreateClient(new() { AllowAutoRedirect = false });
        var unknown = new string('x', 43);

        using var wrong = await client.GetAsync($"/my-data/{unknown}");
        using var wrongErase = await client.GetAsync($"/my-data/{unknown}/erase");
        using var malformed = await client.GetAsync("/my-data/abc");
        using var apiWrong = await client.PostAsJsonAsync("/api/v1/privacy/export", new { token = unknown });
        using var apiEmpty = await client.PostAsJsonAsync("/api/v1/privacy/erase", new { token = (string?)null });

        Assert.Equal(HttpStatusCode.NotFound, wrong.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, wrongErase.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, malformed.StatusCode);
        Assert.Contains("Dieser Link ist ungültig", await wrong.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.DoesNotContain("name=\"ticket\"", await wrongErase.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal((HttpStatusCode.NotFound, "application/problem+json"), (apiWrong.StatusCode, apiWrong.Content.Headers.ContentType?.MediaType));
        Assert.Equal(HttpStatusCode.NotFound, apiEmpty.StatusCode);

        // The manage link lasts 30 days past the appointment.
        app.Advance(Duration.FromDays(45));
        using var expired = await client.GetAsync($"/my-data/{manage}?lang=en");
        using var apiExpired = await client.PostAsJsonAsync("/api/v1/privacy/export", new { token = manage });
        Assert.Equal(HttpStatusCode.Gone, expired.StatusCode);
        Assert.Contains("This link has expired", await expired.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Gone, apiExpired.StatusCode);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Api_ExportsAndErases_WithTheManageToken(DatabaseProvider provider)
    {
        var (app, kit) = await StartAsync(provider);
        await using var _ = app;
        var (_, manage) = await BookAsync(kit, Wednesday9, "Anna Schmidt", "anna@example.org", "0211 555 0101");
        using var client = app.CreateClient();

        var export = await client.PostAsJsonAsync("/api/v1/privacy/export", new { token = manage });
        var json = await export.Content.ReadFromJsonAsync<JsonElement>();
        using var erase = await client.PostAsJsonAsync("/api/v1/privacy/erase", new { token = manage });
        var result = await erase.Content.ReadFromJsonAsync<JsonElement>();
        using var again = await client.PostAsJsonAsync("/api/v1/privacy/erase", new { token = manage });

        Assert.Equal("0211 555 0101", json.GetProperty("bookings")[0].GetProperty("phone").GetString());
        Assert.Equal(HttpStatusCode.OK, erase.StatusCode);
        Assert.Equal((1, 1), (result.GetProperty("appointmentsCancelled").GetInt32(), result.GetProperty("bookingsAnonymised").GetInt32()));
        Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
    }

    [Fact]
    public async Task Pages_SpeakEnglish_WhenChosen()
    {
        var (app, kit) = await StartAsync(DatabaseProvider.Sqlite);
        await using var _ = app;
        var (_, manage) = await BookAsync(kit, Wednesday9, "Anna Schmidt", "anna@example.org");
        using var client = app.CreateClient();

        var appointment = await client.GetStringAsync($"/appointment/{manage}?lang=en");
        var confirmation = await client.GetStringAsync($"/my-data/{manage}/erase?lang=en");

        Assert.Contains("Show my data", appointment, StringComparison.Ordinal);
        Assert.Contains($"/my-data/{manage}?handler=show&amp;lang=en", appointment, StringComparison.Ordinal);
        Assert.Contains("Yes, erase my data now", confirmation, StringComparison.Ordinal);
    }

    private static async Task<string[]> CodesAsync(TestApp app, params Guid[] ids)
    {
        await using var db = app.NewDb();
        var codes = await db.Bookings.AsNoTracking().Where(b => ids.Contains(b.Id)).ToDictionaryAsync(b => b.Id, b => b.Code);
        return ids.Select(id => codes[id]).ToArray();
    }
}
