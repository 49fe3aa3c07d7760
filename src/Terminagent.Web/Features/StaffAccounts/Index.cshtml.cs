using Microsoft.AspNetCore.Mvc.RazorPages;
using Terminagent.Data.Staff;
using Terminagent.Web.Features.Staff;

namespace Terminagent.Web.Features.StaffAccounts;

/// <summary>All staff accounts at a glance: who, which role and offices, locked out or disabled.</summary>
public sealed class IndexModel(StaffAccountService accounts) : PageModel
{
    public IReadOnlyList<(StaffUser User, bool LockedOut)> Accounts { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        var list = new List<(StaffUser, bool)>();
        foreach (var user in await accounts.ListAsync(ct))
        {
            list.Add((user, await accounts.IsLockedOutAsync(user)));
        }

        Accounts = list;
    }
}
