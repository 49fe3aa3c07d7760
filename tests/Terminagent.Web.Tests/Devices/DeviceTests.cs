using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Terminagent.Data;
using Terminagent.Domain.Links;
using Terminagent.Domain.Staff;
using Terminagent.Web.Features.Devices;
using Terminagent.Web.Tests.Infrastructure;

namespace Terminagent.Web.Tests.Devices;

/// <summary>Office managers issue kiosks and call displays; a tablet activates one by its link; a revoked one is forgotten.</summary>
public sealed partial class DeviceTests
{
    private const string Office = "hauptbahnhof";

    private static Task<HttpResponseMessage> IssueAsync(HttpClient manager, string office, string kind, string name) =>
        Forms.PostAsync(manager, $"/staff/devices/{office}", $"/staff/devices/{office}?handler=issue", ("kind", kind), ("name", name));

    private static Task<HttpResponseMessage> RevokeAsync(HttpClient manager, string office, Guid device) =>
        Forms.PostAsync(manager, "/staff/password", $"/staff/devices/{office}?handler=revoke", ("device", device.ToString()));

    private static HttpClient Tablet(TestApp app) =>
        app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    private static async Task<(Device Device, string Token, string Html)> IssuedAsync(TestApp app, HttpClient manager, string kind, string name, string office = Office)
    {
        using var response = await IssueAsync(manager, office, kind, name);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var token = LinkPattern().Match(html).Groups[1].Value;
        await using var db = app.NewDb();
        return (await db.Devices.AsNoTracking().SingleAsync(d => d.Name == name), token, html);
    }

    private static async Task<Device> DeviceAsync(TestApp app, Guid id)
    {
        await using var db = app.NewDb();
        return await db.Devices.AsNoTracking().SingleAsync(d => d.Id == id);
    }

    /// <summary>What <see cref="DeviceRegistry"/> makes of a request that carries the device cookie.</summary>
    private static Task<Device?> RecognisedAsync(TestApp app, DeviceKind kind, string token, string office = Office) =>
        app.InScopeAsync(sp =>
        {
            var http = new DefaultHttpContext();
            http.Request.Headers.Cookie = $"{DeviceRegistry.CookieName(kind)}={token}";
            return sp.GetRequiredService<DeviceRegistry>().FindForRequestAsync(http, office, kind, CancellationToken.None);
        });

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task IssuedKiosk_ShowsItsLinkAndQrCodeOnce_AndStoresOnlyTheHash(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var (manager, login) = await StaffSessions.SignedInAsync(app, StaffRole.OfficeManager, Office);

        var (device, token, html) = await IssuedAsync(app, manager, "Kiosk", "Eingang links");

        Assert.Contains($"http://localhost/devices/activate?token={token}", html, StringComparison.Ordinal);
        Assert.Contains("src=\"data:image/png;base64,", html, StringComparison.Ordinal);
        Assert.Equal(DeviceKind.Kiosk, device.Kind);
        Assert.Equal(Office, device.OfficeId);
        Assert.Equal(login.Id, device.IssuedBy);
        Assert.Equal(LinkToken.HashOf(token), device.TokenHash);
        Assert.Null(device.ActivatedAt);

        var list = await manager.GetStringAsync($"/staff/devices/{Office}");
        Assert.Contains("Eingang links", list, StringComparison.Ordinal);
        Assert.DoesNotContain(token, list, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task OpeningTheActivationLink_ChangesNothing_ThePressedButtonActivatesTheKiosk(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var (manager, _) = await StaffSessions.SignedInAsync(app, StaffRole.OfficeManager, Office);
        var (device, token, _) = await IssuedAsync(app, manager, "Kiosk", "Eingang");
        using var tablet = Tablet(app);

        using var opened = await tablet.GetAsync($"/devices/activate?token={token}");
        var page = await opened.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, opened.StatusCode);
        Assert.Contains("Dieses Gerät als Kiosk für Bürgerbüro Hauptbahnhof einrichten", page, StringComparison.Ordinal);
        Assert.False(opened.Headers.TryGetValues("Set-Cookie", out var cookies) && cookies.Any(c => c.StartsWith("terminagent-kiosk", StringComparison.Ordinal)));
        Assert.Null((await DeviceAsync(app, device.Id)).ActivatedAt);

        using var activated = await Forms.PostAsync(tablet, $"/devices/activate?token={token}", "/devices/activate", ("token", token));

        Assert.Equal(HttpStatusCode.Redirect, activated.StatusCode);
        Assert.Equal("/kiosk/hauptbahnhof", activated.Headers.Location!.OriginalString);
        Assert.Contains(activated.Headers.GetValues("Set-Cookie"), c => c.StartsWith($"terminagent-kiosk={token}", StringComparison.Ordinal) && c.Contains("httponly", StringComparison.OrdinalIgnoreCase));
        Assert.Equal(app.Now, (await DeviceAsync(app, device.Id)).ActivatedAt);
        Assert.Equal(device.Id, (await RecognisedAsync(app, DeviceKind.Kiosk, token))?.Id);
        Assert.Null(await RecognisedAsync(app, DeviceKind.Kiosk, token, "bilk"));
        Assert.Null(await RecognisedAsync(app, DeviceKind.CallDisplay, token));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task CallDisplay_IsActivatedForTheDisplayPage(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var (admin, _) = await StaffSessions.SignedInAsync(app, StaffRole.Administrator);
        var (device, token, _) = await IssuedAsync(app, admin, "CallDisplay", "Wartebereich", "unterbach");
        using var tablet = Tablet(app);

        Assert.Contains("Dieses Gerät als Aufrufanzeige für Bürgerbüro Unterbach einrichten", await tablet.GetStringAsync($"/devices/activate?token={token}"), StringComparison.Ordinal);
        using var activated = await Forms.PostAsync(tablet, $"/devices/activate?token={token}", "/devices/activate", ("token", token));

        Assert.Equal("/display/unterbach", activated.Headers.Location!.OriginalString);
        Assert.Equal(device.Id, (await RecognisedAsync(app, DeviceKind.CallDisplay, token, "unterbach"))?.Id);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Revoking_AsksFirst_ThenRevokes(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var (manager, _) = await StaffSessions.SignedInAsync(app, StaffRole.OfficeManager, Office);
        var (device, _, _) = await IssuedAsync(app, manager, "Kiosk", "Eingang");

        // "Sperren" in the list is a link to a confirming step, apart from (and before) the form that issues devices.
        var list = await manager.GetStringAsync($"/staff/devices/{Office}");
        var step = $"/staff/devices/{Office}/revoke/{device.Id}";
        Assert.DoesNotContain("handler=revoke", list, StringComparison.Ordinal);
        Assert.Matches($"<a class=\"danger-link\"[^>]* href=\"{step}\"", list);
        Assert.True(list.IndexOf(step, StringComparison.Ordinal) < list.IndexOf("handler=issue", StringComparison.Ordinal));

        using var asked = await manager.GetAsync(step);
        var askedHtml = await asked.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, asked.StatusCode);
        Assert.Null((await DeviceAsync(app, device.Id)).RevokedAt);
        Assert.Contains("Gerät sperren?", askedHtml, StringComparison.Ordinal);
        Assert.Contains("<dd>Eingang</dd>", askedHtml, StringComparison.Ordinal);
        Assert.Contains("Ja, sperren", askedHtml, StringComparison.Ordinal);
        Assert.Contains($"href=\"/staff/devices/{Office}\">Nein, zurück zu den Geräten</a>", askedHtml, StringComparison.Ordinal);
        var action = WebUtility.HtmlDecode(Assert.Single(Regex.Matches(askedHtml, "<form method=\"post\" action=\"([^\"]+)\"")).Groups[1].Value);

        using var revoked = await manager.PostAsync(action, Forms.Form(Forms.TokenIn(askedHtml)!, ("device", device.Id.ToString())));
        Assert.Equal(HttpStatusCode.Redirect, revoked.StatusCode);
        Assert.Equal(app.Now, (await DeviceAsync(app, device.Id)).RevokedAt);

        // A revoked device has no step any more; the list shows it revoked.
        using var again = await manager.GetAsync(step);
        Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
        Assert.DoesNotContain(step, await manager.GetStringAsync($"/staff/devices/{Office}"), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task RevokedDevice_IsNoLongerRecognised_AndItsLinkIsGone(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var (manager, _) = await StaffSessions.SignedInAsync(app, StaffRole.OfficeManager, Office);
        var (device, token, _) = await IssuedAsync(app, manager, "Kiosk", "Eingang");
        using var tablet = Tablet(app);
        using var activated = await Forms.PostAsync(tablet, $"/devices/activate?token={token}", "/devices/activate", ("token", token));
        Assert.NotNull(await RecognisedAsync(app, DeviceKind.Kiosk, token));

        using var revoked = await RevokeAsync(manager, Office, device.Id);

        Assert.Equal(HttpStatusCode.Redirect, revoked.StatusCode);
        Assert.Contains("Das Gerät ist gesperrt.", await manager.GetStringAsync(revoked.Headers.Location!.OriginalString), StringComparison.Ordinal);
        Assert.Equal(app.Now, (await DeviceAsync(app, device.Id)).RevokedAt);
        Assert.Null(await RecognisedAsync(app, DeviceKind.Kiosk, token));

        using var opened = await tablet.GetAsync($"/devices/activate?token={token}");
        Assert.Equal(HttpStatusCode.Gone, opened.StatusCode);
        Assert.Contains("Dieses Gerät wurde gesperrt", await opened.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        using var again = await Forms.PostAsync(tablet, "/staff/signin", "/devices/activate", ("token", token));
        Assert.Equal(HttpStatusCode.Gone, again.StatusCode);
        Assert.False(again.Headers.Contains("Set-Cookie") && again.Headers.GetValues("Set-Cookie").Any(c => c.StartsWith("terminagent-kiosk", StringComparison.Ordinal)));

        using var twice = await RevokeAsync(manager, Office, device.Id);
        Assert.Equal(HttpStatusCode.NotFound, twice.StatusCode);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Kiosk_ForAnOfficeWithoutOne_IsRefusedClearly(DatabaseProvider provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var (manager, _) = await StaffSessions.SignedInAsync(app, StaffRole.OfficeManager, "unterbach");

        using var response = await IssueAsync(manager, "unterbach", "Kiosk", "Eingang");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("Am Standort Bürgerbüro Unterbach gibt es keinen Kiosk für Wartenummern.", html, StringComparison.Ordinal);
        Assert.DoesNotContain("/devices/activate?token=", html, StringComparison.Ordinal);
        await using var db = app.NewDb();
        Assert.False(await db.Devices.AnyAsync());
    }

    [Theory]
    [InlineData("CallDisplay", "", "Bitte geben Sie dem Gerät einen Namen")]
    [InlineData("Toaster", "Küche", "Bitte wählen Sie die Art des Geräts.")]
    [InlineData("Kiosk", "ein Name, der viel zu lang ist für ein Gerät und seine kleine Liste hier", "höchstens 60 Zeichen")]
    public async Task BadEntries_IssueNothing(string kind, string name, string message)
    {
        await using var app = await TestApp.StartAsync(DatabaseProvider.Sqlite);
        var (manager, _) = await StaffSessions.SignedInAsync(app, StaffRole.OfficeManager, Office);

        using var response = await IssueAsync(manager, Office, kind, name);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(message, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        await using var db = app.NewDb();
        Assert.False(await db.Devices.AnyAsync());
    }

    [Theory]
    [InlineData("/devices/activate", "Diesen Link zum Einrichten gibt es nicht.")]
    [InlineData("/devices/activate?token=kurz", "Diesen Link zum Einrichten gibt es nicht.")]
    [InlineData("/devices/activate?token=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", "Diesen Link zum Einrichten gibt es nicht.")]
    [InlineData("/devices/activate?token=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA&lang=en", "This set-up link does not exist.")]
    public async Task UnknownOrMalformedToken_IsNotFound(string path, string message)
    {
        await using var app = await TestApp.StartAsync(DatabaseProvider.Sqlite);
        using var tablet = Tablet(app);

        using var response = await tablet.GetAsync(path);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains(message, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ManagerOfAnotherOffice_CannotRevoke()
    {
        await using var app = await TestApp.StartAsync(DatabaseProvider.Sqlite);
        var (manager, _) = await StaffSessions.SignedInAsync(app, StaffRole.OfficeManager, Office);
        var (other, _) = await StaffSessions.SignedInAsync(app, StaffRole.OfficeManager, "bilk");
        var (device, _, _) = await IssuedAsync(app, manager, "CallDisplay", "Wartebereich");

        using var refused = await RevokeAsync(other, Office, device.Id);
        using var elsewhere = await RevokeAsync(other, "bilk", device.Id);

        Assert.Equal("/staff/denied", new Uri(app.BaseAddress, refused.Headers.Location!).AbsolutePath);
        Assert.Equal(HttpStatusCode.NotFound, elsewhere.StatusCode);
        Assert.Null((await DeviceAsync(app, device.Id)).RevokedAt);
    }

    [Fact]
    public async Task UnknownOffice_IsNotFound()
    {
        await using var app = await TestApp.StartAsync(DatabaseProvider.Sqlite);
        var (admin, _) = await StaffSessions.SignedInAsync(app, StaffRole.Administrator);

        using var response = await admin.GetAsync("/staff/devices/atlantis");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [GeneratedRegex("/devices/activate\\?token=([A-Za-z0-9_-]{43})")]
    private static partial Regex LinkPattern();
}
