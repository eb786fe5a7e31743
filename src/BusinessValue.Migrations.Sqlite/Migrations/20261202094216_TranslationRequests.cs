using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace BusinessValue.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class TranslationRequests : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "translation_requests",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    TechnicalNeed = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    BusinessTranslation = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    ProcessId = table.Column<Guid>(type: "TEXT", nullable: true),
                    NeededBy = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    EstimatedImpact = table.Column<decimal>(type: "TEXT", precision: 20, scale: 6, nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    DecisionNote = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    CreatedBy = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    CreatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false),
                    source_detail = table.Column<string>(type: "TEXT", maxLength: 300, nullable: true),
                    source_kind = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true),
                    source_recorded_at_utc = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_translation_requests", x => x.Id);
                    table.ForeignKey(
                        name: "FK_translation_requests_processes_ProcessId",
                        column: x => x.ProcessId,
                        principalTable: "processes",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                });

            migrationBuilder.CreateTable(
                name: "translation_request_systems",
                columns: table => new
                {
                    SystemId = table.Column<Guid>(type: "TEXT", nullable: false),
                    TranslationRequestId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_translation_request_systems", x => new { x.TranslationRequestId, x.SystemId });
                    table.ForeignKey(
                        name: "FK_translation_request_systems_systems_SystemId",
                        column: x => x.SystemId,
                        principalTable: "systems",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_translation_request_systems_translation_requests_TranslationRequestId",
                        column: x => x.TranslationRequestId,
                        principalTable: "translation_requests",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_translation_request_systems_SystemId",
                table: "translation_request_systems",
                column: "SystemId");

            migrationBuilder.CreateIndex(
                name: "IX_translation_requests_ProcessId",
                table: "translation_requests",
                column: "ProcessId");

            migrationBuilder.CreateIndex(
                name: "IX_translation_requests_Status",
                table: "translation_requests",
                column: "Status");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "translation_request_systems");

            migrationBuilder.DropTable(
                name: "translation_requests");
        }
    }
}
