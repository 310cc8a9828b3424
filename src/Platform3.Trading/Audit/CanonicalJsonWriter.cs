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
        if ((uint)value < 10)
        {
            _buffer[_pos++] = (byte)('0' + value); // a count of sources: one digit, the usual case
            return;
        }
        value.TryFormat(_buffer.AsSpan(_pos), out var n, default, CultureInfo.InvariantCulture);
        _pos += n;
    }

    /// <summary>A double in the audit's fixed-point form (<see cref="CompactNumber"/>), null when not finite.</summary>
    public void Number(ReadOnlySpan<byte> name, double value)
    {
        Name(name);
        // Room for the longest text (CompactNumber writes at most 32 bytes), a sign and a whole 32-byte copy.
        Ensure(NumberRoom);
        ref var into = ref _buffer[_pos];
        var abs = Math.Abs(value);
        if (abs < 1e9 && abs == Math.Floor(abs))
        {
            // Whole numbers (zeros, weights of 1, units) are written at once and do not displace a kept text.
            CompactNumber.TryFormat(value, _buffer.AsSpan(_pos, 32), out var whole);
            _pos += whole;
            return;
        }
        // A record repeats its numbers (a signal's strength is the fused confidence and, signed, the score): the last
        // two formatted are kept by the bits of their magnitude, and the same magnitude always formats to the same text;
        // a negative number is that text after a minus sign, unless it is "0" (a magnitude too small for nine decimals
        // of its scale, which CompactNumber writes unsigned). A kept text is copied as one 32-byte block (the bytes past
        // its length are overwritten by what follows or never read).
        var bits = BitConverter.DoubleToInt64Bits(abs);
        ref var kept = ref MemoryMarshal.GetArrayDataReference(_numberText);
        int slot;
        if (_numberLength0 != 0 && _numberBits0 == bits) slot = 0;
        else if (_numberLength1 != 0 && _numberBits1 == bits) slot = 1;
        else
        {
            if (!CompactNumber.TryFormat(abs, _buffer.AsSpan(_pos, 32), out var n))
            {
                Ascii("null"u8);
                return;
            }
            slot = _numberNext;
            if (slot == 0) (_numberBits0, _numberLength0) = (bits, n);
            else (_numberBits1, _numberLength1) = (bits, n);
            Vector256.LoadUnsafe(ref into).StoreUnsafe(ref kept, (nuint)(32 * slot));
            _numberNext ^= 1;
        }
        var length = slot == 0 ? _numberLength0 : _numberLength1;
        var sign = value < 0 && (length != 1 || Unsafe.Add(ref kept, 32 * slot) != (byte)'0') ? 1 : 0;
        into = (byte)'-';
        Vector256.LoadUnsafe(ref kept, (nuint)(32 * slot)).StoreUnsafe(ref Unsafe.Add(ref into, sign));
        _pos += sign + length;
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

    /// <summary>
    /// A JSON string of one ASCII <paramref name="prefix"/> and the digits of a positive <paramref name="value"/> (what
    /// the string <c>prefix + value.ToString(InvariantCulture)</c> writes); false, writing nothing, for zero or less.
    /// </summary>
    public bool PrefixedNumber(ReadOnlySpan<byte> name, byte prefix, long value)
    {
        if (value <= 0) return false;
        Name(name);
        Ensure(24);
        var b = _buffer.AsSpan(_pos, 24);
        b[0] = (byte)'"';
        b[1] = prefix;
        var n = CompactNumber.Write(b[2..], false, (ulong)value, 0);
        b[n + 2] = (byte)'"';
        _pos += n + 3;
        return true;
    }

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

    /// <summary>A feature digest as a JSON string of its 32 lower-case hex digits (what its text writes: plain ASCII).</summary>
    public void Digest(ReadOnlySpan<byte> name, in FeatureDigest digest)
    {
        Name(name);
        Ensure(2 * FeatureDigest.Bytes + 2);
        var b = _buffer.AsSpan(_pos, 2 * FeatureDigest.Bytes + 2);
        b[0] = (byte)'"';
        digest.WriteHex(b[1..]);
        b[^1] = (byte)'"';
        _pos += b.Length;
    }

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
            CopyShort(_lastTime.AsSpan(0, _lastTimeLength), ref MemoryMarshal.GetReference(b));
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
        Pair(b[1..], year / 100);
        Pair(b[3..], year % 100);
        b[5] = (byte)'-';
        Pair(b[6..], month);
        b[8] = (byte)'-';
        Pair(b[9..], day);
        b[11] = (byte)'T';
        Pair(b[12..], secondsOfDay / 3600);
        b[14] = (byte)':';
        Pair(b[15..], secondsOfDay / 60 % 60);
        b[17] = (byte)':';
        Pair(b[18..], secondsOfDay % 60);
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

    /// <summary>The two digits of a number below 100, from the table of pairs.</summary>
    private static void Pair(Span<byte> into, int value)
    {
        into[1] = CompactNumber.DigitPairs[2 * value + 1];
        into[0] = CompactNumber.DigitPairs[2 * value];
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

    /// <summary>
    /// The separator (when one is due) and <c>"name":</c>, with one room check and one update of the position: a comma is
    /// always stored and the name written after it or over it, so the separator costs no branch (records have about
    /// forty names, and the position's store and reload per step was a measurable chain).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Name(ReadOnlySpan<byte> name)
    {
        var pos = _pos;
        var room = name.Length + 4;
        if ((uint)(pos + room) > (uint)_buffer.Length) Grow(room);
        ref var into = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_buffer), pos);
        into = (byte)',';
        var separator = _first ? 0 : 1;
        _first = false;
        into = ref Unsafe.Add(ref into, separator);
        into = (byte)'"';
        CopyShort(name, ref Unsafe.Add(ref into, 1));
        Unsafe.Add(ref into, name.Length + 1) = (byte)'"';
        Unsafe.Add(ref into, name.Length + 2) = (byte)':';
        _pos = pos + separator + name.Length + 3;
    }

    /// <summary>
    /// Copies a short run of bytes (names, kept instants) with two overlapping loads and stores of the widest size that
    /// fits, instead of a call to the general copy; longer runs take the general copy.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void CopyShort(ReadOnlySpan<byte> bytes, ref byte into)
    {
        var n = bytes.Length;
        ref var from = ref MemoryMarshal.GetReference(bytes);
        if (n >= 16 && n <= 32)
        {
            var head = Vector128.LoadUnsafe(ref from);
            var tail = Vector128.LoadUnsafe(ref from, (nuint)(n - 16));
            head.StoreUnsafe(ref into);
            tail.StoreUnsafe(ref into, (nuint)(n - 16));
        }
        else if (n >= 8 && n < 16)
        {
            var head = Unsafe.ReadUnaligned<ulong>(ref from);
            var tail = Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref from, n - 8));
            Unsafe.WriteUnaligned(ref into, head);
            Unsafe.WriteUnaligned(ref Unsafe.Add(ref into, n - 8), tail);
        }
        else if (n >= 4 && n < 8)
        {
            var head = Unsafe.ReadUnaligned<uint>(ref from);
            var tail = Unsafe.ReadUnaligned<uint>(ref Unsafe.Add(ref from, n - 4));
            Unsafe.WriteUnaligned(ref into, head);
            Unsafe.WriteUnaligned(ref Unsafe.Add(ref into, n - 4), tail);
        }
        else if (n < 4)
        {
            for (var i = 0; i < n; i++) Unsafe.Add(ref into, i) = Unsafe.Add(ref from, i);
        }
        else bytes.CopyTo(MemoryMarshal.CreateSpan(ref into, n));
    }

    private void DecimalText(decimal value)
    {
        Ensure(40);
        _buffer[_pos++] = (byte)'"';
        var n = DecimalDigits(value, _buffer.AsSpan(_pos, 38));
        _pos += n;
        _buffer[_pos++] = (byte)'"';
    }

    /// <summary>
    /// The invariant text of a decimal (what <c>ToString(InvariantCulture)</c> writes: every digit of the coefficient,
    /// the point <c>scale</c> digits from the right, "0.00…" before it when needed, no exponent). A nonzero coefficient
    /// below 2^64 (units, prices, commissions: all of them in practice) is written straight from the decimal's fields;
    /// zero and wider coefficients go through the runtime's formatting.
    /// </summary>
    internal static int DecimalDigits(decimal value, Span<byte> into)
    {
        Span<int> bits = stackalloc int[4];
        decimal.GetBits(value, bits);
        var coefficient = (ulong)(uint)bits[1] << 32 | (uint)bits[0];
        if (bits[2] != 0 || coefficient == 0)
        {
            value.TryFormat(into, out var written, default, CultureInfo.InvariantCulture);
            return written;
        }
        return CompactNumber.Write(into, bits[3] < 0, coefficient, (bits[3] >> 16) & 0xFF);
    }

    private void StringText(string? value)
    {
        if (value is null)
        {
            Ascii("null"u8);
            return;
        }
        // Plain strings (the usual case) are checked and narrowed in one pass, eight characters at a time; a string
        // with any other character is written again from the start by the escaping path.
        var length = value.Length;
        Ensure(length + 2 + 8);
        ref var into = ref _buffer[_pos];
        into = (byte)'"';
        if (!NarrowPlain(ref MemoryMarshal.GetReference(value.AsSpan()), length, ref Unsafe.Add(ref into, 1)))
        {
            Escaped(value);
            return;
        }
        Unsafe.Add(ref into, length + 1) = (byte)'"';
        _pos += length + 2;
    }

    /// <summary>
    /// Narrows <paramref name="length"/> characters to ASCII bytes at <paramref name="into"/> (which has room for
    /// <paramref name="length"/> + 8) while every one is <see cref="IsPlain"/>; false as soon as one is not (what was
    /// written then is garbage for the caller to overwrite).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static bool NarrowPlain(ref char from, int length, ref byte into)
    {
        if (length < 8 || !Vector128.IsHardwareAccelerated)
        {
            for (var i = 0; i < length; i++)
            {
                var c = Unsafe.Add(ref from, i);
                if (!IsPlain(c)) return false;
                Unsafe.Add(ref into, i) = (byte)c;
            }
            return true;
        }
        // Blocks of eight, the last one overlapping the one before it (the same characters give the same bytes).
        ref var source = ref Unsafe.As<char, ushort>(ref from);
        var last = (nuint)(length - 8);
        for (nuint i = 0; ; i += 8)
        {
            if (i > last) i = last;
            var chars = Vector128.LoadUnsafe(ref source, i);
            // Outside 0x20..0x7E (unsigned: below 0x20 wraps round), or one of the eight the encoder escapes.
            var other = Vector128.GreaterThan(chars - Vector128.Create((ushort)0x20), Vector128.Create((ushort)(0x7E - 0x20)))
                | Vector128.Equals(chars, Vector128.Create((ushort)'"')) | Vector128.Equals(chars, Vector128.Create((ushort)'\\'))
                | Vector128.Equals(chars, Vector128.Create((ushort)'<')) | Vector128.Equals(chars, Vector128.Create((ushort)'>'))
                | Vector128.Equals(chars, Vector128.Create((ushort)'&')) | Vector128.Equals(chars, Vector128.Create((ushort)'\''))
                | Vector128.Equals(chars, Vector128.Create((ushort)'+')) | Vector128.Equals(chars, Vector128.Create((ushort)'`'));
            if (other != Vector128<ushort>.Zero) return false;
            Unsafe.WriteUnaligned(ref Unsafe.Add(ref into, i), Vector128.Narrow(chars, chars).AsUInt64().ToScalar());
            if (i == last) return true;
        }
    }

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
