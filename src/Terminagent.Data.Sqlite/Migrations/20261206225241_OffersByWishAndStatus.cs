using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Terminagent.Data.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class OffersByWishAndStatus : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_offers_WishId_Status",
                table: "offers",
                columns: new[] { "WishId", "Status" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_offers_WishId_Status",
                table: "offers");
        }
    }
}
