using System.Diagnostics;
using System.Numerics;

namespace Platform3.AI.Inference;

/// <summary>
/// A lock-free log-linear latency histogram in nanoseconds: 16 sub-buckets per power of two (≈6%
/// resolution) from 1 ns to about 18 minutes. Recording is one interlocked increment.
/// </summary>
public sealed class LatencyHistogram
{
    private const int SubBits = 4, Sub = 1 << SubBits, Buckets = (41 - SubBits + 1) * Sub;
    private readonly long[] _counts = new long[Buckets];
    private static readonly double NanosPerTick = 1e9 / Stopwatch.Frequency;

    public void RecordTicks(long stopwatchTicks) => RecordNanoseconds((long)(stopwatchTicks * NanosPerTick));

    public void RecordNanoseconds(long ns)
    {
        if (ns < 0) ns = 0;
        Interlocked.Increment(ref _counts[Index(ns)]);
    }

    internal static int Index(long ns)
    {
        if (ns < Sub) return (int)ns;
        var e = 63 - BitOperations.LeadingZeroCount((ulong)ns);
        if (e > 40) return Buckets - 1;
        var sub = (int)((ns >> (e - SubBits)) & (Sub - 1));
        return (e - SubBits + 1) * Sub + sub;
    }

    internal static long LowerBound(int index)
    {
        if (index < Sub) return index;
        var e = index / Sub + SubBits - 1;
        var sub = index % Sub;
        return (long)(Sub + sub) << (e - SubBits);
    }

    /// <summary>The latency at quantile <paramref name="q"/> (0..1), in microseconds (bucket midpoint); NaN when empty.</summary>
    public double PercentileMicros(double q)
    {
        var snapshot = new long[Buckets];
        long total = 0;
        for (var i = 0; i < Buckets; i++) { snapshot[i] = Interlocked.Read(ref _counts[i]); total += snapshot[i]; }
        if (total == 0) return double.NaN;
        var rank = (long)Math.Ceiling(Math.Clamp(q, 0, 1) * total);
        if (rank < 1) rank = 1;
        long seen = 0;
        for (var i = 0; i < Buckets; i++)
        {
            seen += snapshot[i];
            if (seen >= rank)
            {
                var lo = LowerBound(i);
                var hi = i + 1 < Buckets ? LowerBound(i + 1) : lo;
                return (lo + hi) / 2.0 / 1000.0;
            }
        }
        return double.NaN;
    }

    public long TotalCount()
    {
        long c = 0;
        for (var i = 0; i < Buckets; i++) c += Interlocked.Read(ref _counts[i]);
        return c;
    }

    public void Reset()
    {
        for (var i = 0; i < Buckets; i++) Interlocked.Exchange(ref _counts[i], 0);
    }

    public string Summary() => TotalCount() == 0 ? "no requests" :
        string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"n={TotalCount()} p50={PercentileMicros(0.5):F2}µs p90={PercentileMicros(0.9):F2}µs p99={PercentileMicros(0.99):F2}µs p99.9={PercentileMicros(0.999):F2}µs");
}
