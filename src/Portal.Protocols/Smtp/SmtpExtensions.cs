using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Delivery;
using Portal.Core.Delivery.Authentication;
using Portal.Core.Dns;
using Portal.Protocols.Shared;
using Portal.Protocols.Shared.Dns;
using Portal.Protocols.Smtp.Commands;
using Portal.Protocols.Smtp.Outbound;
using Portal.Protocols.Smtp.Session;

namespace Portal.Protocols.Smtp;

public static class SmtpExtensions
{
    /// <summary>SMTP: the MX and submission listeners, their options and command handlers, and outbound delivery.</summary>
    public static WebApplicationBuilder AddSmtp(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddOptions<SmtpOptions>().BindConfiguration(SmtpOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        foreach (var handler in typeof(ISmtpCommandHandler).Assembly.GetTypes()
                     .Where(t => t is { IsClass: true, IsAbstract: false } && typeof(ISmtpCommandHandler).IsAssignableFrom(t)))
        {
            services.AddSingleton(typeof(ISmtpCommandHandler), handler);
        }

        services.AddSingleton<SmtpCommands>();
        services.AddSingleton<SmtpServices>();

        // Outbound: DNS (tests register their own IDnsResolver after this), the queue drainer and bounces.
        services.AddOptions<DnsOptions>().BindConfiguration(DnsOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<OutboundOptions>().BindConfiguration(OutboundOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<IDnsResolver, DnsClientResolver>();
        services.AddSingleton<MessageAuthenticator>();
        services.AddSingleton<RemoteDelivery>();
        services.AddSingleton<DkimSigning>();
        services.AddSingleton<BounceSender>();
        services.AddHostedService<OutboundDeliveryService>();
        builder.WebHost.ConfigureKestrel(k =>
        {
            ProtocolListeners.Listen<SmtpConnectionHandler>(k, o => o.Smtp, implicitTls: false);
            ProtocolListeners.Listen<SubmissionConnectionHandler>(k, o => o.Submission, implicitTls: false);
            ProtocolListeners.Listen<SubmissionConnectionHandler>(k, o => o.Smtps, implicitTls: true);
        });
        return builder;
    }
}
