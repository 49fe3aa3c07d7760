using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using NodaTime;
using Terminagent.Domain.Cities;
using Terminagent.Engine.Infoline;
using Terminagent.Engine.Time;
using Terminagent.Web.Localization;

namespace Terminagent.Web.Features.Infoline;

/// <summary>
/// The work list: open offers to callers without email, the soonest deadline first, and what
/// each caller answered. An answer to an offer that changed meanwhile changes nothing.
/// </summary>
public sealed class InfolineOffersModel(City city, InfolineService infoline, Clock clock, Language lang, IStringLocalizer<InfolineTexts> t) : PageModel
{
    /// <summary>Less time than this left to answer is shown as urgent.</summary>
    private static readonly Duration Soon = Duration.FromHours(4);

    public IReadOnlyList<CallOut> CallOuts { get; private set; } = [];

    public AnswerResult? Answered { get; private set; }

    public CallerAnswer? Answer { get; private set; }

    public string? Problem { get; private set; }

    public Instant Now => clock.Now;

    public Office OfficeOf(string id) => city.FindOffice(id)!;

    public Service ServiceOf(string id) => city.FindService(id)!;

    public bool IsSoon(CallOut callOut) => callOut.Deadline - clock.Now < Soon;

    public async Task OnGetAsync(CancellationToken ct) => CallOuts = await infoline.CallOutsAsync(ct);

    public async Task<IActionResult> OnPostAsync(Guid? offer, string? answer, CancellationToken ct)
    {
        CallerAnswer? parsed = answer switch
        {
            "accepted" => CallerAnswer.Accepted,
            "keep" => CallerAnswer.DeclinedKeepWish,
            "withdraw" => CallerAnswer.DeclinedWithdrawWish,
            _ => null,
        };
        if (offer is not { } offerId || parsed is not { } reply)
        {
            Problem = t["Offers.PleaseChooseWhatCaller"];
            Response.StatusCode = 400;
        }
        else
        {
            Answer = reply;
            Answered = await infoline.AnswerAsync(offerId, reply, ct);
            if (!Answered.Changed)
            {
                Problem = InfolineTexts.NotRecorded(Answered, lang.Code);
                Response.StatusCode = Answered.Offer is null ? 404 : 409;
            }
        }

        CallOuts = await infoline.CallOutsAsync(ct);
        return Page();
    }
}
