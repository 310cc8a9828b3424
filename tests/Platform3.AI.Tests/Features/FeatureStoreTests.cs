using Platform3.AI.Features;
using Platform3.AI.Features.Blocks;
using Platform3.AI.Features.Checks;
using Platform3.AI.Features.Online;
using Platform3.AI.Features.Storage;
using Platform3.AI.Tests.Support;
using Platform3.Core.Calendar;
using Platform3.Core.Domain;
using Platform3.Engines.TechnicalAnalysis;
using Platform3.MarketData.Resampling;

namespace Platform3.AI.Tests.Features;

public class FeatureStoreTests
{
    private static readonly Instrument Eurusd = InstrumentCatalog.Builtin.Get("EURUSD");
    private static readonly FxCalendar Cal = FxCalendar.Default;

    [Fact]
    public void Core_set_has_about_seventy_named_columns_and_a_stable_hash()
    {
        var names = FeatureSetCatalog.Core1.Names(Timeframe.M15);
        Assert.InRange(names.Count, 50, 90);
        Assert.Equal(names.Count, names.Distinct().Count());
        Assert.Contains("rsi_14", names);
        Assert.Contains("h1.rsi_14", names);
        Assert.Contains("h4.ret_1", names);
        Assert.Contains("hours_to_london_open", names);
        Assert.Equal(FeatureSetCatalog.Core1.Hash(Timeframe.M15), FeatureSetCatalog.Core1.Hash(Timeframe.M15));
        Assert.NotEqual(FeatureSetCatalog.Core1.Hash(Timeframe.M15), FeatureSetCatalog.Core1.Hash(Timeframe.M5));
        Assert.NotEqual(FeatureSetCatalog.Core1.Hash(Timeframe.M15), FeatureSetCatalog.XPair1.Hash(Timeframe.M15));
        Assert.Throws<Platform3.Core.Errors.UsageException>(() => FeatureSetCatalog.Core1.Names(Timeframe.H1));
        Assert.Contains("core@1", Assert.Throws<Platform3.Core.Errors.UsageException>(() => FeatureSetCatalog.Get("nope@3")).Message);
    }

    [Fact]
    public void Offline_build_excludes_and_counts_warm_up_and_rows_are_finite()
    {
        var bars = Market.Eurusd(Timeframe.M15, 20);
        var frame = OfflineFeatureBuilder.Build(FeatureSetCatalog.Core1, Eurusd, bars, Cal);
        Assert.True(frame.WarmUpExcluded > 200, $"warm-up {frame.WarmUpExcluded}");
        Assert.Equal(bars.Count, frame.Count + frame.WarmUpExcluded);
        Assert.All(frame.Values, v => Assert.True(double.IsFinite(v)));
        Assert.Equal(bars.Time[frame.WarmUpExcluded], frame.BarTime[0]);
        Assert.Equal(frame.BarTime[0] + TimeSpan.TicksPerMinute * 15, frame.KnownAt[0]);
    }

    [Fact]
    public void Returns_and_rsi_match_direct_computation()
    {
        var bars = Market.Eurusd(Timeframe.M15, 20);
        var frame = OfflineFeatureBuilder.Build(FeatureSetCatalog.Core1, Eurusd, bars, Cal);
        var rsi = IndicatorFactory.Create("rsi(14)").Compute(bars).Values;
        foreach (var r in new[] { 0, 100, frame.Count - 1 })
        {
            var i = bars.LowerBound(frame.BarTime[r]);
            Assert.Equal(Math.Log(bars.Close[i] / bars.Close[i - 8]), frame[r, "ret_8"], 15);
            Assert.Equal(rsi[i], frame[r, "rsi_14"]);
        }
    }

    [Fact]
    public void Higher_timeframe_features_use_only_the_last_closed_bar()
    {
        var m15 = Market.Eurusd(Timeframe.M15, 20);
        var frame = OfflineFeatureBuilder.Build(FeatureSetCatalog.Core1, Eurusd, m15, Cal);
        var h1 = BarResampler.Resample(m15, Timeframe.H1, Cal);
        var h1Rsi = IndicatorFactory.Create("rsi(14)").Compute(h1).Values;
        var h1Close = h1.Time.Select(t => Cal.BarCloseUtcTicks(Timeframe.H1, t)).ToArray();
        var checkedRows = 0;
        for (var r = 0; r < frame.Count; r += 7)
        {
            // The last H1 bar whose close is at or before this M15 row's close.
            var k = Array.FindLastIndex(h1Close, c => c <= frame.KnownAt[r]);
            Assert.Equal(h1Rsi[k], frame[r, "h1.rsi_14"]);
            checkedRows++;
        }
        Assert.True(checkedRows > 100);
        // An M15 row in the middle of an hour does not see that hour's H1 bar yet.
        var mid = Array.FindIndex(frame.KnownAt, t => new DateTime(t, DateTimeKind.Utc).Minute == 30);
        var forming = Array.FindIndex(h1.Time, t => t > frame.KnownAt[mid] - TimeSpan.TicksPerHour) ;
        Assert.NotEqual(h1Rsi[forming], frame[mid, "h1.rsi_14"]);
    }

    [Fact]
    public void Every_core_feature_passes_the_lookahead_check()
    {
        var bars = Market.Eurusd(Timeframe.M15, 15);
        var result = FeatureChecks.Lookahead(FeatureSetCatalog.Core1, Eurusd, bars, Cal, samples: 6, seed: 3);
        Assert.True(result.Passed, string.Join("; ", result.Mismatches.Take(5)));
    }

    [Fact]
    public void A_leaky_feature_is_flagged_by_the_lookahead_check()
    {
        // The canary: a column built from the NEXT bar's return, appended to the honest features.
        var bars = Market.Eurusd(Timeframe.M15, 10);
        FeatureFrame Build(long last)
        {
            var cut = last == long.MaxValue ? bars : bars.Range(0, bars.LowerBound(last + 1));
            var honest = OfflineFeatureBuilder.Build(FeatureSetCatalog.Core1, Eurusd, cut, Cal, fingerprint: "t");
            var w = honest.Width + 1;
            var values = new double[honest.Count * w];
            for (var r = 0; r < honest.Count; r++)
            {
                honest.Row(r).CopyTo(values.AsSpan(r * w));
                var i = cut.LowerBound(honest.BarTime[r]);
                values[r * w + w - 1] = i + 1 < cut.Count ? Math.Log(cut.Close[i + 1] / cut.Close[i]) : 0;
            }
            return new FeatureFrame
            {
                FeatureSet = "leaky@0", FeatureSetHash = "", Symbol = "EURUSD", Timeframe = "M15", DataFingerprint = "",
                Names = [.. honest.Names, "future_ret_1"], BarTime = honest.BarTime, KnownAt = honest.KnownAt, Values = values,
                WarmUpExcluded = honest.WarmUpExcluded,
            };
        }
        var result = FeatureChecks.Lookahead(Build, samples: 5, seed: 2);
        Assert.False(result.Passed);
        Assert.Equal(["future_ret_1"], result.FailingFeatures);
    }

    [Fact]
    public void Online_updates_are_bit_identical_to_the_offline_build()
    {
        var bars = Market.Eurusd(Timeframe.M5, 8);
        var result = FeatureChecks.OnlineEqualsOffline(FeatureSetCatalog.Core1, Eurusd, bars, Cal);
        Assert.True(result.Checked > 300, $"checked {result.Checked}");
        Assert.True(result.Passed, string.Join("; ", result.Mismatches.Take(5)));
    }

    [Fact]
    public void Cross_pair_features_are_point_in_time_and_online_equals_offline()
    {
        var all = Market.Bars(["EURUSD", "GBPUSD", "USDJPY", "EURGBP", "AUDUSD"], Timeframe.M15, 12);
        var eur = all[0];
        var universe = all.Skip(1).ToArray();
        var frame = OfflineFeatureBuilder.Build(FeatureSetCatalog.XPair1, Eurusd, eur, Cal, universe);
        Assert.Equal(4, frame[frame.Count - 1, "xs_pairs"]); // EUR: EURGBP; USD: GBPUSD, USDJPY, AUDUSD
        var corr = Enumerable.Range(0, frame.Count).Select(r => frame[r, "xs_corr_implied_64"]).Average();
        Assert.True(corr > 0.3, $"EURUSD should co-move with what the other pairs imply; mean corr {corr}");
        Assert.True(FeatureChecks.OnlineEqualsOffline(FeatureSetCatalog.XPair1, Eurusd, eur, Cal, universe).Passed);
        var look = FeatureChecks.Lookahead(FeatureSetCatalog.XPair1, Eurusd, eur, Cal, universe, samples: 3, seed: 5);
        Assert.True(look.Passed, string.Join("; ", look.Mismatches.Take(5)));
    }

    [Fact]
    public void Parquet_round_trip_keeps_every_value_and_the_metadata()
    {
        using var dir = new TempDir();
        var frame = OfflineFeatureBuilder.Build(FeatureSetCatalog.Core1, Eurusd, Market.Eurusd(Timeframe.M15, 10), Cal);
        FeatureFile.Write(dir.File("f.parquet"), frame);
        var back = FeatureFile.Read(dir.File("f.parquet"));
        Assert.Equal(frame.Names, back.Names);
        Assert.Equal(frame.BarTime, back.BarTime);
        Assert.Equal(frame.KnownAt, back.KnownAt);
        Assert.Equal(frame.Values, back.Values);
        Assert.Equal((frame.FeatureSet, frame.FeatureSetHash, frame.WarmUpExcluded, frame.DataFingerprint),
            (back.FeatureSet, back.FeatureSetHash, back.WarmUpExcluded, back.DataFingerprint));
    }

    [Fact]
    public void The_online_store_reports_freshness()
    {
        var clock = new Platform3.Core.Time.SimulatedClock(Market.From);
        var store = new InMemoryOnlineFeatureStore(clock);
        var bars = Market.Eurusd(Timeframe.M15, 6);
        var svc = new OnlineFeatureService(FeatureSetCatalog.Core1, Timeframe.M15, [Eurusd], Cal, store, clock: clock);
        Assert.Throws<Platform3.Core.Errors.DataException>(() => svc.GetFresh("EURUSD", TimeSpan.FromMinutes(30)));
        for (var i = 0; i < bars.Count; i++) svc.OnBar("EURUSD", bars[i]);
        var lastClose = bars.Time[^1] + TimeSpan.TicksPerMinute * 15;
        clock.AdvanceToTicks(lastClose + TimeSpan.TicksPerMinute * 10);
        var v = svc.GetFresh("EURUSD", TimeSpan.FromMinutes(30));
        Assert.Equal(TimeSpan.FromMinutes(10), v.Age(clock.GetUtcNow().UtcDateTime));
        clock.AdvanceToTicks(lastClose + TimeSpan.TicksPerHour);
        Assert.Contains("stale", Assert.Throws<Platform3.Core.Errors.DataException>(() => svc.GetFresh("EURUSD", TimeSpan.FromMinutes(30))).Message);
    }

    [Fact]
    public void A_stores_writer_puts_what_put_puts_and_an_unwritten_key_stays_absent()
    {
        var clock = new Platform3.Core.Time.SimulatedClock(Market.From);
        var viaPut = new InMemoryOnlineFeatureStore(clock);
        var viaWriter = new InMemoryOnlineFeatureStore(clock);
        var key = new FeatureKey("EURUSD", "M15", "core@1");
        string[] names = ["a", "b", "c"];
        var writer = ((IOnlineFeatureStore)viaWriter).Writer(key, names);
        Assert.Empty(viaWriter.Keys);
        Assert.Null(viaWriter.Get(key));
        var rng = new Random(5);
        for (var i = 0; i < 20; i++)
        {
            clock.Advance(TimeSpan.FromMinutes(15));
            double[] values = [rng.NextDouble(), double.NaN, -rng.NextDouble()];
            long bar = 1000 + i, known = 2000 + i;
            viaPut.Put(key, names, values, bar, known);
            writer.Put(values, bar, known);
            var (a, b) = (viaPut.Get(key)!, viaWriter.Get(key)!);
            Assert.Equal(a.Values, b.Values);
            Assert.Equal((a.BarTicks, a.KnownAtTicks, a.StoredUtc, a.Names), (b.BarTicks, b.KnownAtTicks, b.StoredUtc, b.Names));
        }
        Assert.Equal(viaPut.Keys, viaWriter.Keys);
        Assert.Throws<ArgumentException>(() => writer.Put([1.0], 1, 2));
    }
}
