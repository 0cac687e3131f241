using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SkillsMatch.Server.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class CourseInstruments : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "ChildcareCompatible",
                table: "Courses",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<string>(
                name: "Content",
                table: "Courses",
                type: "TEXT",
                maxLength: 4000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Format",
                table: "Courses",
                type: "TEXT",
                maxLength: 16,
                nullable: false,
                defaultValue: "FullTime");

            migrationBuilder.AddColumn<int>(
                name: "Module",
                table: "Courses",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<string>(
                name: "ProviderCourseId",
                table: "Courses",
                type: "TEXT",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "RequiresModules",
                table: "Courses",
                type: "TEXT",
                nullable: false,
                defaultValue: "[]");

            migrationBuilder.AddColumn<string>(
                name: "SeriesId",
                table: "Courses",
                type: "TEXT",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "SeriesName",
                table: "Courses",
                type: "TEXT",
                maxLength: 200,
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_Courses_Provider_ProviderCourseId",
                table: "Courses",
                columns: new[] { "Provider", "ProviderCourseId" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Courses_Provider_ProviderCourseId",
                table: "Courses");

            migrationBuilder.DropColumn(
                name: "ChildcareCompatible",
                table: "Courses");

            migrationBuilder.DropColumn(
                name: "Content",
                table: "Courses");

            migrationBuilder.DropColumn(
                name: "Format",
                table: "Courses");

            migrationBuilder.DropColumn(
                name: "Module",
                table: "Courses");

            migrationBuilder.DropColumn(
                name: "ProviderCourseId",
                table: "Courses");

            migrationBuilder.DropColumn(
                name: "RequiresModules",
                table: "Courses");

            migrationBuilder.DropColumn(
                name: "SeriesId",
                table: "Courses");

            migrationBuilder.DropColumn(
                name: "SeriesName",
                table: "Courses");
        }
    }
}
