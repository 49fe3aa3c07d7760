using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Terminagent.Data.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class SlotChangeFeed : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // The change feed of the free-place index (Engine/Availability/SlotChangeFeed): every change
            // to a slot, and every hold that ends, names its slots to every listening instance at
            // commit, whoever writes.
            migrationBuilder.Sql(
                """
                CREATE FUNCTION terminagent_slot_changed() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    IF TG_OP = 'TRUNCATE' THEN
                        PERFORM pg_notify('terminagent_slots', '*');
                    ELSIF TG_OP = 'DELETE' THEN
                        PERFORM pg_notify('terminagent_slots', OLD."Id"::text);
                    ELSE
                        PERFORM pg_notify('terminagent_slots', NEW."Id"::text);
                    END IF;
                    RETURN NULL;
                END $$;
                CREATE TRIGGER slots_changed AFTER INSERT OR UPDATE OR DELETE ON slots
                    FOR EACH ROW EXECUTE FUNCTION terminagent_slot_changed();
                CREATE TRIGGER slots_truncated AFTER TRUNCATE ON slots
                    FOR EACH STATEMENT EXECUTE FUNCTION terminagent_slot_changed();
                CREATE FUNCTION terminagent_hold_ended() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    PERFORM pg_notify('terminagent_slots', "SlotId"::text) FROM booking_slots WHERE "BookingId" = NEW."Id";
                    RETURN NULL;
                END $$;
                CREATE TRIGGER bookings_hold_ended AFTER UPDATE OF "Status" ON bookings
                    FOR EACH ROW WHEN (OLD."Status" = 0 AND NEW."Status" <> 0) EXECUTE FUNCTION terminagent_hold_ended();
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(
                """
                DROP TRIGGER bookings_hold_ended ON bookings;
                DROP FUNCTION terminagent_hold_ended();
                DROP TRIGGER slots_truncated ON slots;
                DROP TRIGGER slots_changed ON slots;
                DROP FUNCTION terminagent_slot_changed();
                """);
        }
    }
}
