using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SkillsMatch.Server.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class DecisionHistory : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Shortlist rows of needs or clients deleted before the foreign keys existed would refuse them.
            migrationBuilder.Sql("""DELETE FROM "Shortlists" WHERE "NeedId" NOT IN (SELECT "Id" FROM "Needs") OR "ClientId" NOT IN (SELECT "Id" FROM "Clients");""");

            migrationBuilder.DropForeignKey(
                name: "FK_Impressions_Clients_ClientId",
                table: "Impressions");

            migrationBuilder.DropForeignKey(
                name: "FK_Outcomes_Clients_ClientId",
                table: "Outcomes");

            migrationBuilder.AlterColumn<int>(
                name: "ClientId",
                table: "Outcomes",
                type: "INTEGER",
                nullable: true,
                oldClrType: typeof(int),
                oldType: "INTEGER");

            migrationBuilder.AlterColumn<int>(
                name: "ClientId",
                table: "Impressions",
                type: "INTEGER",
                nullable: true,
                oldClrType: typeof(int),
                oldType: "INTEGER");

            migrationBuilder.CreateIndex(
                name: "IX_Shortlists_ClientId",
                table: "Shortlists",
                column: "ClientId");

            migrationBuilder.AddForeignKey(
                name: "FK_Impressions_Clients_ClientId",
                table: "Impressions",
                column: "ClientId",
                principalTable: "Clients",
                principalColumn: "Id",
                onDelete: ReferentialAction.SetNull);

            migrationBuilder.AddForeignKey(
                name: "FK_Outcomes_Clients_ClientId",
                table: "Outcomes",
                column: "ClientId",
                principalTable: "Clients",
                principalColumn: "Id",
                onDelete: ReferentialAction.SetNull);

            migrationBuilder.AddForeignKey(
                name: "FK_Shortlists_Clients_ClientId",
                table: "Shortlists",
                column: "ClientId",
                principalTable: "Clients",
                principalColumn: "Id",
                onDelete: ReferentialAction.Cascade);

            migrationBuilder.AddForeignKey(
                name: "FK_Shortlists_Needs_NeedId",
                table: "Shortlists",
                column: "NeedId",
                principalTable: "Needs",
                principalColumn: "Id",
                onDelete: ReferentialAction.Cascade);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_Impressions_Clients_ClientId",
                table: "Impressions");

            migrationBuilder.DropForeignKey(
                name: "FK_Outcomes_Clients_ClientId",
                table: "Outcomes");

            migrationBuilder.DropForeignKey(
                name: "FK_Shortlists_Clients_ClientId",
                table: "Shortlists");

            migrationBuilder.DropForeignKey(
                name: "FK_Shortlists_Needs_NeedId",
                table: "Shortlists");

            migrationBuilder.DropIndex(
                name: "IX_Shortlists_ClientId",
                table: "Shortlists");

            migrationBuilder.AlterColumn<int>(
                name: "ClientId",
                table: "Outcomes",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0,
                oldClrType: typeof(int),
                oldType: "INTEGER",
                oldNullable: true);

            migrationBuilder.AlterColumn<int>(
                name: "ClientId",
                table: "Impressions",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0,
                oldClrType: typeof(int),
                oldType: "INTEGER",
                oldNullable: true);

            migrationBuilder.AddForeignKey(
                name: "FK_Impressions_Clients_ClientId",
                table: "Impressions",
                column: "ClientId",
                principalTable: "Clients",
                principalColumn: "Id",
                onDelete: ReferentialAction.Cascade);

            migrationBuilder.AddForeignKey(
                name: "FK_Outcomes_Clients_ClientId",
                table: "Outcomes",
                column: "ClientId",
                principalTable: "Clients",
                principalColumn: "Id",
                onDelete: ReferentialAction.Cascade);
        }
    }
}
