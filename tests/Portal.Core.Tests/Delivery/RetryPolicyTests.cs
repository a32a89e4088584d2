using Portal.Core.Delivery;

namespace Portal.Core.Tests.Delivery;

public sealed class RetryPolicyTests
{
    private static readonly TimeSpan[] Schedule = [TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(30)];
    private static readonly DateTime Created = new(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void Waits_follow_the_schedule_and_the_last_one_repeats()
    {
        Assert.Equal(Created.AddMinutes(5), RetryPolicy.Next(1, Created, Created, Schedule, TimeSpan.FromDays(5)));
        Assert.Equal(Created.AddMinutes(40), RetryPolicy.Next(2, Created, Created.AddMinutes(10), Schedule, TimeSpan.FromDays(5)));
        Assert.Equal(Created.AddHours(10).AddMinutes(30), RetryPolicy.Next(9, Created, Created.AddHours(10), Schedule, TimeSpan.FromDays(5)));
    }

    [Fact]
    public void Past_the_maximum_age_there_is_no_next_attempt() =>
        Assert.Null(RetryPolicy.Next(3, Created, Created.AddDays(5), Schedule, TimeSpan.FromDays(5)));
}
