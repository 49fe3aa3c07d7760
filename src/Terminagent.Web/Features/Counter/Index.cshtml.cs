using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Terminagent.Domain.Staff;
using Terminagent.Engine.OfficeDay;
using Terminagent.Web.Features.Staff;

namespace Terminagent.Web.Features.Counter;

/// <summary>A clerk picks the counter they sit at; each shows whom it has called.</summary>
public sealed class IndexModel(OfficeQueueQuery queues) : PageModel
{
    public OfficeQueue Queue { get; private set; } = null!;

    public int CounterCount { get; private set; }

    public async Task<IActionResult> OnGetAsync(string office, CancellationToken ct)
    {
        if (await queues.LoadAsync(office, ct) is not { } queue)
        {
            return NotFound();
        }

        if (StaffMember.From(User)?.MayDoAt(StaffTask.WorkAtCounter, office) != true)
        {
            return Forbid();
        }

        Queue = queue;
        CounterCount = Counters.CountAt(queue.Office);
        return Page();
    }
}
