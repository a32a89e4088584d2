using System.Net;
using Microsoft.Extensions.Time.Testing;
using Portal.Core.Security;

namespace Portal.Core.Tests.Security;

public sealed class AddressThrottleTests
{
    [Fact]
    public void An_address_is_throttled_after_the_limit_until_the_window_passes()
    {
        var time = new FakeTimeProvider(DateTimeOffset.Parse("2026-11-27T10:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        var throttle = new AddressThrottle(time, limit: 3, TimeSpan.FromMinutes(10));
        var attacker = IPAddress.Parse("192.0.2.7");
        var bystander = IPAddress.Parse("192.0.2.8");

        for (var i = 0; i < 3; i++)
        {
            Assert.False(throttle.IsThrottled(attacker));
            throttle.RecordFailure(attacker);
        }

        Assert.True(throttle.IsThrottled(attacker));
        Assert.False(throttle.IsThrottled(bystander));

        time.Advance(TimeSpan.FromMinutes(10));
        Assert.False(throttle.IsThrottled(attacker));
    }

    [Fact]
    public void Success_clears_the_count()
    {
        var throttle = new AddressThrottle(new FakeTimeProvider(), limit: 2, TimeSpan.FromMinutes(10));
        var address = IPAddress.Loopback;
        throttle.RecordFailure(address);
        throttle.RecordSuccess(address);
        throttle.RecordFailure(address);
        Assert.False(throttle.IsThrottled(address));
    }
}
