using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Portal.Protocols.Pop3.Session;
using Portal.Protocols.Shared;

namespace Portal.Protocols.Pop3;

public static class Pop3ServiceCollectionExtensions
{
    /// <summary>The POP3 server on the Pop3 (STLS) and Pop3s (implicit TLS) listeners.</summary>
    public static WebApplicationBuilder AddPop3(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptions<Pop3Options>().BindConfiguration(Pop3Options.SectionName).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<Pop3Services>();
        builder.Services.AddSingleton<MaildropLocks>();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            ProtocolListeners.Listen<Pop3ConnectionHandler>(kestrel, o => o.Pop3, implicitTls: false);
            ProtocolListeners.Listen<Pop3ConnectionHandler>(kestrel, o => o.Pop3s, implicitTls: true);
        });
        return builder;
    }
}
