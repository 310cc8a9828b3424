using System.Collections;
using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Text;

namespace Platform3.Trading.Audit;

/// <summary>
/// An audit log in memory: the same chain, no disk. For tests, backtests and latency measurements. With
/// <c>keepLast</c> it holds only the newest records (the chain head and count still cover all of them), so a
/// long measurement does not grow the heap. Each record's digest, ASCII reference id and UTF-8 payload are kept as
/// bytes in large shared blocks, and <see cref="Records"/> turns an entry into an <see cref="AuditRecord"/> when read:
/// a year of decisions holds no string per record, which the garbage collector would otherwise trace and copy on
/// every collection (most of a backtest's collection time was spent on the log's hash and id strings).
/// </summary>
public sealed class InMemoryAuditLog : IAuditLog
{
    private const int BlockSize = 1 << 20;
    private const int DigestBytes = AuditChain.DigestBytes;
    private readonly int? _keepLast;
    private const int ChunkShift = 10;
    private const int ChunkSize = 1 << ChunkShift;
    // Entries in fixed chunks, not one growing array: growing copied every entry at each doubling. Positions are
    // absolute: the held entries are [_first, _next).
    private readonly List<Entry[]?> _chunks = [];
    private long _first;
    private long _next;
    private readonly List<byte[]?> _blocks = [];
    private readonly Stack<byte[]> _spare = new();
    private int _current = -1; // the block small records go to
    private int _blockUsed;
    private long _count;
    private readonly byte[] _head = new byte[DigestBytes]; // the last record's digest (all zero: the genesis hash)
    private string _prevOfFirst = AuditChain.Genesis; // the previous hash of the oldest record held

    /// <summary>
    /// One record: its header, and where its bytes are: at <c>Offset</c> in block <c>Block</c> its digest, then its
    /// reference id (<c>RefIdBytes</c> of ASCII), then its payload (<c>PayloadBytes</c> of UTF-8). Its sequence number is
    /// its position + 1 (positions count every record appended). The rare record whose id is not ASCII or that was
    /// appended as text keeps those strings in <see cref="_texts"/>, so an entry is 32 bytes with one reference: the
    /// log's entries are most of what a backtest's collections find alive and copy.
    /// </summary>
    private readonly record struct Entry(string Kind, long TimeTicks, int Block, int Offset, int RefIdBytes, int PayloadBytes);

    /// <summary>The id text (not ASCII) and payload text (appended as text) of the records that have them, by position.</summary>
    private readonly Dictionary<long, (string? RefIdText, string? Text)> _texts = [];

    public InMemoryAuditLog(int? keepLast = null)
    {
        if (keepLast is < 1) throw new ArgumentOutOfRangeException(nameof(keepLast));
        _keepLast = keepLast;
        Records = new RecordList(this);
    }

    /// <summary>The records held (all of them unless <c>keepLast</c> was given), oldest first.</summary>
    public IReadOnlyList<AuditRecord> Records { get; }
    public long Count => _count;
    public string HeadHash => AuditChain.LowerHex(_head);

    public AuditRecord Append(string kind, string refId, DateTime timeUtc, string payload)
    {
        AuditChain.ValidateHeader(kind, refId);
        ArgumentNullException.ThrowIfNull(payload);
        var seq = _count + 1;
        Span<byte> digest = stackalloc byte[DigestBytes];
        var rented = System.Buffers.ArrayPool<byte>.Shared.Rent(Encoding.UTF8.GetMaxByteCount(payload.Length));
        try
        {
            var n = Encoding.UTF8.GetBytes(payload, rented);
            AuditChain.ComputeDigest(seq, kind, refId, timeUtc.Ticks, _head, rented.AsSpan(0, n), digest);
        }
        finally
        {
            System.Buffers.ArrayPool<byte>.Shared.Return(rented);
        }
        Add(seq, kind, refId, timeUtc.Ticks, digest, default, payload);
        return Materialise(_next - 1);
    }

    public string AppendUtf8(string kind, string refId, DateTime timeUtc, ReadOnlySpan<byte> utf8Payload)
    {
        Span<byte> digest = stackalloc byte[DigestBytes];
        AppendUtf8Digest(kind, refId, timeUtc, utf8Payload, digest);
        return AuditChain.LowerHex(digest);
    }

    public void AppendUtf8Digest(string kind, string refId, DateTime timeUtc, ReadOnlySpan<byte> utf8Payload, Span<byte> digest)
    {
        AuditChain.ValidateHeader(kind, refId);
        AuditChain.ValidateUtf8(utf8Payload);
        AppendChecked(kind, refId, timeUtc, utf8Payload, digest);
    }

    /// <summary>
    /// <see cref="AppendUtf8Digest"/> for a payload that <see cref="CanonicalJsonWriter"/> wrote: valid UTF-8 by
    /// construction (plain ASCII, or what <see cref="System.Text.Json.Utf8JsonWriter"/> escaped), so it is not scanned again.
    /// </summary>
    internal void AppendWritten(string kind, string refId, DateTime timeUtc, ReadOnlySpan<byte> utf8Payload, Span<byte> digest)
    {
        AuditChain.ValidateHeader(kind, refId);
        AppendChecked(kind, refId, timeUtc, utf8Payload, digest);
    }

    private void AppendChecked(string kind, string refId, DateTime timeUtc, ReadOnlySpan<byte> utf8Payload, Span<byte> digest)
    {
        if (digest.Length < DigestBytes) throw new ArgumentException("a SHA-256 digest needs 32 bytes", nameof(digest));
        var seq = _count + 1;
        AuditChain.ComputeDigest(seq, kind, refId, timeUtc.Ticks, _head, utf8Payload, digest);
        Add(seq, kind, refId, timeUtc.Ticks, digest[..DigestBytes], utf8Payload, null);
    }

    private int Held => (int)(_next - _first);

    private ref Entry At(long position) => ref _chunks[(int)(position >> ChunkShift)]![position & (ChunkSize - 1)];

    private void Add(long seq, string kind, string refId, long timeTicks, ReadOnlySpan<byte> digest, ReadOnlySpan<byte> utf8Payload, string? text)
    {
        if (_keepLast is { } k && Held >= k) DropOldest();
        var asciiRefId = System.Text.Ascii.IsValid(refId);
        var refIdBytes = asciiRefId ? refId.Length : 0;
        var (block, offset) = Reserve(DigestBytes + refIdBytes + utf8Payload.Length);
        var into = _blocks[block].AsSpan(offset, DigestBytes + refIdBytes + utf8Payload.Length);
        digest.CopyTo(into);
        if (asciiRefId) System.Text.Ascii.FromUtf16(refId, into.Slice(DigestBytes, refIdBytes), out _);
        utf8Payload.CopyTo(into[(DigestBytes + refIdBytes)..]);
        var chunk = (int)(_next >> ChunkShift);
        if (chunk == _chunks.Count)
        {
            _chunks.Add(_spareChunk ?? new Entry[ChunkSize]);
            _spareChunk = null;
        }
        Debug.Assert(seq == _next + 1, "a record's sequence number is its position + 1");
        At(_next) = new Entry(kind, timeTicks, block, offset, refIdBytes, utf8Payload.Length);
        if (!asciiRefId || text is not null) _texts[_next] = (asciiRefId ? null : refId, text);
        _next++;
        _count = seq;
        digest.CopyTo(_head);
    }

    private Entry[]? _spareChunk;

    /// <summary>With <c>keepLast</c>, the older half of the held records goes; chunks and blocks only they used are released.</summary>
    private void DropOldest()
    {
        var first = _first + Math.Max(1, Held / 2);
        _prevOfFirst = HashAt(first - 1);
        if (_texts.Count > 0)
            foreach (var position in _texts.Keys.Where(p => p < first).ToArray()) _texts.Remove(position);
        _first = first;
        // Chunks wholly before the oldest held entry are released (the last one is kept to be reused).
        for (var c = (int)(_first >> ChunkShift) - 1; c >= 0 && _chunks[c] is not null; c--)
        {
            _spareChunk ??= _chunks[c];
            _chunks[c] = null;
        }
        var oldest = Held > 0 ? At(_first).Block : _current;
        for (var b = 0; b < Math.Min(oldest, _current); b++)
        {
            if (_blocks[b] is { Length: BlockSize } free && _spare.Count < 2) _spare.Push(free);
            _blocks[b] = null;
        }
    }

    /// <summary>Room for a record's bytes in the current block (a new one when they do not fit; a large record gets its own).</summary>
    private (int Block, int Offset) Reserve(int length)
    {
        if (length > BlockSize / 4)
        {
            _blocks.Add(GC.AllocateUninitializedArray<byte>(length));
            return (_blocks.Count - 1, 0);
        }
        if (_current < 0 || _blockUsed + length > BlockSize)
        {
            // A block released by keepLast is reused (no large-object churn, no fresh pages to fault in); a new one is
            // uninitialised: every byte handed out is written first, and zeroing a megabyte per block was measurable.
            _blocks.Add(_spare.Count > 0 ? _spare.Pop() : GC.AllocateUninitializedArray<byte>(BlockSize));
            _current = _blocks.Count - 1;
            _blockUsed = 0;
        }
        var offset = _blockUsed;
        _blockUsed += length;
        return (_current, offset);
    }

    private string HashAt(long position)
    {
        ref var e = ref At(position);
        return AuditChain.LowerHex(_blocks[e.Block].AsSpan(e.Offset, DigestBytes));
    }

    private AuditRecord Materialise(long position)
    {
        ref var e = ref At(position);
        var block = _blocks[e.Block]!;
        var (refIdText, text) = _texts.GetValueOrDefault(position);
        var refId = refIdText ?? Encoding.ASCII.GetString(block, e.Offset + DigestBytes, e.RefIdBytes);
        var payload = text ?? Encoding.UTF8.GetString(block, e.Offset + DigestBytes + e.RefIdBytes, e.PayloadBytes);
        var prev = position == _first ? _prevOfFirst : HashAt(position - 1);
        return new AuditRecord(position + 1, e.Kind, refId, e.TimeTicks, payload, prev, HashAt(position));
    }

    public void Flush() { }

    public void Dispose() { }

    /// <summary>The held records as a list, each made when read.</summary>
    private sealed class RecordList(InMemoryAuditLog log) : IReadOnlyList<AuditRecord>
    {
        public AuditRecord this[int index] =>
            (uint)index < (uint)log.Held ? log.Materialise(log._first + index) : throw new ArgumentOutOfRangeException(nameof(index));

        public int Count => log.Held;

        public IEnumerator<AuditRecord> GetEnumerator()
        {
            for (var i = 0; i < log.Held; i++) yield return this[i];
        }

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
