using FsCheck;
using FsCheck.Xunit;
using Platform3.Core.Domain;
using Platform3.Trading.Accounting;
using Platform3.Trading.Orders;
using Platform3.Trading.Portfolio;

namespace Platform3.Trading.Tests.Accounting;

/// <summary>
/// The account's fill path replaces a few decimal expressions with cheaper forms that must give the very same bits
/// (scale and the sign of zero included: the golden fingerprints print decimals as they are). Each shortcut is checked
/// here against the expression it replaces.
/// </summary>
public class FillPathShortcutTests
{
    private static bool Same(decimal a, decimal b) => decimal.GetBits(a).AsSpan().SequenceEqual(decimal.GetBits(b));

    private static string Bits(decimal d) => string.Join(",", decimal.GetBits(d).Select(x => x.ToString("x8")));

    // Any decimal: zeros of every scale and both signs, small and huge coefficients, every scale.
    private static decimal AnyDecimal(Random rng) => rng.Next(6) switch
    {
        0 => new decimal(0, 0, 0, rng.Next(2) == 0, (byte)rng.Next(29)),
        1 => new decimal(rng.Next(), 0, 0, rng.Next(2) == 0, (byte)rng.Next(29)),
        2 => new decimal(rng.Next(), rng.Next(), rng.Next(), rng.Next(2) == 0, (byte)rng.Next(29)),
        3 => new decimal(rng.Next(1, 1_000_000), 0, 0, rng.Next(2) == 0, (byte)rng.Next(6)),
        4 => 1000m * rng.Next(1, 1000),
        _ => new decimal(rng.Next(1, 200_000), 0, 0, false, 5),
    };

    [Property(MaxTest = 200)]
    public Property Times_sign_has_the_bits_of_the_multiplication_by_plus_or_minus_one(int seed)
    {
        var rng = new Random(seed);
        var bad = new List<string>();
        for (var k = 0; k < 1_000; k++)
        {
            var x = AnyDecimal(rng);
            var sign = rng.Next(2) == 0 ? 1 : -1;
            if (!Same(x * sign, ExactDecimal.TimesSign(x, sign))) bad.Add($"{Bits(x)} × {sign}");
        }
        return (bad.Count == 0).Label(string.Join("; ", bad.Take(3)));
    }

    [Property(MaxTest = 200)]
    public Property Add_signed_has_the_bits_of_adding_the_signed_product(int seed)
    {
        var rng = new Random(seed);
        var bad = new List<string>();
        for (var k = 0; k < 1_000; k++)
        {
            var a = AnyDecimal(rng);
            var u = AnyDecimal(rng);
            var sign = rng.Next(2) == 0 ? 1 : -1;
            decimal expected;
            try { expected = a + u * sign; }
            catch (OverflowException) { continue; }
            if (!Same(expected, ExactDecimal.AddSigned(a, u, sign))) bad.Add($"{Bits(a)} + {Bits(u)} × {sign}");
            // The reduce side: a − u × sign.
            if (!Same(a - u * sign, ExactDecimal.AddSigned(a, u, -sign))) bad.Add($"{Bits(a)} − {Bits(u)} × {sign}");
        }
        return (bad.Count == 0).Label(string.Join("; ", bad.Take(3)));
    }

    [Property(MaxTest = 100)]
    public Property A_position_s_entry_and_exit_sums_have_the_bits_of_plain_running_sums(int seed)
    {
        // Σu and Σu·p summed from 0m fill by fill, against the position's lazily formed sums, for one to four fills.
        var rng = new Random(seed);
        var eu = InstrumentCatalog.Builtin.Get("EURUSD");
        var bad = new List<string>();
        for (var k = 0; k < 300; k++)
        {
            var p = new Position(1, eu, PositionSide.Long, DateTime.UnixEpoch, new OrderId(1), null);
            decimal entryUnits = 0, entryValue = 0, exitUnits = 0, exitValue = 0;
            var fills = rng.Next(1, 5);
            for (var f = 0; f < fills; f++)
            {
                var u = new decimal(rng.Next(1, 100_000), 0, 0, false, (byte)rng.Next(3)) * (rng.Next(2) == 0 ? 1 : 1000);
                var price = new decimal(rng.Next(1, 20_000_000), 0, 0, false, (byte)rng.Next(2, 8));
                if (rng.Next(2) == 0)
                {
                    entryUnits += u; entryValue += u * price;
                    p.Entry.Add(u, price);
                }
                else
                {
                    exitUnits += u; exitValue += u * price;
                    p.Exit.Add(u, price);
                }
                if (!Same(entryUnits, p.Entry.Units) || !Same(entryValue, p.Entry.Value) || !Same(exitUnits, p.Exit.Units) || !Same(exitValue, p.Exit.Value))
                    bad.Add($"after fill {f + 1}: entry {entryUnits}/{entryValue} vs {p.Entry.Units}/{p.Entry.Value}, exit {exitUnits}/{exitValue} vs {p.Exit.Units}/{p.Exit.Value}");
                var avgEntry = entryUnits == 0 ? 0 : entryValue / entryUnits;
                var avgExit = exitUnits == 0 ? 0 : exitValue / exitUnits;
                if (!Same(avgEntry, p.AverageEntryPrice) || !Same(avgExit, p.AverageExitPrice))
                    bad.Add($"averages after fill {f + 1}: {avgEntry} vs {p.AverageEntryPrice}, {avgExit} vs {p.AverageExitPrice}");
            }
        }
        return (bad.Count == 0).Label(string.Join("; ", bad.Take(3)));
    }

    [Property(MaxTest = 100)]
    public Property A_remembered_division_has_the_bits_of_the_division(int seed)
    {
        // Operands drawn from a small pool so pairs repeat (the memo's case), with equal values at different scales
        // (1.0 and 1.00 must not share an answer) and zeros of both signs.
        var rng = new Random(seed);
        var pool = Enumerable.Range(0, 6).Select(_ => AnyDecimal(rng)).Concat([1m, 1.0m, 1.00m, 0m, -0m, 20_000m, 10_000m, 10_000.0m]).ToArray();
        var memo = new DivisionMemo();
        var bad = new List<string>();
        for (var k = 0; k < 2_000; k++)
        {
            var n = pool[rng.Next(pool.Length)];
            var d = pool[rng.Next(pool.Length)];
            if (d == 0) continue;
            decimal expected;
            try { expected = n / d; }
            catch (OverflowException) { continue; }
            if (!Same(expected, memo.Divide(n, d))) bad.Add($"{Bits(n)} / {Bits(d)}");
        }
        return (bad.Count == 0).Label(string.Join("; ", bad.Take(3)));
    }

    [Property(MaxTest = 200)]
    public Property Adding_to_or_taking_away_a_plain_zero_keeps_every_bit(int seed)
    {
        var rng = new Random(seed);
        var bad = new List<string>();
        for (var k = 0; k < 1_000; k++)
        {
            var x = AnyDecimal(rng);
            if (!Same(0m + x, ExactDecimal.PlusPlainZero(0m, x))) bad.Add($"0 + {Bits(x)}");
            if (!Same(x - 0m, ExactDecimal.MinusPlainZero(x, 0m))) bad.Add($"{Bits(x)} − 0");
            // Any other left operand goes the general way.
            var y = AnyDecimal(rng);
            try
            {
                if (!Same(y + x, ExactDecimal.PlusPlainZero(y, x))) bad.Add($"{Bits(y)} + {Bits(x)}");
                if (!Same(x - y, ExactDecimal.MinusPlainZero(x, y))) bad.Add($"{Bits(x)} − {Bits(y)}");
            }
            catch (OverflowException) { }
        }
        return (bad.Count == 0).Label(string.Join("; ", bad.Take(3)));
    }

    [Fact]
    public void The_double_rate_one_converts_to_the_decimal_one_of_scale_zero() =>
        Assert.True(Same(1m, (decimal)1.0), Bits((decimal)1.0));

    [Fact]
    public void Plain_zero_and_same_bits_look_at_every_bit()
    {
        Assert.True(ExactDecimal.IsPlainZero(0m));
        Assert.True(ExactDecimal.IsPlainZero(default));
        Assert.False(ExactDecimal.IsPlainZero(0.0m));
        Assert.False(ExactDecimal.IsPlainZero(new decimal(0, 0, 0, true, 0)));
        Assert.True(ExactDecimal.SameBits(1.5m, 1.5m));
        Assert.False(ExactDecimal.SameBits(1.5m, 1.50m));
        Assert.False(ExactDecimal.SameBits(0m, new decimal(0, 0, 0, true, 0)));
    }

    /// <summary>A price as a quote would carry it: on a grid of 10^−s, of any size a pair trades at, or any double at all.</summary>
    private static double AnyQuote(Random rng) => rng.Next(6) switch
    {
        0 => rng.NextDouble() * Math.Pow(10, rng.Next(-3, 7)), // arbitrary bits
        1 => BitConverter.Int64BitsToDouble(rng.NextInt64(1L << 52, 0x7FEFFFFFFFFFFFFFL)), // any positive finite double
        2 => rng.Next(1, 3_000_000) / Math.Pow(10, rng.Next(0, 10)) + rng.Next(3) * 1e-17, // grid, sometimes nudged
        3 => Math.Round(rng.NextDouble() * 2, 5) + rng.Next(-2, 3) * 1e-16, // a 5-digit pair, at and next to the grid
        4 => Math.Round(rng.NextDouble() * 200, 3), // a JPY pair
        _ => rng.NextInt64(1, 999_999_999_999_999) / 1e9, // the longest coefficient taken
    };

    [Property(MaxTest = 200)]
    public Property Mid_of_has_the_bits_of_the_decimal_mid_expression(int seed)
    {
        var rng = new Random(seed);
        var bad = new List<string>();
        var shortPath = 0;
        for (var k = 0; k < 1_000; k++)
        {
            var bid = AnyQuote(rng);
            var ask = rng.Next(4) == 0 ? bid : rng.Next(2) == 0 ? bid + rng.Next(0, 30) * 0.00001 : AnyQuote(rng);
            decimal expected;
            try { expected = ((decimal)bid + (decimal)ask) * 0.5m; }
            catch (OverflowException) { continue; }
            if (!Same(expected, ExactDecimal.MidOf(bid, ask))) bad.Add($"{bid:R} {ask:R}: {Bits(expected)} vs {Bits(ExactDecimal.MidOf(bid, ask))}");
            if (Math.Round(bid * 1e9) / 1e9 == bid && Math.Round(ask * 1e9) / 1e9 == ask && bid < 1e6 && ask < 1e6) shortPath++;
        }
        return (bad.Count == 0 && shortPath > 300).Label($"{shortPath} on the integer path; " + string.Join("; ", bad.Take(3)));
    }
}
