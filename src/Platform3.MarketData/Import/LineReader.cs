using Platform3.Core.Errors;

namespace Platform3.MarketData.Import;

/// <summary>
/// Splits an input into lines without allocating per line: a large byte buffer refilled in place, lines
/// handed out as spans (without the line break; a trailing '\r' is removed). Counts 1-based line numbers.
/// </summary>
internal sealed class LineReader : IDisposable
{
    private const int MaxLine = 1 << 16;
    private readonly InputFile _file;
    private readonly byte[] _buffer;
    private int _start, _end;
    private bool _eof;

    public long LineNumber { get; private set; }
    public string Path => _file.Path;

    public LineReader(InputFile file, int bufferSize = 1 << 20)
    {
        _file = file;
        _buffer = new byte[Math.Max(bufferSize, MaxLine * 2)];
    }

    public static LineReader Open(string path) => new(InputFile.Open(path));

    public bool TryReadLine(out ReadOnlySpan<byte> line)
    {
        while (true)
        {
            var idx = _buffer.AsSpan(_start, _end - _start).IndexOf((byte)'\n');
            if (idx >= 0)
            {
                line = Trim(_buffer.AsSpan(_start, idx));
                _start += idx + 1;
                if (++LineNumber == 1 && line.StartsWith(Bom)) line = line[3..];
                return true;
            }
            if (_eof)
            {
                if (_start < _end)
                {
                    line = Trim(_buffer.AsSpan(_start, _end - _start));
                    _start = _end;
                    if (++LineNumber == 1 && line.StartsWith(Bom)) line = line[3..];
                    return true;
                }
                line = default;
                return false;
            }
            if (_end - _start >= MaxLine)
                throw new DataFormatException(Path, LineNumber + 1, "line", $"a line shorter than {MaxLine} bytes", "a longer line (is this a text file?)");
            Fill();
        }
    }

    private void Fill()
    {
        if (_start > 0)
        {
            Buffer.BlockCopy(_buffer, _start, _buffer, 0, _end - _start);
            _end -= _start;
            _start = 0;
        }
        while (_end < _buffer.Length)
        {
            var n = _file.Read(_buffer.AsSpan(_end));
            if (n == 0) { _eof = true; return; }
            _end += n;
            if (_buffer.AsSpan(_end - n, n).Contains((byte)'\n')) return;
        }
    }

    private static ReadOnlySpan<byte> Bom => [0xEF, 0xBB, 0xBF];

    private static ReadOnlySpan<byte> Trim(ReadOnlySpan<byte> s) => s.Length > 0 && s[^1] == (byte)'\r' ? s[..^1] : s;

    public void Dispose() => _file.Dispose();
}
