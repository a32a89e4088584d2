namespace Portal.Protocols.Tests.Imap;

/// <summary>RFC 5182 SEARCHRES ("$", the saved result) and RFC 9051 §6.3.6 RENAME with OLDNAME, over a bare socket.</summary>
public sealed class ImapSearchResTests(ImapHostFixture fixture) : IClassFixture<ImapHostFixture>
{
    [Fact]
    public async Task Saved_search_result_feeds_fetch_store_copy_search_and_is_reset_by_select()
    {
        var address = await fixture.NewUserAsync();
        await using var raw = await RawImapClient.ConnectAsync(fixture.Port);
        await raw.LoginAsync(address);
        Assert.Contains(await raw.CommandAsync("c", "CAPABILITY"), l => l.StartsWith("* CAPABILITY", StringComparison.Ordinal) && l.Contains(" SEARCHRES", StringComparison.Ordinal));
        foreach (var subject in new[] { "alpha one", "beta", "alpha two", "gamma", "alpha three" })
        {
            Assert.StartsWith("ap OK", await raw.AppendAsync("INBOX", System.Text.Encoding.UTF8.GetBytes($"Subject: {subject}\r\n\r\nbody\r\n")), StringComparison.Ordinal);
        }

        Assert.StartsWith("s OK", (await raw.CommandAsync("s", "SELECT INBOX"))[^1], StringComparison.Ordinal);

        // SAVE alone answers no ESEARCH (RFC 5182 §2.4); "$" then names UIDs 1, 3, 5 in any command.
        Assert.Equal(["q1 OK SEARCH completed."], await raw.CommandAsync("q1", "SEARCH RETURN (SAVE) SUBJECT alpha"));
        var fetched = await raw.CommandAsync("f1", "FETCH $ (UID)");
        Assert.Equal(["* 1 FETCH (UID 1)", "* 3 FETCH (UID 3)", "* 5 FETCH (UID 5)"], fetched[..^1]);
        Assert.Equal("* ESEARCH (TAG \"q2\") UID ALL 3", (await raw.CommandAsync("q2", "UID SEARCH RETURN (ALL) UID $ SUBJECT two"))[0]);
        Assert.Equal("* SEARCH 1 3 5", (await raw.CommandAsync("q3", "SEARCH $"))[0]);

        // STORE and COPY on "$"; a non-UID STORE on "$" still reports sequence numbers.
        var stored = await raw.CommandAsync("st", "STORE $ +FLAGS (\\Flagged)");
        Assert.Equal(3, stored.Count(l => l.Contains("\\Flagged", StringComparison.Ordinal)));
        Assert.Equal("* SEARCH 1 3 5", (await raw.CommandAsync("q4", "UID SEARCH FLAGGED"))[0]);
        Assert.StartsWith("cp OK [COPYUID ", (await raw.CommandAsync("cp", "UID COPY $ Archive"))[^1], StringComparison.Ordinal);
        Assert.Equal("* STATUS \"Archive\" (MESSAGES 3)", (await raw.CommandAsync("sa", "STATUS Archive (MESSAGES)"))[0]);

        // SAVE with MIN keeps only the smallest; with results wanted too the ESEARCH still comes.
        Assert.Equal("* ESEARCH (TAG \"q5\") UID MIN 3 COUNT 2", (await raw.CommandAsync("q5", "UID SEARCH RETURN (SAVE MIN COUNT) SUBJECT alpha NOT UID 1"))[0]);
        Assert.Equal("* SEARCH 3 5", (await raw.CommandAsync("q6", "UID SEARCH UID $"))[0]);
        Assert.Equal("* ESEARCH (TAG \"q7\") UID MIN 3", (await raw.CommandAsync("q7", "UID SEARCH RETURN (SAVE MIN) SUBJECT alpha NOT UID 1"))[0]);
        Assert.Equal("* SEARCH 3", (await raw.CommandAsync("q8", "UID SEARCH UID $"))[0]);

        // An expunged message drops out of "$": sequence numbers shift, the saved UID no longer resolves.
        Assert.StartsWith("d OK", (await raw.CommandAsync("d", "UID STORE 1 +FLAGS.SILENT (\\Deleted)"))[^1], StringComparison.Ordinal);
        Assert.StartsWith("x OK", (await raw.CommandAsync("x", "EXPUNGE"))[^1], StringComparison.Ordinal);
        Assert.Equal(["q9 OK UID SEARCH completed."], await raw.CommandAsync("q9", "UID SEARCH RETURN (SAVE) UID 1,3"));
        Assert.Equal(["* 2 FETCH (UID 3)"], (await raw.CommandAsync("f2", "FETCH $ (UID)"))[..^1]);

        // "$" is only a whole set, and it is empty again in a newly selected folder.
        Assert.StartsWith("b BAD", (await raw.CommandAsync("b", "FETCH $,1 (UID)"))[^1], StringComparison.Ordinal);
        Assert.StartsWith("s2 OK", (await raw.CommandAsync("s2", "SELECT INBOX"))[^1], StringComparison.Ordinal);
        Assert.Equal(["f3 OK FETCH completed."], await raw.CommandAsync("f3", "FETCH $ (UID)"));
    }

    [Fact]
    public async Task Rename_tells_an_imap4rev2_client_the_old_name()
    {
        var address = await fixture.NewUserAsync();
        await using var raw = await RawImapClient.ConnectAsync(fixture.Port);
        await raw.LoginAsync(address);
        Assert.StartsWith("c OK", (await raw.CommandAsync("c", "CREATE Projects/2026"))[^1], StringComparison.Ordinal);

        // IMAP4rev1: a plain OK, as before.
        Assert.Equal(["r1 OK RENAME completed."], await raw.CommandAsync("r1", "RENAME Projects Work"));

        Assert.Equal("* ENABLED IMAP4rev2", (await raw.CommandAsync("e", "ENABLE IMAP4rev2"))[0]);
        var renamed = await raw.CommandAsync("r2", "RENAME Work Office");
        Assert.Equal(["* LIST (\\HasChildren) \"/\" \"Office\" (\"OLDNAME\" (\"Work\"))", "r2 OK RENAME completed."], renamed);
        var list = await raw.CommandAsync("l", "LIST \"\" \"Office*\"");
        Assert.Contains("* LIST (\\HasNoChildren) \"/\" \"Office/2026\"", list);
    }
}
