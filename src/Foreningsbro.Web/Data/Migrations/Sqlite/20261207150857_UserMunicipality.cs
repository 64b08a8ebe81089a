using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Foreningsbro.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class UserMunicipality : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "MunicipalityId",
                table: "AspNetUsers",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_AspNetUsers_MunicipalityId",
                table: "AspNetUsers",
                column: "MunicipalityId");

            migrationBuilder.AddForeignKey(
                name: "FK_AspNetUsers_Municipalities_MunicipalityId",
                table: "AspNetUsers",
                column: "MunicipalityId",
                principalTable: "Municipalities",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);

            // Existing staff keep working: a professional belongs to their department's municipality and a
            // club contact to their club's. Coordinators and instructors of an older database are given one by
            // user administration; until then they see no citizen.
            migrationBuilder.Sql("""
                UPDATE "AspNetUsers" SET "MunicipalityId" = (SELECT d."MunicipalityId" FROM "Departments" d WHERE d."Id" = "AspNetUsers"."DepartmentId")
                WHERE "DepartmentId" IS NOT NULL;
                UPDATE "AspNetUsers" SET "MunicipalityId" = (SELECT c."MunicipalityId" FROM "Clubs" c WHERE c."Id" = "AspNetUsers"."ClubId")
                WHERE "ClubId" IS NOT NULL AND "MunicipalityId" IS NULL;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_AspNetUsers_Municipalities_MunicipalityId",
                table: "AspNetUsers");

            migrationBuilder.DropIndex(
                name: "IX_AspNetUsers_MunicipalityId",
                table: "AspNetUsers");

            migrationBuilder.DropColumn(
                name: "MunicipalityId",
                table: "AspNetUsers");
        }
    }
}
