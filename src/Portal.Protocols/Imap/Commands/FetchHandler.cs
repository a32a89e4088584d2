using Portal.Core.Mail;
using Portal.Protocols.Imap.Parsing;
using Portal.Protocols.Imap.Session;

namespace Portal.Protocols.Imap.Commands;

/// <summary>FETCH and UID FETCH (RFC 3501 §6.4.5, RFC 7162 §3.1.4): metadata from the row, sections from the blob.</summary>
internal static partial class FetchHandler
{
    public static async Task RunAsync(ImapSession session, ImapCommand.Fetch command, CancellationToken cancellationToken)
    {
        var folder = session.Selected!;
        if (SetResolver.Resolve(folder, command.Set, command.ByUid) is not { } uids)
        {
            session.Send($"{command.Tag} BAD Message sequence number out of range.");
            return;
        }

        var items = command.Items.ToList();
        if (command.ByUid && !items.Any(i => i.Kind == FetchItemKind.Uid))
        {
            // RFC 3501 §6.4.8: UID FETCH always returns the UID.
            items.Insert(0, FetchItem.Simple(FetchItemKind.Uid));
        }

        if (items.Any(i => i.Kind == FetchItemKind.ModSeq))
        {
            session.CondStoreEnabled = true;
        }

        if (command.Vanished)
        {
            if (!session.QResyncEnabled)
            {
                // RFC 7162 §3.2.6: VANISHED is only for a client that enabled QRESYNC.
                session.Send($"{command.Tag} BAD ENABLE QRESYNC before using VANISHED.");
                return;
            }

            await SendVanishedAsync(session, folder, folder.Bind(command.Set), command.ChangedSince!.Value, cancellationToken).ConfigureAwait(false);
        }

        if (uids.Count > 0 && OnlyStates(items))
        {
            // UID, FLAGS, MODSEQ, INTERNALDATE, RFC822.SIZE: from the folder's shared snapshot, no rows read.
            await FetchStatesAsync(session, folder, uids, items, command.ChangedSince, cancellationToken).ConfigureAwait(false);
            session.ReportDevice(synced: true);
        }
        else if (uids.Count > 0 && OnlyCachedStructures(items) && await TryFetchCachedAsync(session, folder, uids, items, command.ChangedSince, cancellationToken).ConfigureAwait(false))
        {
            // ENVELOPE/BODY/BODYSTRUCTURE all cached by blob: no rows read.
            session.ReportDevice(synced: true);
        }
        else if (uids.Count > 0)
        {
            var wanted = uids.ToHashSet();
            var messages = (await session.Store.ListMessagesAsync(folder.Id, uids[0], uids[^1], cancellationToken).ConfigureAwait(false))
                .Where(m => wanted.Contains(m.Uid) && (command.ChangedSince is not { } since || m.ModSeq > since)).ToList();
            var binary = items.Where(i => i.Kind is FetchItemKind.Binary or FetchItemKind.BinarySize).ToList();
            if (binary.Count > 0 && messages.Any(m => !binary.All(i => BinaryContent.CanDecode(StructureFormatter.ReadBody(m), i))))
            {
                // RFC 3516 §4.3: a transfer encoding the server cannot undo.
                session.Send($"{command.Tag} NO [UNKNOWN-CTE] Cannot decode the part's content-transfer-encoding.");
                return;
            }

            var marksSeen = !folder.ReadOnly && items.Any(i => i.Kind is FetchItemKind.Rfc822 or FetchItemKind.Rfc822Text || (i.Kind is FetchItemKind.Section or FetchItemKind.Binary && !i.Peek));
            var newlySeen = new HashSet<long>();
            if (marksSeen)
            {
                // RFC 3501 §6.4.5: BODY[...] (not PEEK) sets \Seen; the new flags are returned with the data.
                var unseen = messages.Where(m => !m.Flags.HasFlag(MessageFlags.Seen)).Select(m => m.Uid).ToList();
                if (unseen.Count > 0)
                {
                    var changed = await session.Store.SetFlagsAsync(folder.Id, unseen, MessageFlags.Seen, FlagChangeMode.Add, cancellationToken).ConfigureAwait(false);
                    foreach (var message in changed)
                    {
                        folder.OwnModSeqs.Add(message.ModSeq);
                        newlySeen.Add(message.Uid);
                    }

                    foreach (var message in messages.Where(m => newlySeen.Contains(m.Uid)))
                    {
                        message.Flags |= MessageFlags.Seen;
                        message.ModSeq = changed.First(c => c.Uid == message.Uid).ModSeq;
                    }
                }
            }

            var structures = items.Any(i => i.Kind is FetchItemKind.Envelope or FetchItemKind.Body or FetchItemKind.BodyStructure);
            foreach (var message in messages)
            {
                var sequence = folder.SequenceOf(message.Uid);
                if (sequence == 0)
                {
                    continue;
                }

                if (structures)
                {
                    session.Services.Structures.AddBlob(folder.Id, message.Uid, message.BlobId);
                }

                var messageItems = newlySeen.Contains(message.Uid) && !items.Any(i => i.Kind == FetchItemKind.Flags)
                    ? [.. items, FetchItem.Simple(FetchItemKind.Flags)]
                    : items;
                await WriteMessageAsync(session, sequence, message, messageItems, cancellationToken).ConfigureAwait(false);
                await session.FlushIfFullAsync(cancellationToken).ConfigureAwait(false);
            }

            session.ReportDevice(synced: true);
        }

        session.Send($"{command.Tag} OK {(command.ByUid ? "UID " : string.Empty)}FETCH completed.");
    }

    private static async Task WriteMessageAsync(ImapSession session, int sequence, Message message, IReadOnlyList<FetchItem> items, CancellationToken cancellationToken)
    {
        Stream? raw = null;
        try
        {
            BodyPart? body = null;
            var cache = session.Services.Structures;
            session.SendBytes("* "u8);
            session.SendNumber(sequence);
            session.SendBytes(" FETCH ("u8);
            var first = true;
            foreach (var item in items)
            {
                if (!first)
                {
                    session.SendBytes(" "u8);
                }

                first = false;
                switch (item.Kind)
                {
                    case FetchItemKind.Flags:
                        session.SendPartial($"FLAGS ({ImapFormat.Flags(message.Flags, message.Keywords)})");
                        break;
                    case FetchItemKind.Uid:
                        session.SendBytes("UID "u8);
                        session.SendNumber(message.Uid);
                        break;
                    case FetchItemKind.InternalDate:
                        session.SendPartial($"INTERNALDATE {ImapFormat.DateTime(message.InternalDateUtc)}");
                        break;
                    case FetchItemKind.Size:
                        session.SendPartial($"RFC822.SIZE {ImapFormat.Number(message.Size)}");
                        break;
                    case FetchItemKind.ModSeq:
                        session.SendPartial($"MODSEQ ({ImapFormat.Number(message.ModSeq)})");
                        break;
                    case FetchItemKind.Envelope:
                        if (!cache.TryGet(message.BlobId, item.Kind, session.Utf8Enabled, out var envelope))
                        {
                            envelope = StructureFormatter.Envelope(StructureFormatter.ReadEnvelope(message.Envelope), session.Utf8Enabled);
                            cache.Add(message.BlobId, item.Kind, session.Utf8Enabled, envelope);
                        }

                        WriteStructureItem(session, item.Kind, envelope);
                        break;
                    case FetchItemKind.Body or FetchItemKind.BodyStructure:
                        if (cache.TryGet(message.BlobId, item.Kind, session.Utf8Enabled, out var cached))
                        {
                            WriteStructureItem(session, item.Kind, cached);
                            break;
                        }

                        body ??= StructureFormatter.ReadBody(message);
                        if (raw is null && HasAttachedMessage(body))
                        {
                            // Only an attached message's envelope is read from the blob; otherwise the cached tree is enough.
                            raw = await session.Store.OpenContentAsync(message, cancellationToken).ConfigureAwait(false);
                        }

                        var content = raw;
                        var structure = StructureFormatter.Structure(body, item.Kind == FetchItemKind.BodyStructure, session.Utf8Enabled, part => content is null ? null : InnerEnvelope(content, part));
                        cache.Add(message.BlobId, item.Kind, session.Utf8Enabled, structure);
                        WriteStructureItem(session, item.Kind, structure);
                        break;
                    case FetchItemKind.Binary or FetchItemKind.BinarySize:
                        body ??= StructureFormatter.ReadBody(message);
                        raw ??= await session.Store.OpenContentAsync(message, cancellationToken).ConfigureAwait(false);
                        var decoded = await BinaryContent.ReadAsync(raw, message.Size, body, item, cancellationToken).ConfigureAwait(false);
                        if (item.Kind == FetchItemKind.BinarySize)
                        {
                            session.SendPartial($"{BinaryContent.Name(item)} {ImapFormat.Number(decoded.Length)}");
                            break;
                        }

                        var part = SectionReader.Partial(decoded, item);

                        // RFC 3516 §4.2: literal8 (~{n}) only when the data holds NUL, which a plain literal must not.
                        var marker = part.Span.Contains((byte)0) ? "~" : string.Empty;
                        session.SendPartial($"{BinaryContent.Name(item)} {marker}{{{ImapFormat.Number(part.Length)}}}\r\n");
                        session.SendBytes(part.Span);
                        break;
                    default:
                        body ??= StructureFormatter.ReadBody(message);
                        raw ??= await session.Store.OpenContentAsync(message, cancellationToken).ConfigureAwait(false);
                        var (name, section) = item.Kind switch
                        {
                            FetchItemKind.Rfc822 => ("RFC822", new FetchItem(FetchItemKind.Section)),
                            FetchItemKind.Rfc822Header => ("RFC822.HEADER", new FetchItem(FetchItemKind.Section, Text: SectionText.Header)),
                            FetchItemKind.Rfc822Text => ("RFC822.TEXT", new FetchItem(FetchItemKind.Section, Text: SectionText.Text)),
                            _ => (ImapCommandParser.SectionName(item), item),
                        };
                        var bytes = await SectionReader.ReadAsync(raw, message.Size, body, section, cancellationToken).ConfigureAwait(false);
                        var slice = SectionReader.Partial(bytes, item);
                        session.SendPartial($"{name} {{{ImapFormat.Number(slice.Length)}}}\r\n");
                        session.SendBytes(slice.Span);
                        break;
                }
            }

            session.Send(")");
        }
        finally
        {
            if (raw is not null)
            {
                await raw.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    /// <summary>RFC 7162 §3.2.6: VANISHED (EARLIER) with the UIDs of the set expunged since <paramref name="since"/>.</summary>
    private static async Task SendVanishedAsync(ImapSession session, SelectedFolder folder, SequenceSet set, long since, CancellationToken cancellationToken)
    {
        var changes = await session.Services.Journal.ChangesSinceAsync(folder.Id, since, cancellationToken).ConfigureAwait(false);
        List<long> vanished;
        if (changes.ResyncRequired)
        {
            // The journal was trimmed past that point: every UID of the set below the largest one that is not here any more.
            vanished = [];
            for (var uid = 1L; uid <= folder.LargestUid; uid++)
            {
                if (folder.SequenceOf(uid) == 0 && set.Contains(uid, folder.LargestUid))
                {
                    vanished.Add(uid);
                }
            }
        }
        else
        {
            var deleted = changes.Changes.Where(c => c.Kind == Core.Changes.ChangeKind.Deleted && folder.SequenceOf(c.Uid) == 0).Select(c => c.Uid).ToList();
            var largest = Math.Max(folder.LargestUid, deleted.Count == 0 ? 0 : deleted.Max());
            vanished = deleted.Where(u => set.Contains(u, largest)).Distinct().Order().ToList();
        }

        if (vanished.Count > 0)
        {
            session.Send("* VANISHED (EARLIER) " + SequenceSet.Format(vanished));
        }
    }

    private static bool HasAttachedMessage(BodyPart part) =>
        (part.MediaType == "message" && part.MediaSubtype == "rfc822") || part.Children.Any(HasAttachedMessage);

    /// <summary>The envelope of an attached message, parsed from its headers on demand (it is not cached).</summary>
    private static MessageEnvelope? InnerEnvelope(Stream raw, BodyPart part)
    {
        var length = Math.Max(0, part.EndOffset - part.BodyOffset);
        var bytes = new byte[length];
        raw.Position = part.BodyOffset;
        raw.ReadExactly(bytes);
        try
        {
            using var stream = new MemoryStream(bytes);
            var inner = MimeKit.MimeMessage.Load(stream);
            return MessageParser.EnvelopeOf(inner);
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
