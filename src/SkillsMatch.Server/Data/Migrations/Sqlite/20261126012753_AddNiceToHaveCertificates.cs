using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SkillsMatch.Server.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class AddNiceToHaveCertificates : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "NiceToHaveCertificates",
                table: "Needs",
                type: "TEXT",
                nullable: false,
                defaultValue: "[]");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "NiceToHaveCertificates",
                table: "Needs");
        }
    }
}
