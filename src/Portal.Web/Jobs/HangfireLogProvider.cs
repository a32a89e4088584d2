using Hangfire.Logging;
using HangfireLevel = Hangfire.Logging.LogLevel;
using MsLogLevel = Microsoft.Extensions.Logging.LogLevel;

namespace Portal.Web.Jobs;

/// <summary>
/// Hangfire logs through a process-wide provider. This one forwards to the host's logger factory and goes quiet once
/// that factory is disposed, so a stopped host (tests start several in one process) cannot break another's jobs.
/// </summary>
internal sealed class HangfireLogProvider(ILoggerFactory factory) : ILogProvider
{
    public ILog GetLogger(string name) => new ForwardingLog(factory, name);

    private sealed class ForwardingLog(ILoggerFactory factory, string name) : ILog
    {
        private ILogger? _logger;

        public bool Log(HangfireLevel logLevel, Func<string>? messageFunc, Exception? exception = null)
        {
            try
            {
                _logger ??= factory.CreateLogger(name);
                var level = Map(logLevel);
                if (messageFunc is null)
                {
                    return _logger.IsEnabled(level);
                }

#pragma warning disable CA1848, CA2254 // Hangfire hands over finished text; there is no template to cache.
                _logger.Log(level, exception, messageFunc());
#pragma warning restore CA1848, CA2254
                return true;
            }
            catch (ObjectDisposedException)
            {
                return false;
            }
        }

        private static MsLogLevel Map(HangfireLevel level) => level switch
        {
            HangfireLevel.Trace => MsLogLevel.Trace,
            HangfireLevel.Debug => MsLogLevel.Debug,
            HangfireLevel.Info => MsLogLevel.Information,
            HangfireLevel.Warn => MsLogLevel.Warning,
            HangfireLevel.Error => MsLogLevel.Error,
            _ => MsLogLevel.Critical,
        };
    }
}
