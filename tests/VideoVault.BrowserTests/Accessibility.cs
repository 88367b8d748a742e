using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace VideoVault.BrowserTests;

/// <summary>An axe audit of the page as it is now (WCAG 2.1 A and AA, and axe's best practices).</summary>
internal static class Accessibility
{
    public static async Task AssertNoViolationsAsync(IPage page)
    {
        var audit = await page.RunAxe(new AxeRunOptions
        {
            RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"] },
        });
        audit.Passes.Should().NotBeEmpty("axe must really have audited the page");
        audit.Violations.Select(Describe).Should().BeEmpty();
    }

    private static string Describe(AxeResultItem violation) =>
        $"{violation.Id} ({violation.Impact}): {violation.Help} at " +
        string.Join(", ", violation.Nodes.Select(node => node.Target?.ToString()));
}
