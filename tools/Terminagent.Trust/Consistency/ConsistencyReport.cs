namespace Terminagent.Trust.Consistency;

/// <summary>What <see cref="ConsistencyCheck"/> found: the counts it looked at and every broken rule, in words.</summary>
public sealed record ConsistencyReport
{
    public int SlotsChecked { get; init; }

    public int PlacesTaken { get; init; }

    public int Bookings { get; init; }

    public int Wishes { get; init; }

    public int OpenOffers { get; init; }

    public int OpenOffersWithDeadline { get; init; }

    public int OutboxRows { get; init; }

    public int OutboxUnsent { get; init; }

    /// <summary>Distinct Message-Ids the outbox holds as sent: what must have arrived.</summary>
    public int EmailsExpected { get; init; }

    /// <summary>Distinct Message-Ids of the outbox that arrived.</summary>
    public int EmailsDelivered { get; init; }

    /// <summary>Every message that arrived, duplicates included.</summary>
    public int Deliveries { get; init; }

    /// <summary>Deliveries beyond the first of a Message-Id (at-least-once delivery, a kill between "accepted" and "marked sent").</summary>
    public int EmailsDuplicated => Deliveries - DistinctDelivered;

    /// <summary>Distinct Message-Ids that arrived, whether or not the outbox knows them.</summary>
    public int DistinctDelivered { get; init; }

    /// <summary>Sent rows whose message never arrived, plus rows never sent.</summary>
    public int EmailsLost { get; init; }

    public IReadOnlyList<string> DuplicatedMessageIds { get; init; } = [];

    public IReadOnlyList<string> Violations { get; init; } = [];

    /// <summary>Nothing lost and every invariant held; duplicates of one Message-Id are allowed (at-least-once).</summary>
    public bool Holds => Violations.Count == 0 && EmailsLost == 0;

    public string Describe() =>
        $"{SlotsChecked} slots ({PlacesTaken} places taken), {Bookings} bookings, {Wishes} wishes, {OpenOffers} open offers "
        + $"({OpenOffersWithDeadline} with a deadline), {OutboxRows} outbox rows ({OutboxUnsent} unsent), emails expected {EmailsExpected}, "
        + $"delivered {EmailsDelivered} in {Deliveries} deliveries ({EmailsDuplicated} duplicated: {string.Join(", ", DuplicatedMessageIds)}), "
        + $"lost {EmailsLost}; {Violations.Count} violations: {string.Join(" | ", Violations.Take(10))}";
}
