using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace BusinessValue.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class InitialCreate : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "departments",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Headcount = table.Column<int>(type: "INTEGER", nullable: false),
                    LabourRatePerHour = table.Column<decimal>(type: "TEXT", precision: 20, scale: 6, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_departments", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "organisation_settings",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Currency = table.Column<string>(type: "TEXT", maxLength: 3, nullable: false),
                    FiscalYearStartMonth = table.Column<int>(type: "INTEGER", nullable: false),
                    IsDemo = table.Column<bool>(type: "INTEGER", nullable: false),
                    UpdatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Assumptions_AbandonmentFactor = table.Column<decimal>(type: "TEXT", precision: 20, scale: 6, nullable: false),
                    Assumptions_BlockingFactorP1 = table.Column<decimal>(type: "TEXT", precision: 20, scale: 6, nullable: false),
                    Assumptions_BlockingFactorP2 = table.Column<decimal>(type: "TEXT", precision: 20, scale: 6, nullable: false),
                    Assumptions_BlockingFactorP3 = table.Column<decimal>(type: "TEXT", precision: 20, scale: 6, nullable: false),
                    Assumptions_BlockingFactorP4 = table.Column<decimal>(type: "TEXT", precision: 20, scale: 6, nullable: false),
                    Assumptions_LabourRatePerHour = table.Column<decimal>(type: "TEXT", precision: 20, scale: 6, nullable: false),
                    Assumptions_Margin = table.Column<decimal>(type: "TEXT", precision: 20, scale: 6, nullable: false),
                    Assumptions_ScoreThreshold = table.Column<decimal>(type: "TEXT", precision: 20, scale: 6, nullable: false),
                    Assumptions_UntestedRecoveryHours = table.Column<decimal>(type: "TEXT", precision: 20, scale: 6, nullable: false),
                    Assumptions_VerifiedWindowDays = table.Column<int>(type: "INTEGER", nullable: false),
                    Assumptions_WasteBenchmark = table.Column<decimal>(type: "TEXT", precision: 20, scale: 6, nullable: false),
                    Assumptions_WorkingWeeksPerYear = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_organisation_settings", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "systems",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Category = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Vendor = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    ItOwner = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    BusinessOwner = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    Lifecycle = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    StrategicFit = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false),
                    IntendedUsers = table.Column<int>(type: "INTEGER", nullable: true),
                    ExpectedAnnualBenefit = table.Column<decimal>(type: "TEXT", precision: 20, scale: 6, nullable: true),
                    RequiredRecoveryHours = table.Column<decimal>(type: "TEXT", precision: 20, scale: 6, nullable: true),
                    CreatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    cost_infrastructure = table.Column<decimal>(type: "TEXT", precision: 20, scale: 6, nullable: false),
                    cost_licences = table.Column<decimal>(type: "TEXT", precision: 20, scale: 6, nullable: false),
                    cost_other = table.Column<decimal>(type: "TEXT", precision: 20, scale: 6, nullable: false),
                    cost_support_staff = table.Column<decimal>(type: "TEXT", precision: 20, scale: 6, nullable: false),
                    source_detail = table.Column<string>(type: "TEXT", maxLength: 300, nullable: true),
                    source_kind = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true),
                    source_recorded_at_utc = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_systems", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "processes",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    DepartmentId = table.Column<Guid>(type: "TEXT", nullable: true),
                    AnnualRevenue = table.Column<decimal>(type: "TEXT", precision: 20, scale: 6, nullable: false),
                    OperatingHoursPerWeek = table.Column<decimal>(type: "TEXT", precision: 20, scale: 6, nullable: false),
                    Importance = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_processes", x => x.Id);
                    table.ForeignKey(
                        name: "FK_processes_departments_DepartmentId",
                        column: x => x.DepartmentId,
                        principalTable: "departments",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                });

            migrationBuilder.CreateTable(
                name: "workarounds",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Description = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    DepartmentId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    People = table.Column<int>(type: "INTEGER", nullable: false),
                    HoursPerPersonPerWeek = table.Column<decimal>(type: "TEXT", precision: 20, scale: 6, nullable: false),
                    DirectAnnualCost = table.Column<decimal>(type: "TEXT", precision: 20, scale: 6, nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    RemovedOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    source_detail = table.Column<string>(type: "TEXT", maxLength: 300, nullable: true),
                    source_kind = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true),
                    source_recorded_at_utc = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_workarounds", x => x.Id);
                    table.ForeignKey(
                        name: "FK_workarounds_departments_DepartmentId",
                        column: x => x.DepartmentId,
                        principalTable: "departments",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                });

            migrationBuilder.CreateTable(
                name: "integrations",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    SourceSystemId = table.Column<Guid>(type: "TEXT", nullable: false),
                    TargetSystemId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Mode = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    FirstRecordedMode = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    TransfersPerMonth = table.Column<decimal>(type: "TEXT", precision: 20, scale: 6, nullable: false),
                    MinutesPerTransfer = table.Column<decimal>(type: "TEXT", precision: 20, scale: 6, nullable: false),
                    source_detail = table.Column<string>(type: "TEXT", maxLength: 300, nullable: true),
                    source_kind = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true),
                    source_recorded_at_utc = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_integrations", x => x.Id);
                    table.ForeignKey(
                        name: "FK_integrations_systems_SourceSystemId",
                        column: x => x.SourceSystemId,
                        principalTable: "systems",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_integrations_systems_TargetSystemId",
                        column: x => x.TargetSystemId,
                        principalTable: "systems",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "monthly_metrics",
                columns: table => new
                {
                    SystemId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Month = table.Column<string>(type: "TEXT", maxLength: 7, nullable: false),
                    UptimePercent = table.Column<decimal>(type: "TEXT", precision: 20, scale: 6, nullable: true),
                    DowntimeMinutes = table.Column<decimal>(type: "TEXT", precision: 20, scale: 6, nullable: true),
                    SlaUptimeTargetPercent = table.Column<decimal>(type: "TEXT", precision: 20, scale: 6, nullable: true),
                    PeakDegradedMinutes = table.Column<decimal>(type: "TEXT", precision: 20, scale: 6, nullable: true),
                    TicketSlaAttainmentPercent = table.Column<decimal>(type: "TEXT", precision: 20, scale: 6, nullable: true),
                    PatchCompliancePercent = table.Column<decimal>(type: "TEXT", precision: 20, scale: 6, nullable: true),
                    SecurityIncidents = table.Column<int>(type: "INTEGER", nullable: true),
                    BlockedWorkHours = table.Column<decimal>(type: "TEXT", precision: 20, scale: 6, nullable: true),
                    BackupSuccessPercent = table.Column<decimal>(type: "TEXT", precision: 20, scale: 6, nullable: true),
                    ActiveUsers = table.Column<int>(type: "INTEGER", nullable: true),
                    Satisfaction = table.Column<decimal>(type: "TEXT", precision: 20, scale: 6, nullable: true),
                    p1_users_affected = table.Column<decimal>(type: "TEXT", precision: 20, scale: 6, nullable: true),
                    p1_count = table.Column<int>(type: "INTEGER", nullable: true),
                    p1_resolution_hours = table.Column<decimal>(type: "TEXT", precision: 20, scale: 6, nullable: true),
                    p2_users_affected = table.Column<decimal>(type: "TEXT", precision: 20, scale: 6, nullable: true),
                    p2_count = table.Column<int>(type: "INTEGER", nullable: true),
                    p2_resolution_hours = table.Column<decimal>(type: "TEXT", precision: 20, scale: 6, nullable: true),
                    p3_users_affected = table.Column<decimal>(type: "TEXT", precision: 20, scale: 6, nullable: true),
                    p3_count = table.Column<int>(type: "INTEGER", nullable: true),
                    p3_resolution_hours = table.Column<decimal>(type: "TEXT", precision: 20, scale: 6, nullable: true),
                    p4_users_affected = table.Column<decimal>(type: "TEXT", precision: 20, scale: 6, nullable: true),
                    p4_count = table.Column<int>(type: "INTEGER", nullable: true),
                    p4_resolution_hours = table.Column<decimal>(type: "TEXT", precision: 20, scale: 6, nullable: true),
                    source_detail = table.Column<string>(type: "TEXT", maxLength: 300, nullable: true),
                    source_kind = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true),
                    source_recorded_at_utc = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_monthly_metrics", x => new { x.SystemId, x.Month });
                    table.ForeignKey(
                        name: "FK_monthly_metrics_systems_SystemId",
                        column: x => x.SystemId,
                        principalTable: "systems",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "restore_tests",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    SystemId = table.Column<Guid>(type: "TEXT", nullable: false),
                    TestedOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Passed = table.Column<bool>(type: "INTEGER", nullable: false),
                    MeasuredRecoveryHours = table.Column<decimal>(type: "TEXT", precision: 20, scale: 6, nullable: true),
                    source_detail = table.Column<string>(type: "TEXT", maxLength: 300, nullable: true),
                    source_kind = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true),
                    source_recorded_at_utc = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_restore_tests", x => x.Id);
                    table.ForeignKey(
                        name: "FK_restore_tests_systems_SystemId",
                        column: x => x.SystemId,
                        principalTable: "systems",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "dependencies",
                columns: table => new
                {
                    ProcessId = table.Column<Guid>(type: "TEXT", nullable: false),
                    SystemId = table.Column<Guid>(type: "TEXT", nullable: false),
                    RevenueShare = table.Column<decimal>(type: "TEXT", precision: 20, scale: 6, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_dependencies", x => new { x.ProcessId, x.SystemId });
                    table.ForeignKey(
                        name: "FK_dependencies_processes_ProcessId",
                        column: x => x.ProcessId,
                        principalTable: "processes",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_dependencies_systems_SystemId",
                        column: x => x.SystemId,
                        principalTable: "systems",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "workaround_systems",
                columns: table => new
                {
                    SystemId = table.Column<Guid>(type: "TEXT", nullable: false),
                    WorkaroundId = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_workaround_systems", x => new { x.WorkaroundId, x.SystemId });
                    table.ForeignKey(
                        name: "FK_workaround_systems_systems_SystemId",
                        column: x => x.SystemId,
                        principalTable: "systems",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_workaround_systems_workarounds_WorkaroundId",
                        column: x => x.WorkaroundId,
                        principalTable: "workarounds",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_departments_Name",
                table: "departments",
                column: "Name",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_dependencies_SystemId",
                table: "dependencies",
                column: "SystemId");

            migrationBuilder.CreateIndex(
                name: "IX_integrations_SourceSystemId",
                table: "integrations",
                column: "SourceSystemId");

            migrationBuilder.CreateIndex(
                name: "IX_integrations_TargetSystemId",
                table: "integrations",
                column: "TargetSystemId");

            migrationBuilder.CreateIndex(
                name: "IX_monthly_metrics_Month",
                table: "monthly_metrics",
                column: "Month");

            migrationBuilder.CreateIndex(
                name: "IX_processes_DepartmentId",
                table: "processes",
                column: "DepartmentId");

            migrationBuilder.CreateIndex(
                name: "IX_processes_Name",
                table: "processes",
                column: "Name",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_restore_tests_SystemId_TestedOn",
                table: "restore_tests",
                columns: new[] { "SystemId", "TestedOn" });

            migrationBuilder.CreateIndex(
                name: "IX_systems_Name",
                table: "systems",
                column: "Name",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_workaround_systems_SystemId",
                table: "workaround_systems",
                column: "SystemId");

            migrationBuilder.CreateIndex(
                name: "IX_workarounds_DepartmentId",
                table: "workarounds",
                column: "DepartmentId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "dependencies");

            migrationBuilder.DropTable(
                name: "integrations");

            migrationBuilder.DropTable(
                name: "monthly_metrics");

            migrationBuilder.DropTable(
                name: "organisation_settings");

            migrationBuilder.DropTable(
                name: "restore_tests");

            migrationBuilder.DropTable(
                name: "workaround_systems");

            migrationBuilder.DropTable(
                name: "processes");

            migrationBuilder.DropTable(
                name: "systems");

            migrationBuilder.DropTable(
                name: "workarounds");

            migrationBuilder.DropTable(
                name: "departments");
        }
    }
}
