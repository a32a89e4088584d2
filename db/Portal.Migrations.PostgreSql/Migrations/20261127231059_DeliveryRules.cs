using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Portal.Migrations.PostgreSql.Migrations
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
                    MailboxId = table.Column<Guid>(type: "uuid", nullable: false),
                    ForwardTo = table.Column<string>(type: "character varying(320)", maxLength: 320, nullable: true),
                    ForwardKeepCopy = table.Column<bool>(type: "boolean", nullable: false),
                    VacationEnabled = table.Column<bool>(type: "boolean", nullable: false),
                    VacationFrom = table.Column<DateOnly>(type: "date", nullable: true),
                    VacationUntil = table.Column<DateOnly>(type: "date", nullable: true),
                    VacationSubject = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    VacationBody = table.Column<string>(type: "character varying(8000)", maxLength: 8000, nullable: false),
                    VacationIntervalDays = table.Column<int>(type: "integer", nullable: false),
                    Filters = table.Column<string>(type: "character varying(16000)", maxLength: 16000, nullable: false)
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
                    MailboxId = table.Column<Guid>(type: "uuid", nullable: false),
                    Sender = table.Column<string>(type: "character varying(320)", maxLength: 320, nullable: false),
                    SentUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
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
