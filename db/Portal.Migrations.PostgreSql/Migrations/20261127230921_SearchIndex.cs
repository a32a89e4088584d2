using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Portal.Migrations.PostgreSql.Migrations
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
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.CreateTable(
                name: "MessageTexts",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    BlobId = table.Column<string>(type: "character varying(64)", unicode: false, maxLength: 64, nullable: false),
                    Subject = table.Column<string>(type: "text", nullable: false),
                    From = table.Column<string>(type: "text", nullable: false),
                    To = table.Column<string>(type: "text", nullable: false),
                    Cc = table.Column<string>(type: "text", nullable: false),
                    Bcc = table.Column<string>(type: "text", nullable: false),
                    Headers = table.Column<string>(type: "text", nullable: false),
                    Body = table.Column<string>(type: "text", nullable: false)
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

            // pg_trgm (in Debian's postgresql package; a trusted extension, so the database owner may create it):
            // GIN trigram indexes serve LIKE '%needle%' on the folded text; see ADR 0004.
            migrationBuilder.Sql("CREATE EXTENSION IF NOT EXISTS pg_trgm;");
            migrationBuilder.Sql("""CREATE INDEX "IX_MessageTexts_Subject_trgm" ON "MessageTexts" USING gin ("Subject" gin_trgm_ops);""");
            migrationBuilder.Sql("""CREATE INDEX "IX_MessageTexts_From_trgm" ON "MessageTexts" USING gin ("From" gin_trgm_ops);""");
            migrationBuilder.Sql("""CREATE INDEX "IX_MessageTexts_To_trgm" ON "MessageTexts" USING gin ("To" gin_trgm_ops);""");
            migrationBuilder.Sql("""CREATE INDEX "IX_MessageTexts_Cc_trgm" ON "MessageTexts" USING gin ("Cc" gin_trgm_ops);""");
            migrationBuilder.Sql("""CREATE INDEX "IX_MessageTexts_Bcc_trgm" ON "MessageTexts" USING gin ("Bcc" gin_trgm_ops);""");
            migrationBuilder.Sql("""CREATE INDEX "IX_MessageTexts_Headers_trgm" ON "MessageTexts" USING gin ("Headers" gin_trgm_ops);""");
            migrationBuilder.Sql("""CREATE INDEX "IX_MessageTexts_Body_trgm" ON "MessageTexts" USING gin ("Body" gin_trgm_ops);""");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""DROP INDEX "IX_MessageTexts_Subject_trgm";""");
            migrationBuilder.Sql("""DROP INDEX "IX_MessageTexts_From_trgm";""");
            migrationBuilder.Sql("""DROP INDEX "IX_MessageTexts_To_trgm";""");
            migrationBuilder.Sql("""DROP INDEX "IX_MessageTexts_Cc_trgm";""");
            migrationBuilder.Sql("""DROP INDEX "IX_MessageTexts_Bcc_trgm";""");
            migrationBuilder.Sql("""DROP INDEX "IX_MessageTexts_Headers_trgm";""");
            migrationBuilder.Sql("""DROP INDEX "IX_MessageTexts_Body_trgm";""");
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
