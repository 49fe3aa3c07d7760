using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Terminagent.Data.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class WaitEstimate : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "WaitBasis",
                table: "wishes",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "WaitHighDays",
                table: "wishes",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "WaitLowDays",
                table: "wishes",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<double>(
                name: "WaitPointDays",
                table: "wishes",
                type: "REAL",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_wishes_ServiceId_RegisteredAt",
                table: "wishes",
                columns: new[] { "ServiceId", "RegisteredAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_wishes_ServiceId_RegisteredAt",
                table: "wishes");

            migrationBuilder.DropColumn(
                name: "WaitBasis",
                table: "wishes");

            migrationBuilder.DropColumn(
                name: "WaitHighDays",
                table: "wishes");

            migrationBuilder.DropColumn(
                name: "WaitLowDays",
                table: "wishes");

            migrationBuilder.DropColumn(
                name: "WaitPointDays",
                table: "wishes");
        }
    }
}
