using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Platform.Approvals.Infrastructure.Migrations
{
    /// <inheritdoc />
    public partial class MemberCopyInAnyOrder : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Every row so far is a membership in force: revoked ones used to be deleted.
            migrationBuilder.AddColumn<bool>(
                name: "IsMember",
                table: "Members",
                type: "boolean",
                nullable: false,
                defaultValue: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "MemberSince",
                table: "Members",
                type: "timestamp with time zone",
                nullable: false,
                defaultValue: new DateTimeOffset(new DateTime(1, 1, 1, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)));

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "RankSince",
                table: "Members",
                type: "timestamp with time zone",
                nullable: false,
                defaultValue: new DateTimeOffset(new DateTime(1, 1, 1, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)));

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "StateSince",
                table: "Members",
                type: "timestamp with time zone",
                nullable: false,
                defaultValue: new DateTimeOffset(new DateTime(1, 1, 1, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)));
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            // Without the column, a kept revoked row would count as a member again.
            migrationBuilder.Sql("""DELETE FROM "Members" WHERE NOT "IsMember";""");

            migrationBuilder.DropColumn(
                name: "IsMember",
                table: "Members");

            migrationBuilder.DropColumn(
                name: "MemberSince",
                table: "Members");

            migrationBuilder.DropColumn(
                name: "RankSince",
                table: "Members");

            migrationBuilder.DropColumn(
                name: "StateSince",
                table: "Members");
        }
    }
}
