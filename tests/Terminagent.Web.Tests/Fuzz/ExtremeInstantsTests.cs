extern alias trust;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;
using Terminagent.Data;
using Terminagent.Domain.Staff;
using Terminagent.Web.Tests.Api;
using Terminagent.Web.Tests.Infoline;
using Terminagent.Web.Tests.Infrastructure;
using trust::Terminagent.Trust.BadInput;
using Xunit.Abstractions;

namespace Terminagent.Web.Tests.Fuzz;

/// <summary>
/// Every input that takes a date or an instant, given the ends of the calendar and offsets no
/// zone has: the API answers 400 with a ProblemDetails `code`, a page a plain message, nothing
/// answers 5xx, and not a row of the database changes.
/// </summary>
public sealed partial class ExtremeInstantsTests(ITestOutputHelper output)
{
    public static readonly string[] Days =
    [
        "0001-01-01", "9999-12-31", "0000-01-01", "0000-00-00", "-0001-01-01", "10000-01-01", "+9999-12-31", "1900-01-01", "2200-12-31",
    ];

    public static readonly string[] Instants =
    [
        "0001-01-01T00:00:00Z", "0001-01-01T00:00:00+00:00", "9999-12-31T23:59:59Z", "9999-12-31T23:59:59+00:00", "9999-12-31T23:59:59.9999999Z",
        "0001-01-01T00:00:00+14:00", "9999-12-31T23:59:59-14:00", "0001-01-01T00:00:00-14:00", "9999-12-31T23:59:59+14:00",
        "2026-12-01T08:00:00+14:01", "2026-12-01T08:00:00+23:59", "2026-12-01T08:00:00-23:59", "2026-12-01T08:00:00+99:99",
        "0000-01-01T00:00:00Z", "0000-00-00T00:00:00Z", "10000-01-01T00:00:00Z", "-0001-01-01T00:00:00Z", "1900-01-01T00:00:00Z", "2200-01-01T00:00:00Z",
    ];

    /// <summary>Times of day past the day's ends, and with an offset or a date where none belongs.</summary>
    public static readonly string[] TimesOfDay = ["24:00", "23:60", "-00:01", "99:99", "00:00:60", "08:00+14:00", "08:00Z", "0001-01-01T08:00", "9999-12-31T18:00"];

    private static IEnumerable<string> Both => Days.Concat(Instants);

    private sealed record Input(string Name, bool Api, Func<Context, string, Task<HttpResponseMessage>> Send, IEnumerable<string>? Values = null);

    private sealed class Context(TestApp app)
    {
        public TestApp App => app;
        public HttpClient Citizen { get; } = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        public HttpClient? Staff { get; set; }
        public string? ManageToken { get; set; }
        public string? WishToken { get; set; }
        public (string Code, string Name)? Caller { get; set; }
    }

    private static readonly Input[] Inputs =
    [
        new("api hold start", true, (c, v) => c.Citizen.PostAsJsonAsync("/api/v1/bookings", new { serviceId = Scenario.Service, officeId = Scenario.Office, start = v, name = "Anna Beispiel", email = "anna@example.org" })),
        new("api reschedule start", true, (c, v) => c.Citizen.PostAsJsonAsync("/api/v1/bookings/reschedule", new { token = c.ManageToken, officeId = Scenario.Office, start = v })),
        new("api free-times day", true, (c, v) => c.Citizen.GetAsync($"/api/v1/services/{Scenario.Service}/free-times?day={Uri.EscapeDataString(v)}")),
        new("api agent statistics from", true, (c, v) => c.Citizen.GetAsync($"/api/v1/statistics/agent?from={Uri.EscapeDataString(v)}")),
        new("api agent statistics to", true, (c, v) => c.Citizen.GetAsync($"/api/v1/statistics/agent?to={Uri.EscapeDataString(v)}")),
        new("api office-day statistics from", true, (c, v) => c.Citizen.GetAsync($"/api/v1/statistics/office-day?from={Uri.EscapeDataString(v)}")),
        new("api office-day statistics to", true, (c, v) => c.Citizen.GetAsync($"/api/v1/statistics/office-day?to={Uri.EscapeDataString(v)}")),
        new("api wish earliest", true, (c, v) => c.Citizen.PostAsJsonAsync("/api/v1/wishes", Wish(earliest: v))),
        new("api wish latest", true, (c, v) => c.Citizen.PostAsJsonAsync("/api/v1/wishes", Wish(latest: v))),
        new("api wish update earliest", true, (c, v) => c.Citizen.PostAsJsonAsync("/api/v1/wishes/update", WishUpdate(c.WishToken!, earliest: v))),
        new("api wish update latest", true, (c, v) => c.Citizen.PostAsJsonAsync("/api/v1/wishes/update", WishUpdate(c.WishToken!, latest: v))),
        new("api wish window", true, (c, v) => c.Citizen.PostAsJsonAsync("/api/v1/wishes", Wish(from: v)), TimesOfDay),
        new("times day", false, (c, v) => c.Citizen.GetAsync($"/times?service={Scenario.Service}&office={Scenario.Office}&day={Uri.EscapeDataString(v)}")),
        new("book start", false, (c, v) => c.Citizen.GetAsync($"/book?service={Scenario.Service}&at={Scenario.Office}&start={Uri.EscapeDataString(v)}")),
        new("book start posted", false, (c, v) => Forms.PostAsync(c.Citizen, $"/wish?service={Scenario.Service}", $"/book?service={Scenario.Service}&at={Scenario.Office}&start={Uri.EscapeDataString(v)}", ("name", "Anna Beispiel"), ("email", "anna@example.org"))),
        new("move day", false, (c, v) => c.Citizen.GetAsync($"/appointment/{c.ManageToken}/move?day={Uri.EscapeDataString(v)}")),
        new("move start", false, (c, v) => c.Citizen.GetAsync($"/appointment/{c.ManageToken}/move?at={Scenario.Office}&start={Uri.EscapeDataString(v)}")),
        new("move start posted", false, (c, v) => Forms.PostAsync(c.Citizen, $"/wish?service={Scenario.Service}", $"/appointment/{c.ManageToken}/move", ("at", Scenario.Office), ("start", v))),
        new("wish form earliest", false, (c, v) => Forms.PostAsync(c.Citizen, $"/wish?service={Scenario.Service}", "/wish", WishForm(("earliest", v)))),
        new("wish form latest", false, (c, v) => Forms.PostAsync(c.Citizen, $"/wish?service={Scenario.Service}", "/wish", WishForm(("latest", v)))),
        new("wish form window", false, (c, v) => Forms.PostAsync(c.Citizen, $"/wish?service={Scenario.Service}", "/wish", WishForm(("from-2", v), ("to-2", "18:00"))), TimesOfDay),
        new("wish manage earliest", false, (c, v) => Forms.PostAsync(c.Citizen, $"/wish/{c.WishToken}", $"/wish/{c.WishToken}?handler=update", WishForm(("earliest", v)))),
        new("wish manage latest", false, (c, v) => Forms.PostAsync(c.Citizen, $"/wish/{c.WishToken}", $"/wish/{c.WishToken}?handler=update", WishForm(("latest", v)))),
        new("infoline day", false, (c, v) => c.Staff!.GetAsync($"/infoline?service={Scenario.Service}&day={Uri.EscapeDataString(v)}")),
        new("infoline book start", false, (c, v) => c.Staff!.GetAsync($"/infoline/book?service={Scenario.Service}&at={Scenario.Office}&start={Uri.EscapeDataString(v)}")),
        new("infoline book start posted", false, (c, v) => Forms.PostAsync(c.Staff!, "/infoline/booking", $"/infoline/book?service={Scenario.Service}&at={Scenario.Office}&start={Uri.EscapeDataString(v)}", ("name", "Anna Beispiel"), ("phone", "0211 123456"), ("emaillanguage", "de"))),
        new("infoline booking day", false, (c, v) => Forms.PostAsync(c.Staff!, "/infoline/booking", "/infoline/booking", ("code", c.Caller!.Value.Code), ("name", c.Caller.Value.Name), ("day", v))),
        new("infoline booking move start", false, (c, v) => Forms.PostAsync(c.Staff!, "/infoline/booking", "/infoline/booking?handler=move", ("code", c.Caller!.Value.Code), ("name", c.Caller.Value.Name), ("at", Scenario.Office), ("start", v))),
        new("infoline wish earliest", false, (c, v) => Forms.PostAsync(c.Staff!, $"/infoline/wish?service={Scenario.Service}", "/infoline/wish", [.. WishForm(("earliest", v)), ("emaillanguage", "de")])),
        new("infoline wish latest", false, (c, v) => Forms.PostAsync(c.Staff!, $"/infoline/wish?service={Scenario.Service}", "/infoline/wish", [.. WishForm(("latest", v)), ("emaillanguage", "de")])),
        new("statistics from", false, (c, v) => c.Staff!.GetAsync($"/staff/statistics?from={Uri.EscapeDataString(v)}")),
        new("statistics to", false, (c, v) => c.Staff!.GetAsync($"/staff/statistics?to={Uri.EscapeDataString(v)}")),
        new("statistics csv from", true, (c, v) => c.Staff!.GetAsync($"/staff/statistics/export/agent.csv?from={Uri.EscapeDataString(v)}")),
        new("statistics csv to", true, (c, v) => c.Staff!.GetAsync($"/staff/statistics/export/appointments.csv?to={Uri.EscapeDataString(v)}")),
        new("closed day added", false, (c, v) => Forms.PostAsync(c.Staff!, $"/staff/administration/offices/{Scenario.Office}/closed-days", $"/staff/administration/offices/{Scenario.Office}/closed-days?handler=add", ("day", v), ("confirmed", "true"))),
        new("closed day removed", false, (c, v) => Forms.PostAsync(c.Staff!, $"/staff/administration/offices/{Scenario.Office}/closed-days", $"/staff/administration/offices/{Scenario.Office}/closed-days?handler=remove", ("day", v), ("confirmed", "true"))),
        new("holidays taken", false, (c, v) => Forms.PostAsync(c.Staff!, $"/staff/administration/offices/{Scenario.Office}/closed-days", $"/staff/administration/offices/{Scenario.Office}/closed-days?handler=holidays", ("year", "2027"), ("holiday", v), ("confirmed", "true"))),
    ];

    public static TheoryData<string, DatabaseProvider> Cases()
    {
        var data = new TheoryData<string, DatabaseProvider>();
        foreach (var input in Inputs)
        {
            foreach (var provider in new[] { DatabaseProvider.Sqlite, DatabaseProvider.Postgres })
            {
                data.Add(input.Name, provider);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task ExtremeInstants_AreRefusedPlainly_AndChangeNothing(string name, DatabaseProvider provider)
    {
        var input = Inputs.Single(i => i.Name == name);
        await using var app = await TestApp.StartAsync(provider);
        var context = new Context(app);
        await PrepareAsync(context, name);
        DatabaseSnapshot before;
        await using (var db = app.NewDb())
        {
            before = await DatabaseSnapshot.TakeAsync(db);
        }

        var wrong = new List<string>();
        foreach (var value in input.Values ?? Both)
        {
            using var response = await input.Send(context, value);
            var text = await response.Content.ReadAsStringAsync();
            var media = response.Content.Headers.ContentType?.MediaType;
            output.WriteLine($"{value} -> {(int)response.StatusCode} {media} {Shorten(text)}");
            var status = (int)response.StatusCode;
            var answered = input.Api
                ? status == 400 && media == "application/problem+json" && CodeIn(text) is { Length: > 0 }
                : status is 200 or 400 && media == "text/html" && HasPlainMessage(text) && !text.Contains("schiefgegangen", StringComparison.Ordinal);
            if (!answered)
            {
                wrong.Add($"{value} -> {status} {media} {Shorten(text)}");
            }
        }

        DatabaseSnapshot after;
        await using (var db = app.NewDb())
        {
            after = await DatabaseSnapshot.TakeAsync(db);
        }

        Assert.Empty(wrong);
        Assert.Empty(before.DifferencesTo(after));
    }

    private static string? CodeIn(string json)
    {
        using var problem = JsonDocument.Parse(json);
        return problem.RootElement.TryGetProperty("code", out var code) ? code.GetString() : null;
    }

    /// <summary>A page's refusal: an alert that says in words what is wrong (the page's message, or its form's list of errors).</summary>
    private static bool HasPlainMessage(string html)
    {
        var alert = html.IndexOf("role=\"alert\"", StringComparison.Ordinal);
        if (alert < 0)
        {
            return false;
        }

        var end = html.IndexOf("</div>", alert, StringComparison.Ordinal);
        var words = Tags().Replace(html[alert..(end < 0 ? html.Length : end)], " ");
        return words.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length >= 5;
    }

    [GeneratedRegex("<[^>]*>|role=\"alert\"[^>]*>")]
    private static partial Regex Tags();

    private static string Shorten(string text)
    {
        var alert = text.IndexOf("role=\"alert\"", StringComparison.Ordinal);
        if (alert >= 0)
        {
            return text.Substring(alert, Math.Min(300, text.Length - alert));
        }

        var title = text.IndexOf("<h1", StringComparison.Ordinal);
        if (title >= 0)
        {
            return text.Substring(title, Math.Min(200, text.Length - title));
        }

        return text.Length > 300 ? text[..300] : text;
    }

    private static async Task PrepareAsync(Context c, string name)
    {
        if (name.Contains("reschedule", StringComparison.Ordinal) || name.StartsWith("move", StringComparison.Ordinal))
        {
            var booked = await WishScenario.BookAndConfirmAsync(c.App, new Mailbox(c.App, "http://localhost"), "bernd@example.org", daysAhead: 2);
            c.ManageToken = booked.Token;
        }

        if (name.Contains("wish update", StringComparison.Ordinal) || name.StartsWith("wish manage", StringComparison.Ordinal))
        {
            c.WishToken = await WishScenario.LeaveAndConfirmAsync(c.Citizen, new Mailbox(c.App, "http://localhost"), "wilma@example.org");
        }

        if (name.StartsWith("infoline", StringComparison.Ordinal))
        {
            var kit = await InfolineKit.SignInAsync(c.App);
            c.Staff = kit.Client;
            if (name.StartsWith("infoline booking", StringComparison.Ordinal))
            {
                var booking = await kit.BookedAsync(await kit.FreeTimeAsync(daysAhead: 2), "Carla Beispiel", phone: "0211 123456");
                c.Caller = (booking.Code, "Carla Beispiel");
            }
        }
        else if (name.StartsWith("statistics", StringComparison.Ordinal) || name.Contains("closed day", StringComparison.Ordinal) || name.StartsWith("holidays", StringComparison.Ordinal))
        {
            (c.Staff, _) = await StaffSessions.SignedInAsync(c.App, StaffRole.Administrator);
        }
    }

    private static object Wish(string? earliest = null, string? latest = null, string from = "08:00") => new
    {
        serviceId = Scenario.Service,
        officeIds = new[] { Scenario.Office },
        weekdays = new[] { 1, 2, 3, 4, 5 },
        windows = new[] { new { from, to = "18:00" } },
        earliest,
        latest,
        name = "Anna Beispiel",
        email = "anna@example.org",
    };

    private static object WishUpdate(string token, string? earliest = null, string? latest = null) => new
    {
        token,
        officeIds = new[] { Scenario.Office },
        weekdays = new[] { 1, 2, 3, 4, 5 },
        windows = new[] { new { from = "08:00", to = "18:00" } },
        earliest,
        latest,
    };

    private static (string Name, string Value)[] WishForm(params (string Name, string Value)[] more) =>
    [
        ("service", Scenario.Service), ("office", Scenario.Office),
        ("day", "1"), ("day", "2"), ("day", "3"), ("day", "4"), ("day", "5"),
        ("from-1", "08:00"), ("to-1", "18:00"),
        ("name", "Anna Beispiel"), ("email", "anna@example.org"),
        .. more,
    ];
}
