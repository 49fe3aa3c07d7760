using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Terminagent.Data.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class WaitEstimateReadsFromIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_wishes_ServiceId_RegisteredAt",
                table: "wishes");

            migrationBuilder.DropIndex(
                name: "IX_offers_WishId_Status",
                table: "offers");

            migrationBuilder.CreateIndex(
                name: "IX_wishes_wait_outcomes",
                table: "wishes",
                columns: new[] { "ServiceId", "RegisteredAt", "WaitBasis", "WaitPointDays", "Status", "EndedAt", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_offers_service_history",
                table: "offers",
                columns: new[] { "ServiceId", "OfferedAt", "OfficeId", "Start", "End" });

            migrationBuilder.CreateIndex(
                name: "IX_offers_WishId_Status_OfferedAt",
                table: "offers",
                columns: new[] { "WishId", "Status", "OfferedAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_wishes_wait_outcomes",
                table: "wishes");

            migrationBuilder.DropIndex(
                name: "IX_offers_service_history",
                table: "offers");

            migrationBuilder.DropIndex(
                name: "IX_offers_WishId_Status_OfferedAt",
                table: "offers");

            migrationBuilder.CreateIndex(
                name: "IX_wishes_ServiceId_RegisteredAt",
                table: "wishes",
                columns: new[] { "ServiceId", "RegisteredAt" });

            migrationBuilder.CreateIndex(
                name: "IX_offers_WishId_Status",
                table: "offers",
                columns: new[] { "WishId", "Status" });
        }
    }
}
