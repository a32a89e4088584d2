using System.Runtime.InteropServices;

namespace Portal.Benchmarks;

/// <summary>Raises this process's open-file limit (RLIMIT_NOFILE) up to the hard limit: 10,000 sockets need more than the usual 1,024.</summary>
internal static partial class FileLimits
{
    private const int RlimitNoFile = 7;

    public static void Raise(int wanted)
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        var limit = new RLimit();
        if (GetRLimit(RlimitNoFile, ref limit) != 0 || limit.Current >= (ulong)wanted)
        {
            return;
        }

        limit.Current = Math.Min((ulong)wanted, limit.Maximum);
        if (SetRLimit(RlimitNoFile, ref limit) != 0)
        {
            Console.Error.WriteLine($"could not raise the open-file limit to {wanted}; run with a higher ulimit -n");
        }
    }

    [LibraryImport("libc", EntryPoint = "getrlimit", SetLastError = true)]
    private static partial int GetRLimit(int resource, ref RLimit limit);

    [LibraryImport("libc", EntryPoint = "setrlimit", SetLastError = true)]
    private static partial int SetRLimit(int resource, ref RLimit limit);

    [StructLayout(LayoutKind.Sequential)]
    private struct RLimit
    {
        public ulong Current;
        public ulong Maximum;
    }
}
