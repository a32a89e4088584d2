using Portal.Core.Mail;
using Portal.Protocols.Imap.Parsing;
using Portal.Protocols.Imap.Session;

namespace Portal.Protocols.Imap.Commands;

/// <summary>LIST, LSUB, STATUS, CREATE, DELETE, RENAME, SUBSCRIBE, UNSUBSCRIBE (RFC 3501 §6.3, RFC 6154, RFC 3348).</summary>
internal static class FolderCommands
{
    public static async Task ListAsync(ImapSession session, ImapCommand.List command, CancellationToken cancellationToken)
    {
        var verb = command.Lsub ? "LSUB" : "LIST";
        if (command.Patterns.Count == 1 && command.Patterns[0].Length == 0 && command.Selection.Count == 0)
        {
            // RFC 3501 §6.3.8: an empty pattern asks for the delimiter and root.
            session.Send($"* {verb} (\\Noselect) \"/\" \"\"");
            session.Send($"{command.Tag} OK {verb} completed.");
            return;
        }

        if (UnknownStatusItem(command.StatusItems) is { } unknown)
        {
            session.Send($"{command.Tag} BAD Unknown STATUS item {unknown}.");
            return;
        }

        var folders = await session.Store.ListFoldersAsync(session.MailboxId, cancellationToken).ConfigureAwait(false);
        var patterns = command.Patterns.Select(p => new MailboxPattern(command.Reference, p)).ToList();
        foreach (var folder in folders.OrderBy(f => f.Role == FolderRole.Inbox ? 0 : 1).ThenBy(f => f.Name, StringComparer.Ordinal))
        {
            if (!patterns.Any(p => p.Matches(folder.Name)) || (command.SpecialUseOnly && SpecialUse(folder.Role) is null))
            {
                continue;
            }

            var prefix = folder.Name + Folder.Delimiter;
            var children = folders.Where(f => f.Name.StartsWith(prefix, StringComparison.Ordinal)).ToList();

            // RFC 5258 §3.5: with RECURSIVEMATCH a parent of a subscribed mailbox is listed with CHILDINFO, subscribed or not.
            var childInfo = command.RecursiveMatch && children.Any(c => c.Subscribed);
            if (command.SubscribedOnly && !folder.Subscribed && !childInfo)
            {
                continue;
            }

            var attributes = Attributes(folder, children.Count > 0);
            if (command.ReturnSubscribed && folder.Subscribed)
            {
                attributes.Add("\\Subscribed");
            }

            var extended = childInfo ? " (\"CHILDINFO\" (\"SUBSCRIBED\"))" : string.Empty;
            session.Send($"* {verb} ({string.Join(' ', attributes)}) \"/\" {session.WireName(folder.Name)}{extended}");
            if (command.StatusItems.Count > 0)
            {
                // RFC 5819 §2: the STATUS response follows the mailbox's LIST response.
                await SendStatusAsync(session, folder, command.StatusItems, cancellationToken).ConfigureAwait(false);
            }
        }

        session.Send($"{command.Tag} OK {verb} completed.");
    }

    public static async Task StatusAsync(ImapSession session, ImapCommand.Status command, CancellationToken cancellationToken)
    {
        if (UnknownStatusItem(command.Items) is { } unknown)
        {
            session.Send($"{command.Tag} BAD Unknown STATUS item {unknown}.");
            return;
        }

        var folder = await session.Store.FindFolderAsync(session.MailboxId, command.Mailbox, cancellationToken).ConfigureAwait(false);
        if (folder is null)
        {
            session.Send($"{command.Tag} NO [NONEXISTENT] No such mailbox.");
            return;
        }

        await SendStatusAsync(session, folder, command.Items, cancellationToken).ConfigureAwait(false);
        await session.SendUpdatesAsync(byUid: false, cancellationToken).ConfigureAwait(false);
        session.Send($"{command.Tag} OK STATUS completed.");
    }

    public static async Task MailboxVerbAsync(ImapSession session, ImapCommand.MailboxVerb command, CancellationToken cancellationToken)
    {
        var store = session.Store;
        switch (command.Verb)
        {
            case "CREATE":
                await store.CreateFolderAsync(session.MailboxId, command.Mailbox, cancellationToken).ConfigureAwait(false);
                break;
            case "DELETE":
                if (session.Selected is { } selected && string.Equals(selected.Name, command.Mailbox, StringComparison.Ordinal))
                {
                    session.Send($"{command.Tag} NO [INUSE] Unselect the mailbox before deleting it.");
                    return;
                }

                await store.DeleteFolderAsync(session.MailboxId, command.Mailbox, cancellationToken).ConfigureAwait(false);
                break;
            case "SUBSCRIBE" or "UNSUBSCRIBE":
                await store.SetSubscribedAsync(session.MailboxId, command.Mailbox, command.Verb == "SUBSCRIBE", cancellationToken).ConfigureAwait(false);
                break;
        }

        await session.SendUpdatesAsync(byUid: false, cancellationToken).ConfigureAwait(false);
        session.Send($"{command.Tag} OK {command.Verb} completed.");
    }

    public static async Task RenameAsync(ImapSession session, ImapCommand.Rename command, CancellationToken cancellationToken)
    {
        if (string.Equals(command.From, "INBOX", StringComparison.OrdinalIgnoreCase))
        {
            await RenameInboxAsync(session, command, cancellationToken).ConfigureAwait(false);
            return;
        }

        await session.Store.RenameFolderAsync(session.MailboxId, command.From, command.To, cancellationToken).ConfigureAwait(false);
        if (session.Selected is { } selected)
        {
            if (selected.Name == command.From)
            {
                selected.Name = command.To;
            }
            else if (selected.Name.StartsWith(command.From + Folder.Delimiter, StringComparison.Ordinal))
            {
                selected.Name = command.To + selected.Name[command.From.Length..];
            }
        }

        if (session.Rev2Enabled)
        {
            // RFC 9051 §6.3.6: tell an IMAP4rev2 client the new name with the OLDNAME extended data item.
            var folders = await session.Store.ListFoldersAsync(session.MailboxId, cancellationToken).ConfigureAwait(false);
            if (folders.FirstOrDefault(f => f.Name == command.To) is { } renamed)
            {
                var hasChildren = folders.Any(f => f.Name.StartsWith(renamed.Name + Folder.Delimiter, StringComparison.Ordinal));
                session.Send($"* LIST ({string.Join(' ', Attributes(renamed, hasChildren))}) \"/\" {session.WireName(renamed.Name)} (\"OLDNAME\" ({session.WireName(command.From)}))");
            }
        }

        await session.SendUpdatesAsync(byUid: false, cancellationToken).ConfigureAwait(false);
        session.Send($"{command.Tag} OK RENAME completed.");
    }

    /// <summary>
    /// RFC 9051 §6.3.6 / RFC 3501 §6.3.5: renaming INBOX moves all its messages to a new mailbox of that name and leaves
    /// INBOX in place, empty (its children stay where they are). The move is one store transaction.
    /// </summary>
    private static async Task RenameInboxAsync(ImapSession session, ImapCommand.Rename command, CancellationToken cancellationToken)
    {
        var store = session.Store;
        var inbox = await store.FindFolderAsync(session.MailboxId, FolderRole.Inbox, cancellationToken).ConfigureAwait(false)
            ?? throw new MailStoreException(MailStoreError.NotFound, "The mailbox has no INBOX.");
        var target = await store.CreateFolderAsync(session.MailboxId, command.To, cancellationToken).ConfigureAwait(false);
        // The UIDs from the folder's shared state snapshot (kept for IMAP anyway), not a read of every summary row.
        var snapshot = await session.Services.States.CurrentAsync(inbox.Id, cancellationToken).ConfigureAwait(false);
        var uids = new List<long>(snapshot.Count);
        foreach (var state in snapshot.Items)
        {
            uids.Add(state.Uid);
        }

        if (uids.Count > 0)
        {
            await store.MoveAsync(inbox.Id, uids, target.Id, cancellationToken).ConfigureAwait(false);
        }

        await session.SendUpdatesAsync(byUid: false, cancellationToken).ConfigureAwait(false);
        session.Send($"{command.Tag} OK RENAME completed.");
    }

    /// <summary>RFC 3348 child attributes and the RFC 6154 special use of a listed folder.</summary>
    private static List<string> Attributes(Folder folder, bool hasChildren)
    {
        var attributes = new List<string> { hasChildren ? "\\HasChildren" : "\\HasNoChildren" };
        if (SpecialUse(folder.Role) is { } role)
        {
            attributes.Add(role);
        }

        return attributes;
    }

    /// <summary>RFC 9051 §6.3.11 items (DELETED, SIZE from STATUS=SIZE), RECENT for IMAP4rev1 and HIGHESTMODSEQ (RFC 7162).</summary>
    private static string? UnknownStatusItem(IEnumerable<string> items) =>
        items.FirstOrDefault(i => i is not ("MESSAGES" or "RECENT" or "UIDNEXT" or "UIDVALIDITY" or "UNSEEN" or "HIGHESTMODSEQ" or "SIZE" or "DELETED"));

    private static async Task SendStatusAsync(ImapSession session, Folder folder, IReadOnlyList<string> items, CancellationToken cancellationToken)
    {
        // MESSAGES, UNSEEN and SIZE are the counts kept on the folder row by every change; only DELETED reads the summaries.
        var deleted = items.Contains("DELETED")
            ? (await session.Store.ListSummariesAsync(folder.Id, cancellationToken).ConfigureAwait(false)).Count(s => s.Flags.HasFlag(MessageFlags.Deleted))
            : 0;
        var values = items.Distinct().Select(item => item + " " + ImapFormat.Number(item switch
        {
            "MESSAGES" => folder.MessageCount,
            "UIDNEXT" => folder.UidNext,
            "UIDVALIDITY" => folder.UidValidity,
            "UNSEEN" => folder.UnseenCount,
            "HIGHESTMODSEQ" => folder.HighestModSeq,
            "SIZE" => folder.TotalSize,
            "DELETED" => deleted,
            _ => 0,
        }));
        session.Send($"* STATUS {session.WireName(folder.Name)} ({string.Join(' ', values)})");
    }

    /// <summary>RFC 6154 §2 attributes; INBOX has none.</summary>
    private static string? SpecialUse(FolderRole role) => role switch
    {
        FolderRole.Drafts => "\\Drafts",
        FolderRole.Sent => "\\Sent",
        FolderRole.Trash => "\\Trash",
        FolderRole.Junk => "\\Junk",
        FolderRole.Archive => "\\Archive",
        _ => null,
    };
}
