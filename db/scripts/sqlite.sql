CREATE TABLE IF NOT EXISTS "__EFMigrationsHistory" (
    "MigrationId" TEXT NOT NULL CONSTRAINT "PK___EFMigrationsHistory" PRIMARY KEY,
    "ProductVersion" TEXT NOT NULL
);

BEGIN TRANSACTION;
CREATE TABLE "AspNetRoles" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_AspNetRoles" PRIMARY KEY,
    "Name" TEXT NULL,
    "NormalizedName" TEXT NULL,
    "ConcurrencyStamp" TEXT NULL
);

CREATE TABLE "AspNetUsers" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_AspNetUsers" PRIMARY KEY,
    "ResellerId" TEXT NULL,
    "CreatedUtc" TEXT NOT NULL,
    "UserName" TEXT NULL,
    "NormalizedUserName" TEXT NULL,
    "Email" TEXT NULL,
    "NormalizedEmail" TEXT NULL,
    "EmailConfirmed" INTEGER NOT NULL,
    "PasswordHash" TEXT NULL,
    "SecurityStamp" TEXT NULL,
    "ConcurrencyStamp" TEXT NULL,
    "PhoneNumber" TEXT NULL,
    "PhoneNumberConfirmed" INTEGER NOT NULL,
    "TwoFactorEnabled" INTEGER NOT NULL,
    "LockoutEnd" TEXT NULL,
    "LockoutEnabled" INTEGER NOT NULL,
    "AccessFailedCount" INTEGER NOT NULL
);

CREATE TABLE "ItemChanges" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_ItemChanges" PRIMARY KEY AUTOINCREMENT,
    "CollectionId" TEXT NOT NULL,
    "ChangeNumber" INTEGER NOT NULL,
    "ItemId" TEXT NOT NULL,
    "Uid" INTEGER NOT NULL,
    "ResourceName" TEXT NULL,
    "Kind" INTEGER NOT NULL,
    "ChangedUtc" TEXT NOT NULL
);

CREATE TABLE "Resellers" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_Resellers" PRIMARY KEY,
    "Name" TEXT NOT NULL,
    "CreatedUtc" TEXT NOT NULL
);

CREATE TABLE "AspNetRoleClaims" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_AspNetRoleClaims" PRIMARY KEY AUTOINCREMENT,
    "RoleId" TEXT NOT NULL,
    "ClaimType" TEXT NULL,
    "ClaimValue" TEXT NULL,
    CONSTRAINT "FK_AspNetRoleClaims_AspNetRoles_RoleId" FOREIGN KEY ("RoleId") REFERENCES "AspNetRoles" ("Id") ON DELETE CASCADE
);

CREATE TABLE "AppPasswords" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_AppPasswords" PRIMARY KEY,
    "UserId" TEXT NOT NULL,
    "Name" TEXT NOT NULL,
    "PasswordHash" TEXT NOT NULL,
    "CreatedUtc" TEXT NOT NULL,
    "LastUsedUtc" TEXT NULL,
    CONSTRAINT "FK_AppPasswords_AspNetUsers_UserId" FOREIGN KEY ("UserId") REFERENCES "AspNetUsers" ("Id") ON DELETE CASCADE
);

CREATE TABLE "AspNetUserClaims" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_AspNetUserClaims" PRIMARY KEY AUTOINCREMENT,
    "UserId" TEXT NOT NULL,
    "ClaimType" TEXT NULL,
    "ClaimValue" TEXT NULL,
    CONSTRAINT "FK_AspNetUserClaims_AspNetUsers_UserId" FOREIGN KEY ("UserId") REFERENCES "AspNetUsers" ("Id") ON DELETE CASCADE
);

CREATE TABLE "AspNetUserLogins" (
    "LoginProvider" TEXT NOT NULL,
    "ProviderKey" TEXT NOT NULL,
    "ProviderDisplayName" TEXT NULL,
    "UserId" TEXT NOT NULL,
    CONSTRAINT "PK_AspNetUserLogins" PRIMARY KEY ("LoginProvider", "ProviderKey"),
    CONSTRAINT "FK_AspNetUserLogins_AspNetUsers_UserId" FOREIGN KEY ("UserId") REFERENCES "AspNetUsers" ("Id") ON DELETE CASCADE
);

CREATE TABLE "AspNetUserRoles" (
    "UserId" TEXT NOT NULL,
    "RoleId" TEXT NOT NULL,
    CONSTRAINT "PK_AspNetUserRoles" PRIMARY KEY ("UserId", "RoleId"),
    CONSTRAINT "FK_AspNetUserRoles_AspNetRoles_RoleId" FOREIGN KEY ("RoleId") REFERENCES "AspNetRoles" ("Id") ON DELETE CASCADE,
    CONSTRAINT "FK_AspNetUserRoles_AspNetUsers_UserId" FOREIGN KEY ("UserId") REFERENCES "AspNetUsers" ("Id") ON DELETE CASCADE
);

CREATE TABLE "AspNetUserTokens" (
    "UserId" TEXT NOT NULL,
    "LoginProvider" TEXT NOT NULL,
    "Name" TEXT NOT NULL,
    "Value" TEXT NULL,
    CONSTRAINT "PK_AspNetUserTokens" PRIMARY KEY ("UserId", "LoginProvider", "Name"),
    CONSTRAINT "FK_AspNetUserTokens_AspNetUsers_UserId" FOREIGN KEY ("UserId") REFERENCES "AspNetUsers" ("Id") ON DELETE CASCADE
);

CREATE TABLE "Domains" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_Domains" PRIMARY KEY,
    "Name" TEXT NOT NULL,
    "ResellerId" TEXT NULL,
    "Edition" INTEGER NOT NULL,
    "MapiEwsEnabled" INTEGER NOT NULL,
    "CatchAllMailboxId" TEXT NULL,
    "Enabled" INTEGER NOT NULL,
    "CreatedUtc" TEXT NOT NULL,
    CONSTRAINT "FK_Domains_Resellers_ResellerId" FOREIGN KEY ("ResellerId") REFERENCES "Resellers" ("Id") ON DELETE RESTRICT
);

CREATE TABLE "Aliases" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_Aliases" PRIMARY KEY,
    "DomainId" TEXT NOT NULL,
    "Address" TEXT NOT NULL,
    "Targets" TEXT NOT NULL,
    "CreatedUtc" TEXT NOT NULL,
    CONSTRAINT "FK_Aliases_Domains_DomainId" FOREIGN KEY ("DomainId") REFERENCES "Domains" ("Id") ON DELETE CASCADE
);

CREATE TABLE "Mailboxes" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_Mailboxes" PRIMARY KEY,
    "DomainId" TEXT NOT NULL,
    "LocalPart" TEXT NOT NULL,
    "Address" TEXT NOT NULL,
    "DisplayName" TEXT NULL,
    "QuotaBytes" INTEGER NOT NULL,
    "EasEnabled" INTEGER NOT NULL,
    "Pop3LeaveOnServer" INTEGER NOT NULL,
    "Enabled" INTEGER NOT NULL,
    "CreatedUtc" TEXT NOT NULL,
    CONSTRAINT "FK_Mailboxes_AspNetUsers_Id" FOREIGN KEY ("Id") REFERENCES "AspNetUsers" ("Id") ON DELETE CASCADE,
    CONSTRAINT "FK_Mailboxes_Domains_DomainId" FOREIGN KEY ("DomainId") REFERENCES "Domains" ("Id") ON DELETE RESTRICT
);

CREATE TABLE "Collections" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_Collections" PRIMARY KEY,
    "MailboxId" TEXT NOT NULL,
    "Kind" INTEGER NOT NULL,
    "Name" TEXT NOT NULL,
    "DisplayName" TEXT NOT NULL,
    "Color" TEXT NULL,
    "IsDefault" INTEGER NOT NULL,
    "ChangeNumber" INTEGER NOT NULL,
    "JournalFloor" INTEGER NOT NULL,
    "CreatedUtc" TEXT NOT NULL,
    CONSTRAINT "FK_Collections_Mailboxes_MailboxId" FOREIGN KEY ("MailboxId") REFERENCES "Mailboxes" ("Id") ON DELETE CASCADE
);

CREATE TABLE "Folders" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_Folders" PRIMARY KEY,
    "MailboxId" TEXT NOT NULL,
    "Name" TEXT NOT NULL,
    "Role" INTEGER NOT NULL,
    "UidValidity" INTEGER NOT NULL,
    "UidNext" INTEGER NOT NULL,
    "HighestModSeq" INTEGER NOT NULL,
    "JournalFloor" INTEGER NOT NULL,
    "Subscribed" INTEGER NOT NULL,
    "CreatedUtc" TEXT NOT NULL,
    CONSTRAINT "FK_Folders_Mailboxes_MailboxId" FOREIGN KEY ("MailboxId") REFERENCES "Mailboxes" ("Id") ON DELETE CASCADE
);

CREATE TABLE "SyncDevices" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_SyncDevices" PRIMARY KEY,
    "MailboxId" TEXT NOT NULL,
    "Protocol" INTEGER NOT NULL,
    "DeviceId" TEXT NOT NULL,
    "ClientName" TEXT NULL,
    "DeviceType" TEXT NULL,
    "LastAddress" TEXT NULL,
    "FirstSeenUtc" TEXT NOT NULL,
    "LastSeenUtc" TEXT NOT NULL,
    "LastSyncUtc" TEXT NULL,
    "ResetRequestedUtc" TEXT NULL,
    CONSTRAINT "FK_SyncDevices_Mailboxes_MailboxId" FOREIGN KEY ("MailboxId") REFERENCES "Mailboxes" ("Id") ON DELETE CASCADE
);

CREATE TABLE "Items" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_Items" PRIMARY KEY,
    "CollectionId" TEXT NOT NULL,
    "Uid" TEXT NOT NULL,
    "ResourceName" TEXT NOT NULL,
    "ETag" TEXT NOT NULL,
    "Kind" INTEGER NOT NULL,
    "Content" TEXT NOT NULL,
    "ChangeNumber" INTEGER NOT NULL,
    "StartUtc" TEXT NULL,
    "EndUtc" TEXT NULL,
    "RecurrenceEndUtc" TEXT NULL,
    "IsRecurring" INTEGER NOT NULL,
    "DisplayName" TEXT NULL,
    "Email" TEXT NULL,
    "ModifiedUtc" TEXT NOT NULL,
    CONSTRAINT "FK_Items_Collections_CollectionId" FOREIGN KEY ("CollectionId") REFERENCES "Collections" ("Id") ON DELETE CASCADE
);

CREATE TABLE "Messages" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_Messages" PRIMARY KEY,
    "FolderId" TEXT NOT NULL,
    "MailboxId" TEXT NOT NULL,
    "Uid" INTEGER NOT NULL,
    "ModSeq" INTEGER NOT NULL,
    "Flags" INTEGER NOT NULL,
    "Keywords" TEXT NOT NULL,
    "InternalDateUtc" TEXT NOT NULL,
    "Size" INTEGER NOT NULL,
    "BlobId" TEXT NOT NULL,
    "Subject" TEXT NOT NULL,
    "From" TEXT NOT NULL,
    "To" TEXT NOT NULL,
    "Cc" TEXT NOT NULL,
    "MessageIdHeader" TEXT NULL,
    "InReplyTo" TEXT NULL,
    "References" TEXT NULL,
    "SentDateUtc" TEXT NULL,
    "HasAttachments" INTEGER NOT NULL,
    "Preview" TEXT NOT NULL,
    "Envelope" TEXT NOT NULL,
    "BodyStructure" TEXT NOT NULL,
    CONSTRAINT "FK_Messages_Folders_FolderId" FOREIGN KEY ("FolderId") REFERENCES "Folders" ("Id") ON DELETE CASCADE
);

CREATE UNIQUE INDEX "IX_Aliases_Address" ON "Aliases" ("Address");

CREATE INDEX "IX_Aliases_DomainId" ON "Aliases" ("DomainId");

CREATE INDEX "IX_AppPasswords_UserId" ON "AppPasswords" ("UserId");

CREATE INDEX "IX_AspNetRoleClaims_RoleId" ON "AspNetRoleClaims" ("RoleId");

CREATE UNIQUE INDEX "RoleNameIndex" ON "AspNetRoles" ("NormalizedName");

CREATE INDEX "IX_AspNetUserClaims_UserId" ON "AspNetUserClaims" ("UserId");

CREATE INDEX "IX_AspNetUserLogins_UserId" ON "AspNetUserLogins" ("UserId");

CREATE INDEX "IX_AspNetUserRoles_RoleId" ON "AspNetUserRoles" ("RoleId");

CREATE INDEX "EmailIndex" ON "AspNetUsers" ("NormalizedEmail");

CREATE UNIQUE INDEX "UserNameIndex" ON "AspNetUsers" ("NormalizedUserName");

CREATE UNIQUE INDEX "IX_Collections_MailboxId_Kind_Name" ON "Collections" ("MailboxId", "Kind", "Name");

CREATE UNIQUE INDEX "IX_Domains_Name" ON "Domains" ("Name");

CREATE INDEX "IX_Domains_ResellerId" ON "Domains" ("ResellerId");

CREATE UNIQUE INDEX "IX_Folders_MailboxId_Name" ON "Folders" ("MailboxId", "Name");

CREATE INDEX "IX_ItemChanges_CollectionId_ChangeNumber" ON "ItemChanges" ("CollectionId", "ChangeNumber");

CREATE UNIQUE INDEX "IX_Items_CollectionId_ResourceName" ON "Items" ("CollectionId", "ResourceName");

CREATE INDEX "IX_Items_CollectionId_StartUtc" ON "Items" ("CollectionId", "StartUtc");

CREATE INDEX "IX_Items_CollectionId_Uid" ON "Items" ("CollectionId", "Uid");

CREATE UNIQUE INDEX "IX_Mailboxes_Address" ON "Mailboxes" ("Address");

CREATE INDEX "IX_Mailboxes_DomainId" ON "Mailboxes" ("DomainId");

CREATE INDEX "IX_Messages_BlobId" ON "Messages" ("BlobId");

CREATE INDEX "IX_Messages_FolderId_InternalDateUtc" ON "Messages" ("FolderId", "InternalDateUtc");

CREATE INDEX "IX_Messages_FolderId_ModSeq" ON "Messages" ("FolderId", "ModSeq");

CREATE UNIQUE INDEX "IX_Messages_FolderId_Uid" ON "Messages" ("FolderId", "Uid");

CREATE INDEX "IX_Messages_MailboxId" ON "Messages" ("MailboxId");

CREATE UNIQUE INDEX "IX_Resellers_Name" ON "Resellers" ("Name");

CREATE UNIQUE INDEX "IX_SyncDevices_MailboxId_Protocol_DeviceId" ON "SyncDevices" ("MailboxId", "Protocol", "DeviceId");

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261127202451_Initial', '10.0.15');

COMMIT;

BEGIN TRANSACTION;
CREATE TABLE "DkimKeys" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_DkimKeys" PRIMARY KEY,
    "DomainId" TEXT NOT NULL,
    "Selector" TEXT NOT NULL,
    "PrivateKeyPem" TEXT NOT NULL,
    "PublicKey" TEXT NOT NULL,
    "CreatedUtc" TEXT NOT NULL,
    CONSTRAINT "FK_DkimKeys_Domains_DomainId" FOREIGN KEY ("DomainId") REFERENCES "Domains" ("Id") ON DELETE CASCADE
);

CREATE TABLE "OutboundMessages" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_OutboundMessages" PRIMARY KEY,
    "BlobId" TEXT NOT NULL,
    "Sender" TEXT NOT NULL,
    "EnvelopeId" TEXT NULL,
    "Ret" TEXT NULL,
    "CreatedUtc" TEXT NOT NULL
);

CREATE TABLE "OutboundRecipients" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_OutboundRecipients" PRIMARY KEY,
    "MessageId" TEXT NOT NULL,
    "Address" TEXT NOT NULL,
    "Domain" TEXT NOT NULL,
    "Notify" TEXT NULL,
    "OriginalRecipient" TEXT NULL,
    "State" INTEGER NOT NULL,
    "Attempts" INTEGER NOT NULL,
    "NextAttemptUtc" TEXT NOT NULL,
    "LastAttemptUtc" TEXT NULL,
    "LastResponse" TEXT NULL,
    CONSTRAINT "FK_OutboundRecipients_OutboundMessages_MessageId" FOREIGN KEY ("MessageId") REFERENCES "OutboundMessages" ("Id") ON DELETE CASCADE
);

CREATE INDEX "IX_DkimKeys_DomainId" ON "DkimKeys" ("DomainId");

CREATE INDEX "IX_OutboundRecipients_MessageId" ON "OutboundRecipients" ("MessageId");

CREATE INDEX "IX_OutboundRecipients_State_NextAttemptUtc" ON "OutboundRecipients" ("State", "NextAttemptUtc");

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261127214639_Smtp', '10.0.15');

COMMIT;

BEGIN TRANSACTION;
ALTER TABLE "Messages" ADD "SearchState" INTEGER NOT NULL DEFAULT 0;

CREATE TABLE "MessageTexts" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_MessageTexts" PRIMARY KEY AUTOINCREMENT,
    "BlobId" TEXT NOT NULL,
    "Subject" TEXT NOT NULL,
    "From" TEXT NOT NULL,
    "To" TEXT NOT NULL,
    "Cc" TEXT NOT NULL,
    "Bcc" TEXT NOT NULL,
    "Headers" TEXT NOT NULL,
    "Body" TEXT NOT NULL
);

CREATE INDEX "IX_Messages_FolderId_SearchState" ON "Messages" ("FolderId", "SearchState");

CREATE UNIQUE INDEX "IX_MessageTexts_BlobId" ON "MessageTexts" ("BlobId");

CREATE VIRTUAL TABLE "MessageTextIndex" USING fts5("Subject", "From", "To", "Cc", "Bcc", "Headers", "Body",
    content='MessageTexts', content_rowid='Id', tokenize='trigram case_sensitive 1');

CREATE TRIGGER "MessageTexts_Indexed" AFTER INSERT ON "MessageTexts" BEGIN
    INSERT INTO "MessageTextIndex"(rowid, "Subject", "From", "To", "Cc", "Bcc", "Headers", "Body") VALUES (new."Id", new."Subject", new."From", new."To", new."Cc", new."Bcc", new."Headers", new."Body");
END;

CREATE TRIGGER "MessageTexts_Unindexed" AFTER DELETE ON "MessageTexts" BEGIN
    INSERT INTO "MessageTextIndex"("MessageTextIndex", rowid, "Subject", "From", "To", "Cc", "Bcc", "Headers", "Body") VALUES ('delete', old."Id", old."Subject", old."From", old."To", old."Cc", old."Bcc", old."Headers", old."Body");
END;

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261127230727_SearchIndex', '10.0.15');

COMMIT;

BEGIN TRANSACTION;
ALTER TABLE "Mailboxes" ADD "Signature" TEXT NULL;

ALTER TABLE "Mailboxes" ADD "SignatureIsHtml" INTEGER NOT NULL DEFAULT 0;

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261127230810_ComposeIdentity', '10.0.15');

COMMIT;

BEGIN TRANSACTION;
CREATE TABLE "MailboxRules" (
    "MailboxId" TEXT NOT NULL CONSTRAINT "PK_MailboxRules" PRIMARY KEY,
    "ForwardTo" TEXT NULL,
    "ForwardKeepCopy" INTEGER NOT NULL,
    "VacationEnabled" INTEGER NOT NULL,
    "VacationFrom" TEXT NULL,
    "VacationUntil" TEXT NULL,
    "VacationSubject" TEXT NOT NULL,
    "VacationBody" TEXT NOT NULL,
    "VacationIntervalDays" INTEGER NOT NULL,
    "Filters" TEXT NOT NULL,
    CONSTRAINT "FK_MailboxRules_Mailboxes_MailboxId" FOREIGN KEY ("MailboxId") REFERENCES "Mailboxes" ("Id") ON DELETE CASCADE
);

CREATE TABLE "VacationReplies" (
    "MailboxId" TEXT NOT NULL,
    "Sender" TEXT NOT NULL,
    "SentUtc" TEXT NOT NULL,
    CONSTRAINT "PK_VacationReplies" PRIMARY KEY ("MailboxId", "Sender"),
    CONSTRAINT "FK_VacationReplies_Mailboxes_MailboxId" FOREIGN KEY ("MailboxId") REFERENCES "Mailboxes" ("Id") ON DELETE CASCADE
);

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261127231043_DeliveryRules', '10.0.15');

COMMIT;

BEGIN TRANSACTION;
ALTER TABLE "Folders" ADD "MessageCount" INTEGER NOT NULL DEFAULT 0;

ALTER TABLE "Folders" ADD "TotalSize" INTEGER NOT NULL DEFAULT 0;

ALTER TABLE "Folders" ADD "UnseenCount" INTEGER NOT NULL DEFAULT 0;

UPDATE "Folders" SET "MessageCount" = (SELECT COUNT(*) FROM "Messages" m WHERE m."FolderId" = "Folders"."Id"), "UnseenCount" = (SELECT COUNT(*) FROM "Messages" m WHERE m."FolderId" = "Folders"."Id" AND (m."Flags" & 1) = 0), "TotalSize" = (SELECT COALESCE(SUM(m."Size"), 0) FROM "Messages" m WHERE m."FolderId" = "Folders"."Id");

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261127235424_FolderCounts', '10.0.15');

COMMIT;

BEGIN TRANSACTION;
CREATE TABLE "RemoteImageSenders" (
    "MailboxId" TEXT NOT NULL,
    "Address" TEXT NOT NULL,
    "CreatedUtc" TEXT NOT NULL,
    CONSTRAINT "PK_RemoteImageSenders" PRIMARY KEY ("MailboxId", "Address"),
    CONSTRAINT "FK_RemoteImageSenders_Mailboxes_MailboxId" FOREIGN KEY ("MailboxId") REFERENCES "Mailboxes" ("Id") ON DELETE CASCADE
);

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261128000417_WebmailReading', '10.0.15');

COMMIT;

BEGIN TRANSACTION;
DROP INDEX "IX_Messages_BlobId";

CREATE INDEX "IX_Messages_BlobId_FolderId_Uid" ON "Messages" ("BlobId", "FolderId", "Uid");

CREATE VIRTUAL TABLE "MessageFieldIndex" USING fts5("Subject", "From", "To", "Cc", "Bcc",
    content='MessageTexts', content_rowid='Id', tokenize='trigram case_sensitive 1');

CREATE TRIGGER "MessageTexts_FieldsIndexed" AFTER INSERT ON "MessageTexts" BEGIN
    INSERT INTO "MessageFieldIndex"(rowid, "Subject", "From", "To", "Cc", "Bcc") VALUES (new."Id", new."Subject", new."From", new."To", new."Cc", new."Bcc");
END;

CREATE TRIGGER "MessageTexts_FieldsUnindexed" AFTER DELETE ON "MessageTexts" BEGIN
    INSERT INTO "MessageFieldIndex"("MessageFieldIndex", rowid, "Subject", "From", "To", "Cc", "Bcc") VALUES ('delete', old."Id", old."Subject", old."From", old."To", old."Cc", old."Bcc");
END;

INSERT INTO "MessageFieldIndex"("MessageFieldIndex") VALUES ('rebuild');

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261128050325_SearchLookups', '10.0.15');

COMMIT;

