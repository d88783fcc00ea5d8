using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Platform.Identity.Infrastructure.Migrations
{
    /// <summary>
    /// Addresses stored before the canonical rule (ServiceDefaults' EmailAddress) were trimmed and
    /// lower-cased already; this drops a trailing dot of the domain where that makes no second copy of an
    /// address in use. A dotted account whose undotted twin exists is left as it is for an administrator
    /// to merge or delete (the README says so), and non-ASCII domains keep their stored form.
    /// </summary>
    [DbContext(typeof(IdentityDbContext))]
    [Migration("20261204174900_CanonicalEmailAddresses")]
    public partial class CanonicalEmailAddresses : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                UPDATE "Users" AS u SET "Email" = left(u."Email", -1)
                WHERE u."Email" LIKE '%.' AND NOT EXISTS (SELECT 1 FROM "Users" AS o WHERE o."Email" = left(u."Email", -1));
                UPDATE "InvitationLinks" SET "Email" = left("Email", -1) WHERE "Email" LIKE '%.';
                UPDATE "AccountTokens" SET "NewEmail" = left("NewEmail", -1) WHERE "NewEmail" LIKE '%.';
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
        }
    }
}
