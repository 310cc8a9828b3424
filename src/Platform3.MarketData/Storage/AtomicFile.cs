using System.Runtime.InteropServices;

namespace Platform3.MarketData.Storage;

/// <summary>
/// Replaces a file so that readers and crashes only ever see the old or the new content: write a temp
/// file beside it, fsync it, rename it over the target (atomic on POSIX), then fsync the directory so the
/// rename itself survives a power cut.
/// </summary>
public static partial class AtomicFile
{
    public const string TempMarker = ".tmp-";

    public static void Write(string path, ReadOnlySpan<byte> content)
    {
        var dir = Path.GetDirectoryName(Path.GetFullPath(path))!;
        Directory.CreateDirectory(dir);
        var temp = path + TempMarker + Guid.NewGuid().ToString("N")[..12];
        try
        {
            using (var fs = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, FileOptions.None))
            {
                fs.Write(content);
                fs.Flush(flushToDisk: true);
            }
            File.Move(temp, path, overwrite: true);
        }
        catch
        {
            TryDelete(temp);
            throw;
        }
        SyncDirectory(dir);
    }

    /// <summary>Temp files left by a crash mid-write; they are never read, and are removed on the next write.</summary>
    public static void CleanStaleTemps(string dir)
    {
        if (!Directory.Exists(dir)) return;
        foreach (var f in Directory.EnumerateFiles(dir, "*" + TempMarker + "*"))
            if (File.GetLastWriteTimeUtc(f) < DateTime.UtcNow.AddMinutes(-10)) TryDelete(f);
    }

    private static void TryDelete(string path)
    {
        try { File.Delete(path); }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }

    private static void SyncDirectory(string dir)
    {
        if (!OperatingSystem.IsLinux() && !OperatingSystem.IsMacOS()) return; // NTFS journals renames itself
        var fd = Open(dir, 0 /* O_RDONLY */);
        if (fd < 0) return; // best effort: the rename already happened atomically
        _ = Fsync(fd);
        _ = Close(fd);
    }

    [LibraryImport("libc", EntryPoint = "open", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Open(string path, int flags);

    [LibraryImport("libc", EntryPoint = "fsync")]
    private static partial int Fsync(int fd);

    [LibraryImport("libc", EntryPoint = "close")]
    private static partial int Close(int fd);
}
