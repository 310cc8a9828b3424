using System.Buffers;
using System.Buffers.Binary;
using System.IO.Hashing;
using Platform3.Core.Domain;
using Platform3.Core.Errors;

namespace Platform3.MarketData.Storage;

internal enum PartitionKind : byte { Bars = 1, Ticks = 2 }

/// <summary>A column to write: either longs or doubles, all with the partition's row count.</summary>
internal readonly record struct ColumnData(ColumnId Id, ReadOnlyMemory<long> Longs, ReadOnlyMemory<double> Doubles)
{
    public static ColumnData Of(ColumnId id, ReadOnlyMemory<long> values) => new(id, values, default);
    public static ColumnData Of(ColumnId id, ReadOnlyMemory<double> values) => new(id, default, values);
    public bool IsLong => Doubles.IsEmpty && !Longs.IsEmpty;
}

/// <summary>The fixed-size start of a partition file, readable without loading the rest (for list and info).</summary>
internal readonly record struct PartitionHeader(PartitionKind Kind, Timeframe Timeframe, int Count, long FirstTime, long LastTime, int ColumnCount);

/// <summary>
/// One partition file: a 48-byte header, a column directory, 8-byte aligned column blocks, and an
/// XxHash3 of everything before it as the last 8 bytes. A torn or bit-flipped file fails the checksum
/// on load and is reported by path instead of being read as bars.
/// </summary>
internal static class PartitionFormat
{
    public const ushort Version = 1;
    public const int HeaderSize = 48;
    private const int EntrySize = 40;
    private static ReadOnlySpan<byte> Magic => "P3PART\r\n"u8;

    public static byte[] Encode(PartitionKind kind, Timeframe timeframe, int count, IReadOnlyList<ColumnData> columns, long firstTime, long lastTime)
    {
        var plans = new (ColumnData Data, ColumnEncoding Enc, byte Scale, long Base, long Unit, int Size)[columns.Count];
        long offset = HeaderSize + EntrySize * columns.Count;
        for (var i = 0; i < columns.Count; i++)
        {
            var c = columns[i];
            ColumnEncoding enc; byte scale = 0; long origin = 0, unit = 1;
            if (c.IsLong || count == 0 && c.Doubles.IsEmpty && c.Id is ColumnId.Time or ColumnId.Volume)
            {
                if (c.Longs.Length != count) throw new ArgumentException($"column {c.Id} has {c.Longs.Length} rows, expected {count}");
                (enc, origin, unit) = ColumnCodec.ChooseLong(c.Longs.Span, c.Id == ColumnId.Time);
            }
            else
            {
                if (c.Doubles.Length != count) throw new ArgumentException($"column {c.Id} has {c.Doubles.Length} rows, expected {count}");
                (enc, scale) = ColumnCodec.ChooseDouble(c.Doubles.Span);
            }
            plans[i] = (c, enc, scale, origin, unit, ColumnCodec.EncodedSize(enc, count));
        }
        var total = offset;
        foreach (var p in plans) total = Align8(total) + p.Size;
        total = Align8(total) + 8;
        var bytes = new byte[total];
        var span = bytes.AsSpan();
        Magic.CopyTo(span);
        BinaryPrimitives.WriteUInt16LittleEndian(span[8..], Version);
        span[10] = (byte)kind;
        span[11] = (byte)timeframe.Code;
        BinaryPrimitives.WriteInt32LittleEndian(span[12..], count);
        BinaryPrimitives.WriteInt64LittleEndian(span[16..], firstTime);
        BinaryPrimitives.WriteInt64LittleEndian(span[24..], lastTime);
        BinaryPrimitives.WriteUInt16LittleEndian(span[32..], (ushort)columns.Count);
        var pos = offset;
        for (var i = 0; i < plans.Length; i++)
        {
            var p = plans[i];
            pos = Align8(pos);
            var e = span.Slice(HeaderSize + i * EntrySize, EntrySize);
            e[0] = (byte)p.Data.Id;
            e[1] = (byte)p.Enc;
            e[2] = p.Scale;
            BinaryPrimitives.WriteInt64LittleEndian(e[8..], p.Base);
            BinaryPrimitives.WriteInt64LittleEndian(e[16..], p.Unit);
            BinaryPrimitives.WriteInt64LittleEndian(e[24..], pos);
            BinaryPrimitives.WriteInt64LittleEndian(e[32..], p.Size);
            var dst = span.Slice((int)pos, p.Size);
            if (p.Enc is ColumnEncoding.Float64 or ColumnEncoding.ScaledInt32)
                ColumnCodec.EncodeDouble(p.Data.Doubles.Span, p.Enc, p.Scale, dst);
            else
                ColumnCodec.EncodeLong(p.Data.Longs.Span, p.Enc, p.Base, p.Unit, dst);
            pos += p.Size;
        }
        var hash = XxHash3.HashToUInt64(span[..^8]);
        BinaryPrimitives.WriteUInt64LittleEndian(span[^8..], hash);
        return bytes;
    }

    public static PartitionHeader ReadHeader(string path, ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length < HeaderSize + 8 || !bytes[..8].SequenceEqual(Magic))
            throw Corrupt(path, "not a Platform3 partition file (bad magic or too short)");
        var version = BinaryPrimitives.ReadUInt16LittleEndian(bytes[8..]);
        if (version != Version) throw Corrupt(path, $"format version {version}; this build reads version {Version}");
        var tfCode = bytes[11];
        var tf = Timeframe.All.FirstOrDefault(t => t.Code == tfCode);
        if (tf.Code != tfCode) throw Corrupt(path, $"unknown timeframe code {tfCode}");
        return new PartitionHeader((PartitionKind)bytes[10], tf,
            BinaryPrimitives.ReadInt32LittleEndian(bytes[12..]),
            BinaryPrimitives.ReadInt64LittleEndian(bytes[16..]),
            BinaryPrimitives.ReadInt64LittleEndian(bytes[24..]),
            BinaryPrimitives.ReadUInt16LittleEndian(bytes[32..]));
    }

    public static PartitionHeader ReadHeader(string path)
    {
        Span<byte> buf = stackalloc byte[HeaderSize + 8];
        using var handle = File.OpenHandle(path);
        var n = RandomAccess.Read(handle, buf, 0);
        return ReadHeader(path, buf[..n]);
    }

    /// <summary>Reads and verifies a whole partition into a pooled buffer.</summary>
    public static PartitionView Open(string path)
    {
        using var handle = File.OpenHandle(path);
        var length = RandomAccess.GetLength(handle);
        if (length > int.MaxValue) throw Corrupt(path, "file larger than 2 GiB");
        var buffer = ArrayPool<byte>.Shared.Rent((int)length);
        try
        {
            var read = 0;
            while (read < length)
            {
                var n = RandomAccess.Read(handle, buffer.AsSpan(read, (int)length - read), read);
                if (n == 0) break;
                read += n;
            }
            var bytes = buffer.AsSpan(0, read);
            var header = ReadHeader(path, bytes);
            var expected = BinaryPrimitives.ReadUInt64LittleEndian(bytes[^8..]);
            if (XxHash3.HashToUInt64(bytes[..^8]) != expected)
                throw Corrupt(path, "checksum mismatch (the file was damaged after it was written)");
            var entries = new ColumnEntry[header.ColumnCount];
            for (var i = 0; i < entries.Length; i++)
            {
                var e = bytes.Slice(HeaderSize + i * EntrySize, EntrySize);
                entries[i] = new ColumnEntry((ColumnId)e[0], (ColumnEncoding)e[1], e[2],
                    BinaryPrimitives.ReadInt64LittleEndian(e[8..]), BinaryPrimitives.ReadInt64LittleEndian(e[16..]),
                    BinaryPrimitives.ReadInt64LittleEndian(e[24..]), BinaryPrimitives.ReadInt64LittleEndian(e[32..]));
                if (entries[i].Offset + entries[i].Length > read - 8) throw Corrupt(path, $"column {entries[i].Id} runs past the end");
            }
            return new PartitionView(path, header, entries, buffer, read);
        }
        catch
        {
            ArrayPool<byte>.Shared.Return(buffer);
            throw;
        }
    }

    private static long Align8(long v) => (v + 7) & ~7L;

    public static DataException Corrupt(string path, string what) =>
        new($"{path}: store partition is unreadable: {what}. Delete it and re-import its source data.");
}

/// <summary>A verified partition held in a pooled buffer; dispose to return the buffer.</summary>
internal sealed class PartitionView(string path, PartitionHeader header, ColumnEntry[] entries, byte[] buffer, int length) : IDisposable
{
    private byte[]? _buffer = buffer;

    public string Path { get; } = path;
    public PartitionHeader Header { get; } = header;
    public int Count => Header.Count;

    public bool Has(ColumnId id) => Array.FindIndex(entries, e => e.Id == id) >= 0;

    private ReadOnlySpan<byte> Column(ColumnId id, out ColumnEntry entry)
    {
        foreach (var e in entries)
        {
            if (e.Id != id) continue;
            entry = e;
            return (_buffer ?? throw new ObjectDisposedException(Path)).AsSpan(0, length).Slice((int)e.Offset, (int)e.Length);
        }
        throw PartitionFormat.Corrupt(Path, $"column {id} is missing");
    }

    public void ReadLongs(ColumnId id, int start, Span<long> dst)
    {
        var bytes = Column(id, out var e);
        ColumnCodec.DecodeLong(bytes, e, start, dst);
    }

    public void ReadDoubles(ColumnId id, int start, Span<double> dst)
    {
        var bytes = Column(id, out var e);
        ColumnCodec.DecodeDouble(bytes, e, start, dst);
    }

    public void Dispose()
    {
        if (_buffer is null) return;
        ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = null;
    }
}
