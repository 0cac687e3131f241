using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SkillsMatch.Server.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class CoursePrerequisitesAndLanguages : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "LanguagesTaught",
                table: "Courses",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "PrerequisiteCertificates",
                table: "Courses",
                type: "TEXT",
                nullable: false,
                defaultValue: "[]");

            migrationBuilder.AddColumn<string>(
                name: "PrerequisiteLanguages",
                table: "Courses",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "PrerequisiteSkills",
                table: "Courses",
                type: "TEXT",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "LanguagesTaught",
                table: "Courses");

            migrationBuilder.DropColumn(
                name: "PrerequisiteCertificates",
                table: "Courses");

            migrationBuilder.DropColumn(
                name: "PrerequisiteLanguages",
                table: "Courses");

            migrationBuilder.DropColumn(
                name: "PrerequisiteSkills",
                table: "Courses");
        }
    }
}
