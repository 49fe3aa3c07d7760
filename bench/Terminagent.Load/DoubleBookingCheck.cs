using Npgsql;

namespace Terminagent.Load;

/// <summary>
/// After the rush, from the database itself: no slot holds more bookings, holds, open offers and
/// tickets than its capacity; every slot's Taken equals what occupies it (no place lost or
/// counted twice); and the bookings the run made are exactly the holds the clients were granted.
/// </summary>
public static class DoubleBookingCheck
{
    private const string SlotsSql = """
        WITH occupied AS (
            SELECT bs."SlotId" AS slot_id FROM booking_slots bs
              JOIN bookings b ON b."Id" = bs."BookingId" WHERE b."Status" IN (0, 1, 4)
            UNION ALL
            SELECT os."SlotId" FROM offer_slots os JOIN offers o ON o."Id" = os."OfferId" WHERE o."Status" = 0
            UNION ALL
            SELECT ts."SlotId" FROM ticket_slots ts
        ), counts AS (SELECT slot_id, count(*) AS n FROM occupied GROUP BY slot_id)
        SELECT
            count(*) FILTER (WHERE coalesce(c.n, 0) > s."Capacity" AND NOT s."NeedsReview"),
            count(*) FILTER (WHERE coalesce(c.n, 0) <> s."Taken"),
            count(*) FILTER (WHERE s."Taken" > s."Capacity" AND NOT s."NeedsReview"),
            count(*) FILTER (WHERE coalesce(c.n, 0) > 0),
            coalesce(sum(c.n), 0)
        FROM slots s LEFT JOIN counts c ON c.slot_id = s."Id"
        """;

    private const string BookingsSql = """
        SELECT count(*), count(*) FILTER (WHERE "Status" = 1), count(DISTINCT "Email")
        FROM bookings WHERE "Email" LIKE 'rush-%@example.org'
        """;

    public static async Task<bool> RunAsync(string connectionString, int holdsWon, int confirmed)
    {
        await using var source = NpgsqlDataSource.Create(connectionString);
        await using var slots = source.CreateCommand(SlotsSql);
        await using var slotRow = await slots.ExecuteReaderAsync();
        await slotRow.ReadAsync();
        var (overCapacity, miscounted, takenOver, occupiedSlots, places) =
            (slotRow.GetInt64(0), slotRow.GetInt64(1), slotRow.GetInt64(2), slotRow.GetInt64(3), slotRow.GetInt64(4));
        await slotRow.DisposeAsync();

        await using var bookings = source.CreateCommand(BookingsSql);
        await using var bookingRow = await bookings.ExecuteReaderAsync();
        await bookingRow.ReadAsync();
        var (made, confirmedInDb, distinctEmails) = (bookingRow.GetInt64(0), bookingRow.GetInt64(1), bookingRow.GetInt64(2));

        Console.WriteLine();
        Console.WriteLine("double-booking check (in the database):");
        Console.WriteLine($"  slots with more bookings+holds+open offers+tickets than capacity: {overCapacity}");
        Console.WriteLine($"  slots whose Taken differs from what occupies them:                {miscounted}");
        Console.WriteLine($"  slots with Taken above capacity:                                  {takenOver}");
        Console.WriteLine($"  places occupied: {places} in {occupiedSlots} slots");
        Console.WriteLine($"  bookings the run made: {made} (holds granted to clients: {holdsWon}); confirmed: {confirmedInDb} (clients saw {confirmed}); one per citizen: {(distinctEmails == made ? "yes" : "NO")}");
        var ok = overCapacity == 0 && miscounted == 0 && takenOver == 0 && made == holdsWon && confirmedInDb == confirmed && distinctEmails == made;
        Console.WriteLine(ok ? "  no double booking, no place lost or counted twice" : "  VIOLATION: see the counts above");
        return ok;
    }
}
