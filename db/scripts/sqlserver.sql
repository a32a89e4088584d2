IF OBJECT_ID(N'[__EFMigrationsHistory]') IS NULL
BEGIN
    CREATE TABLE [__EFMigrationsHistory] (
        [MigrationId] nvarchar(150) NOT NULL,
        [ProductVersion] nvarchar(32) NOT NULL,
        CONSTRAINT [PK___EFMigrationsHistory] PRIMARY KEY ([MigrationId])
    );
END;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261127202514_Initial'
)
BEGIN
    CREATE TABLE [AspNetRoles] (
        [Id] uniqueidentifier NOT NULL,
        [Name] nvarchar(256) NULL,
        [NormalizedName] nvarchar(256) NULL,
        [ConcurrencyStamp] nvarchar(max) NULL,
        CONSTRAINT [PK_AspNetRoles] PRIMARY KEY ([Id])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261127202514_Initial'
)
BEGIN
    CREATE TABLE [AspNetUsers] (
        [Id] uniqueidentifier NOT NULL,
        [ResellerId] uniqueidentifier NULL,
        [CreatedUtc] datetime2 NOT NULL,
        [UserName] nvarchar(256) NULL,
        [NormalizedUserName] nvarchar(256) NULL,
        [Email] nvarchar(256) NULL,
        [NormalizedEmail] nvarchar(256) NULL,
        [EmailConfirmed] bit NOT NULL,
        [PasswordHash] nvarchar(max) NULL,
        [SecurityStamp] nvarchar(max) NULL,
        [ConcurrencyStamp] nvarchar(max) NULL,
        [PhoneNumber] nvarchar(max) NULL,
        [PhoneNumberConfirmed] bit NOT NULL,
        [TwoFactorEnabled] bit NOT NULL,
        [LockoutEnd] datetimeoffset NULL,
        [LockoutEnabled] bit NOT NULL,
        [AccessFailedCount] int NOT NULL,
        CONSTRAINT [PK_AspNetUsers] PRIMARY KEY ([Id])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261127202514_Initial'
)
BEGIN
    CREATE TABLE [ItemChanges] (
        [Id] bigint NOT NULL IDENTITY,
        [CollectionId] uniqueidentifier NOT NULL,
        [ChangeNumber] bigint NOT NULL,
        [ItemId] uniqueidentifier NOT NULL,
        [Uid] bigint NOT NULL,
        [ResourceName] nvarchar(500) NULL,
        [Kind] int NOT NULL,
        [ChangedUtc] datetime2 NOT NULL,
        CONSTRAINT [PK_ItemChanges] PRIMARY KEY ([Id])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261127202514_Initial'
)
BEGIN
    CREATE TABLE [Resellers] (
        [Id] uniqueidentifier NOT NULL,
        [Name] nvarchar(200) NOT NULL,
        [CreatedUtc] datetime2 NOT NULL,
        CONSTRAINT [PK_Resellers] PRIMARY KEY ([Id])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261127202514_Initial'
)
BEGIN
    CREATE TABLE [AspNetRoleClaims] (
        [Id] int NOT NULL IDENTITY,
        [RoleId] uniqueidentifier NOT NULL,
        [ClaimType] nvarchar(max) NULL,
        [ClaimValue] nvarchar(max) NULL,
        CONSTRAINT [PK_AspNetRoleClaims] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_AspNetRoleClaims_AspNetRoles_RoleId] FOREIGN KEY ([RoleId]) REFERENCES [AspNetRoles] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261127202514_Initial'
)
BEGIN
    CREATE TABLE [AppPasswords] (
        [Id] uniqueidentifier NOT NULL,
        [UserId] uniqueidentifier NOT NULL,
        [Name] nvarchar(200) NOT NULL,
        [PasswordHash] nvarchar(500) NOT NULL,
        [CreatedUtc] datetime2 NOT NULL,
        [LastUsedUtc] datetime2 NULL,
        CONSTRAINT [PK_AppPasswords] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_AppPasswords_AspNetUsers_UserId] FOREIGN KEY ([UserId]) REFERENCES [AspNetUsers] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261127202514_Initial'
)
BEGIN
    CREATE TABLE [AspNetUserClaims] (
        [Id] int NOT NULL IDENTITY,
        [UserId] uniqueidentifier NOT NULL,
        [ClaimType] nvarchar(max) NULL,
        [ClaimValue] nvarchar(max) NULL,
        CONSTRAINT [PK_AspNetUserClaims] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_AspNetUserClaims_AspNetUsers_UserId] FOREIGN KEY ([UserId]) REFERENCES [AspNetUsers] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261127202514_Initial'
)
BEGIN
    CREATE TABLE [AspNetUserLogins] (
        [LoginProvider] nvarchar(450) NOT NULL,
        [ProviderKey] nvarchar(450) NOT NULL,
        [ProviderDisplayName] nvarchar(max) NULL,
        [UserId] uniqueidentifier NOT NULL,
        CONSTRAINT [PK_AspNetUserLogins] PRIMARY KEY ([LoginProvider], [ProviderKey]),
        CONSTRAINT [FK_AspNetUserLogins_AspNetUsers_UserId] FOREIGN KEY ([UserId]) REFERENCES [AspNetUsers] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261127202514_Initial'
)
BEGIN
    CREATE TABLE [AspNetUserRoles] (
        [UserId] uniqueidentifier NOT NULL,
        [RoleId] uniqueidentifier NOT NULL,
        CONSTRAINT [PK_AspNetUserRoles] PRIMARY KEY ([UserId], [RoleId]),
        CONSTRAINT [FK_AspNetUserRoles_AspNetRoles_RoleId] FOREIGN KEY ([RoleId]) REFERENCES [AspNetRoles] ([Id]) ON DELETE CASCADE,
        CONSTRAINT [FK_AspNetUserRoles_AspNetUsers_UserId] FOREIGN KEY ([UserId]) REFERENCES [AspNetUsers] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261127202514_Initial'
)
BEGIN
    CREATE TABLE [AspNetUserTokens] (
        [UserId] uniqueidentifier NOT NULL,
        [LoginProvider] nvarchar(450) NOT NULL,
        [Name] nvarchar(450) NOT NULL,
        [Value] nvarchar(max) NULL,
        CONSTRAINT [PK_AspNetUserTokens] PRIMARY KEY ([UserId], [LoginProvider], [Name]),
        CONSTRAINT [FK_AspNetUserTokens_AspNetUsers_UserId] FOREIGN KEY ([UserId]) REFERENCES [AspNetUsers] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261127202514_Initial'
)
BEGIN
    CREATE TABLE [Domains] (
        [Id] uniqueidentifier NOT NULL,
        [Name] nvarchar(253) NOT NULL,
        [ResellerId] uniqueidentifier NULL,
        [Edition] int NOT NULL,
        [MapiEwsEnabled] bit NOT NULL,
        [CatchAllMailboxId] uniqueidentifier NULL,
        [Enabled] bit NOT NULL,
        [CreatedUtc] datetime2 NOT NULL,
        CONSTRAINT [PK_Domains] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_Domains_Resellers_ResellerId] FOREIGN KEY ([ResellerId]) REFERENCES [Resellers] ([Id]) ON DELETE NO ACTION
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261127202514_Initial'
)
BEGIN
    CREATE TABLE [Aliases] (
        [Id] uniqueidentifier NOT NULL,
        [DomainId] uniqueidentifier NOT NULL,
        [Address] nvarchar(320) NOT NULL,
        [Targets] nvarchar(4000) NOT NULL,
        [CreatedUtc] datetime2 NOT NULL,
        CONSTRAINT [PK_Aliases] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_Aliases_Domains_DomainId] FOREIGN KEY ([DomainId]) REFERENCES [Domains] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261127202514_Initial'
)
BEGIN
    CREATE TABLE [Mailboxes] (
        [Id] uniqueidentifier NOT NULL,
        [DomainId] uniqueidentifier NOT NULL,
        [LocalPart] nvarchar(64) NOT NULL,
        [Address] nvarchar(320) NOT NULL,
        [DisplayName] nvarchar(200) NULL,
        [QuotaBytes] bigint NOT NULL,
        [EasEnabled] bit NOT NULL,
        [Pop3LeaveOnServer] bit NOT NULL,
        [Enabled] bit NOT NULL,
        [CreatedUtc] datetime2 NOT NULL,
        CONSTRAINT [PK_Mailboxes] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_Mailboxes_AspNetUsers_Id] FOREIGN KEY ([Id]) REFERENCES [AspNetUsers] ([Id]) ON DELETE CASCADE,
        CONSTRAINT [FK_Mailboxes_Domains_DomainId] FOREIGN KEY ([DomainId]) REFERENCES [Domains] ([Id]) ON DELETE NO ACTION
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261127202514_Initial'
)
BEGIN
    CREATE TABLE [Collections] (
        [Id] uniqueidentifier NOT NULL,
        [MailboxId] uniqueidentifier NOT NULL,
        [Kind] int NOT NULL,
        [Name] nvarchar(200) NOT NULL,
        [DisplayName] nvarchar(200) NOT NULL,
        [Color] nvarchar(20) NULL,
        [IsDefault] bit NOT NULL,
        [ChangeNumber] bigint NOT NULL,
        [JournalFloor] bigint NOT NULL,
        [CreatedUtc] datetime2 NOT NULL,
        CONSTRAINT [PK_Collections] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_Collections_Mailboxes_MailboxId] FOREIGN KEY ([MailboxId]) REFERENCES [Mailboxes] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261127202514_Initial'
)
BEGIN
    CREATE TABLE [Folders] (
        [Id] uniqueidentifier NOT NULL,
        [MailboxId] uniqueidentifier NOT NULL,
        [Name] nvarchar(1000) NOT NULL,
        [Role] int NOT NULL,
        [UidValidity] bigint NOT NULL,
        [UidNext] bigint NOT NULL,
        [HighestModSeq] bigint NOT NULL,
        [JournalFloor] bigint NOT NULL,
        [Subscribed] bit NOT NULL,
        [CreatedUtc] datetime2 NOT NULL,
        CONSTRAINT [PK_Folders] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_Folders_Mailboxes_MailboxId] FOREIGN KEY ([MailboxId]) REFERENCES [Mailboxes] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261127202514_Initial'
)
BEGIN
    CREATE TABLE [SyncDevices] (
        [Id] uniqueidentifier NOT NULL,
        [MailboxId] uniqueidentifier NOT NULL,
        [Protocol] int NOT NULL,
        [DeviceId] nvarchar(200) NOT NULL,
        [ClientName] nvarchar(200) NULL,
        [DeviceType] nvarchar(200) NULL,
        [LastAddress] nvarchar(64) NULL,
        [FirstSeenUtc] datetime2 NOT NULL,
        [LastSeenUtc] datetime2 NOT NULL,
        [LastSyncUtc] datetime2 NULL,
        [ResetRequestedUtc] datetime2 NULL,
        CONSTRAINT [PK_SyncDevices] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_SyncDevices_Mailboxes_MailboxId] FOREIGN KEY ([MailboxId]) REFERENCES [Mailboxes] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261127202514_Initial'
)
BEGIN
    CREATE TABLE [Items] (
        [Id] uniqueidentifier NOT NULL,
        [CollectionId] uniqueidentifier NOT NULL,
        [Uid] nvarchar(500) NOT NULL,
        [ResourceName] nvarchar(500) NOT NULL,
        [ETag] nvarchar(100) NOT NULL,
        [Kind] int NOT NULL,
        [Content] nvarchar(max) NOT NULL,
        [ChangeNumber] bigint NOT NULL,
        [StartUtc] datetime2 NULL,
        [EndUtc] datetime2 NULL,
        [RecurrenceEndUtc] datetime2 NULL,
        [IsRecurring] bit NOT NULL,
        [DisplayName] nvarchar(500) NULL,
        [Email] nvarchar(320) NULL,
        [ModifiedUtc] datetime2 NOT NULL,
        CONSTRAINT [PK_Items] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_Items_Collections_CollectionId] FOREIGN KEY ([CollectionId]) REFERENCES [Collections] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261127202514_Initial'
)
BEGIN
    CREATE TABLE [Messages] (
        [Id] uniqueidentifier NOT NULL,
        [FolderId] uniqueidentifier NOT NULL,
        [MailboxId] uniqueidentifier NOT NULL,
        [Uid] bigint NOT NULL,
        [ModSeq] bigint NOT NULL,
        [Flags] int NOT NULL,
        [Keywords] nvarchar(2000) NOT NULL,
        [InternalDateUtc] datetime2 NOT NULL,
        [Size] bigint NOT NULL,
        [BlobId] varchar(64) NOT NULL,
        [Subject] nvarchar(1000) NOT NULL,
        [From] nvarchar(1000) NOT NULL,
        [To] nvarchar(4000) NOT NULL,
        [Cc] nvarchar(4000) NOT NULL,
        [MessageIdHeader] nvarchar(1000) NULL,
        [InReplyTo] nvarchar(1000) NULL,
        [References] nvarchar(max) NULL,
        [SentDateUtc] datetime2 NULL,
        [HasAttachments] bit NOT NULL,
        [Preview] nvarchar(400) NOT NULL,
        [Envelope] nvarchar(max) NOT NULL,
        [BodyStructure] nvarchar(max) NOT NULL,
        CONSTRAINT [PK_Messages] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_Messages_Folders_FolderId] FOREIGN KEY ([FolderId]) REFERENCES [Folders] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261127202514_Initial'
)
BEGIN
    CREATE UNIQUE INDEX [IX_Aliases_Address] ON [Aliases] ([Address]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261127202514_Initial'
)
BEGIN
    CREATE INDEX [IX_Aliases_DomainId] ON [Aliases] ([DomainId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261127202514_Initial'
)
BEGIN
    CREATE INDEX [IX_AppPasswords_UserId] ON [AppPasswords] ([UserId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261127202514_Initial'
)
BEGIN
    CREATE INDEX [IX_AspNetRoleClaims_RoleId] ON [AspNetRoleClaims] ([RoleId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261127202514_Initial'
)
BEGIN
    EXEC(N'CREATE UNIQUE INDEX [RoleNameIndex] ON [AspNetRoles] ([NormalizedName]) WHERE [NormalizedName] IS NOT NULL');
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261127202514_Initial'
)
BEGIN
    CREATE INDEX [IX_AspNetUserClaims_UserId] ON [AspNetUserClaims] ([UserId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261127202514_Initial'
)
BEGIN
    CREATE INDEX [IX_AspNetUserLogins_UserId] ON [AspNetUserLogins] ([UserId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261127202514_Initial'
)
BEGIN
    CREATE INDEX [IX_AspNetUserRoles_RoleId] ON [AspNetUserRoles] ([RoleId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261127202514_Initial'
)
BEGIN
    CREATE INDEX [EmailIndex] ON [AspNetUsers] ([NormalizedEmail]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261127202514_Initial'
)
BEGIN
    EXEC(N'CREATE UNIQUE INDEX [UserNameIndex] ON [AspNetUsers] ([NormalizedUserName]) WHERE [NormalizedUserName] IS NOT NULL');
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261127202514_Initial'
)
BEGIN
    CREATE UNIQUE INDEX [IX_Collections_MailboxId_Kind_Name] ON [Collections] ([MailboxId], [Kind], [Name]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261127202514_Initial'
)
BEGIN
    CREATE UNIQUE INDEX [IX_Domains_Name] ON [Domains] ([Name]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261127202514_Initial'
)
BEGIN
    CREATE INDEX [IX_Domains_ResellerId] ON [Domains] ([ResellerId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261127202514_Initial'
)
BEGIN
    CREATE UNIQUE INDEX [IX_Folders_MailboxId_Name] ON [Folders] ([MailboxId], [Name]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261127202514_Initial'
)
BEGIN
    CREATE INDEX [IX_ItemChanges_CollectionId_ChangeNumber] ON [ItemChanges] ([CollectionId], [ChangeNumber]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261127202514_Initial'
)
BEGIN
    CREATE UNIQUE INDEX [IX_Items_CollectionId_ResourceName] ON [Items] ([CollectionId], [ResourceName]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261127202514_Initial'
)
BEGIN
    CREATE INDEX [IX_Items_CollectionId_StartUtc] ON [Items] ([CollectionId], [StartUtc]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261127202514_Initial'
)
BEGIN
    CREATE INDEX [IX_Items_CollectionId_Uid] ON [Items] ([CollectionId], [Uid]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261127202514_Initial'
)
BEGIN
    CREATE UNIQUE INDEX [IX_Mailboxes_Address] ON [Mailboxes] ([Address]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261127202514_Initial'
)
BEGIN
    CREATE INDEX [IX_Mailboxes_DomainId] ON [Mailboxes] ([DomainId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261127202514_Initial'
)
BEGIN
    CREATE INDEX [IX_Messages_BlobId] ON [Messages] ([BlobId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261127202514_Initial'
)
BEGIN
    CREATE INDEX [IX_Messages_FolderId_InternalDateUtc] ON [Messages] ([FolderId], [InternalDateUtc]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261127202514_Initial'
)
BEGIN
    CREATE INDEX [IX_Messages_FolderId_ModSeq] ON [Messages] ([FolderId], [ModSeq]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261127202514_Initial'
)
BEGIN
    CREATE UNIQUE INDEX [IX_Messages_FolderId_Uid] ON [Messages] ([FolderId], [Uid]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261127202514_Initial'
)
BEGIN
    CREATE INDEX [IX_Messages_MailboxId] ON [Messages] ([MailboxId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261127202514_Initial'
)
BEGIN
    CREATE UNIQUE INDEX [IX_Resellers_Name] ON [Resellers] ([Name]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261127202514_Initial'
)
BEGIN
    CREATE UNIQUE INDEX [IX_SyncDevices_MailboxId_Protocol_DeviceId] ON [SyncDevices] ([MailboxId], [Protocol], [DeviceId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261127202514_Initial'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261127202514_Initial', N'10.0.15');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261127214734_Smtp'
)
BEGIN
    CREATE TABLE [DkimKeys] (
        [Id] uniqueidentifier NOT NULL,
        [DomainId] uniqueidentifier NOT NULL,
        [Selector] nvarchar(63) NOT NULL,
        [PrivateKeyPem] nvarchar(4000) NOT NULL,
        [PublicKey] nvarchar(1000) NOT NULL,
        [CreatedUtc] datetime2 NOT NULL,
        CONSTRAINT [PK_DkimKeys] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_DkimKeys_Domains_DomainId] FOREIGN KEY ([DomainId]) REFERENCES [Domains] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261127214734_Smtp'
)
BEGIN
    CREATE TABLE [OutboundMessages] (
        [Id] uniqueidentifier NOT NULL,
        [BlobId] varchar(64) NOT NULL,
        [Sender] nvarchar(320) NOT NULL,
        [EnvelopeId] nvarchar(100) NULL,
        [Ret] nvarchar(8) NULL,
        [CreatedUtc] datetime2 NOT NULL,
        CONSTRAINT [PK_OutboundMessages] PRIMARY KEY ([Id])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261127214734_Smtp'
)
BEGIN
    CREATE TABLE [OutboundRecipients] (
        [Id] uniqueidentifier NOT NULL,
        [MessageId] uniqueidentifier NOT NULL,
        [Address] nvarchar(320) NOT NULL,
        [Domain] nvarchar(255) NOT NULL,
        [Notify] nvarchar(40) NULL,
        [OriginalRecipient] nvarchar(500) NULL,
        [State] int NOT NULL,
        [Attempts] int NOT NULL,
        [NextAttemptUtc] datetime2 NOT NULL,
        [LastAttemptUtc] datetime2 NULL,
        [LastResponse] nvarchar(1000) NULL,
        CONSTRAINT [PK_OutboundRecipients] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_OutboundRecipients_OutboundMessages_MessageId] FOREIGN KEY ([MessageId]) REFERENCES [OutboundMessages] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261127214734_Smtp'
)
BEGIN
    CREATE INDEX [IX_DkimKeys_DomainId] ON [DkimKeys] ([DomainId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261127214734_Smtp'
)
BEGIN
    CREATE INDEX [IX_OutboundRecipients_MessageId] ON [OutboundRecipients] ([MessageId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261127214734_Smtp'
)
BEGIN
    CREATE INDEX [IX_OutboundRecipients_State_NextAttemptUtc] ON [OutboundRecipients] ([State], [NextAttemptUtc]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261127214734_Smtp'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261127214734_Smtp', N'10.0.15');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261127230920_ComposeIdentity'
)
BEGIN
    ALTER TABLE [Mailboxes] ADD [Signature] nvarchar(max) NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261127230920_ComposeIdentity'
)
BEGIN
    ALTER TABLE [Mailboxes] ADD [SignatureIsHtml] bit NOT NULL DEFAULT CAST(0 AS bit);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261127230920_ComposeIdentity'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261127230920_ComposeIdentity', N'10.0.15');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261127231046_SearchIndex'
)
BEGIN
    ALTER TABLE [Messages] ADD [SearchState] int NOT NULL DEFAULT 0;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261127231046_SearchIndex'
)
BEGIN
    CREATE TABLE [MessageTexts] (
        [Id] bigint NOT NULL IDENTITY,
        [BlobId] varchar(64) NOT NULL,
        [Subject] nvarchar(max) NOT NULL,
        [From] nvarchar(max) NOT NULL,
        [To] nvarchar(max) NOT NULL,
        [Cc] nvarchar(max) NOT NULL,
        [Bcc] nvarchar(max) NOT NULL,
        [Headers] nvarchar(max) NOT NULL,
        [Body] nvarchar(max) NOT NULL,
        CONSTRAINT [PK_MessageTexts] PRIMARY KEY ([Id])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261127231046_SearchIndex'
)
BEGIN
    CREATE INDEX [IX_Messages_FolderId_SearchState] ON [Messages] ([FolderId], [SearchState]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261127231046_SearchIndex'
)
BEGIN
    CREATE UNIQUE INDEX [IX_MessageTexts_BlobId] ON [MessageTexts] ([BlobId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261127231046_SearchIndex'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261127231046_SearchIndex', N'10.0.15');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261127231110_DeliveryRules'
)
BEGIN
    CREATE TABLE [MailboxRules] (
        [MailboxId] uniqueidentifier NOT NULL,
        [ForwardTo] nvarchar(320) NULL,
        [ForwardKeepCopy] bit NOT NULL,
        [VacationEnabled] bit NOT NULL,
        [VacationFrom] date NULL,
        [VacationUntil] date NULL,
        [VacationSubject] nvarchar(200) NOT NULL,
        [VacationBody] nvarchar(max) NOT NULL,
        [VacationIntervalDays] int NOT NULL,
        [Filters] nvarchar(max) NOT NULL,
        CONSTRAINT [PK_MailboxRules] PRIMARY KEY ([MailboxId]),
        CONSTRAINT [FK_MailboxRules_Mailboxes_MailboxId] FOREIGN KEY ([MailboxId]) REFERENCES [Mailboxes] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261127231110_DeliveryRules'
)
BEGIN
    CREATE TABLE [VacationReplies] (
        [MailboxId] uniqueidentifier NOT NULL,
        [Sender] nvarchar(320) NOT NULL,
        [SentUtc] datetime2 NOT NULL,
        CONSTRAINT [PK_VacationReplies] PRIMARY KEY ([MailboxId], [Sender]),
        CONSTRAINT [FK_VacationReplies_Mailboxes_MailboxId] FOREIGN KEY ([MailboxId]) REFERENCES [Mailboxes] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261127231110_DeliveryRules'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261127231110_DeliveryRules', N'10.0.15');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261127235644_FolderCounts'
)
BEGIN
    ALTER TABLE [Folders] ADD [MessageCount] int NOT NULL DEFAULT 0;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261127235644_FolderCounts'
)
BEGIN
    ALTER TABLE [Folders] ADD [TotalSize] bigint NOT NULL DEFAULT CAST(0 AS bigint);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261127235644_FolderCounts'
)
BEGIN
    ALTER TABLE [Folders] ADD [UnseenCount] int NOT NULL DEFAULT 0;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261127235644_FolderCounts'
)
BEGIN
    UPDATE [Folders] SET [MessageCount] = (SELECT COUNT(*) FROM [Messages] m WHERE m.[FolderId] = [Folders].[Id]), [UnseenCount] = (SELECT COUNT(*) FROM [Messages] m WHERE m.[FolderId] = [Folders].[Id] AND (m.[Flags] & 1) = 0), [TotalSize] = (SELECT COALESCE(SUM(m.[Size]), 0) FROM [Messages] m WHERE m.[FolderId] = [Folders].[Id]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261127235644_FolderCounts'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261127235644_FolderCounts', N'10.0.15');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261128001036_WebmailReading'
)
BEGIN
    CREATE TABLE [RemoteImageSenders] (
        [MailboxId] uniqueidentifier NOT NULL,
        [Address] nvarchar(320) NOT NULL,
        [CreatedUtc] datetime2 NOT NULL,
        CONSTRAINT [PK_RemoteImageSenders] PRIMARY KEY ([MailboxId], [Address]),
        CONSTRAINT [FK_RemoteImageSenders_Mailboxes_MailboxId] FOREIGN KEY ([MailboxId]) REFERENCES [Mailboxes] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261128001036_WebmailReading'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261128001036_WebmailReading', N'10.0.15');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261128050501_SearchLookups'
)
BEGIN
    DROP INDEX [IX_Messages_BlobId] ON [Messages];
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261128050501_SearchLookups'
)
BEGIN
    CREATE INDEX [IX_Messages_BlobId_FolderId_Uid] ON [Messages] ([BlobId], [FolderId], [Uid]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261128050501_SearchLookups'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261128050501_SearchLookups', N'10.0.15');
END;

COMMIT;
GO

