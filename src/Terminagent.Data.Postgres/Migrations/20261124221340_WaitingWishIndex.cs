using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Terminagent.Data.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class WaitingWishIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_wish_targets_ServiceId_OfficeId_Weekday_IsWaiting_Registere~",
                table: "wish_targets");

            migrationBuilder.CreateIndex(
                name: "IX_wish_targets_waiting",
                table: "wish_targets",
                columns: new[] { "ServiceId", "OfficeId", "Weekday", "RegisteredAt", "WishId", "FromMinute", "ToMinute", "Earliest", "Latest" },
                filter: "\"IsWaiting\"");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_wish_targets_waiting",
                table: "wish_targets");

            migrationBuilder.CreateIndex(
                name: "IX_wish_targets_ServiceId_OfficeId_Weekday_IsWaiting_Registere~",
                table: "wish_targets",
                columns: new[] { "ServiceId", "OfficeId", "Weekday", "IsWaiting", "RegisteredAt" });
        }
    }
}
