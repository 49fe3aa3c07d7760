using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using NodaTime.Text;
using Terminagent.Data;
using Terminagent.Domain.Abuse;
using Terminagent.Web.Tests.Infrastructure;

namespace Terminagent.Web.Tests.Abuse;

/// <summary>The proof-of-work before holds and wishes: solved once it passes; wrong, foreign, changed, old or reused it fails and changes nothing.</summary>
public sealed partial class ProofOfWorkTests
{
    [Fact]
    public void LeadingZeroBits_CountsFromTheFirstByte()
    {
        Assert.Equal(0, ProofOfWork.LeadingZeroBits([0x80, 0]));
        Assert.Equal(7, ProofOfWork.LeadingZeroBits([0x01, 0xFF]));
        Assert.Equal(12, ProofOfWork.LeadingZeroBits([0x00, 0x0F]));
        Assert.Equal(16, ProofOfWork.LeadingZeroBits([0x00, 0x00]));

        var nonce = ProofOfWork.Solve("challenge", 10);
        Assert.True(ProofOfWork.IsSolved("challenge", nonce, 10));
        Assert.True(ProofOfWork.LeadingZeroBits(SHA256.HashData(Encoding.UTF8.GetBytes("challenge" + nonce))) >= 10);
        Assert.False(ProofOfWork.IsSolved("challenge", nonce + "x", 0));
        Assert.False(ProofOfWork.IsSolved("challenge", "", 0));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Api_SolvedChallengePasses_WrongForeignChangedOldOrReusedFails(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        using var client = app.CreateClientWithoutSolver();
        var time = await Scenario.FirstFreeTimeAsync(app);
        var body = new { serviceId = Scenario.Service, officeId = time.OfficeId, start = time.Start.ToDateTimeOffset(), name = "Erika Mustermann", email = "erika@example.org" };

        async Task<HttpResponseMessage> HoldAsync(string? challenge, string? nonce)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/bookings") { Content = JsonContent.Create(body) };
            if (challenge is not null)
            {
                request.Headers.Add("Terminagent-Challenge", challenge);
            }

            if (nonce is not null)
            {
                request.Headers.Add("Terminagent-Nonce", nonce);
            }

            return await client.SendAsync(request);
        }

        var (booking, difficulty) = await ChallengeAsync(client, "booking");
        var (wish, _) = await ChallengeAsync(client, "wish");
        var wrongNonce = Enumerable.Range(0, 1000).Select(n => n.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .First(n => !ProofOfWork.IsSolved(booking, n, difficulty));
        var tampered = booking[..^3] + (booking[^3] == 'A' ? 'B' : 'A') + booking[^2..];

        await AssertRefusedAsync(await HoldAsync(null, null), "ChallengeMissing");
        await AssertRefusedAsync(await HoldAsync(booking, null), "ChallengeInvalid");
        await AssertRefusedAsync(await HoldAsync(booking, wrongNonce), "ChallengeInvalid");
        await AssertRefusedAsync(await HoldAsync(wish, ProofOfWork.Solve(wish, difficulty)), "ChallengeInvalid", "another purpose");
        await AssertRefusedAsync(await HoldAsync(tampered, ProofOfWork.Solve(tampered, difficulty)), "ChallengeInvalid", "not valid");
        Assert.Equal(0, await BookingsAsync(app));

        var solved = ProofOfWork.Solve(booking, difficulty);
        using (var held = await HoldAsync(booking, solved))
        {
            Assert.Equal(HttpStatusCode.Created, held.StatusCode);
        }

        await AssertRefusedAsync(await HoldAsync(booking, solved), "ChallengeUsed");

        var (old, _) = await ChallengeAsync(client, "booking");
        app.Advance(Duration.FromMinutes(31));
        await AssertRefusedAsync(await HoldAsync(old, ProofOfWork.Solve(old, difficulty)), "ChallengeExpired");
        Assert.Equal(1, await BookingsAsync(app));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Api_ChallengeSpentOnOneInstance_IsRefusedByTheOther(DatabaseProvider provider)
    {
        await using var first = await TestApp.StartAsync(provider);
        await using var second = TestApp.StartSecondInstance(first);
        using var one = first.CreateClientWithoutSolver();
        using var other = second.CreateClientWithoutSolver();

        var (challenge, difficulty) = await ChallengeAsync(one, "wish");
        var nonce = ProofOfWork.Solve(challenge, difficulty);
        using (var created = await PostWishAsync(one, challenge, nonce))
        {
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        }

        await AssertRefusedAsync(await PostWishAsync(other, challenge, nonce), "ChallengeUsed");
        await using var db = first.NewDb();
        Assert.Equal(1, await db.Wishes.CountAsync());
        Assert.Equal(1, await db.UsedChallenges.CountAsync());
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task BookForm_WithoutScript_TooEarlyKeepsTheEntries_AfterTheWaitItPasses(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        using var client = app.CreateClientWithoutSolver();
        var time = await Scenario.FirstFreeTimeAsync(app);
        var path = $"/book?service={Scenario.Service}&at={time.OfficeId}&start={Uri.EscapeDataString(InstantPattern.General.Format(time.Start))}";
        var page = await client.GetStringAsync(path);
        Assert.Contains("frühestens 15 Sekunden nach dem Öffnen der Seite absenden", page, StringComparison.Ordinal);
        Assert.Contains("src=\"/js/proof-of-work.js", page, StringComparison.Ordinal);
        Assert.Contains("aria-live=\"polite\"", page, StringComparison.Ordinal);

        async Task<HttpResponseMessage> SendAsync(string html) => await client.PostAsync(path, Forms.Form(
            Forms.TokenIn(html)!,
            ("service", Scenario.Service), ("at", time.OfficeId), ("start", InstantPattern.General.Format(time.Start)),
            ("name", "Erika Mustermann"), ("email", "erika@example.org"), ("challenge", ChallengeIn(html)), ("nonce", "")));

        app.Advance(Duration.FromSeconds(5));
        using var early = await SendAsync(page);
        Assert.Equal(HttpStatusCode.TooManyRequests, early.StatusCode);
        var again = await early.Content.ReadAsStringAsync();
        Assert.Contains("Bitte warten Sie noch 10 Sekunden", again, StringComparison.Ordinal);
        Assert.Contains("value=\"Erika Mustermann\"", again, StringComparison.Ordinal);
        Assert.Contains("value=\"erika@example.org\"", again, StringComparison.Ordinal);
        Assert.Equal(ChallengeIn(page), ChallengeIn(again));
        Assert.Equal(0, await BookingsAsync(app));

        app.Advance(Duration.FromSeconds(10));
        using var late = await SendAsync(again);
        Assert.Equal(HttpStatusCode.OK, late.StatusCode);
        Assert.Contains("Fast geschafft", await late.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(1, await BookingsAsync(app));

        // Sent a second time (the back button): the challenge is spent, nothing more is held.
        using var replayed = await SendAsync(again);
        Assert.Equal(HttpStatusCode.BadRequest, replayed.StatusCode);
        Assert.Contains("schon einmal abgesendet", await replayed.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(1, await BookingsAsync(app));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task WishForm_WithoutSolution_IsRefusedInEnglishWhenChosen(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        using var client = app.CreateClientWithoutSolver();
        var page = await client.GetStringAsync("/wish?service=personalausweis&lang=en");
        Assert.Contains("There is no puzzle for you to solve", page, StringComparison.Ordinal);
        using var response = await client.PostAsync("/wish?lang=en", Forms.Form(
            Forms.TokenIn(page)!,
            ("service", "personalausweis"), ("office", "bilk"), ("day", "1"), ("from-1", "08:00"), ("to-1", "12:00"),
            ("name", "Anna Beispiel"), ("email", "anna@example.org"), ("challenge", ChallengeIn(page)), ("nonce", "12345678")));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("The check against automated bookings did not succeed", html, StringComparison.Ordinal);
        Assert.Contains("value=\"Anna Beispiel\"", html, StringComparison.Ordinal);
        await using var db = app.NewDb();
        Assert.Equal(0, await db.Wishes.CountAsync());
    }

    internal static async Task<(string Challenge, int Difficulty)> ChallengeAsync(HttpClient client, string purpose)
    {
        var body = await client.GetFromJsonAsync<JsonElement>($"/api/v1/challenges?purpose={purpose}");
        return (body.GetProperty("challenge").GetString()!, body.GetProperty("difficulty").GetInt32());
    }

    internal static async Task<HttpResponseMessage> PostWishAsync(HttpClient client, string? challenge, string? nonce, string email = "anna@example.org")
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/wishes")
        {
            Content = JsonContent.Create(new
            {
                serviceId = "personalausweis",
                officeIds = new[] { "bilk" },
                weekdays = new[] { 1, 2, 3 },
                windows = new[] { new { from = "08:00", to = "12:00" } },
                name = "Anna Beispiel",
                email,
            }),
        };
        if (challenge is not null)
        {
            request.Headers.Add("Terminagent-Challenge", challenge);
            request.Headers.Add("Terminagent-Nonce", nonce);
        }

        return await client.SendAsync(request);
    }

    private static async Task AssertRefusedAsync(HttpResponseMessage response, string code, string? title = null)
    {
        using (response)
        {
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
            Assert.Equal(code, problem.GetProperty("code").GetString());
            if (title is not null)
            {
                Assert.Contains(title, problem.GetProperty("title").GetString(), StringComparison.Ordinal);
            }
        }
    }

    private static async Task<int> BookingsAsync(TestApp app)
    {
        await using var db = app.NewDb();
        return await db.Bookings.CountAsync();
    }

    private static string ChallengeIn(string html) =>
        WebUtility.HtmlDecode(ChallengePattern().Match(html) is { Success: true } m ? m.Groups[1].Value : throw new InvalidOperationException("No challenge in the form."));

    [GeneratedRegex("name=\"challenge\" value=\"([^\"]+)\"")]
    private static partial Regex ChallengePattern();
}
