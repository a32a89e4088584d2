using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Portal.Core.Delivery;
using Portal.Core.Delivery.Authentication;
using Portal.Core.Devices;
using Portal.Core.Security;
using Portal.Core.Storage;
using Portal.Protocols.Shared;
using Portal.Protocols.Smtp.Commands;

namespace Portal.Protocols.Smtp.Session;

/// <summary>What every SMTP session uses, resolved once from the container.</summary>
internal sealed class SmtpServices(
    IOptions<SmtpOptions> options,
    TlsCertificateProvider certificates,
    IMailDelivery delivery,
    IMailRouter router,
    IBlobStore blobs,
    MessageAuthenticator authenticator,
    ICredentialService credentials,
    IDeviceRegistry devices,
    TimeProvider time,
    ILogger<SmtpServices> logger,
    SmtpCommands commands)
{
    public SmtpOptions Options { get; } = options.Value;

    /// <summary>DATA and BDAT are written straight into it (<see cref="MessageSpool"/>).</summary>
    public IBlobStore Blobs { get; } = blobs;

    public TlsCertificateProvider Certificates { get; } = certificates;

    public IMailDelivery Delivery { get; } = delivery;

    public IMailRouter Router { get; } = router;

    public MessageAuthenticator Authenticator { get; } = authenticator;

    public ICredentialService Credentials { get; } = credentials;

    public IDeviceRegistry Devices { get; } = devices;

    public TimeProvider Time { get; } = time;

    public ILogger Logger { get; } = logger;

    public SmtpCommands Commands { get; } = commands;
}
