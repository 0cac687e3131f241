using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SkillsMatch.Server.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Impressions : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "ImpressionId",
                table: "Outcomes",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "Impressions",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ListId = table.Column<byte[]>(type: "BLOB", nullable: false),
                    Kind = table.Column<int>(type: "INTEGER", nullable: false),
                    NeedId = table.Column<int>(type: "INTEGER", nullable: false),
                    ClientId = table.Column<int>(type: "INTEGER", nullable: false),
                    Rank = table.Column<int>(type: "INTEGER", nullable: false),
                    Ranker = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    FeatureSchema = table.Column<int>(type: "INTEGER", nullable: false),
                    Features = table.Column<byte[]>(type: "BLOB", nullable: false),
                    ShownAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Impressions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Impressions_Clients_ClientId",
                        column: x => x.ClientId,
                        principalTable: "Clients",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_Impressions_Needs_NeedId",
                        column: x => x.NeedId,
                        principalTable: "Needs",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Outcomes_ImpressionId",
                table: "Outcomes",
                column: "ImpressionId");

            migrationBuilder.CreateIndex(
                name: "IX_Impressions_ClientId",
                table: "Impressions",
                column: "ClientId");

            migrationBuilder.CreateIndex(
                name: "IX_Impressions_NeedId_ClientId",
                table: "Impressions",
                columns: new[] { "NeedId", "ClientId" });

            migrationBuilder.CreateIndex(
                name: "IX_Impressions_ShownAt",
                table: "Impressions",
                column: "ShownAt");

            migrationBuilder.AddForeignKey(
                name: "FK_Outcomes_Impressions_ImpressionId",
                table: "Outcomes",
                column: "ImpressionId",
                principalTable: "Impressions",
                principalColumn: "Id",
                onDelete: ReferentialAction.SetNull);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_Outcomes_Impressions_ImpressionId",
                table: "Outcomes");

            migrationBuilder.DropTable(
                name: "Impressions");

            migrationBuilder.DropIndex(
                name: "IX_Outcomes_ImpressionId",
                table: "Outcomes");

            migrationBuilder.DropColumn(
                name: "ImpressionId",
                table: "Outcomes");
        }
    }
}
