using System.Diagnostics;
using MailKit;

namespace Portal.Protocols.Tests.Imap;

/// <summary>What a folder's events told an IDLE session, in order and with when they came, and a way to wait for one.</summary>
internal sealed class IdleLog
{
    private readonly Lock _lock = new();
    private readonly List<(string Event, long At)> _events = [];

    public IdleLog(IMailFolder folder)
    {
        folder.CountChanged += (_, _) => Add($"count {folder.Count}");
        folder.MessageFlagsChanged += (_, e) => Add($"flags {e.Index} {e.Flags}");
        folder.MessageExpunged += (_, e) => Add($"expunged {e.Index}");
        folder.MessagesVanished += (_, e) => Add($"vanished {string.Join(',', e.UniqueIds)}");
    }

    public List<string> Events
    {
        get
        {
            lock (_lock)
            {
                return _events.ConvertAll(e => e.Event);
            }
        }
    }

    /// <summary>Waits up to 6 s for <paramref name="expected"/>; returns how long after <paramref name="since"/> (a <see cref="Stopwatch"/> timestamp) it came, negative when it came first.</summary>
    public async Task<TimeSpan> WaitForAsync(string expected, long since = 0)
    {
        for (var i = 0; i < 300; i++)
        {
            lock (_lock)
            {
                foreach (var (name, at) in _events)
                {
                    if (name == expected)
                    {
                        return Stopwatch.GetElapsedTime(since == 0 ? at : since, at);
                    }
                }
            }

            await Task.Delay(20);
        }

        Assert.Fail($"IDLE never told '{expected}'; it told: {string.Join(" / ", Events)}");
        return TimeSpan.Zero;
    }

    private void Add(string name)
    {
        var at = Stopwatch.GetTimestamp();
        lock (_lock)
        {
            _events.Add((name, at));
        }
    }
}
