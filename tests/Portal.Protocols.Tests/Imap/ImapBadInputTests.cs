namespace Portal.Protocols.Tests.Imap;

/// <summary>Malformed and hostile input gets BAD/NO with a reason, and the connection stays usable.</summary>
public sealed class ImapBadInputTests(ImapHostFixture fixture) : IClassFixture<ImapHostFixture>
{
    [Fact]
    public async Task Malformed_and_unknown_commands_get_bad_with_a_reason()
    {
        await using var raw = await RawImapClient.ConnectAsync(fixture.Port);
        var unknown = await raw.CommandAsync("a", "FROBNICATE now");
        Assert.Equal("a BAD Unknown command FROBNICATE.", unknown[^1]);
        var malformed = await raw.CommandAsync("b", "LOGIN onlyuser");
        Assert.StartsWith("b BAD Expected ' '", malformed[^1], StringComparison.Ordinal);
        var quoted = await raw.CommandAsync("c", "LOGIN \"unterminated");
        Assert.Equal("c BAD Unterminated quoted string.", quoted[^1]);
        var state = await raw.CommandAsync("d", "SELECT INBOX");
        Assert.Equal("d BAD Authenticate first.", state[^1]);
        await raw.SendAsync("\r\n");
        Assert.StartsWith("* BAD", await raw.ReadLineAsync(), StringComparison.Ordinal);
        Assert.StartsWith("e OK", (await raw.CommandAsync("e", "NOOP"))[^1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_literal_over_the_limit_is_refused_without_being_read()
    {
        var address = await fixture.NewUserAsync();
        await using var raw = await RawImapClient.ConnectAsync(fixture.Port);
        await raw.LoginAsync(address);

        // The fixture's limit is 1 MiB: no continuation is sent, so the client never sends the bytes.
        await raw.SendAsync("t APPEND INBOX {104857600}\r\n");
        Assert.Equal("t NO [TOOBIG] Literal of 104857600 bytes exceeds the limit of 1048576.", await raw.ReadLineAsync());
        Assert.StartsWith("n OK", (await raw.CommandAsync("n", "NOOP"))[^1], StringComparison.Ordinal);

        // LITERAL+ over the limit: the bytes are already coming, so the server says BYE.
        await raw.SendAsync("u APPEND INBOX {104857600+}\r\n");
        Assert.StartsWith("* BYE [TOOBIG]", await raw.ReadLineAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Literal_plus_and_too_many_bad_commands()
    {
        var address = await fixture.NewUserAsync();
        await using var raw = await RawImapClient.ConnectAsync(fixture.Port);
        await raw.SendAsync($"l LOGIN {{{address.Length}+}}\r\n{address} {ImapHostFixture.Password}\r\n");
        Assert.StartsWith("l OK", (await raw.ReadUntilTaggedAsync("l"))[^1], StringComparison.Ordinal);
        for (var i = 0; i < 9; i++)
        {
            Assert.StartsWith($"b{i} BAD", (await raw.CommandAsync($"b{i}", "BOGUS"))[^1], StringComparison.Ordinal);
        }

        await raw.SendAsync("z BOGUS\r\n");
        Assert.Equal("z BAD Unknown command BOGUS.", await raw.ReadLineAsync());
        Assert.Equal("* BYE Too many bad commands.", await raw.ReadLineAsync());
    }
}
