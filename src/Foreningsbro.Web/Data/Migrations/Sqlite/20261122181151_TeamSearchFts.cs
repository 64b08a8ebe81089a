using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Foreningsbro.Web.Data.Migrations.Sqlite
{
    /// <summary>
    /// SQLite only: an FTS5 trigram index over Teams.SearchText, so free-text search finds the few
    /// teams that contain a word without testing the text of every active team (PostgreSQL has its
    /// trigram GIN index for the same). External content: the text stays in Teams, and the triggers
    /// keep the index current. case_sensitive 1 because SearchText and the query are already folded
    /// by SearchText.Normalize, so the index must match exactly what instr() matches.
    /// If a later migration rebuilds the Teams table (EF does that for some column changes on
    /// SQLite), it drops these triggers: re-create them there (TeamSearchFtsTests fails otherwise).
    /// </summary>
    public partial class TeamSearchFts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                CREATE VIRTUAL TABLE "TeamSearchFts" USING fts5("SearchText", content='Teams', content_rowid='Id', tokenize='trigram case_sensitive 1');
                """);
            migrationBuilder.Sql("""INSERT INTO "TeamSearchFts"("TeamSearchFts") VALUES ('rebuild');""");
            migrationBuilder.Sql("""
                CREATE TRIGGER "Teams_TeamSearchFts_Insert" AFTER INSERT ON "Teams" BEGIN
                    INSERT INTO "TeamSearchFts"(rowid, "SearchText") VALUES (new."Id", new."SearchText");
                END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER "Teams_TeamSearchFts_Delete" AFTER DELETE ON "Teams" BEGIN
                    INSERT INTO "TeamSearchFts"("TeamSearchFts", rowid, "SearchText") VALUES ('delete', old."Id", old."SearchText");
                END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER "Teams_TeamSearchFts_Update" AFTER UPDATE OF "SearchText" ON "Teams" BEGIN
                    INSERT INTO "TeamSearchFts"("TeamSearchFts", rowid, "SearchText") VALUES ('delete', old."Id", old."SearchText");
                    INSERT INTO "TeamSearchFts"(rowid, "SearchText") VALUES (new."Id", new."SearchText");
                END;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""DROP TRIGGER IF EXISTS "Teams_TeamSearchFts_Update";""");
            migrationBuilder.Sql("""DROP TRIGGER IF EXISTS "Teams_TeamSearchFts_Delete";""");
            migrationBuilder.Sql("""DROP TRIGGER IF EXISTS "Teams_TeamSearchFts_Insert";""");
            migrationBuilder.Sql("""DROP TABLE IF EXISTS "TeamSearchFts";""");
        }
    }
}
