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
