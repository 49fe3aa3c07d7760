using System.Globalization;
using Terminagent.Trust.Faults;

namespace Terminagent.Trust.Sections;

/// <summary>Faults: the database unreachable for a while: 503s with a message, nothing changed, recovery without a restart.</summary>
public sealed class DatabaseOutageSection(int secondsDown) : ITrustSection
{
    public string Name => "Database outage";

    public async Task<SectionResult> RunAsync(TrustContext context, Action<string> progress, CancellationToken ct)
    {
        var r = await ProcessOutages.DatabaseOutageAsync(context, secondsDown, progress, ct);
        var broken = new List<string>();
        if (r.OtherAnswers > 0)
        {
            broken.Add($"{r.OtherAnswers} answers during the outage were not 503");
        }

        if (r.PagesWithMessage != r.PageAnswers503)
        {
            broken.Add("a 503 page lacked the message or Retry-After");
        }

        if (!r.ReadyUnhealthy)
        {
            broken.Add("/health/ready did not report the outage");
        }

        if (!r.NothingChanged)
        {
            broken.Add("something changed while the database was away");
        }

        if (!r.Recovered || !r.WorkersRecovered)
        {
            broken.Add("the app did not recover by itself");
        }

        return new SectionResult(
            Name,
            [
                new Figure("database cut off", $"{secondsDown} s"),
                new Figure("503 pages (with message and Retry-After)", $"{N(r.PageAnswers503)} ({N(r.PagesWithMessage)})"),
                new Figure("503 API answers", N(r.ApiAnswers503)),
                new Figure("other answers meanwhile", N(r.OtherAnswers)),
                new Figure("/health/ready unhealthy meanwhile", r.ReadyUnhealthy ? "yes" : "no"),
                new Figure("nothing changed meanwhile", r.NothingChanged ? "yes" : "no"),
                new Figure("recovered without restart (requests / workers)", $"{(r.Recovered ? "yes" : "no")} / {(r.WorkersRecovered ? "yes" : "no")}"),
            ],
            0,
            0,
            broken);
    }

    private static string N(int value) => value.ToString("N0", CultureInfo.InvariantCulture);
}
