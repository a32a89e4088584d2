using System.Net.Sockets;
using System.Text;
using MailKit.Net.Pop3;
using MailKit.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Data;
using Portal.Protocols.Tests.Imap;

namespace Portal.Protocols.Tests.Pop3;

public sealed class Pop3Tests(ImapHostFixture fixture) : IClassFixture<ImapHostFixture>
{
    private static readonly byte[] Dotted = Encoding.ASCII.GetBytes("From: a@example.test\r\nSubject: dots\r\n\r\nline one\r\n.starts with a dot\r\n..two dots\r\nlast\r\n");

    [Fact]
    public async Task Stat_list_uidl_retr_top_dele_and_quit()
    {
        var address = await fixture.NewUserAsync();
        await SeedAsync(address, Dotted, Encoding.ASCII.GetBytes("Subject: second\r\n\r\nbody 2\r\n"), Encoding.ASCII.GetBytes("Subject: third\r\n\r\nbody 3 without line end"));

        IList<string> firstUids;
        using (var client = await ConnectAsync(address))
        {
            Assert.Equal(3, await client.GetMessageCountAsync());
            var sizes = await client.GetMessageSizesAsync();
            Assert.Equal(Dotted.Length, sizes[0]);
            firstUids = await client.GetMessageUidsAsync();
            Assert.Equal(3, firstUids.Distinct().Count());

            // RETR undoes nothing: the dot-stuffed lines come back as stored.
            using (var stream = await client.GetStreamAsync(0))
            using (var copy = new MemoryStream())
            {
                await stream.CopyToAsync(copy);
                Assert.Equal(Dotted, copy.ToArray());
            }

            var headers = await client.GetMessageHeadersAsync(1);
            Assert.Equal("second", headers["Subject"]);
            var third = await client.GetMessageAsync(2);
            Assert.Equal("body 3 without line end", third.TextBody!.TrimEnd());

            await client.DeleteMessageAsync(1);
            await client.ResetAsync();
            await client.DeleteMessageAsync(0);
            Assert.Equal(2, await client.GetMessageCountAsync());
            await client.DisconnectAsync(quit: true);
        }

        using (var again = await ConnectAsync(address))
        {
            // UIDL is stable across sessions; DELE took effect at QUIT only.
            Assert.Equal(firstUids.Skip(1), await again.GetMessageUidsAsync());
            Assert.Equal("second", (await again.GetMessageHeadersAsync(0))["Subject"]);

            // Without QUIT nothing is removed.
            await again.DeleteMessageAsync(0);
        }

        using var last = await ConnectAsync(address);
        Assert.Equal(2, await last.GetMessageCountAsync());
    }

    [Fact]
    public async Task Top_returns_headers_and_the_asked_number_of_lines()
    {
        var address = await fixture.NewUserAsync();
        await SeedAsync(address, Dotted);
        using var tcp = new TcpClient();
        await tcp.ConnectAsync("127.0.0.1", fixture.Pop3Port);
        using var reader = new StreamReader(tcp.GetStream(), Encoding.ASCII);
        await using var writer = new StreamWriter(tcp.GetStream(), Encoding.ASCII) { NewLine = "\r\n", AutoFlush = true };
        Assert.StartsWith("+OK", await reader.ReadLineAsync(), StringComparison.Ordinal);
        await writer.WriteLineAsync("STAT");
        Assert.Equal("-ERR Authenticate first.", await reader.ReadLineAsync());
        await writer.WriteLineAsync("FROB");
        Assert.Equal("-ERR Unknown command FROB.", await reader.ReadLineAsync());
        await writer.WriteLineAsync("USER " + address);
        Assert.StartsWith("+OK", await reader.ReadLineAsync(), StringComparison.Ordinal);
        await writer.WriteLineAsync("PASS " + ImapHostFixture.Password);
        Assert.Equal("+OK 1 messages.", await reader.ReadLineAsync());
        await writer.WriteLineAsync("TOP 1 2");
        var lines = new List<string>();
        while (await reader.ReadLineAsync() is { } line && line != ".")
        {
            lines.Add(line);
        }

        Assert.Equal(["+OK Top of message follows.", "From: a@example.test", "Subject: dots", string.Empty, "line one", "..starts with a dot"], lines);
        await writer.WriteLineAsync("RETR x");
        Assert.Equal("-ERR 'x' is not a number.", await reader.ReadLineAsync());
        await writer.WriteLineAsync("RETR 9");
        Assert.Equal("-ERR No such message.", await reader.ReadLineAsync());
        await writer.WriteLineAsync("QUIT");
        Assert.StartsWith("+OK", await reader.ReadLineAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Stls_and_implicit_tls_and_a_wrong_password()
    {
        var address = await fixture.NewUserAsync();
        using (var client = new Pop3Client { ServerCertificateValidationCallback = (_, _, _, _) => true, Timeout = 15000 })
        {
            await client.ConnectAsync("127.0.0.1", fixture.Pop3Port, SecureSocketOptions.StartTls);
            Assert.True(client.IsSecure);
            await Assert.ThrowsAsync<AuthenticationException>(() => client.AuthenticateAsync(address, "wrong-password"));
            await client.AuthenticateAsync(address, ImapHostFixture.Password);
            Assert.Equal(0, await client.GetMessageCountAsync());
        }

        using var implicitTls = new Pop3Client { ServerCertificateValidationCallback = (_, _, _, _) => true, Timeout = 15000 };
        await implicitTls.ConnectAsync("127.0.0.1", fixture.Pop3sPort, SecureSocketOptions.SslOnConnect);
        await implicitTls.AuthenticateAsync(address, ImapHostFixture.Password);
        Assert.True(implicitTls.Capabilities.HasFlag(Pop3Capabilities.UIDL));
    }

    [Fact]
    public async Task A_second_session_for_the_same_maildrop_gets_in_use()
    {
        var address = await fixture.NewUserAsync();
        var other = await fixture.NewUserAsync();
        using (var first = await ConnectAsync(address))
        {
            Assert.Equal(0, await first.GetMessageCountAsync());

            // RFC 2449 §8.1.2: the maildrop is locked; the credentials were right, so the code is IN-USE, not AUTH.
            using var tcp = new TcpClient();
            await tcp.ConnectAsync("127.0.0.1", fixture.Pop3Port);
            using var reader = new StreamReader(tcp.GetStream(), Encoding.ASCII);
            await using var writer = new StreamWriter(tcp.GetStream(), Encoding.ASCII) { NewLine = "\r\n", AutoFlush = true };
            await reader.ReadLineAsync();
            await writer.WriteLineAsync($"USER {address}");
            Assert.StartsWith("+OK", await reader.ReadLineAsync(), StringComparison.Ordinal);
            await writer.WriteLineAsync($"PASS {ImapHostFixture.Password}");
            Assert.Equal("-ERR [IN-USE] The maildrop is in use by another POP3 session.", await reader.ReadLineAsync());
            await writer.WriteLineAsync("STAT");
            Assert.StartsWith("-ERR", await reader.ReadLineAsync(), StringComparison.Ordinal);

            // Another mailbox is not affected, and MailKit reports the refusal.
            using var unrelated = await ConnectAsync(other);
            using var second = new Pop3Client { Timeout = 15000 };
            await second.ConnectAsync("127.0.0.1", fixture.Pop3Port, SecureSocketOptions.None);
            await Assert.ThrowsAsync<AuthenticationException>(() => second.AuthenticateAsync(address, ImapHostFixture.Password));
            Assert.False(second.IsAuthenticated);
            await first.DisconnectAsync(quit: true);
        }

        // QUIT released the lock; so does a dropped connection.
        var dropped = await ConnectAsync(address);
        dropped.Dispose();
        using var again = new Pop3Client { Timeout = 15000 };
        await again.ConnectAsync("127.0.0.1", fixture.Pop3Port, SecureSocketOptions.None);
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                await again.AuthenticateAsync(address, ImapHostFixture.Password);
                break;
            }
            catch (AuthenticationException) when (attempt < 50)
            {
                // The server notices the dropped connection asynchronously.
                await Task.Delay(100);
            }
        }

        Assert.True(again.IsAuthenticated);
    }

    [Fact]
    public async Task Without_leave_on_server_retrieved_messages_go_at_quit()
    {
        var address = await fixture.NewUserAsync();
        var factory = fixture.Host.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>();
        await using (var db = await factory.CreateDbContextAsync())
        {
            await db.Mailboxes.Where(m => m.Address == address).ExecuteUpdateAsync(s => s.SetProperty(m => m.Pop3LeaveOnServer, false));
        }

        await SeedAsync(address, Dotted, Encoding.ASCII.GetBytes("Subject: kept\r\n\r\nnot retrieved\r\n"));
        using (var client = await ConnectAsync(address))
        {
            await client.GetMessageAsync(0);
            await client.DisconnectAsync(quit: true);
        }

        using var again = await ConnectAsync(address);
        Assert.Equal(1, await again.GetMessageCountAsync());
        Assert.Equal("kept", (await again.GetMessageHeadersAsync(0))["Subject"]);
    }

    private async Task<Pop3Client> ConnectAsync(string address)
    {
        var client = new Pop3Client { Timeout = 15000 };
        await client.ConnectAsync("127.0.0.1", fixture.Pop3Port, SecureSocketOptions.None);
        await client.AuthenticateAsync(address, ImapHostFixture.Password);
        return client;
    }

    private async Task SeedAsync(string address, params byte[][] messages)
    {
        await using var raw = await RawImapClient.ConnectAsync(fixture.Port);
        await raw.LoginAsync(address);
        foreach (var message in messages)
        {
            Assert.StartsWith("ap OK", await raw.AppendAsync("INBOX", message), StringComparison.Ordinal);
        }
    }
}
