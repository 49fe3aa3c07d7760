using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;
using Terminagent.Domain.Cities;
using Terminagent.Domain.OfficeDay;
using Terminagent.Domain.Staff;
using Terminagent.Engine.OfficeDay;
using Terminagent.Web.Features.Staff;
using Terminagent.Web.Localization;

namespace Terminagent.Web.Features.Counter;

/// <summary>
/// One counter's working page: whom it has called, today's queue of the office, parked citizens,
/// check-in by booking code, expected appointments and today's figures. Every button posts and
/// comes back here with what happened (post, redirect, get). It keeps itself current: through the
/// office's event stream with script, by reloading every <see cref="RefreshSeconds"/> s without.
/// </summary>
public sealed class QueueModel(
    OfficeQueueQuery queues, CounterService counters, CheckInService checkIns, City city, Language lang, IOptions<OfficeDayOptions> options)
    : PageModel
{
    /// <summary>How often the page reloads itself in a browser without script.</summary>
    public const int RefreshSeconds = 15;

    public OfficeQueue Queue { get; private set; } = null!;

    public int Counter { get; private set; }

    public string CounterKey => Counters.Key(Counter);

    public Visit? Current => Queue.CalledAt(CounterKey);

    [TempData]
    public string? Notice { get; set; }

    [TempData]
    public string? Problem { get; set; }

    public async Task<IActionResult> OnGetAsync(string office, int counter, CancellationToken ct)
    {
        if (Refusal(office, counter) is { } refused)
        {
            return refused;
        }

        Queue = (await queues.LoadAsync(office, ct))!;
        Counter = counter;
        return Page();
    }

    public async Task<IActionResult> OnPostCallNextAsync(string office, int counter, CancellationToken ct) =>
        Refusal(office, counter) ?? Back(office, counter, CounterAction.Call, await counters.CallNextAsync(office, counter, ct));

    public async Task<IActionResult> OnPostActAsync(string office, int counter, Guid visit, CounterAction what, CancellationToken ct) =>
        Refusal(office, counter)
        ?? (Enum.IsDefined(what) ? Back(office, counter, what, await counters.ActAsync(office, counter, visit, what, ct)) : BadRequest());

    public async Task<IActionResult> OnPostCheckInAsync(string office, int counter, string? code, CancellationToken ct)
    {
        if (Refusal(office, counter) is { } refused)
        {
            return refused;
        }

        var result = await checkIns.CheckInAsync(office, code, ct);
        if (result.Refusal is null)
        {
            Notice = CounterTexts.CheckedIn(result, lang.Code);
        }
        else
        {
            Problem = CounterTexts.CheckInRefusal(result, city, options.Value, lang.Code);
        }

        return RedirectToPage("/Counter/Queue", new { office, counter });
    }

    private RedirectToPageResult Back(string office, int counter, CounterAction action, CounterResult result)
    {
        if (result.Succeeded)
        {
            Notice = CounterTexts.Done(action, result.Visit!, lang.Code);
        }
        else
        {
            Problem = CounterTexts.Refusal(result, lang.Code);
        }

        return RedirectToPage("/Counter/Queue", new { office, counter });
    }

    /// <summary>An unknown office or counter is not found; another office's counter is forbidden.</summary>
    private IActionResult? Refusal(string office, int counter)
    {
        if (city.FindOffice(office) is not { } known || !Counters.Exists(known, counter))
        {
            return NotFound();
        }

        return StaffMember.From(User)?.MayDoAt(StaffTask.WorkAtCounter, office) == true ? null : Forbid();
    }
}
