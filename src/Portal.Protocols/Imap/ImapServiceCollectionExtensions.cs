using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Portal.Protocols.Imap.Session;
using Portal.Protocols.Shared;

namespace Portal.Protocols.Imap;

public static class ImapServiceCollectionExtensions
{
    /// <summary>The IMAP server on the Imap (STARTTLS) and Imaps (implicit TLS) listeners.</summary>
    public static WebApplicationBuilder AddImap(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptions<ImapOptions>().BindConfiguration(ImapOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<FolderStateCache>();
        builder.Services.AddSingleton<ImapServices>();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            ProtocolListeners.Listen<ImapConnectionHandler>(kestrel, o => o.Imap, implicitTls: false);
            ProtocolListeners.Listen<ImapConnectionHandler>(kestrel, o => o.Imaps, implicitTls: true);
        });
        return builder;
    }
}
