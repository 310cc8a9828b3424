using Platform3.AI.Features.Online;
using Platform3.Core.Calendar;
using Platform3.Core.Domain;

namespace Platform3.AI.Features.Checks;

/// <summary>One value that differs between two computations of the same feature for the same bar.</summary>
public sealed record FeatureMismatch(long BarTicks, string Feature, double Expected, double Actual)
{
    public override string ToString() =>
        $"{new DateTime(BarTicks, DateTimeKind.Utc):u} {Feature}: {Expected:R} vs {Actual:R}";
}

public sealed record CheckResult(string Name, int Checked, IReadOnlyList<FeatureMismatch> Mismatches)
{
    public bool Passed => Mismatches.Count == 0 && Checked > 0;
    /// <summary>The features that failed (e.g. the leaky ones), each once.</summary>
    public IReadOnlyList<string> FailingFeatures => Mismatches.Select(m => m.Feature).Distinct().ToArray();
}

/// <summary>
/// The two proofs behind the feature store's promises. Values are compared bit for bit.
/// Lookahead: every sampled row recomputed from data truncated right after its bar equals the full build's
/// row — a feature that used any later bar differs. Online = offline: replaying the bars through the
/// online service gives, after every bar, the offline row for that bar.
/// </summary>
public static class FeatureChecks
{
    /// <summary>
    /// <paramref name="build"/> computes a frame from data whose last bar opens at the given tick (inclusive);
    /// <c>long.MaxValue</c> means all data.
    /// </summary>
    public static CheckResult Lookahead(Func<long, FeatureFrame> build, int samples, int seed)
    {
        var full = build(long.MaxValue);
        var rng = new Random(seed);
        var mismatches = new List<FeatureMismatch>();
        var rows = Enumerable.Range(0, samples).Select(_ => rng.Next(full.Count)).Distinct().Order().ToArray();
        foreach (var r in rows)
        {
            var t = full.BarTime[r];
            var cut = build(t);
            var i = cut.IndexOf(t);
            if (i < 0) { mismatches.Add(new FeatureMismatch(t, "(row)", 1, 0)); continue; }
            Compare(full.Names, full.Row(r), cut.Row(i), t, mismatches);
        }
        return new CheckResult("lookahead", rows.Length, mismatches);
    }

    /// <summary>Lookahead check of a feature set on a series (and its cross-pair universe).</summary>
    public static CheckResult Lookahead(FeatureSet set, Instrument instrument, BarSeries bars, FxCalendar calendar,
        IReadOnlyList<BarSeries>? universe = null, int samples = 20, int seed = 1) =>
        Lookahead(last =>
        {
            BarSeries Cut(BarSeries s) => last == long.MaxValue ? s : s.Range(0, s.LowerBound(last + 1));
            return OfflineFeatureBuilder.Build(set, instrument, Cut(bars), calendar, universe?.Select(Cut).ToArray(), fingerprint: "check");
        }, samples, seed);

    /// <summary>Replays the bars through the online service and compares each published vector with the offline row.</summary>
    public static CheckResult OnlineEqualsOffline(FeatureSet set, Instrument instrument, BarSeries bars, FxCalendar calendar,
        IReadOnlyList<BarSeries>? universe = null)
    {
        var offline = OfflineFeatureBuilder.Build(set, instrument, bars, calendar, universe, fingerprint: "check");
        var store = new InMemoryOnlineFeatureStore();
        var all = (universe ?? []).Where(s => s.Symbol != instrument.Symbol).Append(bars).ToArray();
        var catalog = InstrumentCatalog.Builtin;
        var service = new OnlineFeatureService(set, bars.Timeframe, [instrument], calendar, store,
            all.Select(s => s.Symbol == instrument.Symbol ? instrument : catalog.Get(s.Symbol)).ToArray());
        var key = service.KeyOf(instrument.Symbol);
        var buffer = new double[offline.Width];
        var mismatches = new List<FeatureMismatch>();
        var slicer = new OfflineFeatureBuilder.TimeSlicer(all);
        var slice = new List<(string, Bar)>();
        var checkedRows = 0;
        while (slicer.Next(out var t))
        {
            slice.Clear();
            foreach (var (s, i) in slicer.Current) slice.Add((s.Symbol, s[i]));
            service.OnSlice(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(slice));
            var row = offline.IndexOf(t);
            if (row < 0) continue;
            if (!store.TryRead(key, buffer, out var barTicks, out _) || barTicks != t)
            {
                mismatches.Add(new FeatureMismatch(t, "(missing online vector)", 1, 0));
                continue;
            }
            Compare(offline.Names, offline.Row(row), buffer, t, mismatches);
            checkedRows++;
        }
        return new CheckResult("online=offline", checkedRows, mismatches);
    }

    private static void Compare(IReadOnlyList<string> names, ReadOnlySpan<double> expected, ReadOnlySpan<double> actual, long t,
        List<FeatureMismatch> into)
    {
        for (var k = 0; k < expected.Length; k++)
            if (BitConverter.DoubleToInt64Bits(expected[k]) != BitConverter.DoubleToInt64Bits(actual[k]))
                into.Add(new FeatureMismatch(t, names[k], expected[k], actual[k]));
    }
}
