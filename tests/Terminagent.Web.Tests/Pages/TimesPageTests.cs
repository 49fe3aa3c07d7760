using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using Terminagent.Data;
using Terminagent.Domain.Cities;
using Terminagent.Domain.Slots;
using Terminagent.Engine.Texts;
using Terminagent.Web.Tests.Infrastructure;

namespace Terminagent.Web.Tests.Pages;

/// <summary>
/// The free-times page a day at a time: a strip of the days with free times and their counts, the
/// chosen day's times under each office's name, and a shortcut to the earliest time. What the page
/// should show is worked out here from the slots in the database with the domain's rule.
/// </summary>
public sealed class TimesPageTests
{
    private const string Page = "/times?service=personalausweis&office=hauptbahnhof&office=bilk";
    private static readonly string[] ChosenOffices = ["hauptbahnhof", "bilk"];
    private static readonly HtmlParser Parser = new();

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task DayStrip_ListsEveryDayWithItsCount_AndTheFirstDaysTimesUnderEachOfficeOnce(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        await HoldSomeTimesAsync(app);
        var free = await FreeTimesFromTheDatabaseAsync(app);
        var firstDay = free.Min(t => t.Date);
        using var client = app.CreateClient();

        var page = Parser.ParseDocument(await client.GetStringAsync(Page));

        Assert.Equal(Strip(free), StripOf(page));
        var current = Assert.Single(page.QuerySelectorAll("ul.day-strip a[aria-current]"));
        Assert.Equal("date", current.GetAttribute("aria-current"));
        Assert.Equal(Iso(firstDay), DayIn(current));
        Assert.Equal(TimeFormat.Day(firstDay, "de"), page.QuerySelector("h2#shown-day")?.TextContent);

        var city = app.Services.GetRequiredService<City>();
        var sections = page.QuerySelectorAll("section.office-times");
        Assert.Equal(ChosenOffices.Select(o => city.FindOffice(o)!.Name), sections.Select(s => s.QuerySelector("h3")?.TextContent));
        foreach (var (section, officeId) in sections.Zip(ChosenOffices))
        {
            var office = city.FindOffice(officeId)!;
            Assert.Single(page.QuerySelectorAll("h3"), h => h.TextContent == office.Name);
            var expected = free.Where(t => t.Date == firstDay && t.OfficeId == officeId).OrderBy(t => t.Start).ToList();
            Assert.NotEmpty(expected);
            var buttons = section.QuerySelectorAll("ul.times a.button");
            Assert.Equal(expected.Select(t => (officeId, t.Start)), buttons.Select(b => TimeIn(b.GetAttribute("href")!)));
            Assert.Equal(expected.Select(t => TimeFormat.Time(t.Start, office)), buttons.Select(VisibleText));
        }
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task DayInTheAddress_ChoosesThatDay_AndADayWithoutFreeTimesSaysSo(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        await HoldSomeTimesAsync(app);
        var free = await FreeTimesFromTheDatabaseAsync(app);
        var days = free.Select(t => t.Date).Distinct().Order().ToList();
        var third = days[2];
        using var client = app.CreateClient();

        var page = Parser.ParseDocument(await client.GetStringAsync($"{Page}&day={Iso(third)}"));

        Assert.Equal(Strip(free), StripOf(page));
        Assert.Equal(Iso(third), DayIn(Assert.Single(page.QuerySelectorAll("ul.day-strip a[aria-current]"))));
        Assert.Equal(TimeFormat.Day(third, "de"), page.QuerySelector("h2#shown-day")?.TextContent);
        Assert.Equal(
            free.Where(t => t.Date == third).OrderBy(t => Array.IndexOf(ChosenOffices, t.OfficeId)).ThenBy(t => t.Start).Select(t => (t.OfficeId, t.Start)),
            page.QuerySelectorAll("ul.times a.button").Select(b => TimeIn(b.GetAttribute("href")!)));

        var sunday = Enumerable.Range(0, 7).Select(third.PlusDays).First(d => d.DayOfWeek == IsoDayOfWeek.Sunday);
        Assert.DoesNotContain(sunday, days);
        using var response = await client.GetAsync($"{Page}&day={Iso(sunday)}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var empty = Parser.ParseDocument(await response.Content.ReadAsStringAsync());
        Assert.Equal(TimeFormat.Day(sunday, "de"), empty.QuerySelector("h2#shown-day")?.TextContent);
        Assert.Contains("An diesem Tag ist kein Termin frei.", empty.QuerySelector("section.day [role=status]")?.TextContent, StringComparison.Ordinal);
        Assert.Empty(empty.QuerySelectorAll("ul.times"));
        Assert.Empty(empty.QuerySelectorAll("ul.day-strip a[aria-current]"));
        Assert.Equal(Strip(free), StripOf(empty));
        Assert.NotNull(empty.QuerySelector("p.earliest a.button"));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task EarliestShortcut_BooksTheEarliestFreeTimeOfAllDays(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        await HoldSomeTimesAsync(app);
        var free = await FreeTimesFromTheDatabaseAsync(app);
        var earliest = free.OrderBy(t => t.Start).ThenBy(t => t.OfficeId, StringComparer.Ordinal).First();
        var office = app.Services.GetRequiredService<City>().FindOffice(earliest.OfficeId)!;
        var laterDay = free.Select(t => t.Date).Distinct().Order().ElementAt(1);
        using var client = app.CreateClient();

        // Looking at a later day, the shortcut still leads to the earliest time of all.
        var page = Parser.ParseDocument(await client.GetStringAsync($"{Page}&day={Iso(laterDay)}"));
        var shortcut = page.QuerySelector("p.earliest") ?? throw new InvalidOperationException("No earliest shortcut.");
        Assert.Contains($"{TimeFormat.DateAndTime(earliest.Start, office, "de")} Uhr, {office.Name}", shortcut.TextContent, StringComparison.Ordinal);
        var link = shortcut.QuerySelector("a.button")!;
        Assert.Equal("Frühesten Termin buchen", link.TextContent);
        var href = link.GetAttribute("href")!;
        Assert.Equal((earliest.OfficeId, earliest.Start), TimeIn(href));

        var query = QueryHelpers.ParseQuery(new Uri(new Uri("http://localhost"), href).Query);
        using var held = await Forms.PostAsync(
            client, href, null,
            [("service", query["service"]!), ("at", query["at"]!), ("start", query["start"]!),
             .. query["office"].Select(o => ("office", o!)), ("name", "Erika Mustermann"), ("email", "erika@example.org")]);
        Assert.Equal(HttpStatusCode.OK, held.StatusCode);
        Assert.Contains("Fast geschafft", await held.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        await using var db = app.NewDb();
        var booking = Assert.Single(await db.Bookings.AsNoTracking().ToListAsync(), b => b.Name == "Erika Mustermann");
        Assert.Equal((earliest.OfficeId, earliest.Start), (booking.OfficeId, booking.Start));
    }

    /// <summary>Holds the first time at the Hauptbahnhof and one on the third day at Bilk, so counts are not just the plan's.</summary>
    private static async Task HoldSomeTimesAsync(TestApp app)
    {
        var first = await Scenario.FirstFreeTimeAsync(app);
        var atBilk = (await Scenario.FreeTimesAsync(app, officeId: "bilk")).GroupBy(t => t.Date).ElementAt(2).First();
        foreach (var (time, email) in new[] { (first, "anna@example.org"), (atBilk, "bernd@example.org") })
        {
            var held = await app.BookingsAsync(b => b.HoldAsync(Scenario.Service, time.OfficeId, time.Start, "Jemand", email, null, "de", null, default));
            Assert.True(held.Succeeded, held.Failure?.ToString());
        }
    }

    /// <summary>Every free time of the chosen offices, from the slots as the database has them and the domain's rule.</summary>
    private static async Task<List<FreeTime>> FreeTimesFromTheDatabaseAsync(TestApp app)
    {
        var city = app.Services.GetRequiredService<City>();
        await using var db = app.NewDb();
        var slots = await db.Slots.AsNoTracking().Where(s => ChosenOffices.Contains(s.OfficeId)).ToListAsync();
        return FreeTimes.Find(slots, city.SlotsNeeded(city.FindService(Scenario.Service)!), Taker.Citizen, app.Now).ToList();
    }

    private static List<(string Day, string Count)> Strip(List<FreeTime> free) =>
        free.GroupBy(t => t.Date).OrderBy(g => g.Key).Select(g => (Iso(g.Key), $"{g.Count()} frei")).ToList();

    private static List<(string Day, string Count)> StripOf(IDocument page) =>
        page.QuerySelectorAll("nav ul.day-strip a").Select(a => (DayIn(a), a.QuerySelector(".day-count")!.TextContent)).ToList();

    private static string DayIn(IElement link) =>
        QueryHelpers.ParseQuery(new Uri(new Uri("http://localhost"), link.GetAttribute("href")).Query)["day"].ToString();

    private static (string Office, Instant Start) TimeIn(string bookLink)
    {
        Assert.StartsWith("/book?service=personalausweis&", bookLink, StringComparison.Ordinal);
        var query = QueryHelpers.ParseQuery(new Uri(new Uri("http://localhost"), bookLink).Query);
        Assert.Equal(ChosenOffices, query["office"].ToArray());
        return (query["at"].ToString(), NodaTime.Text.InstantPattern.General.Parse(query["start"].ToString()).Value);
    }

    /// <summary>What a sighted citizen reads on a button, without what is there for screen readers only.</summary>
    private static string VisibleText(IElement element) =>
        string.Concat(element.ChildNodes.Where(n => n is not IElement e || !e.ClassList.Contains("visually-hidden")).Select(n => n.TextContent)).Trim();

    private static string Iso(LocalDate day) => day.ToString("yyyy-MM-dd", null);
}
