using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Terminagent.Data.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class AbuseDefence : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "rate_counters",
                columns: table => new
                {
                    Key = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Count = table.Column<long>(type: "bigint", nullable: false),
                    ExpiresAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_rate_counters", x => x.Key);
                });

            migrationBuilder.CreateTable(
                name: "used_challenges",
                columns: table => new
                {
                    Id = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    ExpiresAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_used_challenges", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_rate_counters_ExpiresAt",
                table: "rate_counters",
                column: "ExpiresAt");

            migrationBuilder.CreateIndex(
                name: "IX_used_challenges_ExpiresAt",
                table: "used_challenges",
                column: "ExpiresAt");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "rate_counters");

            migrationBuilder.DropTable(
                name: "used_challenges");
        }
    }
}
