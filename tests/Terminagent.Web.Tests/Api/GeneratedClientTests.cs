using NodaTime;
using Terminagent.Data;
using Terminagent.Domain.Abuse;
using Terminagent.Web.Tests.Api.Client;
using Terminagent.Web.Tests.Infrastructure;

namespace Terminagent.Web.Tests.Api;

/// <summary>
/// The API walked through the client NSwag generated from the OpenAPI document (Client/, kept
/// current by <see cref="ApiClientDocumentTests"/>) and nothing else: a refusal the document does
/// not describe, or a body that does not fit its schema, fails here as it would for any client.
/// </summary>
public sealed class GeneratedClientTests
{
    private const string Erika = "erika@example.org";
    private const string Anna = "anna@example.org";

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task BookConfirmCancel_ThroughTheGeneratedClient(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var (api, mail) = Open(app);

        var offices = await api.ListOfficesAsync();
        Assert.Contains(offices, o => o.Id == Scenario.Office && o.HasKiosk);
        var time = (await api.ListFreeTimesAsync(Scenario.Service, [Scenario.Office], null)).Times.First();

        var held = await HoldAsync(api, time, Erika);
        Assert.Equal("held", held.Booking.Status);
        Assert.NotNull(held.Booking.HoldExpiresAt);

        var confirmed = await api.ConfirmAppointmentAsync(new TokenRequest { Token = mail.TokenIn(await mail.SingleNewAsync(Erika), "/confirm/") });
        Assert.Equal("confirmed", confirmed.Booking.Status);
        Assert.False(confirmed.AlreadyDone);
        var manageToken = Assert.IsType<string>(confirmed.ManageToken);
        Assert.Equal(time.Start, (await api.GetAppointmentAsync(manageToken)).Start);

        var cancelled = await api.CancelAppointmentAsync(new TokenRequest { Token = manageToken });
        Assert.Equal("cancelled", cancelled.Booking.Status);
        Assert.Equal("cancelled", (await api.GetAppointmentAsync(manageToken)).Status);
        Assert.Contains(
            (await api.ListFreeTimesAsync(Scenario.Service, [Scenario.Office], time.Date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture))).Times,
            t => t.Start == time.Start);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task WishGetsAnOfferAndAcceptsIt_ThroughTheGeneratedClient(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var (api, mail) = Open(app);

        // Bernd books the first time four days ahead, so that his cancelling frees a place worth offering.
        var time = (await api.ListFreeTimesAsync(Scenario.Service, [Scenario.Office], null)).Times
            .First(t => t.Start > (app.Now + Duration.FromDays(4)).ToDateTimeOffset());
        await HoldAsync(api, time, "bernd@example.org");
        var bernd = await api.ConfirmAppointmentAsync(new TokenRequest { Token = mail.TokenIn(await mail.SingleNewAsync("bernd@example.org"), "/confirm/") });
        await mail.NewAsync("bernd@example.org");

        var challenge = await api.GetChallengeAsync("wish");
        var created = await api.LeaveWishAsync(challenge.Challenge, ProofOfWork.Solve(challenge.Challenge, challenge.Difficulty), new CreateWishRequest
        {
            ServiceId = Scenario.Service,
            OfficeIds = [Scenario.Office],
            Weekdays = [1, 2, "wednesday", 4, 5],
            Windows = [new TimeWindowDto { From = "07:00", To = "19:00" }],
            Name = "Anna Beispiel",
            Email = Anna,
            Language = "en",
        });
        Assert.Equal("unconfirmed", created.Status);
        var wish = await api.ConfirmWishAsync(new TokenRequest { Token = mail.TokenIn(await mail.SingleNewAsync(Anna), "/wish/confirm/") });
        Assert.Equal("waiting", wish.Wish.Status);
        var wishToken = Assert.IsType<string>(wish.ManageToken);
        await mail.SingleNewAsync(Anna);

        await api.CancelAppointmentAsync(new TokenRequest { Token = bernd.ManageToken });
        var offerToken = mail.TokenIn(await mail.SingleNewAsync(Anna), "/offer/");
        var offer = await api.GetOfferAsync(offerToken);
        Assert.Equal(("open", "offered", Scenario.Office), (offer.Status, offer.WishStatus, offer.OfficeId));

        var accepted = await api.AcceptOfferAsync(new TokenRequest { Token = offerToken });
        Assert.Equal("accepted", accepted.Offer.Status);
        var appointment = await api.GetAppointmentAsync(Assert.IsType<string>(accepted.ManageToken));
        Assert.Equal(("confirmed", offer.Start), (appointment.Status, appointment.Start));
        Assert.Equal("fulfilled", (await api.GetWishAsync(wishToken)).Status);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task TakenTime_Is409WithAlternatives_ThroughTheGeneratedClient(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var (api, _) = Open(app);
        var time = (await api.ListFreeTimesAsync(Scenario.Service, [Scenario.Office], null)).Times.First();

        // Fill every place of the time, then one more person tries it.
        var places = 0;
        while (true)
        {
            try
            {
                await HoldAsync(api, time, $"person{places}@example.org");
                places++;
            }
            catch (ApiException<TakenProblemDetails> taken)
            {
                Assert.Equal(409, taken.StatusCode);
                Assert.Equal(TakenProblemDetailsCode.Taken, taken.Result.Code);
                Assert.NotEmpty(taken.Result.Alternatives);
                Assert.DoesNotContain(taken.Result.Alternatives, t => t.Start == time.Start && t.OfficeId == time.OfficeId);
                Assert.True(places > 0);

                var alternative = taken.Result.Alternatives.First();
                var held = await HoldAsync(api, alternative, $"person{places}@example.org");
                Assert.Equal(alternative.Start, held.Booking.Start);
                return;
            }
        }
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task ExpiredLink_Is410_ThroughTheGeneratedClient(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var (api, mail) = Open(app);
        var time = (await api.ListFreeTimesAsync(Scenario.Service, [Scenario.Office], null)).Times.First();
        await HoldAsync(api, time, Erika);
        var token = mail.TokenIn(await mail.SingleNewAsync(Erika), "/confirm/");

        app.Advance(Duration.FromMinutes(15));
        var gone = await Assert.ThrowsAsync<ApiException<ProblemDetails>>(() => api.ConfirmAppointmentAsync(new TokenRequest { Token = token }));

        Assert.Equal(410, gone.StatusCode);
        Assert.Equal(ProblemDetailsCode.LinkExpired, gone.Result.Code);
        Assert.Equal(410, gone.Result.Status);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task TooManyHoldsForOneEmail_Is429_ThroughTheGeneratedClient(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider, settings: new() { ["RateLimits:CreatesPerEmail:Limit"] = "1" });
        var (api, _) = Open(app);
        var times = (await api.ListFreeTimesAsync(Scenario.Service, [Scenario.Office], null)).Times.ToList();
        await HoldAsync(api, times[0], Erika);

        var limited = await Assert.ThrowsAsync<ApiException<ProblemDetails>>(() => HoldAsync(api, times[3], Erika));

        Assert.Equal(429, limited.StatusCode);
        Assert.Equal(ProblemDetailsCode.RateLimited, limited.Result.Code);
        Assert.True(limited.Result.RetryAfterSeconds > 0);
        Assert.Equal(limited.Result.RetryAfterSeconds.ToString(), Assert.Single(limited.Headers["Retry-After"]));
    }

    private static (TerminagentClient Api, Mailbox Mail) Open(TestApp app) =>
        (new TerminagentClient(app.CreateClientWithoutSolver()), new Mailbox(app, "http://localhost"));

    /// <summary>Holds a time as an API client does: a challenge from the API, solved, sent in the headers.</summary>
    private static async Task<BookingChangedDto> HoldAsync(TerminagentClient api, FreeTimeDto time, string email)
    {
        var challenge = await api.GetChallengeAsync("booking");
        return await api.HoldAppointmentAsync(challenge.Challenge, ProofOfWork.Solve(challenge.Challenge, challenge.Difficulty), new CreateBookingRequest
        {
            ServiceId = Scenario.Service,
            OfficeId = time.OfficeId,
            Start = time.Start,
            Name = "Erika Mustermann",
            Email = email,
            Language = "en",
        });
    }
}
