using FsCheck;
using FsCheck.Xunit;
using Platform3.Core.Calendar;
using Platform3.Trading.Simulation;

namespace Platform3.Trading.Tests.Simulation;

/// <summary>The per-bar shortcuts of the broker's path arithmetic give bit for bit what the general forms give.</summary>
public class BarPathMathTests
{
    // Prices of every kind the extremes might meet: ordinary quotes, equal values, zeros of both signs, negatives, infinities, NaN.
    private static readonly double[] Specials = [0.0, -0.0, -1.5, double.NaN, double.PositiveInfinity, double.NegativeInfinity, double.Epsilon, 1.10234, 1.10234, 110.5];

    private static double Pick(int k, int seed) => k % 3 == 0 ? Specials[(uint)seed % (uint)Specials.Length] : 1.0 + ((uint)seed % 1000u) / 10_000.0;

    [Property(MaxTest = 300)]
    public Property Path_extremes_equal_math_min_and_max(int s0, int s1, int s2, int s3, int s4, int s5, int s6, int s7, byte mask)
    {
        int[] seeds = [s0, s1, s2, s3, s4, s5, s6, s7];
        var v = new double[8];
        for (var k = 0; k < 8; k++) v[k] = (mask >> k & 1) == 1 ? Pick(k, seeds[k]) : 1.0 + ((uint)seeds[k] % 5000u) / 100_000.0;
        PathExtremes.Of(v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7], out var bl, out var bh, out var al, out var ah);
        bool Same(double a, double b) => BitConverter.DoubleToInt64Bits(a) == BitConverter.DoubleToInt64Bits(b);
        var ok = Same(bl, Math.Min(Math.Min(v[0], v[1]), Math.Min(v[2], v[3])))
            && Same(bh, Math.Max(Math.Max(v[0], v[1]), Math.Max(v[2], v[3])))
            && Same(al, Math.Min(Math.Min(v[4], v[5]), Math.Min(v[6], v[7])))
            && Same(ah, Math.Max(Math.Max(v[4], v[5]), Math.Max(v[6], v[7])));
        return ok.Label(string.Join(", ", v));
    }

    [Property(MaxTest = 400)]
    public Property Quiet_extremes_of_a_bid_only_bar_equal_the_extremes_of_its_four_ask_points(int s0, int s1, int s2, int s3, int s4, byte mask)
    {
        int[] seeds = [s0, s1, s2, s3, s4];
        var v = new double[5];
        for (var k = 0; k < 5; k++) v[k] = (mask >> k & 1) == 1 ? Pick(k, seeds[k]) : 1.0 + ((uint)seeds[k] % 5000u) / 100_000.0;
        // The spread: usually a few ticks, sometimes one of the special values.
        var spread = (mask >> 5 & 1) == 1 ? Specials[(uint)s4 % (uint)Specials.Length] : ((uint)s4 % 40u) * 0.00001;
        var bar = new Core.Domain.Bar(new DateTime(2017, 1, 2, 0, 0, 0, DateTimeKind.Utc), v[0], v[1], v[2], v[3]);
        SimulatedBroker.QuietExtremes(in bar, spread, out var ask, out var bl, out var bh, out var al, out var ah);
        // The general form: the four ask points, then the extremes of each side.
        double a0 = v[0] + spread, a1 = v[1] + spread, a2 = v[2] + spread, a3 = v[3] + spread;
        PathExtremes.Of(v[0], v[1], v[2], v[3], a0, a1, a2, a3, out var ebl, out var ebh, out var eal, out var eah);
        bool Same(double a, double b) => BitConverter.DoubleToInt64Bits(a) == BitConverter.DoubleToInt64Bits(b);
        return (Same(ask, a3) && Same(bl, ebl) && Same(bh, ebh) && Same(al, eal) && Same(ah, eah)).Label($"{string.Join(", ", v[..4])} spread {spread}");
    }

    [Property(MaxTest = 100)]
    public Property The_cached_session_factor_equals_a_fresh_computation_along_any_path_of_times(int seed)
    {
        var rng = new Random(seed);
        var cached = new SessionVolatilitySpreadModel(FixedSpreadModel.Typical(), FxCalendar.Default);
        var t = new DateTime(2017, 1, 1, 0, 0, 0, DateTimeKind.Utc).Ticks + rng.NextInt64(TimeSpan.TicksPerDay * 365);
        for (var k = 0; k < 400; k++)
        {
            // Mostly forward by minutes (as bars come), sometimes a jump either way or a stay inside the hour.
            t += rng.Next(10) switch
            {
                0 => -rng.NextInt64(TimeSpan.TicksPerDay * 3),
                1 => rng.NextInt64(TimeSpan.TicksPerDay * 3),
                2 => 0,
                _ => TimeSpan.TicksPerMinute * rng.Next(1, 30),
            };
            var fresh = new SessionVolatilitySpreadModel(FixedSpreadModel.Typical(), FxCalendar.Default).SessionFactor(t);
            if (cached.SessionFactor(t) != fresh) return false.Label($"{new DateTime(t, DateTimeKind.Utc):O}");
        }
        return true.ToProperty();
    }
}

/// <summary>Rounding a spread up to whole ticks without the division gives exactly what the division gives.</summary>
public class TickRoundingTests
{
    private static readonly double[] Ticks = [0.00001, 0.0001, 0.001, 0.01, 0.5, 0.00005, 3e-7];

    [Property(MaxTest = 500)]
    public Property Whole_ticks_up_equal_the_division_form(int seed, int kind)
    {
        var rng = new Random(seed);
        var rounding = new TickRounding();
        for (var k = 0; k < 200; k++)
        {
            var tick = Ticks[rng.Next(Ticks.Length)];
            var whole = rng.Next(0, 5000) - (kind % 4 == 0 ? 2500 : 0);
            // Whole multiples, values a hair either side of them, the 1e-9 margin's edge, anything in between, and odd values.
            var value = (kind + k) % 6 switch
            {
                0 => whole * tick,
                1 => whole * tick * (1 + (rng.NextDouble() - 0.5) * 1e-14),
                2 => (whole + 1e-9) * tick,
                3 => (whole + 1e-9 + (rng.NextDouble() - 0.5) * 1e-12) * tick,
                4 => rng.NextDouble() * 3000 * tick,
                _ => new[] { double.NaN, double.PositiveInfinity, double.NegativeInfinity, 0.0, -0.0, 1e300, -1e300, 5e9 * tick }[rng.Next(8)],
            };
            var expected = Math.Ceiling(value / tick - 1e-9) * tick;
            var actual = rounding.Of(value, tick);
            if (BitConverter.DoubleToInt64Bits(expected) != BitConverter.DoubleToInt64Bits(actual))
                return false.Label($"value {value:R}, tick {tick:R}: {actual:R} instead of {expected:R}");
        }
        return true.ToProperty();
    }
}
