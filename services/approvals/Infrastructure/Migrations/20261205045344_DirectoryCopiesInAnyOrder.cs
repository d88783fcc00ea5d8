using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Platform.Approvals.Infrastructure.Migrations
{
    /// <inheritdoc />
    public partial class DirectoryCopiesInAnyOrder : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "Roles",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    OrganizationId = table.Column<Guid>(type: "uuid", nullable: false),
                    Name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    NameSince = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    DeletedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Roles", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Roles_OrganizationId",
                table: "Roles",
                column: "OrganizationId");

            // Roles are named by the grants held so far (one row per role); every grant kept so far is in force
            // (revoked ones used to be deleted), granted at an unknown time, which any later event overrides.
            migrationBuilder.Sql("""
                INSERT INTO "Roles" ("Id", "OrganizationId", "Name", "NameSince")
                SELECT DISTINCT ON ("RoleId") "RoleId", "OrganizationId", "RoleName", '0001-01-01 00:00:00+00'::timestamptz FROM "RoleHoldings";
                """);

            migrationBuilder.DropColumn(
                name: "RoleName",
                table: "RoleHoldings");

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "DeletedAt",
                table: "Units",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "NameSince",
                table: "Units",
                type: "timestamp with time zone",
                nullable: false,
                defaultValue: new DateTimeOffset(new DateTime(1, 1, 1, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)));

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "ParentSince",
                table: "Units",
                type: "timestamp with time zone",
                nullable: false,
                defaultValue: new DateTimeOffset(new DateTime(1, 1, 1, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)));

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "GrantedAt",
                table: "RoleHoldings",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "RevokedAt",
                table: "RoleHoldings",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "RevokedAt",
                table: "Members",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "UnitsSince",
                table: "Members",
                type: "timestamp with time zone",
                nullable: false,
                defaultValue: new DateTimeOffset(new DateTime(1, 1, 1, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)));

            migrationBuilder.Sql("""UPDATE "RoleHoldings" SET "GrantedAt" = '0001-01-01 00:00:00+00'::timestamptz;""");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            // Without the columns, tombstones would count again: revoked grants, grants of deleted roles, deleted units.
            migrationBuilder.Sql("""
                DELETE FROM "RoleHoldings" h WHERE h."GrantedAt" IS NULL OR h."RevokedAt" IS NOT NULL
                    OR NOT EXISTS (SELECT 1 FROM "Roles" r WHERE r."Id" = h."RoleId" AND r."DeletedAt" IS NULL);
                DELETE FROM "UnitMemberships" m WHERE EXISTS (SELECT 1 FROM "Units" u WHERE u."Id" = m."UnitId" AND u."DeletedAt" IS NOT NULL);
                DELETE FROM "Units" WHERE "DeletedAt" IS NOT NULL;
                """);

            migrationBuilder.AddColumn<string>(
                name: "RoleName",
                table: "RoleHoldings",
                type: "character varying(100)",
                maxLength: 100,
                nullable: false,
                defaultValue: "");

            migrationBuilder.Sql("""UPDATE "RoleHoldings" h SET "RoleName" = r."Name" FROM "Roles" r WHERE r."Id" = h."RoleId";""");

            migrationBuilder.DropTable(
                name: "Roles");

            migrationBuilder.DropColumn(
                name: "DeletedAt",
                table: "Units");

            migrationBuilder.DropColumn(
                name: "NameSince",
                table: "Units");

            migrationBuilder.DropColumn(
                name: "ParentSince",
                table: "Units");

            migrationBuilder.DropColumn(
                name: "GrantedAt",
                table: "RoleHoldings");

            migrationBuilder.DropColumn(
                name: "RevokedAt",
                table: "RoleHoldings");

            migrationBuilder.DropColumn(
                name: "RevokedAt",
                table: "Members");

            migrationBuilder.DropColumn(
                name: "UnitsSince",
                table: "Members");
        }
    }
}
