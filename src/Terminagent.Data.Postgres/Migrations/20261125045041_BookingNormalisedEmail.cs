using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Terminagent.Data.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class BookingNormalisedEmail : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "NormalisedEmail",
                table: "bookings",
                type: "character varying(254)",
                maxLength: 254,
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_bookings_NormalisedEmail_ServiceId",
                table: "bookings",
                columns: new[] { "NormalisedEmail", "ServiceId" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_bookings_NormalisedEmail_ServiceId",
                table: "bookings");

            migrationBuilder.DropColumn(
                name: "NormalisedEmail",
                table: "bookings");
        }
    }
}
