using FsCheck;
using FsCheck.Xunit;
using Platform3.Trading.Decisions;

namespace Platform3.Trading.Tests.Decisions;

/// <summary>The reason cache returns the text it is given, whether kept, seen before, or past its capacity.</summary>
public class ReasonTextCacheTests
{
    [Property(MaxTest = 500)]
    public Property Every_lookup_returns_the_text_given(string[] texts, int seed, PositiveInt capacity)
    {
        var rng = new Random(seed);
        var cache = new ReasonTextCache(capacity.Get % 8);
        var pool = texts.Select(t => t ?? "").DefaultIfEmpty("").ToArray();
        for (var i = 0; i < 200; i++)
        {
            var text = pool[rng.Next(pool.Length)] + (rng.Next(4) == 0 ? rng.Next(3).ToString(System.Globalization.CultureInfo.InvariantCulture) : "");
            var got = cache.Get(text.AsSpan());
            if (got != text) return false.Label($"'{got}' for '{text}'");
        }
        return (cache.Count <= capacity.Get % 8).ToProperty();
    }

    [Fact]
    public void A_text_seen_before_comes_back_as_the_kept_string()
    {
        var cache = new ReasonTextCache();
        var first = cache.Get("long signal (confidence 0.61, agreement 1.00) agrees with the long position");
        var again = cache.Get("long signal (confidence 0.61, agreement 1.00) agrees with the long position".AsSpan());
        Assert.Same(first, again);
    }
}

/// <summary>
/// The weakness sentences are kept by the value's hundredths: for any values, in any order (so a hundredth's sentence
/// is first made from any of its values), each comes back as the sentence formatted from that value itself.
/// </summary>
public class FixedSentenceCacheTests
{
    private static string General(double v) =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"confidence {v:F2} is below min_confidence 0.55");

    [Property(MaxTest = 500)]
    public Property Every_value_gets_its_own_sentence(double[] values, int seed)
    {
        var rng = new Random(seed);
        var cache = new FixedSentenceCache("confidence ", " is below min_confidence 0.55", new ReasonTextCache());
        var pool = (values ?? []).ToList();
        // Values the rule meets (probabilities), their rounding midpoints and the doubles either side of them, extremes.
        for (var h = 0; h <= 201; h++)
        {
            var mid = (h + 0.5) / 100;
            pool.AddRange([h / 100.0, mid, Math.BitDecrement(mid), Math.BitIncrement(mid), mid - 2e-7, mid + 2e-7]);
        }
        pool.AddRange([0.0, -0.0, -0.004, 2.004, 2.006, 1e9, double.NaN, double.PositiveInfinity, double.NegativeInfinity, double.Epsilon]);
        for (var i = 0; i < 3000; i++)
        {
            var v = rng.Next(3) == 0 ? rng.NextDouble() * 2.2 - 0.1 : pool[rng.Next(pool.Count)];
            var got = cache.Get(v);
            if (got != General(v)) return false.Label($"{v:R}: '{got}' vs '{General(v)}'");
        }
        return true.ToProperty();
    }
}
