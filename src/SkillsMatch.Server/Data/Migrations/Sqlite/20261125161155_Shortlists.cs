using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SkillsMatch.Server.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Shortlists : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "Shortlists",
                columns: table => new
                {
                    NeedId = table.Column<int>(type: "INTEGER", nullable: false),
                    ClientId = table.Column<int>(type: "INTEGER", nullable: false),
                    Rank = table.Column<int>(type: "INTEGER", nullable: false),
                    Score = table.Column<double>(type: "REAL", nullable: false),
                    ComputedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    FirstListedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Shortlists", x => new { x.NeedId, x.ClientId });
                });

            migrationBuilder.CreateIndex(
                name: "IX_Shortlists_NeedId_Rank",
                table: "Shortlists",
                columns: new[] { "NeedId", "Rank" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "Shortlists");
        }
    }
}
