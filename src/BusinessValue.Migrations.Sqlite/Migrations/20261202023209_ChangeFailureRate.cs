using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace BusinessValue.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class ChangeFailureRate : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<decimal>(
                name: "ChangeFailureRatePercent",
                table: "monthly_metrics",
                type: "TEXT",
                precision: 20,
                scale: 6,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "ChangeFailureRatePercent",
                table: "monthly_metrics");
        }
    }
}
