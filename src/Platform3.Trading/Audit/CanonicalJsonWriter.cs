using System.Buffers;
using System.Buffers.Text;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Text.Json;

namespace Platform3.Trading.Audit;

/// <summary>
/// A forward-only JSON writer into one reused UTF-8 buffer that produces exactly the bytes of
/// <see cref="Utf8JsonWriter"/> with default options (minimised, default escaping), which wrote the audit log
/// before it: the audit hashes are computed over these bytes, so old logs must keep verifying and the same record
/// must keep its hash. It writes nothing per record to the heap. Strings made only of printable ASCII that the
/// default encoder leaves alone (the common case: ids, codes, reason sentences) are copied byte for byte; any other
/// string is escaped by a <see cref="Utf8JsonWriter"/> kept for the purpose, so its escaping is the original's by
/// construction. Property names are passed as UTF-8 literals of plain ASCII (snake_case keys need no escaping).
/// </summary>
internal sealed class CanonicalJsonWriter
{
    private byte[] _buffer;
    private int _pos;
    private bool _first = true; // no separator before the next property or element
    private ArrayBufferWriter<byte>? _escapeBuffer;
    private Utf8JsonWriter? _escaper;

    public CanonicalJsonWriter(int capacity = 4096) => _buffer = new byte[capacity];

    /// <summary>Bytes written since the last <see cref="Reset"/>.</summary>
    public ReadOnlySpan<byte> Written => _buffer.AsSpan(0, _pos);

    public int Length => _pos;

    public void Reset()
    {
        _pos = 0;
        _first = true;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void StartObject() { Separator(); Raw((byte)'{'); _first = true; }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void StartObject(ReadOnlySpan<byte> name) { Name(name); Raw((byte)'{'); _first = true; }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void EndObject() { Raw((byte)'}'); _first = false; }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void StartArray(ReadOnlySpan<byte> name) { Name(name); Raw((byte)'['); _first = true; }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void EndArray() { Raw((byte)']'); _first = false; }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Null(ReadOnlySpan<byte> name) { Name(name); Ascii("null"u8); }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Bool(ReadOnlySpan<byte> name, bool value) { Name(name); Ascii(value ? "true"u8 : "false"u8); }

    public void Int(ReadOnlySpan<byte> name, int value)
    {
        Name(name);
        Ensure(11);
        value.TryFormat(_buffer.AsSpan(_pos), out var n, default, CultureInfo.InvariantCulture);
        _pos += n;
    }

    /// <summary>A double in the audit's fixed-point form (<see cref="CompactNumber"/>), null when not finite.</summary>
    public void Number(ReadOnlySpan<byte> name, double value)
    {
        Name(name);
        // Room for the longest text (CompactNumber writes at most 32 bytes) and for a whole 32-byte copy.
        Ensure(NumberRoom);
        ref var into = ref _buffer[_pos];
        // A record repeats its numbers (a signal's strength is the fused confidence and, signed, the score): the last
        // two formatted are kept by their bits, and the same bits always format to the same text. A kept text is
        // copied as one 32-byte block (the bytes past its length are overwritten by what follows or never read).
        var bits = BitConverter.DoubleToInt64Bits(value);
        ref var kept = ref MemoryMarshal.GetArrayDataReference(_numberText);
        if (_numberLength0 != 0 && _numberBits0 == bits)
        {
            Vector256.LoadUnsafe(ref kept).StoreUnsafe(ref into);
            _pos += _numberLength0;
            return;
        }
        if (_numberLength1 != 0 && _numberBits1 == bits)
        {
            Vector256.LoadUnsafe(ref kept, 32).StoreUnsafe(ref into);
            _pos += _numberLength1;
            return;
        }
        if (!CompactNumber.TryFormat(value, _buffer.AsSpan(_pos, 32), out var n))
        {
            Ascii("null"u8);
            return;
        }
        if (_numberNext == 0)
        {
            (_numberBits0, _numberLength0) = (bits, n);
            Vector256.LoadUnsafe(ref into).StoreUnsafe(ref kept);
        }
        else
        {
            (_numberBits1, _numberLength1) = (bits, n);
            Vector256.LoadUnsafe(ref into).StoreUnsafe(ref kept, 32);
        }
        _numberNext ^= 1;
        _pos += n;
    }

    private const int NumberRoom = 40;

    /// <summary>
    /// A double as <see cref="Utf8JsonWriter.WriteNumber(string, double)"/> writes it (the shortest text that reads back
    /// as the same double, through <see cref="Utf8Formatter"/> as that writer does), null when not finite.
    /// </summary>
    public void RoundTrip(ReadOnlySpan<byte> name, double value)
    {
        Name(name);
        if (!double.IsFinite(value))
        {
            Ascii("null"u8);
            return;
        }
        Ensure(64);
        Utf8Formatter.TryFormat(value, _buffer.AsSpan(_pos), out var n);
        _pos += n;
    }

    // The two kept numbers: bits, text length (0: empty slot) and text (32 bytes each in _numberText).
    private long _numberBits0, _numberBits1;
    private int _numberLength0, _numberLength1;
    private readonly byte[] _numberText = new byte[64];
    private int _numberNext;

    /// <summary>A decimal as a JSON string (exact): the text of <c>ToString(InvariantCulture)</c>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Decimal(ReadOnlySpan<byte> name, decimal value) { Name(name); DecimalText(value); }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void DecimalValue(decimal value) { Separator(); DecimalText(value); }

    /// <summary>A string property (null when <paramref name="value"/> is null, as the original writer did).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void String(ReadOnlySpan<byte> name, string? value) { Name(name); StringText(value); }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void StringValue(string? value) { Separator(); StringText(value); }

    /// <summary>
    /// A UTC instant as <see cref="Utf8JsonWriter"/> writes a <see cref="DateTime"/> of kind UTC: ISO 8601 with
    /// seconds, the seven fractional digits only when not all zero (trailing zeros trimmed), and 'Z'.
    /// </summary>
    public void Time(ReadOnlySpan<byte> name, DateTime utc)
    {
        Name(name);
        Ensure(40);
        var b = _buffer.AsSpan(_pos);
        // A record repeats its instant (the decision's and its signals' times): the last one is kept formatted.
        if (utc.Ticks == _lastTimeTicks)
        {
            _lastTime.AsSpan(0, _lastTimeLength).CopyTo(b);
            _pos += _lastTimeLength;
            return;
        }
        var n = FormatTime(b, utc);
        b[..n].CopyTo(_lastTime);
        _lastTimeLength = n;
        _lastTimeTicks = utc.Ticks;
        _pos += n;
    }

    private long _lastTimeTicks = -1;
    private readonly byte[] _lastTime = new byte[40];
    private int _lastTimeLength;

    private static int FormatTime(Span<byte> b, DateTime utc)
    {
        utc.Deconstruct(out int year, out int month, out int day);
        var secondsOfDay = (int)(utc.Ticks / TimeSpan.TicksPerSecond % 86_400);
        b[0] = (byte)'"';
        Digits(b.Slice(1, 4), year);
        b[5] = (byte)'-';
        Digits(b.Slice(6, 2), month);
        b[8] = (byte)'-';
        Digits(b.Slice(9, 2), day);
        b[11] = (byte)'T';
        Digits(b.Slice(12, 2), secondsOfDay / 3600);
        b[14] = (byte)':';
        Digits(b.Slice(15, 2), secondsOfDay / 60 % 60);
        b[17] = (byte)':';
        Digits(b.Slice(18, 2), secondsOfDay % 60);
        var n = 20;
        var fraction = (int)(utc.Ticks % TimeSpan.TicksPerSecond);
        if (fraction != 0)
        {
            b[n++] = (byte)'.';
            var digits = 7;
            while (fraction % 10 == 0) { fraction /= 10; digits--; }
            Digits(b.Slice(n, digits), fraction);
            n += digits;
        }
        b[n++] = (byte)'Z';
        b[n++] = (byte)'"';
        return n;
    }

    private static void Digits(Span<byte> into, int value)
    {
        for (var i = into.Length - 1; i >= 0; i--)
        {
            into[i] = (byte)('0' + value % 10);
            value /= 10;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Separator()
    {
        if (_first) _first = false;
        else Raw((byte)',');
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Name(ReadOnlySpan<byte> name)
    {
        Separator();
        Ensure(name.Length + 3);
        var b = _buffer.AsSpan(_pos);
        b[0] = (byte)'"';
        name.CopyTo(b[1..]);
        b[name.Length + 1] = (byte)'"';
        b[name.Length + 2] = (byte)':';
        _pos += name.Length + 3;
    }

    private void DecimalText(decimal value)
    {
        Ensure(40);
        _buffer[_pos++] = (byte)'"';
        value.TryFormat(_buffer.AsSpan(_pos), out var n, default, CultureInfo.InvariantCulture);
        _pos += n;
        _buffer[_pos++] = (byte)'"';
    }

    private void StringText(string? value)
    {
        if (value is null)
        {
            Ascii("null"u8);
            return;
        }
        // Plain strings (the usual case) are found and narrowed by vectorised scans rather than char by char.
        if (value.AsSpan().ContainsAnyExcept(PlainChars))
        {
            Escaped(value);
            return;
        }
        Ensure(value.Length + 2);
        var b = _buffer.AsSpan(_pos, value.Length + 2);
        b[0] = (byte)'"';
        System.Text.Ascii.FromUtf16(value, b[1..], out _);
        b[^1] = (byte)'"';
        _pos += value.Length + 2;
    }

    /// <summary>The characters <see cref="IsPlain"/> accepts, for vectorised searches.</summary>
    private static readonly SearchValues<char> PlainChars =
        SearchValues.Create(Enumerable.Range(0, 128).Select(c => (char)c).Where(IsPlain).ToArray());

    // Printable ASCII that the default JSON encoder writes as is (it escapes " \ < > & ' + and `), one bit per char:
    // 0x20..0x3F in the first mask, 0x40..0x7E in the second (a test checks them against that rule).
    internal const ulong PlainBelow64 = 0xaffff73b00000000;
    internal const ulong Plain64To127 = 0x7ffffffeefffffff;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static bool IsPlain(char c) => c < 64 ? (PlainBelow64 >> c & 1) != 0 : c < 128 && (Plain64To127 >> (c - 64) & 1) != 0;

    /// <summary>Any other string: escaped by the original writer, so the bytes are its bytes.</summary>
    private void Escaped(string value)
    {
        _escapeBuffer ??= new ArrayBufferWriter<byte>(256);
        _escapeBuffer.ResetWrittenCount();
        if (_escaper is null) _escaper = new Utf8JsonWriter(_escapeBuffer);
        else _escaper.Reset(_escapeBuffer);
        _escaper.WriteStringValue(value);
        _escaper.Flush();
        Write(_escapeBuffer.WrittenSpan);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Ascii(ReadOnlySpan<byte> text) => Write(text);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Write(ReadOnlySpan<byte> bytes)
    {
        Ensure(bytes.Length);
        bytes.CopyTo(_buffer.AsSpan(_pos));
        _pos += bytes.Length;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Raw(byte b)
    {
        Ensure(1);
        _buffer[_pos++] = b;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Ensure(int more)
    {
        if (_pos + more > _buffer.Length) Grow(more);
    }

    private void Grow(int more) => Array.Resize(ref _buffer, Math.Max(_buffer.Length * 2, _pos + more));
}
