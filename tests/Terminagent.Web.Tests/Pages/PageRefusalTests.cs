using System.Net;
using Terminagent.Data;
using Terminagent.Web.Tests.Infrastructure;

namespace Terminagent.Web.Tests.Pages;

/// <summary>Pages answer bad requests with a plain message in the citizen's language and change nothing.</summary>
public sealed class PageRefusalTests
{
    [Theory]
    [InlineData("/nowhere", HttpStatusCode.NotFound, "Seite nicht gefunden")]
    [InlineData("/nowhere?lang=en", HttpStatusCode.NotFound, "Page not found")]
    [InlineData("/times?service=nothing&office=bilk", HttpStatusCode.NotFound, "Diese Dienstleistung gibt es nicht")]
    [InlineData("/times?service=personalausweis&office=atlantis", HttpStatusCode.NotFound, "Diesen Standort gibt es nicht")]
    [InlineData("/times?service=beglaubigung&office=unterbach", HttpStatusCode.BadRequest, "bietet die gewählte Dienstleistung nicht an")]
    [InlineData("/book?service=personalausweis&at=bilk&start=gestern", HttpStatusCode.BadRequest, "Zu dieser Zeit gibt es keinen Termin")]
    [InlineData("/confirm/not-a-token", HttpStatusCode.NotFound, "Dieser Link ist ungültig")]
    [InlineData("/appointment/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", HttpStatusCode.NotFound, "Dieser Link ist ungültig")]
    [InlineData("/appointment/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA?lang=en", HttpStatusCode.NotFound, "This link is not valid")]
    public async Task BadAddress_ShowsAPlainMessage(string path, HttpStatusCode status, string text)
    {
        await using var app = await TestApp.StartAsync(DatabaseProvider.Sqlite);
        using var client = app.CreateClient();

        using var response = await client.GetAsync(path);

        Assert.Equal(status, response.StatusCode);
        Assert.Contains(text, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task PostWithoutFormToken_IsRefusedWithAPage_AndChangesNothing()
    {
        await using var app = await TestApp.StartAsync(DatabaseProvider.Sqlite);
        using var client = app.CreateClient();
        var time = await Scenario.FirstFreeTimeAsync(app);

        using var response = await client.PostAsync(
            $"/book?service=personalausweis&at=hauptbahnhof&start={Uri.EscapeDataString(NodaTime.Text.InstantPattern.General.Format(time.Start))}",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["name"] = "Erika", ["email"] = "erika@example.org" }));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("Bitte laden Sie die Seite neu", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        await using var db = app.NewDb();
        Assert.Empty(db.Bookings);
    }
}
