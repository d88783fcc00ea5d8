using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Platform.Membership.Infrastructure.Migrations
{
    /// <inheritdoc />
    public partial class MembersListIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_DirectoryUsers_LastName_FirstName_Id",
                table: "DirectoryUsers",
                columns: new[] { "LastName", "FirstName", "Id" });

            // The members search's prefix match, lower(column) LIKE 'text%' as MembersApi writes it, on each column and on
            // "first last"; text_pattern_ops serves LIKE prefixes whatever the database's collation.
            migrationBuilder.Sql("""CREATE INDEX "IX_DirectoryUsers_Email_lower" ON "DirectoryUsers" (lower("Email") text_pattern_ops);""");
            migrationBuilder.Sql("""CREATE INDEX "IX_DirectoryUsers_FirstName_lower" ON "DirectoryUsers" (lower("FirstName") text_pattern_ops);""");
            migrationBuilder.Sql("""CREATE INDEX "IX_DirectoryUsers_LastName_lower" ON "DirectoryUsers" (lower("LastName") text_pattern_ops);""");
            migrationBuilder.Sql("""CREATE INDEX "IX_DirectoryUsers_FullName_lower" ON "DirectoryUsers" (lower(("FirstName" || ' ') || "LastName") text_pattern_ops);""");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            foreach (var index in new[] { "Email", "FirstName", "LastName", "FullName" })
                migrationBuilder.Sql($"""DROP INDEX IF EXISTS "IX_DirectoryUsers_{index}_lower";""");

            migrationBuilder.DropIndex(
                name: "IX_DirectoryUsers_LastName_FirstName_Id",
                table: "DirectoryUsers");
        }
    }
}
