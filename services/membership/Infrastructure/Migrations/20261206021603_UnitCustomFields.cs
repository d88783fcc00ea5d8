using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Platform.Membership.Infrastructure.Migrations
{
    /// <inheritdoc />
    public partial class UnitCustomFields : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "CustomFields",
                table: "Units",
                type: "jsonb",
                nullable: false,
                defaultValue: "{}");

            migrationBuilder.AddColumn<string>(
                name: "UnitCustomFields",
                table: "Organizations",
                type: "jsonb",
                nullable: true);

            // Existing organizations define no unit fields yet, as new ones start.
            migrationBuilder.Sql(""" UPDATE "Organizations" SET "UnitCustomFields" = '[]' WHERE "UnitCustomFields" IS NULL """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "CustomFields",
                table: "Units");

            migrationBuilder.DropColumn(
                name: "UnitCustomFields",
                table: "Organizations");
        }
    }
}
