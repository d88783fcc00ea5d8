using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Platform.Notifications.Infrastructure.Migrations
{
    /// <inheritdoc />
    public partial class ApprovalRequesters : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "ApprovalRequesters",
                columns: table => new
                {
                    RequestId = table.Column<Guid>(type: "uuid", nullable: false),
                    RequesterId = table.Column<Guid>(type: "uuid", nullable: false),
                    RequesterName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    RequestedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ApprovalRequesters", x => x.RequestId);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ApprovalRequesters_RequesterId",
                table: "ApprovalRequesters",
                column: "RequesterId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ApprovalRequesters");
        }
    }
}
