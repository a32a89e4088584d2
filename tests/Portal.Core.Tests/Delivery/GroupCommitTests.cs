using System.Reflection;
using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using Portal.Core.Delivery;
using Portal.Core.Mail;

namespace Portal.Core.Tests.Delivery;

public sealed class GroupCommitTests
{
    private static readonly ParsedMessage Parsed = MessageParser.Parse(new MemoryStream(Encoding.ASCII.GetBytes("Subject: x\r\n\r\nbody\r\n")));

    [Fact]
    public async Task Deliveries_arriving_during_a_commit_go_together_in_the_next_one_and_wait_for_it()
    {
        var store = StoreProxy.Create(out var proxy);
        var commits = new GroupCommit(store, NullLogger<GroupCommit>.Instance);
        var first = commits.AppendAsync([Append()]);
        var held = await proxy.NextCallAsync();

        var others = Enumerable.Range(0, 5).Select(_ => commits.AppendAsync([Append(), Append()])).ToList();
        Assert.False(first.IsCompleted);
        held.Commit();
        Assert.Single(await first);

        // The five waited while the first transaction ran: now one transaction holds all ten copies.
        var second = await proxy.NextCallAsync();
        Assert.Equal(10, second.Appends.Count);
        Assert.All(others, task => Assert.False(task.IsCompleted));
        second.Commit();
        var results = await Task.WhenAll(others);
        Assert.All(results, r => Assert.Equal(2, r.Count));
        Assert.Equal(10, results.SelectMany(r => r).Select(r => r.Uid).Distinct().Count());
    }

    [Fact]
    public async Task A_failed_batch_is_retried_one_by_one_so_only_the_bad_delivery_fails()
    {
        var store = StoreProxy.Create(out var proxy);
        var commits = new GroupCommit(store, NullLogger<GroupCommit>.Instance);
        var poison = Guid.NewGuid();
        var blocker = commits.AppendAsync([Append()]);
        var held = await proxy.NextCallAsync();
        var good = commits.AppendAsync([Append()]);
        var bad = commits.AppendAsync([Append(poison)]);
        var alsoGood = commits.AppendAsync([Append()]);
        held.Commit();
        await blocker;

        (await proxy.NextCallAsync()).Fail();
        for (var i = 0; i < 3; i++)
        {
            var single = await proxy.NextCallAsync();
            if (single.Appends.Any(a => a.FolderId == poison))
            {
                single.Fail();
            }
            else
            {
                single.Commit();
            }
        }

        Assert.Single(await good);
        Assert.Single(await alsoGood);
        await Assert.ThrowsAsync<InvalidOperationException>(() => bad);
    }

    private static BlobAppend Append(Guid? folder = null) =>
        new(folder ?? Guid.NewGuid(), new string('a', 64), 20, Parsed, MessageFlags.None, DateTime.UtcNow);

    /// <summary>One store call held until the test commits or fails it.</summary>
    public sealed class HeldCall(IReadOnlyList<BlobAppend> appends)
    {
        private static long _uid;

        public IReadOnlyList<BlobAppend> Appends { get; } = appends;

        public TaskCompletionSource<IReadOnlyList<AppendResult>> Result { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public void Commit() => Result.SetResult(Appends.Select(a => new AppendResult(Guid.NewGuid(), a.FolderId, 1, Interlocked.Increment(ref _uid), 1, a.BlobId)).ToList());

        public void Fail() => Result.SetException(new InvalidOperationException("store failed"));
    }

    /// <summary>An <see cref="IMessageStore"/> whose only working member is AppendBlobsAsync, one call at a time under the test's control.</summary>
    public class StoreProxy : DispatchProxy
    {
        private readonly System.Threading.Channels.Channel<HeldCall> _calls = System.Threading.Channels.Channel.CreateUnbounded<HeldCall>();

        public static IMessageStore Create(out StoreProxy proxy)
        {
            var store = DispatchProxy.Create<IMessageStore, StoreProxy>();
            proxy = (StoreProxy)(object)store;
            return store;
        }

        public async Task<HeldCall> NextCallAsync() => await _calls.Reader.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(10));

        protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
        {
            if (targetMethod?.Name != nameof(IMessageStore.AppendBlobsAsync))
            {
                throw new NotSupportedException(targetMethod?.Name);
            }

            var call = new HeldCall((IReadOnlyList<BlobAppend>)args![0]!);
            _calls.Writer.TryWrite(call);
            return call.Result.Task;
        }
    }
}
