using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Portal.Core.Devices;

namespace Portal.Data.Hosting;

/// <summary>Writes coalesced device activity every <see cref="DeviceRegistryOptions.FlushInterval"/> and once more at shutdown.</summary>
public sealed partial class DeviceRegistryFlusher(IDeviceRegistry registry, IOptions<DeviceRegistryOptions> options, TimeProvider time, ILogger<DeviceRegistryFlusher> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.FlushInterval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
            {
                await FlushQuietlyAsync(stoppingToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException)
        {
            // Shutting down.
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken).ConfigureAwait(false);
        await FlushQuietlyAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task FlushQuietlyAsync(CancellationToken cancellationToken)
    {
        try
        {
            await registry.FlushAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogFlushFailed(ex);
        }
    }

    [LoggerMessage(EventId = 200, Level = LogLevel.Error, Message = "Writing device activity failed")]
    private partial void LogFlushFailed(Exception ex);
}
