using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Portal.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class SearchIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "SearchState",
                table: "Messages",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.CreateTable(
                name: "MessageTexts",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    BlobId = table.Column<string>(type: "TEXT", unicode: false, maxLength: 64, nullable: false),
                    Subject = table.Column<string>(type: "TEXT", nullable: false),
                    From = table.Column<string>(type: "TEXT", nullable: false),
                    To = table.Column<string>(type: "TEXT", nullable: false),
                    Cc = table.Column<string>(type: "TEXT", nullable: false),
                    Bcc = table.Column<string>(type: "TEXT", nullable: false),
                    Headers = table.Column<string>(type: "TEXT", nullable: false),
                    Body = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_MessageTexts", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Messages_FolderId_SearchState",
                table: "Messages",
                columns: new[] { "FolderId", "SearchState" });

            migrationBuilder.CreateIndex(
                name: "IX_MessageTexts_BlobId",
                table: "MessageTexts",
                column: "BlobId",
                unique: true);

            // FTS5 over the text rows (external content: the text is stored once), trigram tokens so that a quoted
            // needle of three or more characters matches exactly the rows that contain it; see ADR 0004.
            migrationBuilder.Sql("""
                CREATE VIRTUAL TABLE "MessageTextIndex" USING fts5("Subject", "From", "To", "Cc", "Bcc", "Headers", "Body",
                    content='MessageTexts', content_rowid='Id', tokenize='trigram case_sensitive 1');
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER "MessageTexts_Indexed" AFTER INSERT ON "MessageTexts" BEGIN
                    INSERT INTO "MessageTextIndex"(rowid, "Subject", "From", "To", "Cc", "Bcc", "Headers", "Body") VALUES (new."Id", new."Subject", new."From", new."To", new."Cc", new."Bcc", new."Headers", new."Body");
                END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER "MessageTexts_Unindexed" AFTER DELETE ON "MessageTexts" BEGIN
                    INSERT INTO "MessageTextIndex"("MessageTextIndex", rowid, "Subject", "From", "To", "Cc", "Bcc", "Headers", "Body") VALUES ('delete', old."Id", old."Subject", old."From", old."To", old."Cc", old."Bcc", old."Headers", old."Body");
                END;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER \"MessageTexts_Unindexed\";");
            migrationBuilder.Sql("DROP TRIGGER \"MessageTexts_Indexed\";");
            migrationBuilder.Sql("DROP TABLE \"MessageTextIndex\";");
            migrationBuilder.DropTable(
                name: "MessageTexts");

            migrationBuilder.DropIndex(
                name: "IX_Messages_FolderId_SearchState",
                table: "Messages");

            migrationBuilder.DropColumn(
                name: "SearchState",
                table: "Messages");
        }
    }
}
