using System.Globalization;
using MailKit;
using MailKit.Net.Imap;
using MailKit.Search;
using MimeKit;

namespace Portal.Protocols.Tests.Imap;

/// <summary>THREAD and UID THREAD (RFC 5256 §4-§5) over a real socket: MailKit for the trees, a raw socket for the bytes.</summary>
public sealed class ImapThreadTests(ImapHostFixture fixture) : IClassFixture<ImapHostFixture>
{
    [Fact]
    public async Task Thread_references_links_replies_keeps_a_dummy_for_a_missing_parent_and_gathers_subjects()
    {
        using var client = await ConversationAsync();
        Assert.Contains(ThreadingAlgorithm.References, client.ThreadingAlgorithms);
        Assert.Contains(ThreadingAlgorithm.OrderedSubject, client.ThreadingAlgorithms);

        // 8 is oldest. 1 has replies 4 (sent before 2), 2 (whose reply 3 names it in In-Reply-To only) and 7
        // ("Fwd:", no ids: joined by subject). 5 and 6 share a missing parent: a dummy with two children stays. 9's
        // missing parent had one child, so 9 is promoted, then goes under 11, the older "Trip" that is no reply; 10,
        // another "Trip", makes a dummy holding both.
        var threads = await client.Inbox.ThreadAsync(ThreadingAlgorithm.References, SearchQuery.All);

        Assert.Equal("(8)(1 (4)(2 3)(7))((5)(6))((11 9)(10))", Shape(threads));
    }

    [Fact]
    public async Task Thread_references_restricted_by_a_search_key_puts_the_orphans_under_a_dummy()
    {
        using var client = await ConversationAsync();

        // Without 1, its replies 4 and 2 share a dummy parent; 7 joins that dummy by subject.
        var threads = await client.Inbox.ThreadAsync(ThreadingAlgorithm.References, SearchQuery.Not(SearchQuery.Uids([new UniqueId(1)])));

        Assert.Equal("(8)((4)(2 3)(7))((5)(6))((11 9)(10))", Shape(threads));
    }

    [Fact]
    public async Task Thread_orderedsubject_groups_by_base_subject_under_the_first_message()
    {
        using var client = await ConversationAsync();

        var threads = await client.Inbox.ThreadAsync(ThreadingAlgorithm.OrderedSubject, SearchQuery.All);

        Assert.Equal("(8)(1 (4)(2)(3)(7))(5 6)(9 (11)(10))", Shape(threads));
    }

    [Fact]
    public async Task Thread_on_the_wire_answers_sequence_numbers_or_uids_and_refuses_what_it_does_not_know()
    {
        var address = await fixture.NewUserAsync();
        using (var client = await fixture.ConnectAsync(address))
        {
            // One message appended and expunged first, so UIDs (2, 3, 4) differ from sequence numbers (1, 2, 3).
            await client.Inbox.AppendAsync(ImapUpdatesTests.Message("gone"));
            await client.Inbox.OpenAsync(FolderAccess.ReadWrite);
            await client.Inbox.AddFlagsAsync(new UniqueId(1), MessageFlags.Deleted, true);
            await client.Inbox.ExpungeAsync();
            await client.Inbox.AppendAsync(Mail("p@t", "Hello", 0));
            await client.Inbox.AppendAsync(Mail("q@t", "Re: Hello", 5, references: "p@t"));
            await client.Inbox.AppendAsync(Mail("r@t", "Other", -60));
        }

        await using var raw = await RawImapClient.ConnectAsync(fixture.Port);
        await raw.LoginAsync(address);
        Assert.Contains("THREAD=ORDEREDSUBJECT THREAD=REFERENCES", (await raw.CommandAsync("c", "CAPABILITY"))[0], StringComparison.Ordinal);
        Assert.StartsWith("t0 BAD", (await raw.CommandAsync("t0", "THREAD REFERENCES UTF-8 ALL"))[^1], StringComparison.Ordinal);
        await raw.CommandAsync("s", "EXAMINE INBOX");

        Assert.Equal(["* THREAD (3)(1 2)", "t1 OK THREAD completed."], await raw.CommandAsync("t1", "THREAD REFERENCES UTF-8 ALL"));
        Assert.Equal(["* THREAD (4)(2 3)", "t2 OK UID THREAD completed."], await raw.CommandAsync("t2", "UID THREAD REFERENCES UTF-8 ALL"));
        Assert.Equal(["* THREAD (3)(1 2)", "t3 OK THREAD completed."], await raw.CommandAsync("t3", "thread orderedsubject us-ascii ALL"));
        Assert.Equal(["* THREAD (2 3)", "t4 OK UID THREAD completed."], await raw.CommandAsync("t4", "UID THREAD REFERENCES UTF-8 SINCE 1-Jan-2000 NOT UID 4"));
        Assert.Equal(["* THREAD", "t5 OK THREAD completed."], await raw.CommandAsync("t5", "THREAD REFERENCES UTF-8 DELETED"));
        Assert.Equal(["t6 BAD Unknown threading algorithm XYZZY."], await raw.CommandAsync("t6", "THREAD XYZZY UTF-8 ALL"));
        Assert.StartsWith("t7 NO [BADCHARSET (UTF-8 US-ASCII)]", (await raw.CommandAsync("t7", "THREAD REFERENCES KOI8-R ALL"))[^1], StringComparison.Ordinal);
        Assert.StartsWith("t8 BAD", (await raw.CommandAsync("t8", "THREAD REFERENCES UTF-8"))[^1], StringComparison.Ordinal);

        // The charset check is shared: SEARCH and SORT refuse an unknown charset with NO too (RFC 3501 §6.4.4).
        Assert.StartsWith("t9 NO [BADCHARSET", (await raw.CommandAsync("t9", "SEARCH CHARSET KOI8-R ALL"))[^1], StringComparison.Ordinal);
        Assert.StartsWith("t10 NO [BADCHARSET", (await raw.CommandAsync("t10", "SORT (DATE) KOI8-R ALL"))[^1], StringComparison.Ordinal);
    }

    /// <summary>
    /// A folder of eleven messages (UIDs 1-11 in this order) with replies, a missing parent and "Re:"/"Fwd:" subjects;
    /// minutes after 10:00 give the sent dates.
    /// </summary>
    private async Task<ImapClient> ConversationAsync()
    {
        var client = await fixture.ConnectAsync(await fixture.NewUserAsync());
        MimeMessage[] messages =
        [
            Mail("a@t", "Lunch plans", 0),
            Mail("b@t", "Re: Lunch plans", 5, references: "a@t", inReplyTo: "a@t"),
            Mail("c@t", "Re: Re: Lunch plans", 10, inReplyTo: "b@t"),
            Mail("d@t", "RE: [team] Lunch plans", 3, references: "a@t"),
            Mail("e@t", "Re: Budget", 20, references: "missing@t"),
            Mail("f@t", "Re: Budget", 25, references: "missing@t", inReplyTo: "missing@t"),
            Mail("g@t", "Fwd: Lunch plans", 30),
            Mail("h@t", "Solo", -60),
            Mail("i@t", "Re: Trip", 40, references: "gone@t"),
            Mail("j@t", "Trip", 60),
            Mail("k@t", "Trip", 50),
        ];
        foreach (var message in messages)
        {
            await client.Inbox.AppendAsync(message);
        }

        await client.Inbox.OpenAsync(FolderAccess.ReadOnly);
        return client;
    }

    private static MimeMessage Mail(string id, string subject, int minutes, string? references = null, string? inReplyTo = null)
    {
        var message = ImapUpdatesTests.Message(subject);
        message.MessageId = id;
        message.Date = new DateTimeOffset(2026, 11, 20, 10, 0, 0, TimeSpan.Zero).AddMinutes(minutes);
        if (inReplyTo is not null)
        {
            message.InReplyTo = inReplyTo;
        }

        foreach (var reference in (references ?? string.Empty).Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            message.References.Add(reference);
        }

        return message;
    }

    /// <summary>MailKit's trees written back in RFC 5256 §4 form, so expectations read like the wire.</summary>
    private static string Shape(IEnumerable<MessageThread> threads) => string.Concat(threads.Select(t => "(" + Node(t) + ")"));

    private static string Node(MessageThread thread)
    {
        var number = thread.UniqueId?.Id.ToString(CultureInfo.InvariantCulture);
        var children = thread.Children.Count switch
        {
            0 => string.Empty,
            1 => Node(thread.Children[0]),
            _ => Shape(thread.Children),
        };
        return number is null ? children : children.Length == 0 ? number : number + " " + children;
    }
}
