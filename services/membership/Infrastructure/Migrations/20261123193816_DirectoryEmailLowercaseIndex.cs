using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Platform.Membership.Infrastructure.Migrations
{
    /// <inheritdoc />
    public partial class DirectoryEmailLowercaseIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Invitations and imports find accounts by lower("Email"), for thousands of addresses at once.
            migrationBuilder.Sql("""CREATE INDEX "IX_DirectoryUsers_LowerEmail" ON "DirectoryUsers" (lower("Email"));""");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""DROP INDEX "IX_DirectoryUsers_LowerEmail";""");
        }
    }
}
