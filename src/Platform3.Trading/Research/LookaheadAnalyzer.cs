using System.Globalization;
using Platform3.Trading.Backtesting;
using Platform3.Trading.Kernel;
using Platform3.Trading.Orders;

namespace Platform3.Trading.Research;

/// <summary>One value (an indicator or signal a strategy recorded, or an entry order) that differs between the full and a truncated run.</summary>
public sealed record LookaheadFinding(string Kind, string Name, DateTime Time, DateTime TruncatedAt, string Full, string Truncated);

/// <summary>What the analysis compared and what it found.</summary>
public sealed record LookaheadReport(int SamplePoints, long ValuesCompared, long EntriesCompared, IReadOnlyList<LookaheadFinding> Findings)
{
    public bool Clean => Findings.Count == 0;

    /// <summary>Findings grouped by name: how often, and the first occurrence.</summary>
    public IEnumerable<(string Kind, string Name, int Count, LookaheadFinding First)> Summary() =>
        Findings.GroupBy(f => (f.Kind, f.Name)).Select(g => (g.Key.Kind, g.Key.Name, g.Count(), g.OrderBy(f => f.Time).First()))
            .OrderByDescending(x => x.Item3).ThenBy(x => x.Name, StringComparer.Ordinal);
}

/// <summary>
/// Lookahead analysis in the manner of freqtrade's: run the strategy on all the data, then again on the data
/// cut at sampled times t (only bars closed by t). A causal strategy computes the same values and makes the
/// same entries up to t either way; any value a strategy recorded (Context.Record) or any entry that differs
/// at or before t used data from after t. Samples are entry times of the full run plus random bar times.
/// </summary>
public static class LookaheadAnalyzer
{
    /// <summary>Analyses a registered strategy run by the runner (diagnostics are switched on).</summary>
    public static LookaheadReport Run(BacktestRunner runner, BacktestRequest request, MarketDataSet data, int samples = 20, int seed = 1, double tolerance = 1e-9)
    {
        request = request with { Diagnostics = true };
        return Run(d => runner.Run(request, d), data, samples, seed, tolerance);
    }

    /// <summary>
    /// Analyses any backtest: <paramref name="backtest"/> must run the same strategy with diagnostics on, on the
    /// data set it is given (anything the strategy computes from that data counts).
    /// </summary>
    public static LookaheadReport Run(Func<MarketDataSet, BacktestResult> backtest, MarketDataSet data, int samples = 20, int seed = 1, double tolerance = 1e-9)
    {
        var full = backtest(data);
        var fullValues = Values(full);
        var fullEntries = Entries(full);
        var calendar = full.Settings.Calendar;
        var points = SamplePoints(full, fullEntries, data, samples, seed);
        var findings = new List<LookaheadFinding>();
        long values = 0, entries = 0;
        foreach (var t in points)
        {
            var cut = backtest(data.TruncatedAt(t, calendar));
            var cutValues = Values(cut);
            foreach (var (key, v) in cutValues)
            {
                if (key.Time > t.Ticks) continue;
                values++;
                if (!fullValues.TryGetValue(key, out var fv))
                    findings.Add(new("value", key.Name, new DateTime(key.Time, DateTimeKind.Utc), t, "(not recorded)", F(v)));
                else if (!Same(fv, v, tolerance))
                    findings.Add(new("value", key.Name, new DateTime(key.Time, DateTimeKind.Utc), t, F(fv), F(v)));
            }
            foreach (var (key, _) in fullValues)
                if (key.Time <= t.Ticks && !cutValues.ContainsKey(key))
                    findings.Add(new("value", key.Name, new DateTime(key.Time, DateTimeKind.Utc), t, F(fullValues[key]), "(not recorded)"));
            var cutEntries = Entries(cut);
            var expected = fullEntries.Where(e => e.Time <= t.Ticks).ToArray();
            var got = cutEntries.Where(e => e.Time <= t.Ticks).ToArray();
            entries += expected.Length;
            foreach (var e in expected.Except(got))
                findings.Add(new("entry", e.Symbol, new DateTime(e.Time, DateTimeKind.Utc), t, e.Describe(), "(no such entry)"));
            foreach (var e in got.Except(expected))
                findings.Add(new("entry", e.Symbol, new DateTime(e.Time, DateTimeKind.Utc), t, "(no such entry)", e.Describe()));
        }
        return new LookaheadReport(points.Count, values, entries, findings);
    }

    private static bool Same(double a, double b, double tolerance) =>
        a.Equals(b) || Math.Abs(a - b) <= tolerance * Math.Max(1, Math.Max(Math.Abs(a), Math.Abs(b)));

    private static string F(double v) => v.ToString("R", CultureInfo.InvariantCulture);

    private static Dictionary<(long Time, string Name, int Occurrence), double> Values(BacktestResult r)
    {
        var map = new Dictionary<(long, string, int), double>();
        foreach (var (strategy, records) in r.Diagnostics)
        {
            var seen = new Dictionary<(long, string), int>();
            foreach (var d in records)
            {
                var name = r.Diagnostics.Count == 1 ? d.Name : $"{strategy}.{d.Name}";
                var k = (d.TimeTicks, name);
                seen[k] = seen.TryGetValue(k, out var n) ? n + 1 : 0;
                map[(d.TimeTicks, name, seen[k])] = d.Value;
            }
        }
        return map;
    }

    /// <summary>An order a strategy submitted (not the engine's end-of-run close-out, not a bracket child).</summary>
    private sealed record Entry(long Time, string Symbol, OrderSide Side, OrderType Type, decimal Quantity, decimal? Limit, decimal? Stop, string? Tag)
    {
        public string Describe() => string.Create(CultureInfo.InvariantCulture,
            $"{new DateTime(Time, DateTimeKind.Utc):yyyy-MM-dd HH:mm} {Side} {Quantity} {Symbol} {Type}{(Limit is { } l ? $" lim {l}" : "")}{(Stop is { } s ? $" stp {s}" : "")} {Tag}");
    }

    private static List<Entry> Entries(BacktestResult r) =>
        r.OrderEvents.Where(e => e.Kind == OrderEventKind.Initialized && e.Order.ParentId is null && r.Strategies.Contains(e.Order.StrategyId))
            .Select(e => new Entry(e.Time.Ticks, e.Order.Instrument.Symbol, e.Order.Side, e.Order.Type, e.Quantity, e.LimitPrice, e.StopPrice, e.Order.Tag))
            .ToList();

    private static List<DateTime> SamplePoints(BacktestResult full, List<Entry> entries, MarketDataSet data, int samples, int seed)
    {
        var rng = new Random(seed);
        var points = new SortedSet<long>();
        var entryTimes = entries.Select(e => e.Time).Distinct().Order().ToArray();
        var fromEntries = Math.Min(entryTimes.Length, Math.Max(1, samples * 2 / 3));
        for (var k = 0; k < fromEntries; k++) points.Add(entryTimes[(int)((long)k * entryTimes.Length / fromEntries)]);
        var closes = full.Equity.Time;
        // Bar closes (the times at which strategies act), skipping the very start where nothing is warmed up.
        while (points.Count < samples && closes.Length > 10)
        {
            points.Add(closes[rng.Next(closes.Length / 10, closes.Length)]);
            if (points.Count >= closes.Length) break;
        }
        return points.Select(t => new DateTime(t, DateTimeKind.Utc)).ToList();
    }
}
