namespace Platform3.MarketData.Storage;

/// <summary>
/// An exclusive lock on one series folder, so two imports of the same symbol cannot interleave their
/// read-merge-write cycles and lose each other's rows. On Unix .NET takes an advisory flock for FileShare.None.
/// </summary>
internal sealed class SeriesLock : IDisposable
{
    private readonly FileStream _stream;

    private SeriesLock(FileStream stream) => _stream = stream;

    public static SeriesLock Acquire(string seriesDir, TimeSpan? timeout = null)
    {
        Directory.CreateDirectory(seriesDir);
        var path = Path.Combine(seriesDir, ".lock");
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(60));
        while (true)
        {
            try
            {
                return new SeriesLock(new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None));
            }
            catch (IOException) when (DateTime.UtcNow < deadline)
            {
                Thread.Sleep(50);
            }
            catch (IOException ex)
            {
                throw new Core.Errors.DataException($"{seriesDir}: another process has held the write lock for too long; try again.", ex);
            }
        }
    }

    public void Dispose() => _stream.Dispose();
}
