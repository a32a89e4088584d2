using System.IO.Compression;
using System.Net.Sockets;
using System.Text;
using MailKit;

namespace Portal.Protocols.Tests.Imap;

/// <summary>COMPRESS=DEFLATE (RFC 4978): MailKit's CompressAsync over a real socket, and bad usage.</summary>
public sealed class ImapCompressTests(ImapHostFixture fixture) : IClassFixture<ImapHostFixture>
{
    [Fact]
    public async Task Mailkit_works_compressed_including_idle_wakeups()
    {
        var address = await fixture.NewUserAsync();
        using var client = await fixture.ConnectAsync(address);
        await client.CompressAsync();
        Assert.True(client.IsConnected);

        var body = string.Join("\r\n", Enumerable.Range(0, 4000).Select(i => $"line {i} {Guid.NewGuid()}"));
        await client.Inbox.AppendAsync(ImapUpdatesTests.Message("big", body));
        await client.Inbox.OpenAsync(FolderAccess.ReadWrite);
        var message = await client.Inbox.GetMessageAsync(0);
        Assert.Equal(body.Replace("\r\n", "\n", StringComparison.Ordinal), message.TextBody!.Replace("\r\n", "\n", StringComparison.Ordinal).TrimEnd('\n'));

        // IDLE over the compressed stream: the EXISTS must be flushed through the deflater at once.
        using var other = await fixture.ConnectAsync(address);
        var exists = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        client.Inbox.CountChanged += (_, _) => exists.TrySetResult();
        using var done = new CancellationTokenSource();
        var idle = client.IdleAsync(done.Token);
        await Task.Delay(200);
        await other.Inbox.AppendAsync(ImapUpdatesTests.Message("wake"));
        await exists.Task.WaitAsync(TimeSpan.FromSeconds(10));
        await done.CancelAsync();
        await idle;
        Assert.Equal(2, client.Inbox.Count);
        await client.DisconnectAsync(true);
    }

    [Fact]
    public async Task Bad_compress_usage_gets_protocol_errors()
    {
        var address = await fixture.NewUserAsync();
        await using (var raw = await RawImapClient.ConnectAsync(fixture.Port))
        {
            Assert.Equal("a BAD Authenticate first.", (await raw.CommandAsync("a", "COMPRESS DEFLATE"))[^1]);
            await raw.LoginAsync(address);
            Assert.Equal("b BAD Unknown compression mechanism LZW.", (await raw.CommandAsync("b", "COMPRESS LZW"))[^1]);
            Assert.Equal("c BAD Expected ' ' at column 11.", (await raw.CommandAsync("c", "COMPRESS"))[^1]);

            // A command pipelined behind COMPRESS would be ambiguous: refused, and compression stays off.
            await raw.SendAsync("d COMPRESS DEFLATE\r\ne NOOP\r\n");
            Assert.Equal("d BAD Commands pipelined after COMPRESS are refused.", await raw.ReadLineAsync());
            Assert.Equal("e OK NOOP completed.", await raw.ReadLineAsync());
        }

        // Compressed by hand: a second COMPRESS is refused with COMPRESSIONACTIVE, in deflated bytes.
        using var tcp = new TcpClient();
        await tcp.ConnectAsync("127.0.0.1", fixture.Port);
        var stream = tcp.GetStream();
        var reader = new StreamReader(stream, Encoding.ASCII);
        await reader.ReadLineAsync();
        await stream.WriteAsync(Encoding.ASCII.GetBytes($"l LOGIN {address} {ImapHostFixture.Password}\r\n"));
        Assert.StartsWith("l OK", await reader.ReadLineAsync(), StringComparison.Ordinal);
        await stream.WriteAsync("z COMPRESS DEFLATE\r\n"u8.ToArray());
        Assert.Equal("z OK DEFLATE active.", await reader.ReadLineAsync());
        await using var deflate = new DeflateStream(stream, CompressionLevel.Optimal, leaveOpen: true);
        await using var inflate = new DeflateStream(stream, CompressionMode.Decompress, leaveOpen: true);
        using var compressed = new StreamReader(inflate, Encoding.ASCII);
        await deflate.WriteAsync("y COMPRESS DEFLATE\r\n"u8.ToArray());
        await deflate.FlushAsync();
        Assert.Equal("y NO [COMPRESSIONACTIVE] DEFLATE is already active.", await compressed.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(10)));
        await deflate.WriteAsync("x CAPABILITY\r\n"u8.ToArray());
        await deflate.FlushAsync();
        var capability = await compressed.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(10));
        Assert.StartsWith("* CAPABILITY IMAP4rev1 IMAP4rev2", capability, StringComparison.Ordinal);
        Assert.DoesNotContain("COMPRESS=DEFLATE", capability, StringComparison.Ordinal);
    }
}
