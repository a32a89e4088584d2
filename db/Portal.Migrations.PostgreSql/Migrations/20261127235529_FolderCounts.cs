using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Portal.Migrations.PostgreSql.Migrations
{
    /// <inheritdoc />
    public partial class FolderCounts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "MessageCount",
                table: "Folders",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<long>(
                name: "TotalSize",
                table: "Folders",
                type: "bigint",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<int>(
                name: "UnseenCount",
                table: "Folders",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            // Counts of the messages already stored; from here on every change keeps them (MessageStore, FolderLock).
            migrationBuilder.Sql("""UPDATE "Folders" SET "MessageCount" = (SELECT COUNT(*) FROM "Messages" m WHERE m."FolderId" = "Folders"."Id"), "UnseenCount" = (SELECT COUNT(*) FROM "Messages" m WHERE m."FolderId" = "Folders"."Id" AND (m."Flags" & 1) = 0), "TotalSize" = (SELECT COALESCE(SUM(m."Size"), 0) FROM "Messages" m WHERE m."FolderId" = "Folders"."Id");""");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "MessageCount",
                table: "Folders");

            migrationBuilder.DropColumn(
                name: "TotalSize",
                table: "Folders");

            migrationBuilder.DropColumn(
                name: "UnseenCount",
                table: "Folders");
        }
    }
}
