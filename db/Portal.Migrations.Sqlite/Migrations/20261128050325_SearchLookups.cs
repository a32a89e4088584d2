using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Portal.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class SearchLookups : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Messages_BlobId",
                table: "Messages");

            migrationBuilder.CreateIndex(
                name: "IX_Messages_BlobId_FolderId_Uid",
                table: "Messages",
                columns: new[] { "BlobId", "FolderId", "Uid" });

            // A second FTS5 table over the short fields only (ADR 0004): a SUBJECT/FROM/TO/CC/BCC search reads the
            // trigram lists of those fields, not lists that also hold every body's positions (a column filter on
            // "MessageTextIndex" still decodes them). Same external content, filled from the existing rows.
            migrationBuilder.Sql("""
                CREATE VIRTUAL TABLE "MessageFieldIndex" USING fts5("Subject", "From", "To", "Cc", "Bcc",
                    content='MessageTexts', content_rowid='Id', tokenize='trigram case_sensitive 1');
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER "MessageTexts_FieldsIndexed" AFTER INSERT ON "MessageTexts" BEGIN
                    INSERT INTO "MessageFieldIndex"(rowid, "Subject", "From", "To", "Cc", "Bcc") VALUES (new."Id", new."Subject", new."From", new."To", new."Cc", new."Bcc");
                END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER "MessageTexts_FieldsUnindexed" AFTER DELETE ON "MessageTexts" BEGIN
                    INSERT INTO "MessageFieldIndex"("MessageFieldIndex", rowid, "Subject", "From", "To", "Cc", "Bcc") VALUES ('delete', old."Id", old."Subject", old."From", old."To", old."Cc", old."Bcc");
                END;
                """);
            migrationBuilder.Sql("""INSERT INTO "MessageFieldIndex"("MessageFieldIndex") VALUES ('rebuild');""");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER \"MessageTexts_FieldsUnindexed\";");
            migrationBuilder.Sql("DROP TRIGGER \"MessageTexts_FieldsIndexed\";");
            migrationBuilder.Sql("DROP TABLE \"MessageFieldIndex\";");
            migrationBuilder.DropIndex(
                name: "IX_Messages_BlobId_FolderId_Uid",
                table: "Messages");

            migrationBuilder.CreateIndex(
                name: "IX_Messages_BlobId",
                table: "Messages",
                column: "BlobId");
        }
    }
}
