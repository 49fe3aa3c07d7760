using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using NodaTime;
using Terminagent.Domain.Agent;
using Terminagent.Domain.Bookings;
using Terminagent.Domain.Links;
using Terminagent.Engine.Privacy;
using Terminagent.Engine.Time;
using Terminagent.Web.Localization;

namespace Terminagent.Web.Features.Privacy;

/// <summary>
/// The confirmation page before a citizen's data is erased: opening it says what will happen,
/// only its button (POST) erases. A second click finds the link gone; the form's sealed ticket
/// then proves it was this link's own erasure, and the citizen sees the confirmation again
/// instead of "link not valid".
/// </summary>
public sealed class EraseModel(CitizenData data, CitizenErasure erasure, IDataProtectionProvider protection, Clock clock, Language lang, IStringLocalizer<PrivacyTexts> texts) : PageModel
{
    private static readonly Duration TicketLifetime = Duration.FromHours(1);

    public string Token { get; private set; } = "";

    public string? Problem { get; private set; }

    public CitizenDataExport? Data { get; private set; }

    public string Ticket { get; private set; } = "";

    public IReadOnlyList<BookingData> Appointments => Data?.Bookings.Where(b => b.Status is nameof(BookingStatus.Held) or nameof(BookingStatus.Confirmed) && b.Start > clock.Now.ToDateTimeOffset()).ToList() ?? [];

    public IReadOnlyList<WishData> ActiveWishes => Data?.Wishes.Where(w => w.Status is nameof(WishStatus.Unconfirmed) or nameof(WishStatus.Waiting) or nameof(WishStatus.Offered)).ToList() ?? [];

    public int OpenOffers => Data?.Offers.Count(o => o.Status == nameof(OfferStatus.Open)) ?? 0;

    public async Task<IActionResult> OnGetAsync(string token, CancellationToken ct)
    {
        Token = token;
        Response.Headers.CacheControl = "no-cache, no-store";
        var (subject, problem) = await data.SubjectOfAsync(token, ct);
        if (problem is { } p)
        {
            return Refuse(p);
        }

        Data = await data.ExportAsync(subject!, lang.Code, ct);
        Ticket = Seal(new ErasureTicket(LinkToken.HashOf(token), subject!.NormalisedEmail, subject.BookingId, subject.WishId, clock.Now.ToUnixTimeTicks()));
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string token, string? ticket, CancellationToken ct)
    {
        Token = token;
        var (subject, problem) = await data.SubjectOfAsync(token, ct);
        if (problem == LinkProblem.Invalid && Unseal(ticket) is { } earlier && earlier.Hash == LinkToken.HashOf(token ?? ""))
        {
            // The link is gone because this very erasure ran (a double click): finish it again,
            // which changes nothing more, and confirm.
            subject = new DataSubject(earlier.Email, earlier.BookingId, earlier.WishId);
            problem = null;
        }

        if (problem is { } p)
        {
            return Refuse(p);
        }

        await erasure.EraseAsync(subject!, ct);
        return RedirectToPage("/Privacy/Erased");
    }

    private PageResult Refuse(LinkProblem problem)
    {
        Problem = texts.Problem(problem);
        Response.StatusCode = PrivacyTexts.StatusCodeFor(problem);
        return Page();
    }

    private IDataProtector Protector => protection.CreateProtector("Terminagent.Privacy.ErasureTicket.v1");

    private string Seal(ErasureTicket ticket) => Protector.Protect(JsonSerializer.Serialize(ticket));

    private ErasureTicket? Unseal(string? sealedTicket)
    {
        if (string.IsNullOrEmpty(sealedTicket) || sealedTicket.Length > 2000)
        {
            return null;
        }

        try
        {
            var ticket = JsonSerializer.Deserialize<ErasureTicket>(Protector.Unprotect(sealedTicket));
            return ticket is not null && Instant.FromUnixTimeTicks(ticket.IssuedTicks) + TicketLifetime > clock.Now ? ticket : null;
        }
        catch (Exception ex) when (ex is CryptographicException or JsonException or FormatException)
        {
            return null;
        }
    }

    /// <summary>What the confirmation form carries, sealed by the app's data protection: the link and whose data it opened.</summary>
    private sealed record ErasureTicket(string Hash, string? Email, Guid? BookingId, Guid? WishId, long IssuedTicks);
}
