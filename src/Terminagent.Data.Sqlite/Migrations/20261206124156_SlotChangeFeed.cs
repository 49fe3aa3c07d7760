using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Terminagent.Data.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class SlotChangeFeed : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // The change feed of the free-place index (Engine/Availability/SlotChangeFeed): every change
            // to a slot, and every hold that ends, logs its slots, whoever writes. Not in the model: EF
            // Core never reads or writes it, only the feed does, with its own SQL.
            migrationBuilder.Sql(
                """
                CREATE TABLE slot_changes (
                    "Seq" INTEGER NOT NULL CONSTRAINT "PK_slot_changes" PRIMARY KEY AUTOINCREMENT,
                    "SlotId" INTEGER NOT NULL
                );
                CREATE TRIGGER slot_changes_on_insert AFTER INSERT ON slots
                BEGIN
                    INSERT INTO slot_changes ("SlotId") VALUES (NEW."Id");
                END;
                CREATE TRIGGER slot_changes_on_update AFTER UPDATE ON slots
                BEGIN
                    INSERT INTO slot_changes ("SlotId") VALUES (NEW."Id");
                END;
                CREATE TRIGGER slot_changes_on_delete AFTER DELETE ON slots
                BEGIN
                    INSERT INTO slot_changes ("SlotId") VALUES (OLD."Id");
                END;
                CREATE TRIGGER slot_changes_on_hold_end AFTER UPDATE OF "Status" ON bookings
                WHEN OLD."Status" = 0 AND NEW."Status" <> 0
                BEGIN
                    INSERT INTO slot_changes ("SlotId") SELECT "SlotId" FROM booking_slots WHERE "BookingId" = NEW."Id";
                END;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(
                """
                DROP TRIGGER slot_changes_on_hold_end;
                DROP TRIGGER slot_changes_on_delete;
                DROP TRIGGER slot_changes_on_update;
                DROP TRIGGER slot_changes_on_insert;
                DROP TABLE slot_changes;
                """);
        }
    }
}
