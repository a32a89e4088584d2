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

    [Fact]
    public void Another_forwarders_srs0_becomes_srs1_that_reverses_to_it_and_does_not_grow_when_forwarded_again()
    {
        const string FirstHop = "SRS0=HHHHHHHH=AB=origin.test=writer@first.test";
        var second = _srs.Rewrite(FirstHop, "second.test", Now);
        Assert.Matches("^SRS1=[A-Z2-7]{8}=first.test==HHHHHHHH=AB=origin.test=writer@second.test$", second);
        Assert.Equal(FirstHop, _srs.Reverse(second[..second.LastIndexOf('@')], Now));
        Assert.Equal(FirstHop.ToLowerInvariant(), _srs.Reverse(second[..second.LastIndexOf('@')].ToLowerInvariant(), Now)?.ToLowerInvariant());

        // A third forwarder keeps the first one and only re-hashes.
        var third = _srs.Rewrite(second, "third.test", Now);
        Assert.Equal(second.Length - "second.test".Length + "third.test".Length, third.Length);
        Assert.EndsWith("=first.test==HHHHHHHH=AB=origin.test=writer@third.test", third, StringComparison.Ordinal);
        Assert.Equal(FirstHop, _srs.Reverse(third[..third.LastIndexOf('@')], Now));

        // Forged or damaged SRS1 local parts, and an SRS0 hash replayed as SRS1, are refused.
        Assert.Null(_srs.Reverse("SRS1=AAAAAAAA" + second[13..second.LastIndexOf('@')], Now));
        Assert.Null(_srs.Reverse("SRS1=HHHHHHHH=first.test=x", Now));
        var own = _srs.Rewrite("a@origin.test", "first.test", Now);
        Assert.Null(_srs.Reverse("SRS1" + own[4..own.LastIndexOf('@')], Now));
    }
}
