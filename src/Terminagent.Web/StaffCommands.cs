using NodaTime.Text;
using Terminagent.Domain.City;
using Terminagent.Web.Database;
using Terminagent.Web.Features.Schedule;
using Terminagent.Web.Time;

namespace Terminagent.Web;

/// <summary>
/// Commands for the city's staff and IT, run with the app's own configuration:
/// <c>dotnet run --project src/Terminagent.Web -- affected-bookings</c>.
/// </summary>
public static class StaffCommands
{
    public static bool IsCommand(string[] args) => args is ["affected-bookings", ..];

    public static async Task<int> RunAsync(WebApplication app, string[] args)
    {
        // No web server and no workers: prepare the database, bring the schedule up to date, report.
        await app.Services.PrepareDatabaseAsync();
        await app.Services.GetRequiredService<ScheduleSync>().SyncAsync(CancellationToken.None);
        await using var scope = app.Services.CreateAsyncScope();
        var city = scope.ServiceProvider.GetRequiredService<City>();
        var now = scope.ServiceProvider.GetRequiredService<Clock>().Now;
        var affected = await scope.ServiceProvider.GetRequiredService<AffectedBookings>().ListAsync(now, CancellationToken.None);
        if (affected.Count == 0)
        {
            Console.WriteLine("No booking is affected by changes of the schedule.");
            return 0;
        }

        Console.WriteLine($"{affected.Count} bookings need a decision: the schedule no longer has room for them.");
        var pattern = LocalDateTimePattern.CreateWithInvariantCulture("yyyy-MM-dd HH:mm");
        foreach (var a in affected)
        {
            var office = city.FindOffice(a.OfficeId);
            var local = office is null ? a.Start.ToString() : pattern.Format(a.Start.InZone(office.Zone).LocalDateTime);
            Console.WriteLine($"{a.Code}  {local}  {office?.Name ?? a.OfficeId}  {a.ServiceId}  {a.Status}  {a.Reason}");
        }

        return 0;
    }
}
