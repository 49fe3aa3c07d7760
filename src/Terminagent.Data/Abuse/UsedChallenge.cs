using NodaTime;

namespace Terminagent.Data.Abuse;

/// <summary>
/// A proof-of-work challenge that has been spent: its id is the primary key, so a second use on
/// any instance fails on insert. Kept until the challenge would have expired anyway.
/// </summary>
public sealed class UsedChallenge
{
    public required string Id { get; init; }
    public Instant ExpiresAt { get; init; }
}
