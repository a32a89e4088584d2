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
        var signal = new IdleSignal();
        var folderId = session.Selected?.Id;
        using var subscription = session.Services.Notifier.Subscribe(session.MailboxId, n =>
        {
            if (n.CollectionId == folderId)
            {
                signal.Notify(n.ChangeNumber);
            }
        });
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        session.Send("+ idling");
        await session.SendUpdatesAsync(byUid: false, cancellationToken).ConfigureAwait(false);
        await session.FlushAsync(cancellationToken).ConfigureAwait(false);

        var line = ReadLineThenStopAsync(session, signal, stop.Token);
        try
        {
            while (await signal.NextAsync().ConfigureAwait(false) is { } changeNumber)
            {
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

    /// <summary>The client's next line (DONE); whatever ends the read also ends the wait for changes.</summary>
    private static async Task<string?> ReadLineThenStopAsync(ImapSession session, IdleSignal signal, CancellationToken cancellationToken)
    {
        try
        {
            return await session.ReadLineAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            signal.Stop();
        }
    }
}
