using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Foreningsbro.Web.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class OneOpenReferralPerCitizenAndTeam : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_Referrals_CitizenId_TeamId",
                table: "Referrals",
                columns: new[] { "CitizenId", "TeamId" },
                unique: true,
                filter: "\"Status\" <> 'Closed'");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Referrals_CitizenId_TeamId",
                table: "Referrals");
        }
    }
}
