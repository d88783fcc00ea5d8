using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Platform.Notifications.Infrastructure.Migrations
{
    /// <inheritdoc />
    public partial class DirectoryMembersAnonymization : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "RecipientDeleted",
                table: "EmailDeliveries",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.CreateTable(
                name: "ArchivedOrganizations",
                columns: table => new
                {
                    OrganizationId = table.Column<Guid>(type: "uuid", nullable: false),
                    ArchivedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ArchivedOrganizations", x => x.OrganizationId);
                });

            migrationBuilder.CreateTable(
                name: "DirectoryUsers",
                columns: table => new
                {
                    UserId = table.Column<Guid>(type: "uuid", nullable: false),
                    Email = table.Column<string>(type: "character varying(254)", maxLength: 254, nullable: true),
                    EmailSince = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    PastEmails = table.Column<string[]>(type: "text[]", nullable: false),
                    FirstName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Locale = table.Column<string>(type: "character varying(35)", maxLength: 35, nullable: true),
                    Deleted = table.Column<bool>(type: "boolean", nullable: false),
                    DeletedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DirectoryUsers", x => x.UserId);
                });

            migrationBuilder.CreateTable(
                name: "OrganizationMembers",
                columns: table => new
                {
                    OrganizationId = table.Column<Guid>(type: "uuid", nullable: false),
                    UserId = table.Column<Guid>(type: "uuid", nullable: false),
                    IsMember = table.Column<bool>(type: "boolean", nullable: false),
                    MemberSince = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Rank = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: true),
                    ScopeUnitId = table.Column<Guid>(type: "uuid", nullable: true),
                    RankSince = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Suspended = table.Column<bool>(type: "boolean", nullable: false),
                    StateSince = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_OrganizationMembers", x => new { x.OrganizationId, x.UserId });
                });

            migrationBuilder.CreateIndex(
                name: "IX_DirectoryUsers_Email",
                table: "DirectoryUsers",
                column: "Email");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ArchivedOrganizations");

            migrationBuilder.DropTable(
                name: "DirectoryUsers");

            migrationBuilder.DropTable(
                name: "OrganizationMembers");

            migrationBuilder.DropColumn(
                name: "RecipientDeleted",
                table: "EmailDeliveries");
        }
    }
}
