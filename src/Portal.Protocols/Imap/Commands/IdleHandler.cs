using System.Threading.Channels;
using Portal.Protocols.Imap.Parsing;
using Portal.Protocols.Imap.Session;

namespace Portal.Protocols.Imap.Commands;

/// <summary>
/// IDLE (RFC 2177): waits for DONE while the change notifier wakes the session on every commit to the selected
/// folder, so another session's APPEND, an SMTP delivery or a web UI change reaches the client at once.
/// </summary>
internal static class IdleHandler
{
    public static async Task RunAsync(ImapSession session, ImapCommand.Simple command, CancellationToken cancellationToken)
    {
        // The latest change number notified; one slot, newer notifications replace older ones.
        var wake = Channel.CreateBounded<long>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropOldest });
        var folderId = session.Selected?.Id;
        using var subscription = session.Services.Notifier.Subscribe(session.MailboxId, n =>
        {
            if (n.CollectionId == folderId)
            {
                wake.Writer.TryWrite(n.ChangeNumber);
            }
        });
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        session.Send("+ idling");
        await session.SendUpdatesAsync(byUid: false, cancellationToken).ConfigureAwait(false);
        await session.FlushAsync(cancellationToken).ConfigureAwait(false);

        var line = session.ReadLineAsync(stop.Token);
        try
        {
            while (true)
            {
                var woken = wake.Reader.WaitToReadAsync(stop.Token).AsTask();
                var done = await Task.WhenAny(line, woken).ConfigureAwait(false);
                if (done == line)
                {
                    break;
                }

                await woken.ConfigureAwait(false);
                wake.Reader.TryRead(out var changeNumber);
                await session.SendUpdatesAsync(byUid: false, cancellationToken, changeNumber).ConfigureAwait(false);
                await session.FlushAsync(cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            await stop.CancelAsync().ConfigureAwait(false);
        }

        var text = await line.ConfigureAwait(false);
        if (text is null)
        {
            session.State = new ImapState.Logout();
            return;
        }

        if (!text.Equals("DONE", StringComparison.OrdinalIgnoreCase))
        {
            session.Send($"{command.Tag} BAD Expected DONE.");
            return;
        }

        session.ReportDevice(synced: true);
        session.Send($"{command.Tag} OK IDLE terminated.");
    }
}
