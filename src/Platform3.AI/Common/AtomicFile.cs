using System.Security.Cryptography;

namespace Platform3.AI.Common;

/// <summary>
/// Crash-safe file writes: write a temp file beside the target, fsync it, then rename over the target,
/// so a reader sees either the old file or the whole new one, never a torn write.
/// </summary>
public static class AtomicFile
{
    public static void WriteAllBytes(string path, byte[] bytes) => Write(path, s => s.Write(bytes));

    public static void WriteAllText(string path, string text) =>
        WriteAllBytes(path, System.Text.Encoding.UTF8.GetBytes(text));

    /// <summary>Writes through <paramref name="write"/> into a temp file, then atomically replaces <paramref name="path"/>.</summary>
    public static void Write(string path, WriteAction write)
    {
        var full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        var tmp = full + ".tmp-" + Convert.ToHexString(RandomNumberGenerator.GetBytes(4));
        try
        {
            using (var fs = new FileStream(tmp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16))
            {
                write(fs);
                fs.Flush(flushToDisk: true);
            }
            File.Move(tmp, full, overwrite: true);
        }
        catch
        {
            if (File.Exists(tmp)) File.Delete(tmp);
            throw;
        }
    }

    /// <summary>Copies a file crash-safely (used for model artifacts entering the registry).</summary>
    public static void Copy(string source, string destination) =>
        Write(destination, s => { using var src = File.OpenRead(source); src.CopyTo(s); });

    public delegate void WriteAction(Stream stream);
}
