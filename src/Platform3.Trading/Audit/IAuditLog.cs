namespace Platform3.Trading.Audit;

/// <summary>
/// An append-only, hash-chained log. Writers only append; the chain head (last sequence and hash) tells
/// the next record what to link to.
/// </summary>
public interface IAuditLog : IDisposable
{
    /// <summary>Appends and (for durable logs) persists one record before returning it.</summary>
    AuditRecord Append(string kind, string refId, DateTime timeUtc, string payload);

    long Count { get; }

    string HeadHash { get; }

    /// <summary>Makes buffered records durable (a no-op for logs that write through).</summary>
    void Flush();
}

/// <summary>
/// An audit log in memory: the same chain, no disk. For tests and latency measurements. With
/// <c>keepLast</c> it holds only the newest records (the chain head and count still cover all of them), so a
/// long measurement does not grow the heap.
/// </summary>
public sealed class InMemoryAuditLog(int? keepLast = null) : IAuditLog
{
    private readonly List<AuditRecord> _records = [];
    private long _count;
    private string _head = AuditChain.Genesis;

    /// <summary>The records held (all of them unless <c>keepLast</c> was given).</summary>
    public IReadOnlyList<AuditRecord> Records => _records;
    public long Count => _count;
    public string HeadHash => _head;

    public AuditRecord Append(string kind, string refId, DateTime timeUtc, string payload)
    {
        AuditChain.ValidateHeader(kind, refId);
        var seq = _count + 1;
        var record = new AuditRecord(seq, kind, refId, timeUtc.Ticks, payload, _head,
            AuditChain.ComputeHash(seq, kind, refId, timeUtc.Ticks, _head, payload));
        if (keepLast is { } k && _records.Count >= k) _records.RemoveRange(0, _records.Count / 2);
        _records.Add(record);
        _count = seq;
        _head = record.Hash;
        return record;
    }

    public void Flush() { }

    public void Dispose() { }
}
