using FsCheck;
using FsCheck.Xunit;
using Platform3.Core.Domain;
using Platform3.Trading.Orders;
using Platform3.Trading.Simulation;

namespace Platform3.Trading.Tests.Simulation;

/// <summary>
/// The order path takes a few shortcuts around decimal arithmetic that must give the very same bits as the plain
/// expression they replace (the golden fingerprints print decimals with their scale).
/// </summary>
public class ExactShortcutTests
{
    private static bool Same(decimal a, decimal b) => decimal.GetBits(a).AsSpan().SequenceEqual(decimal.GetBits(b));

    [Property(MaxTest = 200)]
    public Property A_whole_number_of_ticks_is_built_with_the_bits_of_the_multiplication(int seed)
    {
        var rng = new Random(seed);
        var pairs = InstrumentCatalog.Builtin.All;
        var bad = new List<string>();
        for (var k = 0; k < 2_000; k++)
        {
            var instrument = pairs[rng.Next(pairs.Count)];
            // Zero, negative zero, small counts, price-sized counts, up to and past the 10^14 limit of the shortcut, fractions.
            var whole = rng.Next(8) switch
            {
                0 => 0.0,
                1 => -0.0,
                2 => rng.Next(1, 100),
                3 => Math.Floor(rng.NextDouble() * 1e6),
                4 => Math.Floor(rng.NextDouble() * Math.Pow(10, rng.Next(1, 16))),
                5 => 1e14 + rng.Next(-3, 3),
                6 => rng.NextDouble() * 1000,
                _ => -Math.Floor(rng.NextDouble() * 1000),
            };
            var expected = (decimal)whole * instrument.TickSize;
            var actual = SimulatedBroker.TickMultiple(instrument, whole);
            if (!Same(expected, actual)) bad.Add($"{instrument.Symbol} {whole:R}: {expected} vs {actual}");
        }
        return (bad.Count == 0).Label(string.Join("; ", bad.Take(3)));
    }

    [Property(MaxTest = 100)]
    public Property Multiplying_by_a_whole_share_of_one_keeps_every_bit(int lo, int mid, int hi, bool negative, byte scale)
    {
        var x = new decimal(lo, mid, hi, negative, (byte)(scale % 29));
        return Same(x, x * 1m).Label($"{x}");
    }

    [Property(MaxTest = 200)]
    public Property The_lot_step_check_agrees_with_the_decimal_remainder(int seed)
    {
        var rng = new Random(seed);
        var pairs = InstrumentCatalog.Builtin.All;
        var bad = new List<string>();
        for (var k = 0; k < 1_000; k++)
        {
            var instrument = pairs[rng.Next(pairs.Count)];
            var units = rng.Next(6) switch
            {
                0 => 1000m * rng.Next(1, 10_000),
                1 => rng.Next(1, 10_000_000),
                2 => new decimal(rng.Next(1, int.MaxValue), 0, 0, false, (byte)rng.Next(4)),
                3 => 1000m * rng.Next(1, 1000) + 0.5m,
                4 => new decimal(rng.Next(), rng.Next(0, 1000), 0, false, (byte)rng.Next(3)),
                _ => -1000m * rng.Next(0, 100),
            };
            var expected = units % (instrument.LotStep * instrument.ContractSize) == 0;
            if (SizeRules.Of(instrument).IsMultipleOfStep(units) != expected) bad.Add($"{instrument.Symbol} {units}");
        }
        return (bad.Count == 0).Label(string.Join("; ", bad.Take(3)));
    }

    [Property(MaxTest = 200)]
    public Property One_fill_s_average_price_is_its_price_bit_for_bit(int seed)
    {
        // A position's average is Σ(u·p) / Σu summed from 0; with a single fill that is the fill's price, scale included.
        var rng = new Random(seed);
        var bad = new List<string>();
        for (var k = 0; k < 2_000; k++)
        {
            var u = new decimal(rng.Next(1, int.MaxValue) / (rng.Next(3) == 0 ? 1 : 1000) * (rng.Next(2) == 0 ? 1 : 1000), 0, 0, false, (byte)rng.Next(3));
            var p = new decimal(rng.Next(1, 100_000_000), 0, 0, false, (byte)rng.Next(8));
            decimal units = 0, value = 0;
            units += u;
            value += u * p;
            var average = value / units;
            if (!Same(average, p)) bad.Add($"{u} × {p} → {average}");
        }
        return (bad.Count == 0).Label(string.Join("; ", bad.Take(3)));
    }
}
