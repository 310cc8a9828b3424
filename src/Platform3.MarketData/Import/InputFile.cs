using System.IO.Compression;
using System.IO.Hashing;
using Platform3.Core.Errors;

namespace Platform3.MarketData.Import;

/// <summary>
/// Opens an input file, decompressing gzip transparently (detected from the magic bytes, whatever the
/// extension). .NET's GZipStream returns a short stream without complaint when a .gz is cut off, so the
/// decompressed bytes are counted and CRC'd and checked against the gzip trailer at the end: a truncated or
/// damaged download is reported instead of importing half a file.
/// </summary>
internal sealed class InputFile : IDisposable
{
    private readonly Stream _raw;
    private readonly Stream _stream;
    private readonly Crc32? _crc;
    private readonly uint _trailerCrc, _trailerSize;
    private long _size;

    public string Path { get; }
    public string Name => System.IO.Path.GetFileName(Path);
    public bool IsGzip { get; }

    private InputFile(string path)
    {
        Path = path;
        if (!File.Exists(path)) throw new DataException($"{path}: file not found.");
        _raw = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        Span<byte> magic = stackalloc byte[2];
        var n = _raw.ReadAtLeast(magic, 2, throwOnEndOfStream: false);
        _raw.Position = 0;
        IsGzip = n == 2 && magic[0] == 0x1f && magic[1] == 0x8b;
        if (!IsGzip)
        {
            _stream = _raw;
            return;
        }
        if (_raw.Length < 18) throw Truncated("shorter than a gzip header and trailer");
        Span<byte> trailer = stackalloc byte[8];
        _raw.Position = _raw.Length - 8;
        _raw.ReadExactly(trailer);
        _raw.Position = 0;
        _trailerCrc = BitConverter.ToUInt32(trailer);
        _trailerSize = BitConverter.ToUInt32(trailer[4..]);
        _crc = new Crc32();
        _stream = new GZipStream(_raw, CompressionMode.Decompress);
    }

    public static InputFile Open(string path) => new(path);

    /// <summary>Reads decompressed bytes; 0 at the end (after the gzip trailer has been verified).</summary>
    public int Read(Span<byte> buffer)
    {
        int n;
        try
        {
            n = _stream.Read(buffer);
        }
        catch (InvalidDataException ex)
        {
            throw new DataException($"{Path}: the gzip data is corrupt ({ex.Message}).", ex);
        }
        if (_crc is null) return n;
        if (n > 0)
        {
            _crc.Append(buffer[..n]);
            _size += n;
            return n;
        }
        if (_crc.GetCurrentHashAsUInt32() != _trailerCrc || (uint)_size != _trailerSize)
            throw Truncated($"decompressed {_size:N0} bytes, but the gzip trailer expects {_trailerSize:N0} bytes with another checksum: " +
                "the file is truncated mid-stream or damaged (concatenated gzip members are not supported)");
        return 0;
    }

    private DataException Truncated(string what) => new($"{Path}: gzip file is truncated or corrupt: {what}. Download it again.");

    public void Dispose()
    {
        _stream.Dispose();
        _raw.Dispose();
    }
}
