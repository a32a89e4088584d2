using System.IO.Compression;
using System.IO.Pipelines;
using System.Net;
using System.Net.Security;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Connections.Features;

namespace Portal.Protocols.Shared;

/// <summary>
/// A TCP protocol connection as the handlers see it: two pipes that STARTTLS can swap for TLS ones, the remote
/// address, and whether the channel is secure. Listeners marked implicit-TLS are secured before the handler runs.
/// </summary>
public sealed class ProtocolConnection : IAsyncDisposable
{
    internal const string ImplicitTlsItem = "portal.implicit-tls";

    private readonly ConnectionContext _context;
    private readonly TlsCertificateProvider _certificates;
    private SslStream? _tls;
    private DeflateStream? _inflate;
    private DeflateStream? _deflate;
    private PipeReader? _tlsInput;
    private PipeWriter? _tlsOutput;

    private ProtocolConnection(ConnectionContext context, TlsCertificateProvider certificates)
    {
        _context = context;
        _certificates = certificates;
        Input = context.Transport.Input;
        Output = context.Transport.Output;
        RemoteEndPoint = context.RemoteEndPoint as IPEndPoint;
    }

    public PipeReader Input { get; private set; }

    public PipeWriter Output { get; private set; }

    public IPEndPoint? RemoteEndPoint { get; }

    public IPAddress? RemoteAddress => RemoteEndPoint?.Address;

    public bool IsLoopback => RemoteAddress is { } address && IPAddress.IsLoopback(address);

    public bool IsSecure => _tls is not null;

    public bool IsCompressed => _deflate is not null;

    public string ConnectionId => _context.ConnectionId;

    /// <summary>Cancelled when the peer goes away or the server shuts down.</summary>
    public CancellationToken ConnectionClosed => _context.ConnectionClosed;

    /// <summary>
    /// Acknowledges what has arrived at once instead of after the kernel's delayed-ACK timer (Linux TCP_QUICKACK). Call
    /// it before waiting for more of a stream the peer sends without waiting for a reply (SMTP DATA/BDAT, a literal):
    /// a client with Nagle's algorithm on (the default of most client libraries) holds its last short segment until
    /// the previous one is acknowledged, and a request/response connection otherwise delays that ACK by 40 ms or more —
    /// measured on the MX as 50 ms of a 10 KB message's 110 ms. Elsewhere, or without a socket, it does nothing.
    /// </summary>
    public void AcknowledgeNow()
    {
        if (!OperatingSystem.IsLinux() || _context.Features.Get<IConnectionSocketFeature>()?.Socket is not { } socket)
        {
            return;
        }

        try
        {
            // IPPROTO_TCP (6), TCP_QUICKACK (12): sends a pending ACK now and leaves the delayed-ACK mode.
            socket.SetRawSocketOption(6, 12, QuickAck);
        }
        catch (Exception ex) when (ex is System.Net.Sockets.SocketException or ObjectDisposedException)
        {
            // The connection is going away; the read that follows will see it.
        }
    }

    private static ReadOnlySpan<byte> QuickAck => [1, 0, 0, 0];

    /// <summary>Wraps a Kestrel connection; on an implicit-TLS listener the TLS handshake runs first.</summary>
    public static async Task<ProtocolConnection> AcceptAsync(ConnectionContext context, TlsCertificateProvider certificates)
    {
        ArgumentNullException.ThrowIfNull(context);
        var connection = new ProtocolConnection(context, certificates);
        if (context.Items.ContainsKey(ImplicitTlsItem))
        {
            await connection.StartTlsAsync(context.ConnectionClosed).ConfigureAwait(false);
        }

        return connection;
    }

    /// <summary>
    /// Switches the connection to TLS. Call it after the STARTTLS reply is flushed and with nothing else read
    /// from <see cref="Input"/>: commands pipelined after STARTTLS must be refused, not carried into the TLS
    /// session (CVE-2011-0411 style injection).
    /// </summary>
    public async Task StartTlsAsync(CancellationToken cancellationToken)
    {
        if (_tls is not null)
        {
            throw new InvalidOperationException("The connection is already secure.");
        }

        var transport = new DuplexStream(_context.Transport.Input.AsStream(leaveOpen: true), _context.Transport.Output.AsStream(leaveOpen: true));
        var tls = new SslStream(transport, leaveInnerStreamOpen: false);
        await tls.AuthenticateAsServerAsync(new SslServerAuthenticationOptions { ServerCertificate = _certificates.Certificate }, cancellationToken).ConfigureAwait(false);
        _tls = tls;
        Input = _tlsInput = PipeReader.Create(tls, new StreamPipeReaderOptions(leaveOpen: true));
        Output = _tlsOutput = PipeWriter.Create(tls, new StreamPipeWriterOptions(leaveOpen: true));
    }

    /// <summary>
    /// Switches both directions to raw DEFLATE (RFC 1951), above TLS when TLS is on (IMAP COMPRESS, RFC 4978). Call it
    /// after the reply that agrees is flushed and with nothing else read from <see cref="Input"/>. Every flush of
    /// <see cref="Output"/> ends in a sync flush, so the peer can decode all that was written.
    /// </summary>
    public void StartCompression()
    {
        if (_deflate is not null)
        {
            throw new InvalidOperationException("Compression is already on.");
        }

        _inflate = new DeflateStream(Input.AsStream(leaveOpen: true), CompressionMode.Decompress, leaveOpen: false);
        _deflate = new DeflateStream(Output.AsStream(leaveOpen: true), CompressionLevel.Fastest, leaveOpen: false);
        Input = PipeReader.Create(_inflate, new StreamPipeReaderOptions(bufferSize: 4096, leaveOpen: true));
        Output = PipeWriter.Create(_deflate, new StreamPipeWriterOptions(leaveOpen: true));
    }

    public async ValueTask DisposeAsync()
    {
        if (_deflate is not null)
        {
            await Input.CompleteAsync().ConfigureAwait(false);
            await Output.CompleteAsync().ConfigureAwait(false);
            await _inflate!.DisposeAsync().ConfigureAwait(false);
            try
            {
                await _deflate.DisposeAsync().ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is IOException or InvalidOperationException or ObjectDisposedException)
            {
                // The peer is gone: the deflate trailer cannot be written, and nobody would read it.
            }
        }

        if (_tls is not null)
        {
            await _tlsInput!.CompleteAsync().ConfigureAwait(false);
            await _tlsOutput!.CompleteAsync().ConfigureAwait(false);
            await _tls.DisposeAsync().ConfigureAwait(false);
        }
    }
}
