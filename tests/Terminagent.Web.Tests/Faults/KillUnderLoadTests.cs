extern alias trust;
using trust::Terminagent.Trust.Faults;
using Xunit.Abstractions;

namespace Terminagent.Web.Tests.Faults;

/// <summary>
/// The real app as a process on PostgreSQL, killed with SIGKILL twice under load (after emails
/// arrived, and after the agent made an offer), started again on the same database, then checked:
/// no place lost or counted twice, every open offer with its deadline, every email delivered.
/// Delivery is at least once: a kill between the mail server's "accepted" and the row being marked
/// sent may deliver one message twice, always with the same Message-Id, which the check reports.
/// </summary>
public sealed class KillUnderLoadTests(ITestOutputHelper output)
{
    [Fact]
    public async Task AppKilledTwiceUnderLoad_AfterRestart_NothingLostAndEveryInvariantHolds()
    {
        var server = Environment.GetEnvironmentVariable(TestDatabase.PostgresVariable);
        Assert.False(string.IsNullOrWhiteSpace(server), $"{TestDatabase.PostgresVariable} must name a PostgreSQL server (scripts/test.sh starts one).");
        var folder = Path.Combine(Path.GetTempPath(), "terminagent-tests", "kill-" + Guid.NewGuid().ToString("N"));
        try
        {
            // The app this test project was built with: Terminagent.Web.dll is in the test's own output folder.
            var options = new KillUnderLoadOptions(server!, folder) { AppFolder = AppContext.BaseDirectory };
            var result = await KillUnderLoad.RunAsync(options, output.WriteLine);

            var report = result.Consistency;
            output.WriteLine(report.Describe());
            output.WriteLine($"served {result.RequestsServed}, unanswered {result.RequestsUnanswered}, 5xx {result.ServerErrors}, "
                + $"confirmed {result.HoldsConfirmed}, cancelled {result.Cancellations}, wishes {result.WishesConfirmed}, offers {result.OffersMade}; "
                + string.Join("; ", result.Notes));
            Assert.Equal(2, result.Kills);
            Assert.True(report.Holds, report.Describe());
            Assert.Equal(0, report.EmailsLost);
            Assert.Equal(report.EmailsExpected, report.EmailsDelivered);
            Assert.Equal(report.EmailsExpected, report.DistinctDelivered);
            Assert.True(report.EmailsDuplicated == report.Deliveries - report.DistinctDelivered && report.EmailsDuplicated <= result.Kills,
                $"more duplicates than kills: {report.Describe()}");
            Assert.True(report.SlotsChecked > 0 && result.HoldsConfirmed > 0 && report.Wishes > 0, report.Describe());
        }
        finally
        {
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }
    }
}
