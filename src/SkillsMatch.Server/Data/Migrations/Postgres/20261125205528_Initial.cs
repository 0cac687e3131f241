using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace SkillsMatch.Server.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "ChangeLog",
                columns: table => new
                {
                    Sequence = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Entity = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    EntityId = table.Column<int>(type: "integer", nullable: false),
                    Deleted = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ChangeLog", x => x.Sequence);
                });

            migrationBuilder.CreateTable(
                name: "Clients",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Reference = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Caseworker = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Certificates = table.Column<List<string>>(type: "text[]", nullable: false),
                    DesiredOccupations = table.Column<List<string>>(type: "text[]", nullable: false),
                    AvailableFrom = table.Column<DateOnly>(type: "date", nullable: false),
                    HoursPerWeek = table.Column<int>(type: "integer", nullable: false),
                    DrivingLicence = table.Column<bool>(type: "boolean", nullable: false),
                    HasCar = table.Column<bool>(type: "boolean", nullable: false),
                    MaxCommuteMinutes = table.Column<int>(type: "integer", nullable: false),
                    HomeMunicipalityAgs = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Barriers = table.Column<List<string>>(type: "text[]", nullable: false),
                    ConsentToShare = table.Column<bool>(type: "boolean", nullable: false),
                    Gender = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: true),
                    BirthYear = table.Column<int>(type: "integer", nullable: true),
                    Nationality = table.Column<string>(type: "character varying(2)", maxLength: 2, nullable: true),
                    SevereDisability = table.Column<bool>(type: "boolean", nullable: false),
                    Version = table.Column<long>(type: "bigint", nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Languages = table.Column<string>(type: "jsonb", nullable: true),
                    PastOccupations = table.Column<string>(type: "jsonb", nullable: true),
                    Skills = table.Column<string>(type: "jsonb", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Clients", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Courses",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Provider = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Title = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    CertificatesAwarded = table.Column<List<string>>(type: "text[]", nullable: false),
                    PrerequisiteCertificates = table.Column<List<string>>(type: "text[]", nullable: false),
                    DurationWeeks = table.Column<int>(type: "integer", nullable: false),
                    HoursPerWeek = table.Column<int>(type: "integer", nullable: false),
                    MunicipalityAgs = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    Remote = table.Column<bool>(type: "boolean", nullable: false),
                    CostEuros = table.Column<decimal>(type: "numeric(10,2)", precision: 10, scale: 2, nullable: false),
                    Funding = table.Column<List<string>>(type: "text[]", nullable: false),
                    AzavCertified = table.Column<bool>(type: "boolean", nullable: false),
                    Version = table.Column<long>(type: "bigint", nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Cohorts = table.Column<string>(type: "jsonb", nullable: true),
                    LanguagesTaught = table.Column<string>(type: "jsonb", nullable: true),
                    PrerequisiteLanguages = table.Column<string>(type: "jsonb", nullable: true),
                    PrerequisiteSkills = table.Column<string>(type: "jsonb", nullable: true),
                    Skills = table.Column<string>(type: "jsonb", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Courses", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Employers",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Sector = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    MunicipalityAgs = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    ContactName = table.Column<string>(type: "text", nullable: true),
                    ContactEmail = table.Column<string>(type: "text", nullable: true),
                    Version = table.Column<long>(type: "bigint", nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Employers", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ForumRounds",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Title = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Sector = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    RegionCode = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    Date = table.Column<DateOnly>(type: "date", nullable: false),
                    Notes = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    Version = table.Column<long>(type: "bigint", nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ForumRounds", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "RankerModels",
                columns: table => new
                {
                    Version = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    TrainedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Card = table.Column<string>(type: "text", nullable: false),
                    Model = table.Column<byte[]>(type: "bytea", nullable: false),
                    PromotedOrder = table.Column<long>(type: "bigint", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RankerModels", x => x.Version);
                });

            migrationBuilder.CreateTable(
                name: "Shortlists",
                columns: table => new
                {
                    NeedId = table.Column<int>(type: "integer", nullable: false),
                    ClientId = table.Column<int>(type: "integer", nullable: false),
                    Rank = table.Column<int>(type: "integer", nullable: false),
                    Score = table.Column<double>(type: "double precision", nullable: false),
                    ComputedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    FirstListedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Shortlists", x => new { x.NeedId, x.ClientId });
                });

            migrationBuilder.CreateTable(
                name: "Needs",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Kind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    EmployerId = table.Column<int>(type: "integer", nullable: false),
                    ForumRoundId = table.Column<int>(type: "integer", nullable: true),
                    Title = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    OccupationId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    Headcount = table.Column<int>(type: "integer", nullable: false),
                    PeriodStart = table.Column<DateOnly>(type: "date", nullable: false),
                    PeriodEnd = table.Column<DateOnly>(type: "date", nullable: true),
                    HoursPerWeek = table.Column<int>(type: "integer", nullable: false),
                    ShiftWork = table.Column<bool>(type: "boolean", nullable: false),
                    MunicipalityAgs = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    MaxCommuteMinutes = table.Column<int>(type: "integer", nullable: true),
                    Certificates = table.Column<List<string>>(type: "text[]", nullable: false),
                    FurtherAbilities = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    Status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Version = table.Column<long>(type: "bigint", nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Languages = table.Column<string>(type: "jsonb", nullable: true),
                    Skills = table.Column<string>(type: "jsonb", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Needs", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Needs_Employers_EmployerId",
                        column: x => x.EmployerId,
                        principalTable: "Employers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Needs_ForumRounds_ForumRoundId",
                        column: x => x.ForumRoundId,
                        principalTable: "ForumRounds",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                });

            migrationBuilder.CreateTable(
                name: "Impressions",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ListId = table.Column<byte[]>(type: "bytea", nullable: false),
                    Kind = table.Column<int>(type: "integer", nullable: false),
                    NeedId = table.Column<int>(type: "integer", nullable: false),
                    ClientId = table.Column<int>(type: "integer", nullable: false),
                    Rank = table.Column<int>(type: "integer", nullable: false),
                    Ranker = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    FeatureSchema = table.Column<int>(type: "integer", nullable: false),
                    Features = table.Column<byte[]>(type: "bytea", nullable: false),
                    ShownAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
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

            migrationBuilder.CreateTable(
                name: "NeedComments",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    NeedId = table.Column<int>(type: "integer", nullable: false),
                    Author = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Text = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_NeedComments", x => x.Id);
                    table.ForeignKey(
                        name: "FK_NeedComments_Needs_NeedId",
                        column: x => x.NeedId,
                        principalTable: "Needs",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "Outcomes",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    NeedId = table.Column<int>(type: "integer", nullable: false),
                    ClientId = table.Column<int>(type: "integer", nullable: false),
                    Stage = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Reason = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    Date = table.Column<DateOnly>(type: "date", nullable: false),
                    DecidedBy = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    RankAtProposal = table.Column<int>(type: "integer", nullable: true),
                    PassOverReason = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    ImpressionId = table.Column<long>(type: "bigint", nullable: true),
                    Version = table.Column<long>(type: "bigint", nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Outcomes", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Outcomes_Clients_ClientId",
                        column: x => x.ClientId,
                        principalTable: "Clients",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_Outcomes_Impressions_ImpressionId",
                        column: x => x.ImpressionId,
                        principalTable: "Impressions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "FK_Outcomes_Needs_NeedId",
                        column: x => x.NeedId,
                        principalTable: "Needs",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Clients_Caseworker",
                table: "Clients",
                column: "Caseworker");

            migrationBuilder.CreateIndex(
                name: "IX_Clients_Reference",
                table: "Clients",
                column: "Reference",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Clients_UpdatedAt",
                table: "Clients",
                column: "UpdatedAt");

            migrationBuilder.CreateIndex(
                name: "IX_Employers_Name",
                table: "Employers",
                column: "Name");

            migrationBuilder.CreateIndex(
                name: "IX_ForumRounds_Date",
                table: "ForumRounds",
                column: "Date");

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

            migrationBuilder.CreateIndex(
                name: "IX_NeedComments_NeedId",
                table: "NeedComments",
                column: "NeedId");

            migrationBuilder.CreateIndex(
                name: "IX_Needs_EmployerId",
                table: "Needs",
                column: "EmployerId");

            migrationBuilder.CreateIndex(
                name: "IX_Needs_ForumRoundId",
                table: "Needs",
                column: "ForumRoundId");

            migrationBuilder.CreateIndex(
                name: "IX_Needs_MunicipalityAgs",
                table: "Needs",
                column: "MunicipalityAgs");

            migrationBuilder.CreateIndex(
                name: "IX_Needs_Status_PeriodStart",
                table: "Needs",
                columns: new[] { "Status", "PeriodStart" });

            migrationBuilder.CreateIndex(
                name: "IX_Outcomes_ClientId",
                table: "Outcomes",
                column: "ClientId");

            migrationBuilder.CreateIndex(
                name: "IX_Outcomes_ImpressionId",
                table: "Outcomes",
                column: "ImpressionId");

            migrationBuilder.CreateIndex(
                name: "IX_Outcomes_NeedId_ClientId",
                table: "Outcomes",
                columns: new[] { "NeedId", "ClientId" });

            migrationBuilder.CreateIndex(
                name: "IX_RankerModels_PromotedOrder",
                table: "RankerModels",
                column: "PromotedOrder",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Shortlists_NeedId_Rank",
                table: "Shortlists",
                columns: new[] { "NeedId", "Rank" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ChangeLog");

            migrationBuilder.DropTable(
                name: "Courses");

            migrationBuilder.DropTable(
                name: "NeedComments");

            migrationBuilder.DropTable(
                name: "Outcomes");

            migrationBuilder.DropTable(
                name: "RankerModels");

            migrationBuilder.DropTable(
                name: "Shortlists");

            migrationBuilder.DropTable(
                name: "Impressions");

            migrationBuilder.DropTable(
                name: "Clients");

            migrationBuilder.DropTable(
                name: "Needs");

            migrationBuilder.DropTable(
                name: "Employers");

            migrationBuilder.DropTable(
                name: "ForumRounds");
        }
    }
}
