using System.Globalization;
using Terminagent.Trust.Faults;

namespace Terminagent.Trust.Sections;

/// <summary>Faults: the mail server down, then back: what was queued, delivered after, duplicated.</summary>
public sealed class SmtpOutageSection(int secondsDown) : ITrustSection
{
    public string Name => "SMTP outage";

    public async Task<SectionResult> RunAsync(TrustContext context, Action<string> progress, CancellationToken ct)
    {
        var r = await ProcessOutages.SmtpOutageAsync(context, secondsDown, citizens: 10, progress, ct);
        var c = r.Consistency;
        return new SectionResult(
            Name,
            [
                new Figure("mail server down", $"{r.SecondsDown} s"),
                new Figure("emails queued meanwhile (most tries of one)", $"{N(r.Queued)} ({N(r.MaxAttempts)})"),
                new Figure("emails expected / delivered after / duplicated", $"{N(c.EmailsExpected)} / {N(c.EmailsDelivered)} / {N(c.EmailsDuplicated)}"),
                new Figure("outbox emptied", r.Delivered ? "yes" : "no"),
            ],
            c.EmailsLost,
            c.EmailsDuplicated,
            [.. c.Violations, .. r.Delivered ? Array.Empty<string>() : ["the outbox did not empty after the mail server came back"]]);
    }

    private static string N(int value) => value.ToString("N0", CultureInfo.InvariantCulture);
}
