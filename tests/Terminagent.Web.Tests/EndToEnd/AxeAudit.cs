using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace Terminagent.Web.Tests.EndToEnd;

/// <summary>Runs axe-core's WCAG 2.1 A/AA rules on pages and collects what fails, to report all at once.</summary>
public sealed class AxeAudit
{
    private static readonly AxeRunOptions Options = new()
    {
        RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] },
        ResultTypes = [ResultType.Violations],
    };

    private readonly List<string> findings = [];

    public int PagesChecked { get; private set; }

    public async Task CheckAsync(IPage page, string what)
    {
        var result = await page.RunAxe(Options);
        PagesChecked++;
        foreach (var violation in result.Violations)
        {
            foreach (var node in violation.Nodes)
            {
                findings.Add($"{what} ({new Uri(page.Url).PathAndQuery}): {violation.Id} [{violation.Impact}] {violation.Help} at {node.Target} {node.Html}");
            }
        }
    }

    public void AssertNoViolations() =>
        Assert.True(findings.Count == 0,
            $"axe-core found {findings.Count} WCAG 2.1 A/AA violation(s) on {PagesChecked} pages:{Environment.NewLine}"
            + string.Join(Environment.NewLine, findings.Select(f => "  - " + f)));
}
