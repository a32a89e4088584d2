using System.Text;
using Portal.Core.Delivery.Forwarding;

namespace Portal.Core.Tests.Delivery;

public sealed class SrsAddressTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 27, 12, 0, 0, TimeSpan.Zero);
    private readonly SrsAddress _srs = new(Encoding.UTF8.GetBytes("test key"), TimeSpan.FromDays(21));

    [Fact]
    public void A_rewritten_sender_reverses_to_the_original_even_when_case_changed_on_the_way()
    {
        var rewritten = _srs.Rewrite("Writer@Origin.test", "forwarder.test", Now);

        Assert.Matches("^SRS0=[A-Z2-7]{8}=[A-Z2-7]{2}=origin.test=Writer@forwarder.test$", rewritten);
        var local = rewritten[..rewritten.LastIndexOf('@')];
        Assert.Equal("Writer@origin.test", _srs.Reverse(local, Now.AddDays(3)));
        Assert.Equal("writer@origin.test", _srs.Reverse(local.ToLowerInvariant(), Now.AddDays(3)));
    }

    [Fact]
    public void The_null_sender_stays_null()
    {
        Assert.Equal(string.Empty, _srs.Rewrite(string.Empty, "forwarder.test", Now));
    }

    [Fact]
    public void Forged_damaged_other_keys_and_expired_addresses_do_not_reverse()
    {
        var rewritten = _srs.Rewrite("writer@origin.test", "forwarder.test", Now);
        var local = rewritten[..rewritten.LastIndexOf('@')];

        Assert.Null(_srs.Reverse(local.Replace("=origin.test=", "=evil.test=", StringComparison.Ordinal), Now));
        Assert.Null(_srs.Reverse("SRS0=ABCDEFGH=AA=origin.test=writer", Now));
        Assert.Null(_srs.Reverse("SRS0=broken", Now));
        Assert.Null(new SrsAddress(Encoding.UTF8.GetBytes("another key"), TimeSpan.FromDays(21)).Reverse(local, Now));
        Assert.Null(_srs.Reverse(local, Now.AddDays(22)));
        Assert.NotNull(_srs.Reverse(local, Now.AddDays(21)));
    }
}
