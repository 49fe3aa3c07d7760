using Terminagent.Engine.Database;
using Terminagent.Engine.Schedule;

namespace Terminagent.Web.Database;

/// <summary>
/// Migrates the database and plans the schedule before the app serves its first request; as a
/// hosted service registered first, it runs the same way in production and under the test host.
/// </summary>
public sealed class StartupPreparation(IServiceProvider services, IConfiguration configuration) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await services.PrepareDatabaseAsync(cancellationToken);
        if (configuration["Schedule:SyncOnStart"] != "false")
        {
            await services.GetRequiredService<ScheduleSync>().SyncAsync(cancellationToken);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
