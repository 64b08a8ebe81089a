using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Foreningsbro.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Programmes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "KioskPinHash",
                table: "AspNetUsers",
                type: "TEXT",
                maxLength: 200,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "Programmes",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    DepartmentId = table.Column<int>(type: "INTEGER", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false),
                    Description = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    VenueId = table.Column<int>(type: "INTEGER", nullable: false),
                    ResponsibleConsultantId = table.Column<string>(type: "TEXT", nullable: true),
                    StartDate = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Weeks = table.Column<int>(type: "INTEGER", nullable: true),
                    Capacity = table.Column<int>(type: "INTEGER", nullable: false),
                    Archived = table.Column<bool>(type: "INTEGER", nullable: false),
                    CreatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    CreatedBy = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Programmes", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Programmes_AspNetUsers_ResponsibleConsultantId",
                        column: x => x.ResponsibleConsultantId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "FK_Programmes_Departments_DepartmentId",
                        column: x => x.DepartmentId,
                        principalTable: "Departments",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Programmes_Venues_VenueId",
                        column: x => x.VenueId,
                        principalTable: "Venues",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "Enrolments",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ProgrammeId = table.Column<int>(type: "INTEGER", nullable: false),
                    CitizenId = table.Column<int>(type: "INTEGER", nullable: false),
                    ConsultantId = table.Column<string>(type: "TEXT", nullable: true),
                    StartDate = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    EndDate = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    EndReason = table.Column<string>(type: "TEXT", maxLength: 30, nullable: true),
                    EndNote = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    NextStepTeamId = table.Column<int>(type: "INTEGER", nullable: true),
                    CreatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    CreatedBy = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    IdempotencyKey = table.Column<Guid>(type: "TEXT", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Enrolments", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Enrolments_AspNetUsers_ConsultantId",
                        column: x => x.ConsultantId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "FK_Enrolments_Citizens_CitizenId",
                        column: x => x.CitizenId,
                        principalTable: "Citizens",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_Enrolments_Programmes_ProgrammeId",
                        column: x => x.ProgrammeId,
                        principalTable: "Programmes",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Enrolments_Teams_NextStepTeamId",
                        column: x => x.NextStepTeamId,
                        principalTable: "Teams",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                });

            migrationBuilder.CreateTable(
                name: "ProgrammeInstructors",
                columns: table => new
                {
                    ProgrammeId = table.Column<int>(type: "INTEGER", nullable: false),
                    UserId = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ProgrammeInstructors", x => new { x.ProgrammeId, x.UserId });
                    table.ForeignKey(
                        name: "FK_ProgrammeInstructors_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_ProgrammeInstructors_Programmes_ProgrammeId",
                        column: x => x.ProgrammeId,
                        principalTable: "Programmes",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ProgrammeSchedules",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ProgrammeId = table.Column<int>(type: "INTEGER", nullable: false),
                    Weekday = table.Column<int>(type: "INTEGER", nullable: false),
                    Start = table.Column<TimeOnly>(type: "TEXT", nullable: false),
                    End = table.Column<TimeOnly>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ProgrammeSchedules", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ProgrammeSchedules_Programmes_ProgrammeId",
                        column: x => x.ProgrammeId,
                        principalTable: "Programmes",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ProgrammeSessions",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ProgrammeId = table.Column<int>(type: "INTEGER", nullable: false),
                    Date = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Start = table.Column<TimeOnly>(type: "TEXT", nullable: false),
                    End = table.Column<TimeOnly>(type: "TEXT", nullable: false),
                    ScheduledDate = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    ScheduledStart = table.Column<TimeOnly>(type: "TEXT", nullable: true),
                    Cancelled = table.Column<bool>(type: "INTEGER", nullable: false),
                    CancelReason = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    Topic = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    TopicNote = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    VisitTeamId = table.Column<int>(type: "INTEGER", nullable: true),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ProgrammeSessions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ProgrammeSessions_Programmes_ProgrammeId",
                        column: x => x.ProgrammeId,
                        principalTable: "Programmes",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_ProgrammeSessions_Teams_VisitTeamId",
                        column: x => x.VisitTeamId,
                        principalTable: "Teams",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                });

            migrationBuilder.CreateTable(
                name: "ProgressNotes",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    EnrolmentId = table.Column<int>(type: "INTEGER", nullable: false),
                    AtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    By = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Text = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ProgressNotes", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ProgressNotes_Enrolments_EnrolmentId",
                        column: x => x.EnrolmentId,
                        principalTable: "Enrolments",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "Attendances",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    SessionId = table.Column<int>(type: "INTEGER", nullable: false),
                    EnrolmentId = table.Column<int>(type: "INTEGER", nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    CheckInMood = table.Column<int>(type: "INTEGER", nullable: true),
                    CheckInWord = table.Column<string>(type: "TEXT", maxLength: 50, nullable: true),
                    CheckOutRating = table.Column<int>(type: "INTEGER", nullable: true),
                    CheckOutReason = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    WantsToJoin = table.Column<bool>(type: "INTEGER", nullable: false),
                    JoinReferralId = table.Column<int>(type: "INTEGER", nullable: true),
                    RecordedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    RecordedBy = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Attendances", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Attendances_Enrolments_EnrolmentId",
                        column: x => x.EnrolmentId,
                        principalTable: "Enrolments",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_Attendances_ProgrammeSessions_SessionId",
                        column: x => x.SessionId,
                        principalTable: "ProgrammeSessions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_Attendances_Referrals_JoinReferralId",
                        column: x => x.JoinReferralId,
                        principalTable: "Referrals",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Attendances_EnrolmentId",
                table: "Attendances",
                column: "EnrolmentId");

            migrationBuilder.CreateIndex(
                name: "IX_Attendances_JoinReferralId",
                table: "Attendances",
                column: "JoinReferralId");

            migrationBuilder.CreateIndex(
                name: "IX_Attendances_SessionId_EnrolmentId",
                table: "Attendances",
                columns: new[] { "SessionId", "EnrolmentId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Enrolments_CitizenId",
                table: "Enrolments",
                column: "CitizenId");

            migrationBuilder.CreateIndex(
                name: "IX_Enrolments_ConsultantId",
                table: "Enrolments",
                column: "ConsultantId");

            migrationBuilder.CreateIndex(
                name: "IX_Enrolments_IdempotencyKey",
                table: "Enrolments",
                column: "IdempotencyKey",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Enrolments_NextStepTeamId",
                table: "Enrolments",
                column: "NextStepTeamId");

            migrationBuilder.CreateIndex(
                name: "IX_Enrolments_ProgrammeId_EndDate",
                table: "Enrolments",
                columns: new[] { "ProgrammeId", "EndDate" });

            migrationBuilder.CreateIndex(
                name: "IX_ProgrammeInstructors_UserId",
                table: "ProgrammeInstructors",
                column: "UserId");

            migrationBuilder.CreateIndex(
                name: "IX_Programmes_DepartmentId_Name",
                table: "Programmes",
                columns: new[] { "DepartmentId", "Name" });

            migrationBuilder.CreateIndex(
                name: "IX_Programmes_ResponsibleConsultantId",
                table: "Programmes",
                column: "ResponsibleConsultantId");

            migrationBuilder.CreateIndex(
                name: "IX_Programmes_VenueId",
                table: "Programmes",
                column: "VenueId");

            migrationBuilder.CreateIndex(
                name: "IX_ProgrammeSchedules_ProgrammeId",
                table: "ProgrammeSchedules",
                column: "ProgrammeId");

            migrationBuilder.CreateIndex(
                name: "IX_ProgrammeSessions_ProgrammeId_Date",
                table: "ProgrammeSessions",
                columns: new[] { "ProgrammeId", "Date" });

            migrationBuilder.CreateIndex(
                name: "IX_ProgrammeSessions_ProgrammeId_ScheduledDate_ScheduledStart",
                table: "ProgrammeSessions",
                columns: new[] { "ProgrammeId", "ScheduledDate", "ScheduledStart" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ProgrammeSessions_VisitTeamId",
                table: "ProgrammeSessions",
                column: "VisitTeamId");

            migrationBuilder.CreateIndex(
                name: "IX_ProgressNotes_EnrolmentId",
                table: "ProgressNotes",
                column: "EnrolmentId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "Attendances");

            migrationBuilder.DropTable(
                name: "ProgrammeInstructors");

            migrationBuilder.DropTable(
                name: "ProgrammeSchedules");

            migrationBuilder.DropTable(
                name: "ProgressNotes");

            migrationBuilder.DropTable(
                name: "ProgrammeSessions");

            migrationBuilder.DropTable(
                name: "Enrolments");

            migrationBuilder.DropTable(
                name: "Programmes");

            migrationBuilder.DropColumn(
                name: "KioskPinHash",
                table: "AspNetUsers");
        }
    }
}
