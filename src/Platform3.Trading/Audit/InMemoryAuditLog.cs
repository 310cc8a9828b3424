using System.Collections;
using System.Runtime.CompilerServices;
using System.Text;

namespace Platform3.Trading.Audit;

/// <summary>
/// An audit log in memory: the same chain, no disk. For tests, backtests and latency measurements. With
/// <c>keepLast</c> it holds only the newest records (the chain head and count still cover all of them), so a
/// long measurement does not grow the heap. Payloads appended as UTF-8 are kept as bytes in large shared blocks
/// (no string or array per record); <see cref="Records"/> turns an entry into an <see cref="AuditRecord"/> when read.
/// </summary>
public sealed class InMemoryAuditLog : IAuditLog
{
    private const int BlockSize = 1 << 20;
    private readonly int? _keepLast;
    private const int ChunkShift = 10;
    private const int ChunkSize = 1 << ChunkShift;
    // Entries in fixed chunks, not one growing array: growing copied every entry (five references each, so with
    // write barriers) at each doubling. Positions are absolute: the held entries are [_first, _next).
    private readonly List<Entry[]?> _chunks = [];
    private long _first;
    private long _next;
    private readonly List<byte[]?> _blocks = [];
    private readonly Stack<byte[]> _spare = new();
    private int _current = -1; // the block small payloads go to
    private int _blockUsed;
    private long _count;
    private string _head = AuditChain.Genesis;

    /// <summary>One record: its header, and its payload as text or as a slice of a block.</summary>
    private readonly record struct Entry(long Seq, string Kind, string RefId, long TimeTicks, string PrevHash, string Hash, string? Text, int Block, int Offset, int Length);

    public InMemoryAuditLog(int? keepLast = null)
    {
        if (keepLast is < 1) throw new ArgumentOutOfRangeException(nameof(keepLast));
        _keepLast = keepLast;
        Records = new RecordList(this);
    }

    /// <summary>The records held (all of them unless <c>keepLast</c> was given), oldest first.</summary>
    public IReadOnlyList<AuditRecord> Records { get; }
    public long Count => _count;
    public string HeadHash => _head;

    public AuditRecord Append(string kind, string refId, DateTime timeUtc, string payload)
    {
        AuditChain.ValidateHeader(kind, refId);
        ArgumentNullException.ThrowIfNull(payload);
        var seq = _count + 1;
        var hash = AuditChain.ComputeHash(seq, kind, refId, timeUtc.Ticks, _head, payload);
        Add(new Entry(seq, kind, refId, timeUtc.Ticks, _head, hash, payload, -1, 0, 0));
        return Materialise(At(_next - 1));
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public string AppendUtf8(string kind, string refId, DateTime timeUtc, ReadOnlySpan<byte> utf8Payload)
    {
        AuditChain.ValidateHeader(kind, refId);
        AuditChain.ValidateUtf8(utf8Payload);
        var seq = _count + 1;
        var hash = AuditChain.ComputeHash(seq, kind, refId, timeUtc.Ticks, _head, utf8Payload);
        var (block, offset) = Store(utf8Payload);
        Add(new Entry(seq, kind, refId, timeUtc.Ticks, _head, hash, null, block, offset, utf8Payload.Length));
        return hash;
    }

    private int Held => (int)(_next - _first);

    private ref Entry At(long position) => ref _chunks[(int)(position >> ChunkShift)]![position & (ChunkSize - 1)];

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Add(in Entry entry)
    {
        if (_keepLast is { } k && Held >= k)
        {
            _first += Math.Max(1, Held / 2);
            // Chunks wholly before the oldest held entry are released (the last one is kept to be reused).
            for (var c = (int)(_first >> ChunkShift) - 1; c >= 0 && _chunks[c] is not null; c--)
            {
                _spareChunk ??= _chunks[c];
                _chunks[c] = null;
            }
            DropUnusedBlocks();
        }
        var chunk = (int)(_next >> ChunkShift);
        if (chunk == _chunks.Count)
        {
            _chunks.Add(_spareChunk ?? new Entry[ChunkSize]);
            _spareChunk = null;
        }
        At(_next) = entry;
        _next++;
        _count = entry.Seq;
        _head = entry.Hash;
    }

    private Entry[]? _spareChunk;

    /// <summary>Copies a payload into the current block (a new one when it does not fit; a large payload gets its own).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private (int Block, int Offset) Store(ReadOnlySpan<byte> payload)
    {
        if (payload.Length > BlockSize / 4)
        {
            _blocks.Add(payload.ToArray());
            return (_blocks.Count - 1, 0);
        }
        if (_current < 0 || _blockUsed + payload.Length > BlockSize)
        {
            // A block released by keepLast is reused (no large-object churn, no fresh pages to fault in); a new one is
            // uninitialised: every byte handed out is written first, and zeroing a megabyte per block was measurable.
            _blocks.Add(_spare.Count > 0 ? _spare.Pop() : GC.AllocateUninitializedArray<byte>(BlockSize));
            _current = _blocks.Count - 1;
            _blockUsed = 0;
        }
        var offset = _blockUsed;
        payload.CopyTo(_blocks[_current].AsSpan(offset));
        _blockUsed += payload.Length;
        return (_current, offset);
    }

    /// <summary>With <c>keepLast</c>, blocks older than the oldest record held are released.</summary>
    private void DropUnusedBlocks()
    {
        var oldest = int.MaxValue;
        for (var p = _first; p < _next; p++)
            if (At(p).Text is null) { oldest = At(p).Block; break; }
        if (oldest == int.MaxValue) oldest = _current;
        for (var b = 0; b < Math.Min(oldest, _current); b++)
        {
            if (_blocks[b] is { Length: BlockSize } free && _spare.Count < 2) _spare.Push(free);
            _blocks[b] = null;
        }
    }

    private AuditRecord Materialise(in Entry e) =>
        new(e.Seq, e.Kind, e.RefId, e.TimeTicks, e.Text ?? Encoding.UTF8.GetString(_blocks[e.Block]!, e.Offset, e.Length), e.PrevHash, e.Hash);

    public void Flush() { }

    public void Dispose() { }

    /// <summary>The held records as a list, each made when read.</summary>
    private sealed class RecordList(InMemoryAuditLog log) : IReadOnlyList<AuditRecord>
    {
        public AuditRecord this[int index] =>
            (uint)index < (uint)log.Held ? log.Materialise(log.At(log._first + index)) : throw new ArgumentOutOfRangeException(nameof(index));

        public int Count => log.Held;

        public IEnumerator<AuditRecord> GetEnumerator()
        {
            for (var i = 0; i < log.Held; i++) yield return this[i];
        }

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
