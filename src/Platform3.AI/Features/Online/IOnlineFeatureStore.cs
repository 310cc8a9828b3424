namespace Platform3.AI.Features.Online;

/// <summary>Identifies one online vector: symbol, timeframe and feature set.</summary>
public readonly record struct FeatureKey(string Symbol, string Timeframe, string FeatureSet)
{
    public override string ToString() => $"{Symbol} {Timeframe} {FeatureSet}";
}

/// <summary>A snapshot of the latest vector for a key: the bar it belongs to, when it became known, when it was stored.</summary>
public sealed record FeatureVector(FeatureKey Key, IReadOnlyList<string> Names, double[] Values, long BarTicks, long KnownAtTicks, DateTime StoredUtc)
{
    public DateTime KnownAtUtc => new(KnownAtTicks, DateTimeKind.Utc);

    /// <summary>How old the vector's information is at <paramref name="nowUtc"/> (time since its bar closed).</summary>
    public TimeSpan Age(DateTime nowUtc) => nowUtc - KnownAtUtc;
}

/// <summary>
/// Holds the latest feature vector per key, with its freshness. Pluggable: the in-memory store serves one
/// process; a Redis-backed store can implement the same contract for several.
/// </summary>
public interface IOnlineFeatureStore
{
    /// <summary>Replaces the vector for <paramref name="key"/> (values are copied).</summary>
    void Put(FeatureKey key, IReadOnlyList<string> names, ReadOnlySpan<double> values, long barTicks, long knownAtTicks);

    /// <summary>
    /// A writer bound to one key, for a publisher that puts the same key on every bar: each
    /// <see cref="IFeatureWriter.Put"/> does what <see cref="Put"/> does for the key, without finding the key again.
    /// </summary>
    IFeatureWriter Writer(FeatureKey key, IReadOnlyList<string> names) => new KeyedWriter(this, key, names);

    /// <summary>Copies the latest vector into <paramref name="destination"/> without allocating; false when absent.</summary>
    bool TryRead(FeatureKey key, Span<double> destination, out long barTicks, out long knownAtTicks);

    /// <summary>A snapshot of the latest vector, or null.</summary>
    FeatureVector? Get(FeatureKey key);

    IReadOnlyList<FeatureKey> Keys { get; }
}

/// <summary>Puts vectors under one key of a store (see <see cref="IOnlineFeatureStore.Writer"/>).</summary>
public interface IFeatureWriter
{
    void Put(ReadOnlySpan<double> values, long barTicks, long knownAtTicks);
}

/// <summary>The default writer: the store's own <see cref="IOnlineFeatureStore.Put"/> with the key.</summary>
internal sealed class KeyedWriter(IOnlineFeatureStore store, FeatureKey key, IReadOnlyList<string> names) : IFeatureWriter
{
    public void Put(ReadOnlySpan<double> values, long barTicks, long knownAtTicks) => store.Put(key, names, values, barTicks, knownAtTicks);
}
