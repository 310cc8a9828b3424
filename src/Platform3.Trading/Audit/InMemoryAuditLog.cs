using System.Collections;
using System.Runtime.InteropServices;
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
    private readonly List<Entry> _entries = [];
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
        return Materialise(_entries[^1]);
    }

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

    private void Add(in Entry entry)
    {
        if (_keepLast is { } k && _entries.Count >= k)
        {
            _entries.RemoveRange(0, Math.Max(1, _entries.Count / 2));
            DropUnusedBlocks();
        }
        _entries.Add(entry);
        _count = entry.Seq;
        _head = entry.Hash;
    }

    /// <summary>Copies a payload into the current block (a new one when it does not fit; a large payload gets its own).</summary>
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
        foreach (ref readonly var e in CollectionsMarshal.AsSpan(_entries))
            if (e.Text is null) { oldest = e.Block; break; }
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
        public AuditRecord this[int index] => log.Materialise(log._entries[index]);

        public int Count => log._entries.Count;

        public IEnumerator<AuditRecord> GetEnumerator()
        {
            for (var i = 0; i < log._entries.Count; i++) yield return this[i];
        }

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
