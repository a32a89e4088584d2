using System.Diagnostics;
using System.Globalization;
using System.Text;
using Portal.Core.Mail;
using Portal.Testing;

namespace Portal.Benchmarks;

/// <summary>
/// Appends through the store (blob write + flush, parse, one transaction with the journal) from N parallel writers
/// into one folder, the path every delivery takes; reports messages per second and p50/p99 latency.
/// </summary>
internal static class StoreAppendBenchmark
{
    public static async Task<int> RunAsync(string[] args)
    {
        var provider = Option(args, "--provider", "Sqlite");
        var writers = int.Parse(Option(args, "--writers", "16"), CultureInfo.InvariantCulture);
        var messages = int.Parse(Option(args, "--messages", "2000"), CultureInfo.InvariantCulture);
        var size = int.Parse(Option(args, "--size", "10240"), CultureInfo.InvariantCulture);
        var kind = Enum.Parse<DatabaseKind>(provider, ignoreCase: true);

        var databases = new DatabaseFixture();
        if (kind == DatabaseKind.PostgreSql)
        {
            await databases.InitializeAsync();
        }

        try
        {
            await using var store = await databases.CreateStoreAsync(kind);
            var mailbox = await store.AddMailboxAsync("bench@example.test");
            var store1 = store.Get<IMessageStore>();
            var inbox = (await store1.FindFolderAsync(mailbox.Id, FolderRole.Inbox))!;
            var latencies = new double[messages];
            var next = -1;
            var total = Stopwatch.StartNew();
            await Task.WhenAll(Enumerable.Range(0, writers).Select(_ => Task.Run(async () =>
            {
                int i;
                while ((i = Interlocked.Increment(ref next)) < messages)
                {
                    var body = Message(i, size);
                    var one = Stopwatch.StartNew();
                    await store1.AppendAsync(inbox.Id, new AppendRequest(new MemoryStream(body)));
                    latencies[i] = one.Elapsed.TotalMilliseconds;
                }
            })));
            total.Stop();
            Array.Sort(latencies);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"store-append provider={kind} writers={writers} messages={messages} size={size}: {messages / total.Elapsed.TotalSeconds:F0} msg/s, p50 {latencies[messages / 2]:F1} ms, p99 {latencies[(int)(messages * 0.99)]:F1} ms"));
            return 0;
        }
        finally
        {
            await databases.DisposeAsync();
        }
    }

    private static byte[] Message(int i, int size)
    {
        var header = $"From: sender{i}@example.test\r\nTo: bench@example.test\r\nSubject: benchmark message {i}\r\nMessage-ID: <{i}.{Guid.NewGuid():N}@example.test>\r\nDate: Fri, 27 Nov 2026 10:00:00 +0000\r\n\r\n";
        var text = new StringBuilder(header);
        var line = 0;
        while (text.Length < size)
        {
            text.Append(CultureInfo.InvariantCulture, $"Line {line++} of message {i}: the quick brown fox jumps over the lazy dog.\r\n");
        }

        return Encoding.ASCII.GetBytes(text.ToString());
    }

    private static string Option(string[] args, string name, string fallback)
    {
        var at = Array.IndexOf(args, name);
        return at >= 0 && at + 1 < args.Length ? args[at + 1] : fallback;
    }
}
