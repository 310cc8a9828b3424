using FsCheck;
using FsCheck.Xunit;
using Platform3.Trading.Backtesting;

namespace Platform3.Trading.Tests.Backtesting;

/// <summary>The compact equity curve hands back every time, equity and balance exactly as they were added.</summary>
public class EquityCurveTests
{
    private static readonly double[] Balances = [100_000, 100_000.01, 99_875.5, 0.0, -0.0, -12.25, double.NaN];

    [Property(MaxTest = 200)]
    public Property Every_sample_reads_back_as_added(int seed, byte readEvery)
    {
        var rng = new Random(seed);
        var n = rng.Next(0, 400);
        var curve = new EquityCurve(rng.Next(0, 40)); // small capacities grow on the way
        var time = new long[n];
        var equity = new double[n];
        var balance = new double[n];
        var t = 636_188_256_000_000_000L;
        var b = Balances[0];
        for (var i = 0; i < n; i++)
        {
            // Mostly minute steps; sometimes a gap, a repeat, a step back, a different spacing.
            t += rng.Next(12) switch
            {
                0 => TimeSpan.TicksPerHour * rng.Next(1, 60),
                1 => 0,
                2 => -rng.Next(1, 1000),
                3 => TimeSpan.TicksPerSecond * rng.Next(1, 100),
                _ => TimeSpan.TicksPerMinute,
            };
            if (rng.Next(8) == 0) b = Balances[rng.Next(Balances.Length)];
            (time[i], equity[i], balance[i]) = (t, b + rng.NextDouble() * 100, b);
            curve.Add(time[i], equity[i], balance[i]);
            // Reading part-way must not spoil what comes after.
            if (readEvery > 0 && i % (readEvery % 50 + 1) == 0 && !Same(curve, time, equity, balance, i + 1)) return false.Label($"at {i}");
        }
        return Same(curve, time, equity, balance, n).Label($"{n} samples");
    }

    private static bool Same(EquityCurve c, long[] time, double[] equity, double[] balance, int n)
    {
        if (c.Count != n || !c.Time.SequenceEqual(time.AsSpan(0, n))) return false;
        for (var i = 0; i < n; i++)
            if (BitConverter.DoubleToInt64Bits(c.Equity[i]) != BitConverter.DoubleToInt64Bits(equity[i])
                || BitConverter.DoubleToInt64Bits(c.Balance[i]) != BitConverter.DoubleToInt64Bits(balance[i]))
                return false;
        return true;
    }
}
