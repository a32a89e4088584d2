using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using Portal.Core.Hosting;
using Portal.Data.Blobs;
using Portal.Testing;

namespace Portal.Data.Tests.Blobs;

/// <summary>The file blob store on a real directory: content-addressed, whole or absent, flushed with its directory.</summary>
public sealed class FileBlobStoreTests : IDisposable
{
    private readonly TempDirectory _data = new("portal-blobs");

    [Fact]
    public async Task A_put_lands_under_its_sha256_in_new_directories_and_reads_back()
    {
        var store = NewStore();
        var bytes = RandomNumberGenerator.GetBytes(200_000);

        var blob = await store.PutAsync(new MemoryStream(bytes));

        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(bytes)), blob.Id);
        Assert.Equal(bytes.Length, blob.Length);
        Assert.True(File.Exists(Path.Combine(_data.Path, "blobs", blob.Id[..2], blob.Id[2..4], blob.Id)));
        await using var read = await store.OpenReadAsync(blob.Id);
        var copy = new MemoryStream();
        await read.CopyToAsync(copy);
        Assert.Equal(bytes, copy.ToArray());
        Assert.Empty(Directory.GetFiles(Path.Combine(_data.Path, "blobs", "tmp")));
    }

    [Fact]
    public async Task The_same_bytes_twice_keep_one_file_and_leave_no_temp_file()
    {
        var store = NewStore();
        var bytes = "Subject: twice\r\n\r\nsame\r\n"u8.ToArray();

        var first = await store.PutAsync(new MemoryStream(bytes));
        var second = await store.PutAsync(new MemoryStream(bytes));

        Assert.Equal(first.Id, second.Id);
        Assert.Single(Directory.GetFiles(Path.Combine(_data.Path, "blobs", first.Id[..2], first.Id[2..4])));
        Assert.Empty(Directory.GetFiles(Path.Combine(_data.Path, "blobs", "tmp")));
    }

    [Fact]
    public void A_start_deletes_temp_files_a_killed_process_left_but_not_fresh_ones()
    {
        var temp = Path.Combine(_data.Path, "blobs", "tmp");
        Directory.CreateDirectory(temp);
        var stale = Path.Combine(temp, "left-by-a-kill");
        var fresh = Path.Combine(temp, "being-written");
        File.WriteAllText(stale, "half a message");
        File.WriteAllText(fresh, "the other half is coming");
        File.SetLastWriteTimeUtc(stale, DateTime.UtcNow - FileBlobStore.StaleTemp - TimeSpan.FromMinutes(1));

        var store = NewStore();

        Assert.False(File.Exists(stale));
        Assert.True(File.Exists(fresh));
        Assert.Equal(1, store.SweepTemp(DateTime.UtcNow.AddMinutes(1)));
        Assert.Empty(Directory.GetFiles(temp));
    }

    [Fact]
    public void Flushing_a_missing_directory_fails_loudly()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        DirectorySync.Flush(_data.Path);
        Assert.Throws<IOException>(() => DirectorySync.Flush(Path.Combine(_data.Path, "missing")));
    }

    public void Dispose() => _data.Dispose();

    private FileBlobStore NewStore() =>
        new(Options.Create(new PortalOptions { DataDirectory = _data.Path }));
}
