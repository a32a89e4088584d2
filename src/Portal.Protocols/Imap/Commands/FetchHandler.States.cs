using System.Text;
using Portal.Core.Mail;
using Portal.Protocols.Imap.Parsing;
using Portal.Protocols.Imap.Session;

namespace Portal.Protocols.Imap.Commands;

/// <summary>FETCH of UID, FLAGS, MODSEQ, INTERNALDATE and RFC822.SIZE only: answered from the shared folder snapshot.</summary>
internal static partial class FetchHandler
{
    /// <summary>The system-flag part of a FLAGS list for each combination of the five flags, as ASCII.</summary>
    private static readonly byte[][] SystemFlags = Enumerable.Range(0, 32)
        .Select(f => Encoding.ASCII.GetBytes(ImapFormat.Flags((MessageFlags)f, string.Empty))).ToArray();

    private static bool OnlyStates(IReadOnlyList<FetchItem> items) =>
        items.All(i => i.Kind is FetchItemKind.Uid or FetchItemKind.Flags or FetchItemKind.ModSeq or FetchItemKind.InternalDate or FetchItemKind.Size);

    private static async Task FetchStatesAsync(ImapSession session, SelectedFolder folder, List<long> uids, IReadOnlyList<FetchItem> items, long? changedSince, CancellationToken cancellationToken)
    {
        FolderSnapshot snapshot;
        try
        {
            snapshot = await session.Services.States.CurrentAsync(folder.Id, cancellationToken).ConfigureAwait(false);
        }
        catch (KeyNotFoundException)
        {
            // The folder was deleted: like its rows, its messages are gone.
            return;
        }

        // The set's UIDs, the session's UIDs and the snapshot are all in ascending UID order: one forward walk over each.
        var known = folder.Uids;
        int at = 0, position = 0;
        foreach (var uid in uids)
        {
            while (at < snapshot.Count && snapshot[at].Uid < uid)
            {
                at++;
            }

            while (position < known.Count && known[position] < uid)
            {
                position++;
            }

            // Messages expunged by others are left out (RFC 3501 §7.4.1: no EXPUNGE during FETCH).
            if (at == snapshot.Count || snapshot[at].Uid != uid || position == known.Count || known[position] != uid)
            {
                continue;
            }

            var state = snapshot[at];
            if (changedSince is { } since && state.ModSeq <= since)
            {
                continue;
            }

            WriteState(session, position + 1, state, items);
            await session.FlushIfFullAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// One FETCH response line: the state items from <paramref name="state"/>, and ENVELOPE, BODY or BODYSTRUCTURE from
    /// <paramref name="cached"/> (the structure cache's answers, by item position) where it holds one.
    /// </summary>
    private static void WriteState(ImapSession session, int sequence, MessageState state, IReadOnlyList<FetchItem> items, string?[]? cached = null)
    {
        session.SendBytes("* "u8);
        session.SendNumber(sequence);
        session.SendBytes(" FETCH ("u8);
        for (var i = 0; i < items.Count; i++)
        {
            if (i > 0)
            {
                session.SendBytes(" "u8);
            }

            if (cached?[i] is { } text)
            {
                WriteStructureItem(session, items[i].Kind, text);
            }
            else
            {
                WriteStateItem(session, items[i].Kind, state);
            }
        }

        session.SendBytes(")\r\n"u8);
    }

    /// <summary>ENVELOPE, BODY or BODYSTRUCTURE with its formatted answer.</summary>
    private static void WriteStructureItem(ImapSession session, FetchItemKind kind, string text)
    {
        session.SendBytes(kind switch
        {
            FetchItemKind.Envelope => "ENVELOPE "u8,
            FetchItemKind.Body => "BODY "u8,
            _ => "BODYSTRUCTURE "u8,
        });
        session.SendPartial(text);
    }

    /// <summary>One of UID, FLAGS, MODSEQ, INTERNALDATE and RFC822.SIZE from a message's state.</summary>
    private static void WriteStateItem(ImapSession session, FetchItemKind kind, MessageState state)
    {
        switch (kind)
        {
            case FetchItemKind.Uid:
                session.SendBytes("UID "u8);
                session.SendNumber(state.Uid);
                break;
            case FetchItemKind.Flags:
                var system = SystemFlags[(int)state.Flags & 31];
                session.SendBytes("FLAGS ("u8);
                session.SendBytes(system);
                if (state.Keywords.Length > 0)
                {
                    if (system.Length > 0)
                    {
                        session.SendBytes(" "u8);
                    }

                    session.SendPartial(state.Keywords);
                }

                session.SendBytes(")"u8);
                break;
            case FetchItemKind.ModSeq:
                session.SendBytes("MODSEQ ("u8);
                session.SendNumber(state.ModSeq);
                session.SendBytes(")"u8);
                break;
            case FetchItemKind.InternalDate:
                session.SendPartial("INTERNALDATE " + ImapFormat.DateTime(state.InternalDateUtc));
                break;
            default:
                session.SendBytes("RFC822.SIZE "u8);
                session.SendNumber(state.Size);
                break;
        }
    }
}
