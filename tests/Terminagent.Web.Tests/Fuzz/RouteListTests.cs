extern alias trust;

using System.Text.Json;
using Terminagent.Data;
using Terminagent.Web.Tests.Infrastructure;
using trust::Terminagent.Trust.BadInput;

namespace Terminagent.Web.Tests.Fuzz;

/// <summary>
/// <c>dotnet Terminagent.Web.dll routes --json</c>, as the figures tool runs it: the same routes,
/// methods, handlers and fields as the running app's own listing, which the fuzz tests use.
/// </summary>
public sealed class RouteListTests
{
    [Fact]
    public async Task RoutesCommand_ListsWhatTheRunningAppMaps()
    {
        // The app this test project was built with: Terminagent.Web.dll is in the test's own output folder.
        var listed = await FuzzRoutes.FromAppAsync(AppContext.BaseDirectory);
        await using var app = await TestApp.StartAsync(DatabaseProvider.Sqlite);
        var running = await AppRoutes.OfAsync(app);

        Assert.Equal(JsonSerializer.Serialize(running), JsonSerializer.Serialize(listed));
        var book = Assert.Single(listed, t => t.Route.Template == "/book");
        Assert.True(book.Route.IsPage && book.Route.PostHandlers.Count > 0, "the booking page has a form");
        var hold = Assert.Single(listed, t => t.Route.Template == "/api/v1/bookings/");
        Assert.Contains("POST", hold.Route.Methods);
        Assert.Contains("email", hold.JsonNames);
        Assert.Contains(listed, t => t.Route.Template == "/appointment/{token}" && t.Route.Parameters.SequenceEqual(["token"]));
        Assert.Contains("/api/v1/bookings/", RouteList.ToText(await RouteList.ReadAsync(app.Services)), StringComparison.Ordinal);
    }
}
