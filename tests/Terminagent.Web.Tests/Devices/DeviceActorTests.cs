using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Terminagent.Data;
using Terminagent.Domain.Staff;
using Terminagent.Engine.Audit;
using Terminagent.Web.Tests.Infrastructure;
using Terminagent.Web.Tests.Kiosk;

namespace Terminagent.Web.Tests.Devices;

/// <summary>Who the engine is told acts when a kiosk or call display asks: the device, once its cookie is recognised.</summary>
public sealed class DeviceActorTests
{
    [Fact]
    public async Task KioskWithItsCookie_ActsAsTheDevice()
    {
        var actors = new ActorsByPath();
        await using var app = await TestApp.StartAsync(DatabaseProvider.Sqlite, configure: actors.AddTo);
        var token = await KioskKit.IssueKioskAsync(app);
        using var kiosk = KioskKit.Client(app, token);

        using var response = await kiosk.GetAsync("/kiosk/hauptbahnhof");

        response.EnsureSuccessStatusCode();
        Assert.Equal(Actor.Device("Eingang"), actors.Of("/kiosk/hauptbahnhof"));
    }

    [Theory]
    [InlineData(null, DeviceKind.Kiosk)]
    [InlineData("altstadt", DeviceKind.Kiosk)]
    [InlineData("hauptbahnhof", DeviceKind.CallDisplay)]
    public async Task WithoutTheOfficesKioskCookie_ActsAsACitizen(string? tokenOffice, DeviceKind kind)
    {
        var actors = new ActorsByPath();
        await using var app = await TestApp.StartAsync(DatabaseProvider.Sqlite, configure: actors.AddTo);
        var token = tokenOffice is null ? null : await KioskKit.IssueKioskAsync(app, tokenOffice, kind);
        using var browser = KioskKit.Client(app, token, kind);

        using var response = await browser.GetAsync("/kiosk/hauptbahnhof");

        Assert.Equal(Actor.Citizen, actors.Of("/kiosk/hauptbahnhof"));
    }

    [Fact]
    public async Task CallDisplayWithItsCookie_ActsAsTheDevice()
    {
        var actors = new ActorsByPath();
        await using var app = await TestApp.StartAsync(DatabaseProvider.Sqlite, configure: actors.AddTo);
        var token = await KioskKit.IssueKioskAsync(app, kind: DeviceKind.CallDisplay);
        using var display = KioskKit.Client(app, token, DeviceKind.CallDisplay);

        using var response = await display.GetAsync("/display/hauptbahnhof");

        response.EnsureSuccessStatusCode();
        Assert.Equal(Actor.Device("Eingang"), actors.Of("/display/hauptbahnhof"));
    }

    /// <summary>The actor each request ended with, read from the request's own scope as it returns.</summary>
    private sealed class ActorsByPath : IStartupFilter
    {
        private readonly ConcurrentDictionary<string, Actor> actors = new();

        public void AddTo(IWebHostBuilder builder) =>
            builder.ConfigureServices(services => services.AddSingleton<IStartupFilter>(this));

        public Actor? Of(string path) => actors.GetValueOrDefault(path);

        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use(async (context, nextMiddleware) =>
            {
                await nextMiddleware(context);
                actors[context.Request.Path] = context.RequestServices.GetRequiredService<ActorScope>().Current;
            });
            next(app);
        };
    }
}
