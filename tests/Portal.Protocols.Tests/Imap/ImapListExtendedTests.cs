using MailKit;

namespace Portal.Protocols.Tests.Imap;

/// <summary>LIST-EXTENDED (RFC 5258), LIST-STATUS (RFC 5819), SPECIAL-USE selection (RFC 6154) and bad LIST options.</summary>
public sealed class ImapListExtendedTests(ImapHostFixture fixture) : IClassFixture<ImapHostFixture>
{
    [Fact]
    public async Task Selection_and_return_options()
    {
        var address = await fixture.NewUserAsync();
        await using var raw = await RawImapClient.ConnectAsync(fixture.Port);
        await raw.LoginAsync(address);
        await raw.CommandAsync("c1", "CREATE Projects/Alpha");
        await raw.CommandAsync("c2", "CREATE Lists");
        await raw.CommandAsync("u1", "UNSUBSCRIBE Projects");
        await raw.CommandAsync("u2", "UNSUBSCRIBE Lists");

        var subscribed = await raw.CommandAsync("l1", "LIST (SUBSCRIBED) \"\" \"*\"");
        Assert.Contains("* LIST (\\HasNoChildren \\Subscribed) \"/\" \"Projects/Alpha\"", subscribed);
        Assert.DoesNotContain(subscribed, l => l.EndsWith("\"Projects\"", StringComparison.Ordinal) || l.EndsWith("\"Lists\"", StringComparison.Ordinal));

        // RECURSIVEMATCH: the unsubscribed parent of a subscribed mailbox comes with CHILDINFO.
        var recursive = await raw.CommandAsync("l2", "LIST (SUBSCRIBED RECURSIVEMATCH) \"\" \"%\"");
        Assert.Contains("* LIST (\\HasChildren) \"/\" \"Projects\" (\"CHILDINFO\" (\"SUBSCRIBED\"))", recursive);
        Assert.DoesNotContain(recursive, l => l.EndsWith("\"Lists\"", StringComparison.Ordinal));

        var special = await raw.CommandAsync("l3", "LIST (SPECIAL-USE) \"\" \"*\"");
        Assert.Equal(6, special.Count);
        Assert.All(special.SkipLast(1), l => Assert.Matches(@"\\(Drafts|Sent|Trash|Junk|Archive)\)", l));

        var returned = await raw.CommandAsync("l4", "LIST (REMOTE) \"\" (\"INBOX\" \"Lists\") RETURN (CHILDREN SUBSCRIBED SPECIAL-USE STATUS (MESSAGES UNSEEN))");
        Assert.Equal(
            [
                "* LIST (\\HasNoChildren \\Subscribed) \"/\" \"INBOX\"",
                "* STATUS \"INBOX\" (MESSAGES 0 UNSEEN 0)",
                "* LIST (\\HasNoChildren) \"/\" \"Lists\"",
                "* STATUS \"Lists\" (MESSAGES 0 UNSEEN 0)",
                "l4 OK LIST completed.",
            ],
            returned);
    }

    [Theory]
    [InlineData("LIST (BOGUS) \"\" \"*\"", "Unknown LIST selection option BOGUS.")]
    [InlineData("LIST (RECURSIVEMATCH) \"\" \"*\"", "RECURSIVEMATCH needs the SUBSCRIBED selection option.")]
    [InlineData("LIST \"\" \"*\" RETURN (FOO)", "Unknown LIST return option FOO.")]
    [InlineData("LIST \"\" \"*\" RETURN (STATUS ())", "RETURN (STATUS) needs at least one item.")]
    [InlineData("LIST \"\" \"*\" RETURN (STATUS (BOGUS))", "Unknown STATUS item BOGUS.")]
    [InlineData("LIST \"\" ()", "LIST needs at least one pattern.")]
    [InlineData("LIST \"\" \"*\" SENDBACK (CHILDREN)", "Expected RETURN.")]
    [InlineData("LIST (SUBSCRIBED \"\" \"*\"", "Expected an atom at column 20.")]
    public async Task Malformed_list_options_get_bad(string command, string reason)
    {
        var address = await fixture.NewUserAsync();
        await using var raw = await RawImapClient.ConnectAsync(fixture.Port);
        await raw.LoginAsync(address);
        Assert.Equal("x BAD " + reason, (await raw.CommandAsync("x", command))[^1]);
    }

    [Fact]
    public async Task Mailkit_lists_with_status_and_subscribed_only()
    {
        var address = await fixture.NewUserAsync();
        using var client = await fixture.ConnectAsync(address);
        await client.Inbox.AppendAsync(ImapUpdatesTests.Message("one"));
        await client.Inbox.AppendAsync(ImapUpdatesTests.Message("two"), MailKit.MessageFlags.Seen);
        var folders = await client.GetFoldersAsync(client.PersonalNamespaces[0], StatusItems.Count | StatusItems.Unread | StatusItems.UidNext, subscribedOnly: true);
        var inbox = folders.Single(f => f.FullName == "INBOX");
        Assert.Equal(2, inbox.Count);
        Assert.Equal(1, inbox.Unread);
        Assert.Equal(3u, inbox.UidNext!.Value.Id);
        Assert.True(folders.Single(f => f.FullName == "Trash").Attributes.HasFlag(FolderAttributes.Trash));
    }
}
