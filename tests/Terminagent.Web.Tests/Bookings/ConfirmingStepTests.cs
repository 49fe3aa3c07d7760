using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;
using Terminagent.Data;
using Terminagent.Domain.Bookings;
using Terminagent.Web.Tests.Api;
using Terminagent.Web.Tests.Infrastructure;

namespace Terminagent.Web.Tests.Bookings;

/// <summary>
/// Acts that cannot be undone ask first: the click on the page only opens a confirming step
/// that says what will happen, and only that step's button (a POST) acts.
/// </summary>
public sealed partial class ConfirmingStepTests
{
    private const string Email = "bernd@example.org";

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Cancelling_AsksFirst_ThenCancels(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        using var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var booked = await WishScenario.BookAndConfirmAsync(app, new Mailbox(app, "http://localhost"), Email, daysAhead: 2);

        var manage = await client.GetStringAsync($"/appointment/{booked.Token}");
        Assert.DoesNotContain("handler=cancel", manage, StringComparison.Ordinal);
        var step = LinkNamed(manage, "Termin absagen");
        Assert.Equal($"/appointment/{booked.Token}/cancel", step);

        using var asked = await client.GetAsync(step);
        var askedHtml = await asked.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, asked.StatusCode);
        Assert.Equal(BookingStatus.Confirmed, (await Scenario.BookingAsync(app, booked.BookingId)).Status);
        Assert.Contains("Termin absagen?", askedHtml, StringComparison.Ordinal);
        Assert.Contains("Bernd Beispiel", askedHtml, StringComparison.Ordinal);
        Assert.Contains("Ja, absagen", askedHtml, StringComparison.Ordinal);
        Assert.Equal($"/appointment/{booked.Token}", LinkNamed(askedHtml, "Nein, Termin behalten"));

        using var cancelled = await client.PostAsync(FormAction(askedHtml), Forms.Form(Forms.TokenIn(askedHtml)!));
        Assert.Equal(HttpStatusCode.Redirect, cancelled.StatusCode);
        Assert.Equal($"/appointment/{booked.Token}?cancelled=true", cancelled.Headers.Location?.OriginalString);
        Assert.Equal(BookingStatus.Cancelled, (await Scenario.BookingAsync(app, booked.BookingId)).Status);
        await Scenario.AssertCapacityConsistentAsync(app);

        // Once cancelled, the step no longer offers to cancel.
        using var again = await client.GetAsync(step);
        Assert.Equal(HttpStatusCode.Gone, again.StatusCode);
        Assert.DoesNotContain("Ja, absagen", await again.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Moving_AsksFirst_ThenMoves(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        using var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var booked = await WishScenario.BookAndConfirmAsync(app, new Mailbox(app, "http://localhost"), Email, daysAhead: 2);

        var times = await client.GetStringAsync($"/appointment/{booked.Token}/move");
        Assert.DoesNotContain("method=\"post\"", times, StringComparison.Ordinal);
        var step = WebUtility.HtmlDecode(TimeLink().Match(times).Groups[1].Value);
        Assert.StartsWith($"/appointment/{booked.Token}/move?at=", step, StringComparison.Ordinal);

        using var asked = await client.GetAsync(step);
        var askedHtml = await asked.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, asked.StatusCode);
        Assert.Equal(booked.Start, (await Scenario.BookingAsync(app, booked.BookingId)).Start);
        Assert.Contains("Termin verlegen?", askedHtml, StringComparison.Ordinal);
        Assert.Contains("Ja, verlegen", askedHtml, StringComparison.Ordinal);
        Assert.Equal($"/appointment/{booked.Token}/move", LinkNamed(askedHtml, "Nein, eine andere Zeit wählen"));
        var at = HiddenField(askedHtml, "at");
        var start = NodaTime.Text.InstantPattern.General.Parse(HiddenField(askedHtml, "start")).Value;
        Assert.NotEqual(booked.Start, start);

        using var moved = await client.PostAsync(FormAction(askedHtml), Forms.Form(Forms.TokenIn(askedHtml)!, ("at", at), ("start", HiddenField(askedHtml, "start"))));
        Assert.Equal(HttpStatusCode.Redirect, moved.StatusCode);
        Assert.Equal($"/appointment/{booked.Token}?moved=true", moved.Headers.Location?.OriginalString);
        var now = await Scenario.BookingAsync(app, booked.BookingId);
        Assert.Equal((BookingStatus.Confirmed, start, at), (now.Status, now.Start, now.OfficeId));
        await Scenario.AssertCapacityConsistentAsync(app);
    }

    private static string HiddenField(string html, string name) =>
        WebUtility.HtmlDecode(Assert.Single(Regex.Matches(html, $"<input type=\"hidden\" name=\"{name}\" value=\"([^\"]+)\"")).Groups[1].Value);

    private static string LinkNamed(string html, string text)
    {
        var link = Assert.Single(Link().Matches(html), m => WebUtility.HtmlDecode(m.Groups[2].Value).Trim().StartsWith(text, StringComparison.Ordinal));
        return WebUtility.HtmlDecode(link.Groups[1].Value);
    }

    private static string FormAction(string html) => WebUtility.HtmlDecode(Assert.Single(PostForm().Matches(html)).Groups[1].Value);

    [GeneratedRegex("<a [^>]*href=\"([^\"]+)\"[^>]*>([^<]*)</a>")]
    private static partial Regex Link();

    [GeneratedRegex("<ul class=\"times\">\\s*<li><a [^>]*href=\"([^\"]+)\"")]
    private static partial Regex TimeLink();

    [GeneratedRegex("<form method=\"post\" action=\"([^\"]+)\"")]
    private static partial Regex PostForm();
}
