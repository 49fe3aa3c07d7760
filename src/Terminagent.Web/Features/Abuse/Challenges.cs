using System.Globalization;
using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using NodaTime;
using Terminagent.Data;
using Terminagent.Data.Abuse;
using Terminagent.Domain.Abuse;
using Terminagent.Engine.Time;

namespace Terminagent.Web.Features.Abuse;

/// <summary>What a challenge may be spent on; a challenge for one cannot be used for the other.</summary>
public enum ChallengePurpose
{
    Booking,
    Wish,
}

public sealed record IssuedChallenge(string Id, ChallengePurpose Purpose, string Token, int Difficulty, Instant IssuedAt, Instant ExpiresAt);

public enum ChallengeVerdict
{
    Accepted,
    Missing,
    Tampered,
    WrongPurpose,
    Expired,
    WrongSolution,
    Unsolved,
    TooEarly,
    Replayed,
}

/// <summary>The outcome of checking a challenge; <see cref="Wait"/> is what is left of the wait without script.</summary>
public sealed record ChallengeCheck(ChallengeVerdict Verdict, IssuedChallenge? Challenge, Duration Wait)
{
    public bool Accepted => Verdict == ChallengeVerdict.Accepted;
}

/// <summary>
/// Issues and checks proof-of-work challenges. A challenge is a token protected with the app's
/// data-protection keys (kept in the database, so every instance can read every other's tokens);
/// it carries a random id, the purpose, the moment it was issued and its difficulty. A spent id is
/// written to used_challenges, whose primary key makes a second use fail on any instance.
/// </summary>
public sealed class Challenges(
    IDataProtectionProvider protection, IOptionsMonitor<ProofOfWorkOptions> options, Clock clock, TerminagentDb db)
{
    private readonly IDataProtector protector = protection.CreateProtector("Terminagent.ProofOfWork.v1");

    public ProofOfWorkOptions Options => options.CurrentValue;

    public IssuedChallenge Issue(ChallengePurpose purpose)
    {
        var id = Base64Url(RandomNumberGenerator.GetBytes(16));
        var now = clock.Now;
        var difficulty = Options.Difficulty;
        var payload = string.Join('|', purpose.ToString(), id, now.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture), difficulty.ToString(CultureInfo.InvariantCulture));
        return new IssuedChallenge(id, purpose, protector.Protect(payload), difficulty, now, now + Duration.FromTimeSpan(Options.Lifetime));
    }

    /// <summary>The challenge a token stands for, or null when it is not one of ours (or was changed).</summary>
    public IssuedChallenge? Read(string? token)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 1000)
        {
            return null;
        }

        string payload;
        try
        {
            payload = protector.Unprotect(token);
        }
        catch (CryptographicException)
        {
            return null;
        }

        var parts = payload.Split('|');
        if (parts.Length != 4
            || !Enum.TryParse<ChallengePurpose>(parts[0], out var purpose)
            || !long.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var issuedMs)
            || !int.TryParse(parts[3], NumberStyles.None, CultureInfo.InvariantCulture, out var difficulty))
        {
            return null;
        }

        var issued = Instant.FromUnixTimeMilliseconds(issuedMs);
        return new IssuedChallenge(parts[1], purpose, token, difficulty, issued, issued + Duration.FromTimeSpan(Options.Lifetime));
    }

    /// <summary>Checks without spending: signature, purpose, age and solution (or, when allowed, the wait without script).</summary>
    public ChallengeCheck Check(ChallengePurpose purpose, string? token, string? nonce, bool allowWait)
    {
        if (string.IsNullOrEmpty(token))
        {
            return new(ChallengeVerdict.Missing, null, Duration.Zero);
        }

        var challenge = Read(token);
        if (challenge is null)
        {
            return new(ChallengeVerdict.Tampered, null, Duration.Zero);
        }

        if (challenge.Purpose != purpose)
        {
            return new(ChallengeVerdict.WrongPurpose, challenge, Duration.Zero);
        }

        var now = clock.Now;
        if (now >= challenge.ExpiresAt || now < challenge.IssuedAt - Duration.FromMinutes(5))
        {
            return new(ChallengeVerdict.Expired, challenge, Duration.Zero);
        }

        if (!string.IsNullOrEmpty(nonce))
        {
            return ProofOfWork.IsSolved(token, nonce, challenge.Difficulty)
                ? new(ChallengeVerdict.Accepted, challenge, Duration.Zero)
                : new(ChallengeVerdict.WrongSolution, challenge, Duration.Zero);
        }

        if (!allowWait)
        {
            return new(ChallengeVerdict.Unsolved, challenge, Duration.Zero);
        }

        var left = challenge.IssuedAt + Duration.FromTimeSpan(Options.WaitWithoutScript) - now;
        return left > Duration.Zero
            ? new(ChallengeVerdict.TooEarly, challenge, left)
            : new(ChallengeVerdict.Accepted, challenge, Duration.Zero);
    }

    /// <summary>Checks and, when it passes, spends the challenge so that it can never be used again.</summary>
    public async Task<ChallengeCheck> SpendAsync(ChallengePurpose purpose, string? token, string? nonce, bool allowWait, CancellationToken ct)
    {
        var check = Check(purpose, token, nonce, allowWait);
        if (!check.Accepted)
        {
            return check;
        }

        var used = new UsedChallenge { Id = check.Challenge!.Id, ExpiresAt = check.Challenge.ExpiresAt };
        db.UsedChallenges.Add(used);
        try
        {
            await db.SaveChangesAsync(ct);
            return check;
        }
        catch (DbUpdateException)
        {
            // The primary key: this challenge was spent before, here or on another instance.
            return check with { Verdict = ChallengeVerdict.Replayed };
        }
        finally
        {
            db.Entry(used).State = EntityState.Detached;
        }
    }

    public Task<int> PurgeAsync(Instant now, CancellationToken ct) =>
        db.UsedChallenges.Where(c => c.ExpiresAt < now).ExecuteDeleteAsync(ct);

    private static string Base64Url(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
