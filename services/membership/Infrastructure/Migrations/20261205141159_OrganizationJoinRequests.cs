using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Platform.Membership.Infrastructure.Migrations
{
    /// <inheritdoc />
    public partial class OrganizationJoinRequests : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "OpenToJoinRequests",
                table: "Organizations",
                type: "boolean",
                nullable: false,
                defaultValue: false);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "OpenToJoinRequests",
                table: "Organizations");
        }
    }
}
