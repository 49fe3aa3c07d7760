using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Terminagent.Data.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class RetentionReadsOnlyWhatIsNotAnonymised : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_wishes_NotAnonymised_RegisteredAt",
                table: "wishes",
                column: "RegisteredAt",
                filter: "\"AnonymisedAt\" IS NULL");

            migrationBuilder.CreateIndex(
                name: "IX_bookings_NotAnonymised_CreatedAt",
                table: "bookings",
                column: "CreatedAt",
                filter: "\"AnonymisedAt\" IS NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_wishes_NotAnonymised_RegisteredAt",
                table: "wishes");

            migrationBuilder.DropIndex(
                name: "IX_bookings_NotAnonymised_CreatedAt",
                table: "bookings");
        }
    }
}
