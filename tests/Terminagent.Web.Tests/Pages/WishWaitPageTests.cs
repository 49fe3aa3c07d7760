using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Terminagent.Data;
using Terminagent.Domain.Agent;
using Terminagent.Web.Tests.Api;
using Terminagent.Web.Tests.Infrastructure;

namespace Terminagent.Web.Tests.Pages;

/// <summary>The wish form's wait estimate over plain HTTP: shown for the chosen offices, estimated again without script, kept with the wish.</summary>
public sealed partial class WishWaitPageTests
{
    private const string Anna = "anna@example.org";

    [Fact]
    public async Task WishForm_ShowsTheWaitForTheChoice_AsARoughGuess_WithTheWiderChoices()
    {
        await using var app = await TestApp.StartAsync(DatabaseProvider.Sqlite);
        using var client = app.CreateClient();

        var html = await client.GetStringAsync("/wish?service=personalausweis&office=garath");

        Assert.Matches("Für diese Wahl: meist (höchstens \\d+ Tage|\\d+–\\d+ Tage|innerhalb eines Tages) \\(grobe Schätzung\\) bis zum ersten Angebot\\.", html);
        Assert.Contains("Eine grobe Schätzung:", html, StringComparison.Ordinal);
        Assert.Contains("<ul aria-labelledby=\"estimate-wider\"", html, StringComparison.Ordinal);
        Assert.Matches("<li>\\s*mit Bürgerbüro [^<]+ und Bürgerbüro [^<]+ auch: meist", html);
        Assert.Contains("Wartezeit berechnen</button>", html, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task EstimateButton_ShowsTheWaitForChangedChoices_WithoutRegisteringOrSpendingTheChallenge(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        using var client = app.CreateClient();
        var page = await client.GetStringAsync("/wish?service=personalausweis&office=garath&lang=en");
        var challenge = ChallengePattern().Match(page).Groups[1].Value;

        using var response = await client.PostAsync("/wish?handler=estimate&lang=en", Form(
            FormTokenPattern().Match(page).Groups[1].Value,
            ("service", "personalausweis"), ("office", "garath"), ("office", "bilk"), ("day", "2"), ("from-1", "09:00"), ("to-1", "10:00"),
            ("name", "Anna Beispiel"), ("email", Anna), ("challenge", challenge), ("nonce", "")));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Matches("For this choice: usually [^<]+\\(a rough guess\\) until the first offer\\.", html);
        Assert.Contains("on all weekdays Monday to Friday: usually", html, StringComparison.Ordinal);
        Assert.Contains("at any time from 08:00 to 18:00: usually", html, StringComparison.Ordinal);
        Assert.Contains("value=\"Anna Beispiel\"", html, StringComparison.Ordinal);
        Assert.Matches("id=\"office-bilk\"[^>]*checked", html);
        Assert.Matches("id=\"day-2\"[^>]*checked", html);
        Assert.DoesNotMatch("id=\"day-1\"[^>]*checked", html);
        Assert.Equal(challenge, ChallengePattern().Match(html).Groups[1].Value);
        await using var db = app.NewDb();
        Assert.Equal(0, await db.Wishes.CountAsync());
        Assert.Equal(0, await db.OutboxMessages.CountAsync());
    }

    [Fact]
    public async Task EstimateButton_WithAnIncompleteChoice_SaysWhatIsMissing_AndEstimatesNothing()
    {
        await using var app = await TestApp.StartAsync(DatabaseProvider.Sqlite);
        using var client = app.CreateClient();
        var page = await client.GetStringAsync("/wish?service=personalausweis");

        using var response = await client.PostAsync("/wish?handler=estimate", Form(
            FormTokenPattern().Match(page).Groups[1].Value, ("service", "personalausweis"), ("office", "bilk"), ("from-1", "09:00"), ("to-1", "10:00")));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("Bitte wählen Sie mindestens einen Wochentag.", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Für diese Wahl:", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Bitte geben Sie eine gültige E-Mail-Adresse an", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EstimateButton_ForTimesTheOfficesAreClosed_SaysSo_AndOffersTheWholeDay()
    {
        await using var app = await TestApp.StartAsync(DatabaseProvider.Sqlite);
        using var client = app.CreateClient();
        var page = await client.GetStringAsync("/wish?service=personalausweis&lang=en");

        using var response = await client.PostAsync("/wish?handler=estimate&lang=en", Form(
            FormTokenPattern().Match(page).Groups[1].Value,
            ("service", "personalausweis"), ("office", "garath"), ("day", "1"), ("from-1", "19:00"), ("to-1", "20:00")));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("No estimate for this choice: the chosen offices are not open at these times.", html, StringComparison.Ordinal);
        Assert.Contains("at any time from 08:00 to 18:00: usually", html, StringComparison.Ordinal);
        Assert.DoesNotContain("For this choice:", html, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Registering_ShowsTheRangeStoredWithTheWish_AndTheWishPageTheCurrentOne(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        using var client = app.CreateClient();
        var mail = new Mailbox(app, "http://localhost");
        var page = await client.GetStringAsync("/wish?service=personalausweis&lang=en");

        using var response = await client.PostAsync("/wish?lang=en", Form(
            FormTokenPattern().Match(page).Groups[1].Value,
            ("service", "personalausweis"), ("office", "bilk"), ("day", "1"), ("day", "3"), ("from-1", "08:00"), ("to-1", "12:00"),
            ("name", "Anna Beispiel"), ("email", Anna)));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        await using (var db = app.NewDb())
        {
            var wish = await db.Wishes.AsNoTracking().SingleAsync();
            var shown = wish.WaitShown!;
            Assert.Equal(WaitBasis.RoughGuess, shown.Basis);
            Assert.True(shown.PointDays > 0);
            var range = shown.LowDays == 0 ? $"usually at most {shown.HighDays} days" : $"usually {shown.LowDays}–{shown.HighDays} days";
            Assert.Contains($"Expected wait when you registered: {range} (a rough guess) until the first offer.", html, StringComparison.Ordinal);
        }

        var manage = await WishScenario.LeaveAndConfirmAsync(client, mail, "bernd@example.org");
        var wishPage = await client.GetStringAsync($"/wish/{manage}");
        Assert.Matches("<dt>Geschätzte Wartezeit</dt><dd>meist [^<]+ \\(grobe Schätzung\\)</dd>", wishPage);
    }

    private static FormUrlEncodedContent Form(string token, params (string Name, string Value)[] fields) =>
        new([new KeyValuePair<string, string>("__RequestVerificationToken", token), .. fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value))]);

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex FormTokenPattern();

    [GeneratedRegex("name=\"challenge\" value=\"([^\"]+)\"")]
    private static partial Regex ChallengePattern();
}
