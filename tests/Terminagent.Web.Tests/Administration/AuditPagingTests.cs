using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Terminagent.Data;
using Terminagent.Domain.Staff;
using Terminagent.Engine.Audit;
using Terminagent.Web.Features.Administration;
using Terminagent.Web.Tests.Infrastructure;

namespace Terminagent.Web.Tests.Administration;

/// <summary>The audit log pages backwards through its entries, newest first, by the links it shows.</summary>
public sealed partial class AuditPagingTests
{
    [Fact]
    public async Task OlderLink_ShowsTheNextFiftyEntries_AndNewerLeadsBack()
    {
        await using var app = await TestApp.StartAsync(DatabaseProvider.Sqlite);
        var (admin, _) = await StaffSessions.SignedInAsync(app, StaffRole.Administrator);
        await app.InScopeAsync(async sp =>
        {
            var audit = sp.GetRequiredService<AuditLog>();
            for (var i = 1; i <= AuditModel.PageSize + 10; i++)
            {
                audit.Add(Actor.Operator("test"), AuditActions.DeviceIssue, "hauptbahnhof", $"Eintrag {i:000}");
            }

            await sp.GetRequiredService<TerminagentDb>().SaveChangesAsync();
            return 0;
        });

        var first = WebUtility.HtmlDecode(await admin.GetStringAsync("/staff/administration/audit"));
        Assert.Contains("Eintrag 060", first, StringComparison.Ordinal);
        Assert.DoesNotContain("Eintrag 010", first, StringComparison.Ordinal);

        var older = WebUtility.HtmlDecode(await admin.GetStringAsync(LinkNamed(first, "Ältere")));
        Assert.Contains("Eintrag 010", older, StringComparison.Ordinal);
        Assert.Contains("Eintrag 001", older, StringComparison.Ordinal);
        Assert.DoesNotContain("Eintrag 060", older, StringComparison.Ordinal);
        Assert.DoesNotContain(">Ältere<", older, StringComparison.Ordinal);

        var newer = WebUtility.HtmlDecode(await admin.GetStringAsync(LinkNamed(older, "Neuere")));
        Assert.Contains("Eintrag 060", newer, StringComparison.Ordinal);
    }

    private static string LinkNamed(string html, string text)
    {
        var match = Link().Matches(html).FirstOrDefault(m => m.Groups[2].Value == text);
        Assert.True(match is not null, $"no link \"{text}\" on the page");
        return match.Groups[1].Value;
    }

    [GeneratedRegex("<a href=\"([^\"]+)\">([^<]+)</a>")]
    private static partial Regex Link();
}
