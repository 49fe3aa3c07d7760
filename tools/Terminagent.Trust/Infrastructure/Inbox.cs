using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Terminagent.Data;

namespace Terminagent.Trust.Infrastructure;

/// <summary>
/// The citizens' inboxes, read from the outbox rows the app wrote in the same transaction as the
/// change (as the bench's load client does): a link is there at once, whether or not the mail
/// server is up or the app has been killed since.
/// </summary>
public sealed partial class Inbox(DatabaseProvider provider, string connectionString)
{
    public TerminagentDb NewDb()
    {
        var options = new DbContextOptionsBuilder<TerminagentDb>();
        options.UseTerminagentDatabase(provider, connectionString);
        return new TerminagentDb(options.Options);
    }

    /// <summary>The token of the first link to <paramref name="pathPrefix"/> (e.g. "/confirm/") emailed to the address, or null.</summary>
    public async Task<string?> LinkTokenAsync(string address, string pathPrefix, CancellationToken ct)
    {
        try
        {
            await using var db = NewDb();
            var bodies = await db.OutboxMessages.AsNoTracking().Where(m => m.ToAddress == address)
                .OrderBy(m => m.CreatedAt).Select(m => m.TextBody).ToListAsync(ct);
            return bodies.Select(b => TokenAfter(b, pathPrefix)).FirstOrDefault(t => t is not null);
        }
        catch (Exception ex) when (ex is NpgsqlException or InvalidOperationException or TimeoutException)
        {
            return null;
        }
    }

    /// <summary>Waits (polling) up to <paramref name="limit"/> for the link.</summary>
    public async Task<string?> WaitForLinkTokenAsync(string address, string pathPrefix, TimeSpan limit, CancellationToken ct)
    {
        var until = DateTimeOffset.UtcNow + limit;
        while (!ct.IsCancellationRequested && DateTimeOffset.UtcNow < until)
        {
            if (await LinkTokenAsync(address, pathPrefix, ct) is { } token)
            {
                return token;
            }

            await Task.Delay(100, ct);
        }

        return null;
    }

    /// <summary>Every offer link emailed so far: (address, token).</summary>
    public async Task<IReadOnlyList<(string Address, string Token)>> OfferLinksAsync(CancellationToken ct)
    {
        await using var db = NewDb();
        var rows = await db.OutboxMessages.AsNoTracking().Where(m => m.TextBody.Contains("/offer/"))
            .Select(m => new { m.ToAddress, m.TextBody }).ToListAsync(ct);
        return rows.Select(r => (r.ToAddress, TokenAfter(r.TextBody, "/offer/")))
            .Where(r => r.Item2 is not null).Select(r => (r.ToAddress, r.Item2!)).ToList();
    }

    private static string? TokenAfter(string body, string pathPrefix)
    {
        var match = LinkToken().Matches(body).FirstOrDefault(m => m.Groups[1].Value == pathPrefix.Trim('/'));
        return match?.Groups[2].Value;
    }

    [GeneratedRegex(@"https?://[^/\s]+/([a-z/]+)/([A-Za-z0-9_\-]{16,})")]
    private static partial Regex LinkToken();
}
