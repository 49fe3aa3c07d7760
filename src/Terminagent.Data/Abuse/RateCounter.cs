using NodaTime;

namespace Terminagent.Data.Abuse;

/// <summary>
/// Requests of one client (address or email) under one rate limit in one fixed window; the key
/// names all three, so counting is one upsert shared by every instance on PostgreSQL.
/// </summary>
public sealed class RateCounter
{
    public required string Key { get; init; }
    public long Count { get; init; }
    public Instant ExpiresAt { get; init; }
}
