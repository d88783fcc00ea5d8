using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Platform.Approvals.Infrastructure.Migrations
{
    /// <inheritdoc />
    public partial class SeniorReaders : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "PermissionsSince",
                table: "Roles",
                type: "timestamp with time zone",
                nullable: false,
                defaultValue: new DateTimeOffset(new DateTime(1, 1, 1, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)));

            migrationBuilder.AddColumn<bool>(
                name: "ReadsRequests",
                table: "Roles",
                type: "boolean",
                nullable: false,
                defaultValue: false);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "PermissionsSince",
                table: "Roles");

            migrationBuilder.DropColumn(
                name: "ReadsRequests",
                table: "Roles");
        }
    }
}
