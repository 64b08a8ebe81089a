using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Foreningsbro.Web.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class OutboxMunicipality : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "MunicipalityId",
                table: "OutboxMessages",
                type: "integer",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_OutboxMessages_MunicipalityId",
                table: "OutboxMessages",
                column: "MunicipalityId");

            migrationBuilder.AddForeignKey(
                name: "FK_OutboxMessages_Municipalities_MunicipalityId",
                table: "OutboxMessages",
                column: "MunicipalityId",
                principalTable: "Municipalities",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_OutboxMessages_Municipalities_MunicipalityId",
                table: "OutboxMessages");

            migrationBuilder.DropIndex(
                name: "IX_OutboxMessages_MunicipalityId",
                table: "OutboxMessages");

            migrationBuilder.DropColumn(
                name: "MunicipalityId",
                table: "OutboxMessages");
        }
    }
}
