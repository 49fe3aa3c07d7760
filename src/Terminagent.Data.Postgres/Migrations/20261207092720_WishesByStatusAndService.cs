using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Terminagent.Data.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class WishesByStatusAndService : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_wishes_Status_ServiceId_RegisteredAt",
                table: "wishes",
                columns: new[] { "Status", "ServiceId", "RegisteredAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_wishes_Status_ServiceId_RegisteredAt",
                table: "wishes");
        }
    }
}
