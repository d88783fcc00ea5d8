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
            migrationBuilder.AlterDatabase()
                .Annotation("Npgsql:PostgresExtension:pg_trgm", ",,");

            migrationBuilder.CreateIndex(
                name: "IX_DirectoryUsers_LastName_FirstName_Id",
                table: "DirectoryUsers",
                columns: new[] { "LastName", "FirstName", "Id" });

            // The members search's prefix match (ILIKE 'text%') on each column and on "first last", as MembersApi writes it.
            migrationBuilder.Sql("""CREATE INDEX "IX_DirectoryUsers_Email_trgm" ON "DirectoryUsers" USING gin ("Email" gin_trgm_ops);""");
            migrationBuilder.Sql("""CREATE INDEX "IX_DirectoryUsers_FirstName_trgm" ON "DirectoryUsers" USING gin ("FirstName" gin_trgm_ops);""");
            migrationBuilder.Sql("""CREATE INDEX "IX_DirectoryUsers_LastName_trgm" ON "DirectoryUsers" USING gin ("LastName" gin_trgm_ops);""");
            migrationBuilder.Sql("""CREATE INDEX "IX_DirectoryUsers_FullName_trgm" ON "DirectoryUsers" USING gin ((("FirstName" || ' ') || "LastName") gin_trgm_ops);""");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            foreach (var index in new[] { "Email", "FirstName", "LastName", "FullName" })
                migrationBuilder.Sql($"""DROP INDEX IF EXISTS "IX_DirectoryUsers_{index}_trgm";""");

            migrationBuilder.DropIndex(
                name: "IX_DirectoryUsers_LastName_FirstName_Id",
                table: "DirectoryUsers");

            migrationBuilder.AlterDatabase()
                .OldAnnotation("Npgsql:PostgresExtension:pg_trgm", ",,");
        }
    }
}
