using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Portal.Migrations.SqlServer.Migrations
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
                type: "int",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.CreateTable(
                name: "MessageTexts",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    BlobId = table.Column<string>(type: "varchar(64)", unicode: false, maxLength: 64, nullable: false),
                    Subject = table.Column<string>(type: "nvarchar(max)", nullable: false),
                    From = table.Column<string>(type: "nvarchar(max)", nullable: false),
                    To = table.Column<string>(type: "nvarchar(max)", nullable: false),
                    Cc = table.Column<string>(type: "nvarchar(max)", nullable: false),
                    Bcc = table.Column<string>(type: "nvarchar(max)", nullable: false),
                    Headers = table.Column<string>(type: "nvarchar(max)", nullable: false),
                    Body = table.Column<string>(type: "nvarchar(max)", nullable: false)
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

            // No full-text index here: SQL Server's full-text search is word-based, not substring, so searches
            // scan the folded text with LIKE (ADR 0004).
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
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
