using Platform3.Core.Domain;

namespace Platform3.MarketData.Storage;

/// <summary>One stored partition: its file, rows and time range.</summary>
public sealed record PartitionInfo(string File, int Count, DateTime FirstUtc, DateTime LastUtc, long Bytes);

/// <summary>What the store holds for one symbol and timeframe (ticks use <see cref="Timeframe.Tick"/>).</summary>
public sealed record SeriesInfo(string Symbol, Timeframe Timeframe, IReadOnlyList<PartitionInfo> Partitions)
{
    public long Count => Partitions.Sum(p => (long)p.Count);
    public DateTime? FirstUtc => Partitions.Count == 0 ? null : Partitions[0].FirstUtc;
    public DateTime? LastUtc => Partitions.Count == 0 ? null : Partitions[^1].LastUtc;
    public long Bytes => Partitions.Sum(p => p.Bytes);
}

/// <summary>What a write changed: rows new to the store, rows that replaced different stored values, and rows already stored as they are.</summary>
public readonly record struct WriteResult(long Added, long Replaced, long Unchanged, int PartitionsWritten)
{
    public static WriteResult operator +(WriteResult a, WriteResult b) =>
        new(a.Added + b.Added, a.Replaced + b.Replaced, a.Unchanged + b.Unchanged, a.PartitionsWritten + b.PartitionsWritten);
}
