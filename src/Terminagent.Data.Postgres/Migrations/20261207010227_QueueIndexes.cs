using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Terminagent.Data.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class QueueIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_wishes_Unconfirmed",
                table: "wishes",
                columns: new[] { "NormalisedEmail", "ServiceId" },
                filter: "\"Status\" = 0");

            migrationBuilder.CreateIndex(
                name: "IX_outbox_messages_Unsent",
                table: "outbox_messages",
                columns: new[] { "NextAttemptAt", "Id" },
                filter: "\"SentAt\" IS NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_wishes_Unconfirmed",
                table: "wishes");

            migrationBuilder.DropIndex(
                name: "IX_outbox_messages_Unsent",
                table: "outbox_messages");
        }
    }
}
