using System.Collections.Concurrent;
using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MimeKit;
using Portal.Core.Delivery.Forwarding;
using Portal.Core.Delivery.Rules;
using Portal.Core.Mail;
using Portal.Core.Storage;

namespace Portal.Core.Delivery;

/// <summary>See <see cref="IMailRouter"/>. Local mailboxes' rules are applied here and nowhere else.</summary>
public sealed partial class MailRouter(
    IBlobStore blobs,
    IMessageStore store,
    GroupCommit commits,
    IOutboundQueue queue,
    IMailDelivery delivery,
    IMailboxRulesStore rules,
    SrsAddress srs,
    IOptions<ForwardingOptions> options,
    IOptions<OutboundOptions> outbound,
    TimeProvider time,
    ILogger<MailRouter> logger) : IMailRouter
{
    /// <summary>How long a mailbox's Inbox id is kept: an Inbox is never renamed or deleted while its mailbox exists.</summary>
    private static readonly TimeSpan InboxCacheFor = TimeSpan.FromSeconds(30);

    private readonly ConcurrentDictionary<Guid, (Guid FolderId, long Until)> _inboxes = new();

    public async Task<DeliveryResult> DeliverAsync(Stream content, DeliveryEnvelope envelope, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(envelope);
        var blob = await blobs.PutAsync(content, cancellationToken).ConfigureAwait(false);
        return await DeliverAsync(blob, envelope, cancellationToken).ConfigureAwait(false);
    }

    public async Task<DeliveryResult> DeliverAsync(BlobInfo blob, DeliveryEnvelope envelope, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(blob);
        ArgumentNullException.ThrowIfNull(envelope);
        var now = time.GetUtcNow();

        var mailboxes = envelope.Recipients.Where(r => r.Resolution.Kind == RecipientKind.Local)
            .SelectMany(r => r.Resolution.Mailboxes).DistinctBy(m => m.MailboxId).ToList();
        var mailboxRules = mailboxes.Count == 0
            ? new Dictionary<Guid, MailboxRules>()
            : await rules.FindAsync(mailboxes.Select(m => m.MailboxId).ToList(), cancellationToken).ConfigureAwait(false);

        // Forwards, keyed by the local address that forwards them (the SRS domain and the loop trace name it).
        var forwards = new List<(string Via, string Target, bool ReturnPath)>();
        foreach (var recipient in envelope.Recipients.Where(r => r.Resolution.Kind == RecipientKind.Local))
        {
            forwards.AddRange(recipient.Resolution.Forwards.Select(f => (recipient.Address, f, recipient.Resolution.ReturnPath)));
        }

        // The header is read only when some rule or forward needs it: plain deliveries skip it.
        var facts = mailboxRules.Count > 0 || forwards.Count > 0
            ? await ReadFactsAsync(blob.Id, cancellationToken).ConfigureAwait(false)
            : MessageFacts.Empty;

        var copies = new List<(LocalRecipient Mailbox, MailboxDisposition Disposition)>();
        var vacations = new List<(LocalRecipient Mailbox, MailboxRules Rules)>();
        foreach (var mailbox in mailboxes)
        {
            var own = mailboxRules.GetValueOrDefault(mailbox.MailboxId);
            var keep = true;
            if (own is { Forwards: true })
            {
                if (MayForward(facts, mailbox.Address))
                {
                    forwards.Add((mailbox.Address, own.ForwardTo!.Trim(), false));
                    keep = own.ForwardKeepCopy;
                }
                else
                {
                    // A loop or too many hops: the copy stays here rather than being lost.
                    Log.ForwardLoop(logger, mailbox.Address, facts.ForwardedBy.Count, facts.ReceivedCount);
                }
            }

            var disposition = MailboxDisposition.Decide(own, facts);
            if (keep)
            {
                copies.Add((mailbox, disposition));
            }

            if (own is not null && disposition.Role != FolderRole.Trash)
            {
                vacations.Add((mailbox, own));
            }
        }

        await StoreCopiesAsync(blob, copies, now.UtcDateTime, cancellationToken).ConfigureAwait(false);

        var queued = 0;
        var outside = envelope.Recipients.Where(r => r.Resolution.Kind == RecipientKind.NotLocal)
            .Select(r => new OutboundRecipientRequest(r.Address, r.Notify, r.OriginalRecipient))
            .DistinctBy(r => r.Address, StringComparer.OrdinalIgnoreCase).ToList();
        if (outside.Count > 0)
        {
            await queue.EnqueueAsync(blob.Id, envelope.Sender, outside, envelope.EnvelopeId, envelope.Ret, cancellationToken).ConfigureAwait(false);
            queued += outside.Count;
        }

        queued += await ForwardAsync(blob.Id, envelope, forwards, now, cancellationToken).ConfigureAwait(false);

        foreach (var (mailbox, own) in vacations)
        {
            await ReplyIfAwayAsync(mailbox, own, facts, envelope.Sender, now, cancellationToken).ConfigureAwait(false);
        }

        await NotifySuccessAsync(blob, envelope, now, cancellationToken).ConfigureAwait(false);

        return new DeliveryResult(blob.Id, copies.Count, queued);
    }

    private bool MayForward(MessageFacts facts, string address)
    {
        var settings = options.Value;
        return facts.ReceivedCount < settings.MaxReceivedHeaders
            && facts.ForwardedBy.Count < settings.MaxForwardHops
            && !facts.ForwardedBy.Contains(address, StringComparer.OrdinalIgnoreCase);
    }

    private async Task<MessageFacts> ReadFactsAsync(string blobId, CancellationToken cancellationToken)
    {
        await using var stream = await blobs.OpenReadAsync(blobId, cancellationToken).ConfigureAwait(false);
        var parser = new MimeParser(stream, MimeFormat.Entity);
        var headers = await parser.ParseHeadersAsync(cancellationToken).ConfigureAwait(false);
        return MessageFacts.Read(headers);
    }

    private async Task StoreCopiesAsync(BlobInfo blob, List<(LocalRecipient Mailbox, MailboxDisposition Disposition)> copies, DateTime nowUtc, CancellationToken cancellationToken)
    {
        if (copies.Count == 0)
        {
            return;
        }

        var targets = new List<(Guid FolderId, MessageFlags Flags)>();
        foreach (var (mailbox, disposition) in copies)
        {
            Folder? folder = null;
            if (disposition.FolderName is { } name)
            {
                folder = await store.FindFolderAsync(mailbox.MailboxId, name, cancellationToken).ConfigureAwait(false);
                if (folder is null)
                {
                    Log.FilterFolderMissing(logger, mailbox.Address, name);
                }
            }
            else if (disposition.Role != FolderRole.Inbox)
            {
                folder = await store.FindFolderAsync(mailbox.MailboxId, disposition.Role, cancellationToken).ConfigureAwait(false);
            }

            targets.Add((folder?.Id ?? await InboxAsync(mailbox.MailboxId, cancellationToken).ConfigureAwait(false), disposition.Flags));
        }

        // Parsed once however many mailboxes get it, from the stored file (persistent: parts are not copied to memory).
        ParsedMessage parsed;
        var parsing = System.Diagnostics.Stopwatch.GetTimestamp();
        await using (var content = await blobs.OpenReadAsync(blob.Id, cancellationToken).ConfigureAwait(false))
        {
            parsed = MessageParser.Parse(content);
        }

        DeliveryMetrics.Parse.Record(DeliveryMetrics.Since(parsing));

        // Every copy in one transaction, batched with other deliveries finishing now (group commit); back after it committed.
        try
        {
            await commits.AppendAsync(targets.Select(t => new BlobAppend(t.FolderId, blob.Id, blob.Length, parsed, t.Flags, nowUtc)).ToList(), cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            // A mailbox deleted meanwhile: its Inbox is looked up again next time.
            foreach (var (mailbox, _) in copies)
            {
                _inboxes.TryRemove(mailbox.MailboxId, out _);
            }

            throw;
        }
    }

    /// <summary>Every delivery files into an Inbox unless a rule says otherwise: its id comes from memory (see <see cref="InboxCacheFor"/>).</summary>
    private async Task<Guid> InboxAsync(Guid mailboxId, CancellationToken cancellationToken)
    {
        var now = time.GetTimestamp();
        if (_inboxes.TryGetValue(mailboxId, out var entry) && entry.Until > now)
        {
            return entry.FolderId;
        }

        var inbox = await store.FindFolderAsync(mailboxId, FolderRole.Inbox, cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException($"Mailbox {mailboxId} has no Inbox.");
        _inboxes[mailboxId] = (inbox.Id, now + (long)(InboxCacheFor.TotalSeconds * time.TimestampFrequency));
        return inbox.Id;
    }

    private async Task<int> ForwardAsync(string blobId, DeliveryEnvelope envelope, List<(string Via, string Target, bool ReturnPath)> forwards, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var queued = 0;
        foreach (var via in forwards.GroupBy(f => (f.Via, f.ReturnPath)))
        {
            var targets = new List<OutboundRecipientRequest>();
            foreach (var (_, target, _) in via)
            {
                var resolution = await delivery.ResolveAsync(target, cancellationToken).ConfigureAwait(false);
                if (resolution.Kind == RecipientKind.Local && !via.Key.ReturnPath)
                {
                    // A forward to another local mailbox is a local delivery of its own (with that mailbox's rules).
                    await using var copy = await blobs.OpenReadAsync(blobId, cancellationToken).ConfigureAwait(false);
                    await DeliverAsync(new PrefixedStream(Trace(via.Key.Via), copy), new DeliveryEnvelope(envelope.Sender, [new EnvelopeRecipient(target, resolution)]), cancellationToken).ConfigureAwait(false);
                }
                else if (resolution.Kind is RecipientKind.NotLocal || via.Key.ReturnPath)
                {
                    targets.Add(new OutboundRecipientRequest(target));
                }
            }

            if (targets.Count == 0)
            {
                continue;
            }

            if (via.Key.ReturnPath)
            {
                // A bounce to one of our SRS addresses goes back to the original sender unchanged.
                await queue.EnqueueAsync(blobId, envelope.Sender, targets, cancellationToken: cancellationToken).ConfigureAwait(false);
            }
            else
            {
                // The forwarded copy names who forwarded it (loop detection), and its envelope sender is rewritten (SRS)
                // so that the next hop's SPF check passes and its bounces come back here.
                var domain = via.Key.Via[(via.Key.Via.LastIndexOf('@') + 1)..];
                BlobInfo traced;
                await using (var original = await blobs.OpenReadAsync(blobId, cancellationToken).ConfigureAwait(false))
                {
                    traced = await blobs.PutAsync(new PrefixedStream(Trace(via.Key.Via), original), cancellationToken).ConfigureAwait(false);
                }

                await queue.EnqueueAsync(traced.Id, srs.Rewrite(envelope.Sender, domain, now), targets, cancellationToken: cancellationToken).ConfigureAwait(false);
            }

            queued += targets.Count;
        }

        return queued;
    }

    private static byte[] Trace(string via) => Encoding.UTF8.GetBytes($"{MessageFacts.ForwardedHeader}: {via}\r\n");

    private async Task ReplyIfAwayAsync(LocalRecipient mailbox, MailboxRules own, MessageFacts facts, string sender, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (!own.VacationActiveOn(DateOnly.FromDateTime(now.UtcDateTime)) || sender.Length == 0)
        {
            return;
        }

        var addresses = await delivery.SenderAddressesAsync(mailbox.MailboxId, cancellationToken).ConfigureAwait(false);
        if (!VacationReply.IsDue(own, facts, sender, addresses, now)
            || !await rules.RecordVacationReplyAsync(mailbox.MailboxId, sender, now.UtcDateTime, TimeSpan.FromDays(Math.Max(1, own.VacationIntervalDays)), cancellationToken).ConfigureAwait(false))
        {
            return;
        }

        var resolution = await delivery.ResolveAsync(sender, cancellationToken).ConfigureAwait(false);
        if (resolution.Kind is RecipientKind.Unknown or RecipientKind.InvalidSrs)
        {
            return;
        }

        var reply = VacationReply.Build(own, mailbox.Address, null, facts, sender, now);
        using var bytes = new MemoryStream();
        await reply.WriteToAsync(WireFormat, bytes, cancellationToken).ConfigureAwait(false);
        bytes.Position = 0;

        // RFC 3834 §3.3: an automatic response goes out with the null reverse-path, so it is never answered or bounced.
        await DeliverAsync(bytes, new DeliveryEnvelope(string.Empty, [new EnvelopeRecipient(sender, resolution)]), cancellationToken).ConfigureAwait(false);
        Log.VacationReplied(logger, mailbox.Address, sender);
    }

    /// <summary>
    /// RFC 3461 §6.2: a recipient that asked for NOTIFY=SUCCESS and whose mailbox got the message gets a "delivered"
    /// notice, sent to the sender with the null reverse-path. The message is already committed here, so a failure to
    /// send the notice is logged and never fails the delivery (a 451 now would make the client send it twice).
    /// </summary>
    private async Task NotifySuccessAsync(BlobInfo blob, DeliveryEnvelope envelope, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var delivered = envelope.Recipients
            .Where(r => r.Resolution.Kind == RecipientKind.Local && r.Resolution.Mailboxes.Count > 0
                && r.Notify is not null && BounceBuilder.Asks(r.Notify, "SUCCESS"))
            .Select(r => (r.Address, r.OriginalRecipient)).ToList();
        if (delivered.Count == 0 || envelope.Sender.Length == 0)
        {
            return;
        }

        try
        {
            var resolution = await delivery.ResolveAsync(envelope.Sender, cancellationToken).ConfigureAwait(false);
            if (resolution.Kind is RecipientKind.Unknown or RecipientKind.InvalidSrs)
            {
                return;
            }

            var original = await BounceBuilder.ReadOriginalAsync(blobs, blob.Id, string.Equals(envelope.Ret, "FULL", StringComparison.OrdinalIgnoreCase), cancellationToken).ConfigureAwait(false);

            var notice = BounceBuilder.BuildDelivered(outbound.Value.HeloName, envelope.Sender, envelope.EnvelopeId, envelope.Ret, delivered, original, now);
            using var bytes = new MemoryStream();
            await notice.WriteToAsync(WireFormat, bytes, cancellationToken).ConfigureAwait(false);
            bytes.Position = 0;
            await DeliverAsync(bytes, new DeliveryEnvelope(string.Empty, [new EnvelopeRecipient(envelope.Sender, resolution)]), cancellationToken).ConfigureAwait(false);
            Log.SuccessNotified(logger, envelope.Sender, delivered.Count);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Log.SuccessNoticeFailed(logger, envelope.Sender, ex);
        }
    }

    /// <summary>CRLF line ends as on the wire; UTF-8 headers left as they are (RFC 6532).</summary>
    public static FormatOptions WireFormat { get; } = CreateWireFormat();

    private static FormatOptions CreateWireFormat()
    {
        var format = FormatOptions.Default.Clone();
        format.NewLineFormat = NewLineFormat.Dos;
        format.International = true;
        return format;
    }

    private static partial class Log
    {
        [LoggerMessage(3200, LogLevel.Information, "Delivery: not forwarding for {Address}: loop or too many hops ({Forwarded} forwards, {Received} Received fields); kept here")]
        public static partial void ForwardLoop(ILogger logger, string address, int forwarded, int received);

        [LoggerMessage(3201, LogLevel.Information, "Delivery: filter folder '{Folder}' of {Address} does not exist; filed in the Inbox")]
        public static partial void FilterFolderMissing(ILogger logger, string address, string folder);

        [LoggerMessage(3202, LogLevel.Information, "Delivery: vacation reply from {Address} to <{Sender}>")]
        public static partial void VacationReplied(ILogger logger, string address, string sender);

        [LoggerMessage(3203, LogLevel.Information, "Delivery: success notice (NOTIFY=SUCCESS) for {Count} recipients to <{Sender}>")]
        public static partial void SuccessNotified(ILogger logger, string sender, int count);

        [LoggerMessage(3204, LogLevel.Warning, "Delivery: could not send the success notice to <{Sender}>; the message itself is stored")]
        public static partial void SuccessNoticeFailed(ILogger logger, string sender, Exception exception);
    }
}
