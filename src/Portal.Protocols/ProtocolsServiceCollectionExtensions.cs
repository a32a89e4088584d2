using Microsoft.Extensions.DependencyInjection;
using Portal.Protocols.Shared;

namespace Portal.Protocols;

public static class ProtocolsServiceCollectionExtensions
{
    /// <summary>What every protocol shares: listener ports and the TLS certificate. Each protocol adds itself beside its code.</summary>
    public static IServiceCollection AddProtocolShared(this IServiceCollection services)
    {
        services.AddOptions<ProtocolListenersOptions>().BindConfiguration(ProtocolListenersOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<TlsOptions>().BindConfiguration(TlsOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<TlsCertificateProvider>();
        return services;
    }
}
