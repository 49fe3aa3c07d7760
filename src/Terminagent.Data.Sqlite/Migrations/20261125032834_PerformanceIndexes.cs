using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Terminagent.Data.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class PerformanceIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_wishes_ConfirmedAt",
                table: "wishes",
                column: "ConfirmedAt");

            migrationBuilder.CreateIndex(
                name: "IX_offers_OfferedAt",
                table: "offers",
                column: "OfferedAt");

            migrationBuilder.CreateIndex(
                name: "IX_bookings_OfficeId_Start",
                table: "bookings",
                columns: new[] { "OfficeId", "Start" });

            migrationBuilder.CreateIndex(
                name: "IX_bookings_Start",
                table: "bookings",
                column: "Start");

            migrationBuilder.CreateIndex(
                name: "IX_bookings_Status_Start",
                table: "bookings",
                columns: new[] { "Status", "Start" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_wishes_ConfirmedAt",
                table: "wishes");

            migrationBuilder.DropIndex(
                name: "IX_offers_OfferedAt",
                table: "offers");

            migrationBuilder.DropIndex(
                name: "IX_bookings_OfficeId_Start",
                table: "bookings");

            migrationBuilder.DropIndex(
                name: "IX_bookings_Start",
                table: "bookings");

            migrationBuilder.DropIndex(
                name: "IX_bookings_Status_Start",
                table: "bookings");
        }
    }
}
