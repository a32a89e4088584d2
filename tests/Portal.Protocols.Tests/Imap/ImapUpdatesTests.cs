using System.Diagnostics;
using MailKit;
using MimeKit;
using Xunit.Abstractions;

namespace Portal.Protocols.Tests.Imap;

/// <summary>What one session changes, another hears about at the allowed points (RFC 3501 §7.4.1) and in IDLE (RFC 2177).</summary>
public sealed class ImapUpdatesTests(ImapHostFixture fixture, ITestOutputHelper output) : IClassFixture<ImapHostFixture>
{
    [Fact]
    public async Task Flags_stored_by_one_session_reach_another_after_noop()
    {
        var address = await fixture.NewUserAsync();
        using var first = await fixture.ConnectAsync(address);
        await first.Inbox.AppendAsync(Message("one"));
        await first.Inbox.AppendAsync(Message("two"));
        await first.Inbox.OpenAsync(FolderAccess.ReadWrite);

        using var second = await fixture.ConnectAsync(address);
        await second.Inbox.OpenAsync(FolderAccess.ReadWrite);
        var changes = new List<(int Index, MessageFlags Flags)>();
        second.Inbox.MessageFlagsChanged += (_, e) => changes.Add((e.Index, e.Flags));

        await first.Inbox.StoreAsync(new UniqueId(2), new StoreFlagsRequest(StoreAction.Add, MessageFlags.Flagged | MessageFlags.Seen) { Silent = true });
        await second.NoOpAsync();

        var change = Assert.Single(changes);
        Assert.Equal(1, change.Index);
        Assert.Equal(MessageFlags.Flagged | MessageFlags.Seen, change.Flags);

        // The storing session does not hear its own change again.
        var own = 0;
        first.Inbox.MessageFlagsChanged += (_, _) => own++;
        await first.NoOpAsync();
        Assert.Equal(0, own);

        await first.Inbox.StoreAsync(new UniqueId(1), new StoreFlagsRequest(StoreAction.Remove, MessageFlags.Seen));
        var summaries = await second.Inbox.FetchAsync(0, -1, MessageSummaryItems.Flags | MessageSummaryItems.UniqueId);
        Assert.Equal(MessageFlags.Flagged | MessageFlags.Seen, summaries.Single(s => s.UniqueId.Id == 2).Flags);
    }

    [Fact]
    public async Task Expunge_in_one_session_reaches_another()
    {
        var address = await fixture.NewUserAsync();
        using var first = await fixture.ConnectAsync(address);
        for (var i = 0; i < 3; i++)
        {
            await first.Inbox.AppendAsync(Message($"m{i}"));
        }

        await first.Inbox.OpenAsync(FolderAccess.ReadWrite);
        using var second = await fixture.ConnectAsync(address);
        await second.Inbox.OpenAsync(FolderAccess.ReadWrite);
        var expunged = new List<int>();
        second.Inbox.MessageExpunged += (_, e) => expunged.Add(e.Index);

        await first.Inbox.StoreAsync(new UniqueId(2), new StoreFlagsRequest(StoreAction.Add, MessageFlags.Deleted) { Silent = true });
        await first.Inbox.ExpungeAsync();
        Assert.Equal(2, first.Inbox.Count);

        // FETCH must not carry EXPUNGE (RFC 3501 §7.4.1); NOOP does.
        await second.Inbox.FetchAsync(0, -1, MessageSummaryItems.Flags);
        Assert.Empty(expunged);
        await second.NoOpAsync();
        Assert.Equal([1], expunged);
        Assert.Equal(2, second.Inbox.Count);
        var uids = await second.Inbox.SearchAsync(MailKit.Search.SearchQuery.All);
        Assert.Equal([1u, 3u], uids.Select(u => u.Id));
    }

    [Fact]
    public async Task Idle_is_woken_within_a_second_by_an_append_from_another_session()
    {
        var address = await fixture.NewUserAsync();
        using var idler = await fixture.ConnectAsync(address);
        await idler.Inbox.OpenAsync(FolderAccess.ReadOnly);
        using var done = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        var stopwatch = new Stopwatch();
        idler.Inbox.CountChanged += (_, _) =>
        {
            stopwatch.Stop();
            done.Cancel();
        };
        var idle = idler.IdleAsync(done.Token);

        using var other = await fixture.ConnectAsync(address);
        stopwatch.Start();
        await other.Inbox.AppendAsync(Message("wake up"));
        await idle;

        Assert.Equal(1, idler.Inbox.Count);
        output.WriteLine($"APPEND to IDLE wake-up: {stopwatch.Elapsed.TotalMilliseconds:F1} ms");
        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(1), $"IDLE took {stopwatch.Elapsed.TotalMilliseconds} ms");
        await idler.NoOpAsync();
    }

    [Fact]
    public async Task Idle_sessions_that_knew_different_states_each_hear_their_own_updates_from_the_same_commits()
    {
        // One commit wakes every IDLE session of the folder; they share one journal read only when they knew the same
        // MODSEQ. Here "early" missed a message that "late" saw at SELECT, and "late" speaks QRESYNC (VANISHED).
        var address = await fixture.NewUserAsync();
        using var writer = await fixture.ConnectAsync(address);
        await writer.Inbox.AppendAsync(Message("one"));
        using var early = await fixture.ConnectAsync(address);
        await early.Inbox.OpenAsync(FolderAccess.ReadOnly);
        await writer.Inbox.AppendAsync(Message("two"));
        using var late = await fixture.ConnectAsync(address);
        await late.EnableQuickResyncAsync();
        await late.Inbox.OpenAsync(FolderAccess.ReadOnly);
        Assert.Equal(1, early.Inbox.Count);
        Assert.Equal(2, late.Inbox.Count);

        var earlyHeard = new IdleLog(early.Inbox);
        var lateHeard = new IdleLog(late.Inbox);
        using var done = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        // No need to wait for the continuation: a commit before the server subscribed is read when IDLE starts.
        var idles = new[] { early.IdleAsync(done.Token), late.IdleAsync(done.Token) };

        await writer.Inbox.AppendAsync(Message("three"));
        await Task.WhenAll(earlyHeard.WaitForAsync("count 3"), lateHeard.WaitForAsync("count 3"));
        await writer.Inbox.OpenAsync(FolderAccess.ReadWrite);
        await writer.Inbox.StoreAsync(new UniqueId(1), new StoreFlagsRequest(StoreAction.Add, MessageFlags.Flagged) { Silent = true });
        await Task.WhenAll(earlyHeard.WaitForAsync("flags 0 Flagged"), lateHeard.WaitForAsync("flags 0 Flagged"));
        await writer.Inbox.StoreAsync(new UniqueId(2), new StoreFlagsRequest(StoreAction.Add, MessageFlags.Deleted) { Silent = true });
        await writer.Inbox.ExpungeAsync();
        await Task.WhenAll(earlyHeard.WaitForAsync("expunged 1"), lateHeard.WaitForAsync("vanished 2"));
        await done.CancelAsync();
        await Task.WhenAll(idles);

        // "early" hears message two as IDLE starts (it was added before), each flag change, then the expunge its own way.
        output.WriteLine(string.Join(" / ", earlyHeard.Events) + " | " + string.Join(" / ", lateHeard.Events));
        Assert.Equal(["count 2", "count 3", "flags 0 Flagged", "flags 1 Deleted", "expunged 1", "count 2"], earlyHeard.Events);
        Assert.Equal(["count 3", "flags 0 Flagged", "flags 1 Deleted", "vanished 2", "count 2"], lateHeard.Events);
        var uids = await late.Inbox.SearchAsync(MailKit.Search.SearchQuery.All);
        Assert.Equal([1u, 3u], uids.Select(u => u.Id));
    }

    internal static MimeMessage Message(string subject, string body = "hello", string from = "alice@example.test")
    {
        var message = new MimeMessage();
        message.From.Add(MailboxAddress.Parse(from));
        message.To.Add(MailboxAddress.Parse("bob@example.test"));
        message.Subject = subject;
        message.Date = new DateTimeOffset(2026, 11, 20, 12, 0, 0, TimeSpan.Zero);
        message.Body = new TextPart("plain") { Text = body };
        return message;
    }
}
