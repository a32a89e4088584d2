using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Portal.Core.Delivery;
using Portal.Core.Delivery.Authentication;
using Portal.Core.Devices;
using Portal.Core.Hosting;
using Portal.Core.Security;
using Portal.Protocols.Shared;
using Portal.Protocols.Smtp.Commands;

namespace Portal.Protocols.Smtp.Session;

/// <summary>What every SMTP session uses, resolved once from the container.</summary>
internal sealed class SmtpServices(
    IOptions<SmtpOptions> options,
    IOptions<PortalOptions> portal,
    TlsCertificateProvider certificates,
    IMailDelivery delivery,
    IMailRouter router,
    MessageAuthenticator authenticator,
    ICredentialService credentials,
    IDeviceRegistry devices,
    TimeProvider time,
    ILogger<SmtpServices> logger,
    SmtpCommands commands)
{
    public SmtpOptions Options { get; } = options.Value;

    public string SpoolDirectory { get; } = Path.Combine(portal.Value.DataDirectoryFullPath, "spool", "incoming");

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
