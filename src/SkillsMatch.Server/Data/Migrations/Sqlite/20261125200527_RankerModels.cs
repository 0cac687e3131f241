using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SkillsMatch.Server.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class RankerModels : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "RankerModels",
                columns: table => new
                {
                    Version = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    TrainedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Card = table.Column<string>(type: "TEXT", nullable: false),
                    Model = table.Column<byte[]>(type: "BLOB", nullable: false),
                    PromotedOrder = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RankerModels", x => x.Version);
                });

            migrationBuilder.CreateIndex(
                name: "IX_RankerModels_PromotedOrder",
                table: "RankerModels",
                column: "PromotedOrder",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "RankerModels");
        }
    }
}
