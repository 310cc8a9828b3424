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

/// <summary>An audit log in memory: the same chain, no disk. For latency measurements and tests.</summary>
public sealed class InMemoryAuditLog : IAuditLog
{
    private readonly List<AuditRecord> _records = [];

    public IReadOnlyList<AuditRecord> Records => _records;
    public long Count => _records.Count;
    public string HeadHash => _records.Count == 0 ? AuditChain.Genesis : _records[^1].Hash;

    public AuditRecord Append(string kind, string refId, DateTime timeUtc, string payload)
    {
        AuditChain.ValidateHeader(kind, refId);
        var seq = _records.Count + 1L;
        var prev = HeadHash;
        var record = new AuditRecord(seq, kind, refId, timeUtc.Ticks, payload, prev,
            AuditChain.ComputeHash(seq, kind, refId, timeUtc.Ticks, prev, payload));
        _records.Add(record);
        return record;
    }

    public void Flush() { }

    public void Dispose() { }
}
