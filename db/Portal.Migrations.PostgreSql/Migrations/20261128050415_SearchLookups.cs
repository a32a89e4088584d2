using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Portal.Migrations.PostgreSql.Migrations
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
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
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
