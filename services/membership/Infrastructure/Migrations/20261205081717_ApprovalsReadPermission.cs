using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Platform.Membership.Infrastructure.Migrations
{
    /// <inheritdoc />
    public partial class ApprovalsReadPermission : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // A client app may have registered the key already: it becomes the built-in one.
            migrationBuilder.Sql("""
                INSERT INTO "PermissionDefinitions" ("Key", "BuiltIn", "Description", "RegisteredAt", "RegisteredBy")
                VALUES ('approvals.read', TRUE, 'Read every approval request of the organization, not only those one made or was asked to decide', NULL, NULL)
                ON CONFLICT ("Key") DO UPDATE SET "BuiltIn" = TRUE, "Description" = EXCLUDED."Description", "RegisteredAt" = NULL, "RegisteredBy" = NULL;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DeleteData(
                table: "PermissionDefinitions",
                keyColumn: "Key",
                keyValue: "approvals.read");
        }
    }
}
