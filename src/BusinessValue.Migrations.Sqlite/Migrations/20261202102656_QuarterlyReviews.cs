using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace BusinessValue.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class QuarterlyReviews : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "reviews",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    QuarterStart = table.Column<string>(type: "TEXT", maxLength: 7, nullable: false),
                    MeetingDate = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Attendees = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    Status = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    CreatedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    CreatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    StartedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    ClosedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    ClosedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    ReopenedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    ReopenedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    ReopenReason = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    AgendaEdits = table.Column<int>(type: "INTEGER", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_reviews", x => x.Id);
                });

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
                name: "action_items",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    RaisedInReviewId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    ItOwnerId = table.Column<Guid>(type: "TEXT", nullable: false),
                    BusinessOwnerId = table.Column<Guid>(type: "TEXT", nullable: false),
                    DueDate = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    SystemId = table.Column<Guid>(type: "TEXT", nullable: true),
                    CreatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    DoneAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    DoneBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_action_items", x => x.Id);
                    table.ForeignKey(
                        name: "FK_action_items_reviews_RaisedInReviewId",
                        column: x => x.RaisedInReviewId,
                        principalTable: "reviews",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_action_items_users_BusinessOwnerId",
                        column: x => x.BusinessOwnerId,
                        principalTable: "users",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_action_items_users_ItOwnerId",
                        column: x => x.ItOwnerId,
                        principalTable: "users",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "frozen_reviews",
                columns: table => new
                {
                    ReviewId = table.Column<Guid>(type: "TEXT", nullable: false),
                    FrozenAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    PortfolioDocument = table.Column<string>(type: "TEXT", nullable: false),
                    Figures = table.Column<string>(type: "TEXT", nullable: false),
                    ActionItems = table.Column<string>(type: "TEXT", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_frozen_reviews", x => x.ReviewId);
                    table.ForeignKey(
                        name: "FK_frozen_reviews_reviews_ReviewId",
                        column: x => x.ReviewId,
                        principalTable: "reviews",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "review_decisions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ReviewId = table.Column<Guid>(type: "TEXT", nullable: false),
                    SystemId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Suggested = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true),
                    Decision = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    Notes = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    DecidedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    DecidedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_review_decisions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_review_decisions_reviews_ReviewId",
                        column: x => x.ReviewId,
                        principalTable: "reviews",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
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

            migrationBuilder.CreateTable(
                name: "agenda_items",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ReviewId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Position = table.Column<int>(type: "INTEGER", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    Note = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    SystemId = table.Column<Guid>(type: "TEXT", nullable: true),
                    ActionItemId = table.Column<Guid>(type: "TEXT", nullable: true),
                    TranslationRequestId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_agenda_items", x => x.Id);
                    table.ForeignKey(
                        name: "FK_agenda_items_action_items_ActionItemId",
                        column: x => x.ActionItemId,
                        principalTable: "action_items",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "FK_agenda_items_reviews_ReviewId",
                        column: x => x.ReviewId,
                        principalTable: "reviews",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_action_items_BusinessOwnerId",
                table: "action_items",
                column: "BusinessOwnerId");

            migrationBuilder.CreateIndex(
                name: "IX_action_items_ItOwnerId",
                table: "action_items",
                column: "ItOwnerId");

            migrationBuilder.CreateIndex(
                name: "IX_action_items_RaisedInReviewId",
                table: "action_items",
                column: "RaisedInReviewId");

            migrationBuilder.CreateIndex(
                name: "IX_agenda_items_ActionItemId",
                table: "agenda_items",
                column: "ActionItemId");

            migrationBuilder.CreateIndex(
                name: "IX_agenda_items_ReviewId_Position",
                table: "agenda_items",
                columns: new[] { "ReviewId", "Position" });

            migrationBuilder.CreateIndex(
                name: "IX_review_decisions_ReviewId_SystemId",
                table: "review_decisions",
                columns: new[] { "ReviewId", "SystemId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_reviews_QuarterStart",
                table: "reviews",
                column: "QuarterStart",
                unique: true);

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
                name: "agenda_items");

            migrationBuilder.DropTable(
                name: "frozen_reviews");

            migrationBuilder.DropTable(
                name: "review_decisions");

            migrationBuilder.DropTable(
                name: "translation_request_systems");

            migrationBuilder.DropTable(
                name: "action_items");

            migrationBuilder.DropTable(
                name: "translation_requests");

            migrationBuilder.DropTable(
                name: "reviews");
        }
    }
}
