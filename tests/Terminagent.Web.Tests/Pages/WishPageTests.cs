using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Terminagent.Data;
using Terminagent.Domain.Agent;
using Terminagent.Web.Tests.Api;
using Terminagent.Web.Tests.Infrastructure;

namespace Terminagent.Web.Tests.Pages;

/// <summary>The wish and offer pages over plain HTTP: refusals in the citizen's language, and links that change nothing when opened.</summary>
public sealed partial class WishPageTests
{
    private const string Anna = "anna@example.org";

    [Theory]
    [InlineData("/wish?service=nothing", HttpStatusCode.NotFound, "Diese Dienstleistung gibt es nicht")]
    [InlineData("/wish/confirm/not-a-token", HttpStatusCode.NotFound, "Dieser Link ist ungültig")]
    [InlineData("/wish/confirm/not-a-token?lang=en", HttpStatusCode.NotFound, "This link is not valid")]
    [InlineData("/wish/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", HttpStatusCode.NotFound, "Dieser Link ist ungültig")]
    [InlineData("/offer/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA?lang=en", HttpStatusCode.NotFound, "This link is not valid")]
    [InlineData("/wish", HttpStatusCode.OK, "Welches Anliegen haben Sie?")]
    [InlineData("/wish?service=personalausweis&office=bilk&lang=en", HttpStatusCode.OK, "Times of day you can come")]
    public async Task Address_ShowsAPlainPage(string path, HttpStatusCode status, string text)
    {
        await using var app = await TestApp.StartAsync(DatabaseProvider.Sqlite);
        using var client = app.CreateClient();

        using var response = await client.GetAsync(path);

        Assert.Equal(status, response.StatusCode);
        Assert.Contains(text, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task WishForm_PreselectsTheOfficesFromTheTimesPage()
    {
        await using var app = await TestApp.StartAsync(DatabaseProvider.Sqlite);
        using var client = app.CreateClient();

        var times = await client.GetStringAsync("/times?service=kinderreisepass&office=bilk&office=rath");
        Assert.Contains("href=\"/wish?service=kinderreisepass&amp;office=bilk&amp;office=rath\"", times, StringComparison.Ordinal);
        var form = await client.GetStringAsync("/wish?service=kinderreisepass&office=bilk&office=rath");

        Assert.Matches("id=\"office-bilk\"[^>]*checked", form);
        Assert.Matches("id=\"office-rath\"[^>]*checked", form);
        Assert.DoesNotMatch("id=\"office-altstadt\"[^>]*checked", form);
        Assert.DoesNotContain("office-garath", form, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WishForm_ShowsEveryProblem_AndStoresNothing()
    {
        await using var app = await TestApp.StartAsync(DatabaseProvider.Sqlite);
        using var client = app.CreateClient();
        var token = await FormTokenAsync(client, "/wish?service=personalausweis");

        using var response = await client.PostAsync("/wish", Form(token, ("service", "personalausweis"), ("office", "bilk"), ("from-1", "08:00"), ("to-2", "12:00"), ("name", "Anna"), ("email", "anna-at-example")));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("Bitte wählen Sie mindestens einen Wochentag.", html, StringComparison.Ordinal);
        Assert.Contains("Bitte wählen Sie für jede Uhrzeit „von“ und „bis“", html, StringComparison.Ordinal);
        Assert.Contains("Bitte geben Sie eine gültige E-Mail-Adresse an", html, StringComparison.Ordinal);
        Assert.Contains("href=\"#days\"", html, StringComparison.Ordinal);
        Assert.Matches("id=\"office-bilk\"[^>]*checked", html);
        await using var db = app.NewDb();
        Assert.Equal(0, await db.Wishes.CountAsync());
        Assert.Equal(0, await db.OutboxMessages.CountAsync());
    }

    [Fact]
    public async Task WishForm_RegistersAWish_AndASecondOneSaysItChangesTheFirst()
    {
        await using var app = await TestApp.StartAsync(DatabaseProvider.Sqlite);
        using var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var mail = new Mailbox(app, "http://localhost");
        (string, string)[] fields =
        [
            ("service", "personalausweis"), ("office", "bilk"), ("day", "1"), ("day", "3"), ("from-1", "08:00"), ("to-1", "12:00"),
            ("from-2", ""), ("to-2", ""), ("earliest", ""), ("latest", "2027-02-28"), ("name", "Anna Beispiel"), ("email", Anna),
        ];

        using var first = await client.PostAsync("/wish", Form(await FormTokenAsync(client, "/wish?service=personalausweis"), fields));
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Contains("Bitte bestätigen Sie per E-Mail", await first.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var confirmToken = mail.TokenIn(await mail.SingleNewAsync(Anna), "/wish/confirm/");
        using (var confirmed = await client.PostAsync($"/wish/confirm/{confirmToken}", Form(await FormTokenAsync(client, $"/wish/confirm/{confirmToken}"))))
        {
            Assert.Equal(HttpStatusCode.Redirect, confirmed.StatusCode);
            Assert.Matches("^/wish/[A-Za-z0-9_-]+\\?confirmed=true$", confirmed.Headers.Location!.OriginalString);
        }

        using var second = await client.PostAsync("/wish?lang=en", Form(await FormTokenAsync(client, "/wish?service=personalausweis&lang=en"), fields));
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Contains("You already have an appointment wish for this service. If you confirm the change by email, we change that wish; you keep your place in the queue.", await second.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        await using var db = app.NewDb();
        var wishes = await db.Wishes.AsNoTracking().OrderBy(w => w.RegisteredAt).ToListAsync();
        Assert.Equal([WishStatus.Waiting, WishStatus.Unconfirmed], wishes.Select(w => w.Status));
        Assert.Equal(wishes[0].Id, wishes[1].UpdatesWishId);
        Assert.Equal(new NodaTime.LocalDate(2027, 2, 28), wishes[0].Latest);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task OpeningTheWishConfirmLink_ChangesNothing(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        using var client = app.CreateClient();
        var mail = new Mailbox(app, "http://localhost");
        using var created = await client.PostAsJsonAsync("/api/v1/wishes", WishScenario.Body(Anna, [1, 2, 3, 4, 5], "08:00", "18:00"));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var link = mail.LinkIn(await mail.SingleNewAsync(Anna), "/wish/confirm/");

        for (var visit = 0; visit < 2; visit++)
        {
            using var response = await client.GetAsync(link);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Contains("Terminwunsch bestätigen</button>", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        await using var db = app.NewDb();
        var wish = await db.Wishes.AsNoTracking().SingleAsync();
        Assert.Equal(WishStatus.Unconfirmed, wish.Status);
        Assert.Null(wish.ConfirmedAt);
        Assert.Empty(await mail.NewAsync(Anna));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task OpeningTheOfferLink_ChangesNothing_AndDeclineAsksWhatToKeep(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        using var client = app.CreateClient();
        var mail = new Mailbox(app, "http://localhost");
        var other = await WishScenario.BookAndConfirmAsync(app, mail, "bernd@example.org", daysAhead: 4);
        var manage = await WishScenario.LeaveAndConfirmAsync(client, mail, Anna);
        await app.BookingsAsync(b => b.CancelAsync(other.Token, default));
        var offerLink = mail.LinkIn(await mail.SingleNewAsync(Anna), "/offer/");
        var offerPath = new Uri(offerLink).AbsolutePath;

        for (var visit = 0; visit < 2; visit++)
        {
            using var response = await client.GetAsync(offerLink);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var html = await response.Content.ReadAsStringAsync();
            Assert.Contains("Termin annehmen</button>", html, StringComparison.Ordinal);
            Assert.Contains("Wunsch behalten (gleicher Platz in der Warteschlange)", html, StringComparison.Ordinal);
        }

        using (var noChoice = await client.PostAsync($"{offerPath}?handler=decline", Form(await FormTokenAsync(client, offerPath))))
        {
            Assert.Equal(HttpStatusCode.BadRequest, noChoice.StatusCode);
            Assert.Contains("Bitte wählen Sie, ob Sie Ihren Terminwunsch behalten oder zurückziehen möchten.", await noChoice.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        await using (var db = app.NewDb())
        {
            var offer = await db.Offers.AsNoTracking().SingleAsync();
            Assert.Equal(OfferStatus.Open, offer.Status);
            Assert.Null(offer.AnsweredAt);
            Assert.Equal(WishStatus.Offered, (await db.Wishes.AsNoTracking().SingleAsync(w => w.Email == Anna)).Status);
            Assert.Equal(0, await db.Bookings.CountAsync(b => b.Email == Anna));
        }

        // The wish page says an offer is open and offers no change meanwhile.
        var wishPage = await client.GetStringAsync($"/wish/{manage}");
        Assert.Contains("Terminangebot offen", wishPage, StringComparison.Ordinal);
        Assert.DoesNotContain("Änderung speichern", wishPage, StringComparison.Ordinal);

        using var declined = await client.PostAsync($"{offerPath}?handler=decline", Form(await FormTokenAsync(client, offerPath), ("keep", "withdraw")));
        Assert.Equal(HttpStatusCode.OK, declined.StatusCode);
        var after = await declined.Content.ReadAsStringAsync();
        Assert.Contains("Sie haben dieses Angebot abgelehnt.", after, StringComparison.Ordinal);
        Assert.Contains("Ihr Terminwunsch ist zurückgezogen.", after, StringComparison.Ordinal);
        Assert.DoesNotContain("Termin annehmen</button>", after, StringComparison.Ordinal);

        using var accept = await client.PostAsync($"{offerPath}?handler=accept", Form(await FormTokenAsync(client, "/wish?service=personalausweis")));
        Assert.Equal(HttpStatusCode.Gone, accept.StatusCode);
        Assert.Contains("Dieses Terminangebot ist beendet.", await accept.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExpiredOffer_IsGone()
    {
        await using var app = await TestApp.StartAsync(DatabaseProvider.Sqlite);
        using var client = app.CreateClient();
        var mail = new Mailbox(app, "http://localhost");
        var other = await WishScenario.BookAndConfirmAsync(app, mail, "bernd@example.org", daysAhead: 4);
        await WishScenario.LeaveAndConfirmAsync(client, mail, Anna);
        await app.BookingsAsync(b => b.CancelAsync(other.Token, default));
        var offerLink = mail.LinkIn(await mail.SingleNewAsync(Anna), "/offer/");

        app.Advance(NodaTime.Duration.FromHours(49));
        using var response = await client.GetAsync(offerLink + "?lang=en");

        Assert.Equal(HttpStatusCode.Gone, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("The time to answer this appointment offer has run out.", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Accept the appointment</button>", html, StringComparison.Ordinal);
    }

    private static async Task<string> FormTokenAsync(HttpClient client, string path)
    {
        var html = await client.GetStringAsync(path);
        return FormTokenPattern().Match(html) is { Success: true } m ? m.Groups[1].Value : throw new InvalidOperationException($"No form token on {path}.");
    }

    private static FormUrlEncodedContent Form(string token, params (string Name, string Value)[] fields) =>
        new([new KeyValuePair<string, string>("__RequestVerificationToken", token), .. fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value))]);

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex FormTokenPattern();
}
