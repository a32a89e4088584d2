using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Portal.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class DeliveryRules : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "MailboxRules",
                columns: table => new
                {
                    MailboxId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ForwardTo = table.Column<string>(type: "TEXT", maxLength: 320, nullable: true),
                    ForwardKeepCopy = table.Column<bool>(type: "INTEGER", nullable: false),
                    VacationEnabled = table.Column<bool>(type: "INTEGER", nullable: false),
                    VacationFrom = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    VacationUntil = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    VacationSubject = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    VacationBody = table.Column<string>(type: "TEXT", maxLength: 8000, nullable: false),
                    VacationIntervalDays = table.Column<int>(type: "INTEGER", nullable: false),
                    Filters = table.Column<string>(type: "TEXT", maxLength: 16000, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_MailboxRules", x => x.MailboxId);
                    table.ForeignKey(
                        name: "FK_MailboxRules_Mailboxes_MailboxId",
                        column: x => x.MailboxId,
                        principalTable: "Mailboxes",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "VacationReplies",
                columns: table => new
                {
                    MailboxId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Sender = table.Column<string>(type: "TEXT", maxLength: 320, nullable: false),
                    SentUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_VacationReplies", x => new { x.MailboxId, x.Sender });
                    table.ForeignKey(
                        name: "FK_VacationReplies_Mailboxes_MailboxId",
                        column: x => x.MailboxId,
                        principalTable: "Mailboxes",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "MailboxRules");

            migrationBuilder.DropTable(
                name: "VacationReplies");
        }
    }
}
