using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Dns;
using Portal.Testing;

namespace Portal.Protocols.Tests.Smtp;

/// <summary>
/// A host whose DNS points every domain at <see cref="FakeMx"/> on loopback, with a one-second retry schedule, a
/// four-second queue lifetime and "delayed" notices after 1.5 s.
/// </summary>
public sealed class OutboundHostFixture : IAsyncLifetime
{
    private readonly SmtpHostFixture _inner = new();

    public FakeMx Mx { get; } = new();

    public SmtpHostFixture Smtp => _inner;

    public async Task InitializeAsync() => await _inner.StartAsync(
        new Dictionary<string, string?>
        {
            ["Portal:Outbound:Port"] = Mx.Port.ToString(CultureInfo.InvariantCulture),
            ["Portal:Outbound:HeloName"] = "mx.example.test",
            ["Portal:Outbound:RetrySchedule"] = "00:00:01",
            ["Portal:Outbound:MaxAge"] = "00:00:04",
            ["Portal:Outbound:DelayNotice"] = "00:00:01.500",
            ["Portal:Outbound:SweepInterval"] = "00:00:00.500",
            ["Portal:Outbound:CommandTimeout"] = "00:00:10",
        },
        builder => builder.Services.AddSingleton<IDnsResolver, LoopbackDnsResolver>());

    public async Task DisposeAsync()
    {
        await _inner.DisposeAsync();
        await Mx.DisposeAsync();
    }
}
