namespace Platform3.Trading.Audit;

/// <summary>
/// One entry of the hash-chained audit log. <see cref="Hash"/> is SHA-256 over the sequence number, kind,
/// reference id, time, the previous record's hash and the payload, so editing, removing or reordering any
/// record breaks the chain from that record on.
/// </summary>
public sealed record AuditRecord(long Seq, string Kind, string RefId, long TimeTicks, string Payload, string PrevHash, string Hash)
{
    public DateTime TimeUtc => new(TimeTicks, DateTimeKind.Utc);
}

/// <summary>The kinds of record the trading layer writes.</summary>
public static class AuditKinds
{
    public const string Decision = "decision";
    public const string Order = "order";
    public const string Fill = "fill";
    public const string Halt = "halt";
    public const string Resume = "resume";
}
