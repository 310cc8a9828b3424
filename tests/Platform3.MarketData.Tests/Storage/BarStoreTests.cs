using Platform3.Core.Domain;
using Platform3.Core.Errors;
using Platform3.MarketData.Storage;
using Platform3.MarketData.Synthetic;

namespace Platform3.MarketData.Tests.Storage;

public class BarStoreTests
{
    private static readonly BarSeries TwoMonths =
        SyntheticMarket.GenerateM1("EURUSD", Bars.Utc(2023, 12, 1), Bars.Utc(2024, 2, 1), SynthModel.Regime, 7);

    [Fact]
    public void Bars_round_trip_bit_for_bit_across_year_partitions()
    {
        using var dir = new TempDir();
        var store = BarStore.Open(dir.Path);
        var written = store.WriteBars(TwoMonths);
        Assert.Equal(TwoMonths.Count, written.Added);
        Assert.Equal(2, written.PartitionsWritten); // 2023 and 2024
        Bars.Equal(TwoMonths, store.LoadBars("EURUSD", Timeframe.M1));
        Assert.True(File.Exists(store.Layout.BarPartition("EURUSD", Timeframe.M1, 2023)));
        Assert.True(File.Exists(store.Layout.BarPartition("EURUSD", Timeframe.M1, 2024)));
    }

    [Fact]
    public void Range_load_returns_bars_with_open_time_in_from_inclusive_to_exclusive()
    {
        using var dir = new TempDir();
        var store = BarStore.Open(dir.Path);
        store.WriteBars(TwoMonths);
        var from = Bars.Utc(2023, 12, 29, 10, 0);
        var to = Bars.Utc(2024, 1, 3, 12, 30);
        var loaded = store.LoadBars("EURUSD", Timeframe.M1, from, to);
        Bars.Equal(TwoMonths.Slice(from, to), loaded);
        Assert.Equal(from, loaded.TimeAt(0));
        Assert.True(loaded.TimeAt(loaded.Count - 1) < to);
        Assert.Equal(0, store.LoadBars("EURUSD", Timeframe.M1, Bars.Utc(2030, 1, 1), Bars.Utc(2031, 1, 1)).Count);
        Assert.Equal(0, store.LoadBars("GBPUSD", Timeframe.M1).Count);
    }

    [Fact]
    public void Reimporting_the_same_bars_changes_nothing_and_overlaps_merge()
    {
        using var dir = new TempDir();
        var store = BarStore.Open(dir.Path);
        var firstHalf = TwoMonths.Slice(null, Bars.Utc(2024, 1, 10));
        var secondHalf = TwoMonths.Slice(Bars.Utc(2024, 1, 5), null); // overlaps 5..10 Jan
        store.WriteBars(firstHalf);
        var again = store.WriteBars(firstHalf);
        Assert.Equal(new WriteResult(0, 0, firstHalf.Count, 0), again);

        var overlapCount = TwoMonths.Slice(Bars.Utc(2024, 1, 5), Bars.Utc(2024, 1, 10)).Count;
        var merged = store.WriteBars(secondHalf);
        Assert.Equal(overlapCount, merged.Unchanged);
        Assert.Equal(secondHalf.Count - overlapCount, merged.Added);
        Bars.Equal(TwoMonths, store.LoadBars("EURUSD", Timeframe.M1));
    }

    [Fact]
    public void A_corrected_bar_replaces_the_stored_one()
    {
        using var dir = new TempDir();
        var store = BarStore.Open(dir.Path);
        var t = Bars.Utc(2024, 3, 5, 10, 0);
        var original = Series("EURUSD", new Bar(t, 1.1, 1.2, 1.0, 1.15, 3), new Bar(t.AddMinutes(1), 1.15, 1.16, 1.14, 1.15, 2));
        store.WriteBars(original);
        var fix = Series("EURUSD", new Bar(t, 1.1, 1.25, 1.0, 1.2, 4));
        var r = store.WriteBars(fix);
        Assert.Equal(new WriteResult(0, 1, 0, 1), r);
        var loaded = store.LoadBars("EURUSD", Timeframe.M1);
        Assert.Equal(2, loaded.Count);
        Assert.Equal(1.25, loaded.High[0]);
        Assert.Equal(4, loaded.Volume[0]);
        Assert.Equal(1.16, loaded.High[1]);
    }

    [Fact]
    public void Bid_only_bars_with_spread_and_odd_values_round_trip()
    {
        using var dir = new TempDir();
        var store = BarStore.Open(dir.Path);
        var t = Bars.Utc(2024, 3, 5, 10, 0);
        var s = Series("USDJPY",
            new Bar(t, 110.123, 110.2, 110.0, 110.15, 0) { Spread = 0.012 },
            new Bar(t.AddMinutes(1), 1 / 3.0, 0.5, 0.25, Math.PI, long.MaxValue) { Spread = double.NaN },
            new Bar(t.AddHours(5), 1e-9, 2e12, 1e-300, 7, -1) { Spread = 0 });
        store.WriteBars(s);
        var loaded = store.LoadBars("USDJPY", Timeframe.M1);
        Assert.False(loaded.HasAsk);
        Assert.NotNull(loaded.Spread);
        Bars.Equal(s, loaded);
    }

    [Fact]
    public void A_damaged_partition_is_reported_by_path_not_read()
    {
        using var dir = new TempDir();
        var store = BarStore.Open(dir.Path);
        store.WriteBars(TwoMonths.Slice(Bars.Utc(2024, 1, 1), null));
        var path = store.Layout.BarPartition("EURUSD", Timeframe.M1, 2024);
        var bytes = File.ReadAllBytes(path);
        bytes[bytes.Length / 2] ^= 0x10;
        File.WriteAllBytes(path, bytes);
        var ex = Assert.Throws<DataException>(() => store.LoadBars("EURUSD", Timeframe.M1));
        Assert.Contains(path, ex.Message);
        Assert.Contains("checksum", ex.Message);

        File.WriteAllBytes(path, bytes[..100]); // torn write
        ex = Assert.Throws<DataException>(() => store.LoadBars("EURUSD", Timeframe.M1));
        Assert.Contains(path, ex.Message);
    }

    [Fact]
    public void Writes_leave_no_temp_files_and_leftovers_of_a_crash_are_ignored()
    {
        using var dir = new TempDir();
        var store = BarStore.Open(dir.Path);
        var jan = TwoMonths.Slice(Bars.Utc(2024, 1, 1), null);
        store.WriteBars(jan);
        var seriesDir = store.Layout.SeriesDir("EURUSD", Timeframe.M1);
        Assert.Empty(Directory.GetFiles(seriesDir, "*.tmp-*"));
        // A crash between "write temp" and "rename" leaves a half-written temp file: the partition is intact.
        File.WriteAllBytes(store.Layout.BarPartition("EURUSD", Timeframe.M1, 2024) + ".tmp-deadbeef0000", [1, 2, 3]);
        Bars.Equal(jan, store.LoadBars("EURUSD", Timeframe.M1));
        Assert.Single(store.List());
    }

    [Fact]
    public void List_and_info_report_ranges_counts_and_partitions()
    {
        using var dir = new TempDir();
        var store = BarStore.Open(dir.Path);
        store.WriteBars(TwoMonths);
        var gbp = SyntheticMarket.GenerateM1("GBPUSD", Bars.Utc(2024, 1, 2), Bars.Utc(2024, 1, 3), SynthModel.RandomWalk, 1);
        store.WriteBars(gbp);
        var list = store.List();
        Assert.Equal(["EURUSD", "GBPUSD"], list.Select(i => i.Symbol));
        var info = store.Info("eurusd", Timeframe.M1)!;
        Assert.Equal(TwoMonths.Count, info.Count);
        Assert.Equal(TwoMonths.TimeAt(0), info.FirstUtc);
        Assert.Equal(TwoMonths.TimeAt(TwoMonths.Count - 1), info.LastUtc);
        Assert.Equal(2, info.Partitions.Count);
        Assert.Null(store.Info("EURUSD", Timeframe.H1));
    }

    [Fact]
    public void Ticks_round_trip_and_a_reimported_span_replaces_stored_ticks()
    {
        using var dir = new TempDir();
        var store = BarStore.Open(dir.Path);
        var ticks = SyntheticMarket.GenerateTicks("EURUSD", Bars.Utc(2024, 1, 31, 20), Bars.Utc(2024, 2, 1, 4), SynthModel.Regime, 3);
        Assert.True(ticks.Count > 1000);
        store.WriteTicks(ticks);
        var loaded = store.LoadTicks("EURUSD");
        Assert.Equal(ticks.Time, loaded.Time);
        Assert.Equal(ticks.Bid, loaded.Bid);
        Assert.Equal(ticks.Ask, loaded.Ask);
        Assert.Equal(2, Directory.GetFiles(store.Layout.SeriesDir("EURUSD", Timeframe.Tick), "*.p3t").Length);

        Assert.Equal(ticks.Count, store.WriteTicks(ticks).Unchanged);
        // Re-import the first hour with fewer ticks (e.g. a cleaned source): that span is replaced, the rest stays.
        var hour = Enumerable.Range(0, ticks.Count).Where(i => ticks.Time[i] < Bars.Utc(2024, 1, 31, 21).Ticks && i % 2 == 0).ToArray();
        var cleaned = new TickSeries("EURUSD", hour.Select(i => ticks.Time[i]).ToArray(), hour.Select(i => ticks.Bid[i]).ToArray(),
            hour.Select(i => ticks.Ask[i]).ToArray(), hour.Select(i => ticks.Volume[i]).ToArray());
        store.WriteTicks(cleaned);
        var after = store.LoadTicks("EURUSD");
        var removed = Enumerable.Range(0, ticks.Count).Count(i => ticks.Time[i] >= cleaned.Time[0] && ticks.Time[i] <= cleaned.Time[^1]) - cleaned.Count;
        Assert.Equal(ticks.Count - removed, after.Count);
        var window = store.LoadTicks("EURUSD", Bars.Utc(2024, 2, 1, 1), Bars.Utc(2024, 2, 1, 2));
        Assert.All(window.Time, t => Assert.InRange(t, Bars.Utc(2024, 2, 1, 1).Ticks, Bars.Utc(2024, 2, 1, 2).Ticks - 1));
    }

    [Fact]
    public void Unsafe_symbol_names_are_refused()
    {
        using var dir = new TempDir();
        var store = BarStore.Open(dir.Path);
        Assert.Throws<UsageException>(() => store.LoadBars("../etc", Timeframe.M1));
        Assert.Throws<UsageException>(() => store.LoadBars("", Timeframe.M1));
    }

    [Property(MaxTest = 200)]
    public Property Column_encoding_is_lossless(double[] values)
    {
        var (enc, scale) = ColumnCodec.ChooseDouble(values);
        var bytes = new byte[ColumnCodec.EncodedSize(enc, values.Length)];
        ColumnCodec.EncodeDouble(values, enc, scale, bytes);
        var back = new double[values.Length];
        ColumnCodec.DecodeDouble(bytes, new ColumnEntry(ColumnId.Open, enc, scale, 0, 1, 0, bytes.Length), 0, back);
        return values.Select(BitConverter.DoubleToInt64Bits).SequenceEqual(back.Select(BitConverter.DoubleToInt64Bits))
            .Label($"encoding {enc} scale {scale}");
    }

    [Property(MaxTest = 100)]
    public Property Quoted_prices_decode_bit_for_bit_at_any_length_and_offset(PositiveInt seed)
    {
        var rng = new Random(seed.Get);
        var n = rng.Next(1, 40);
        var values = Enumerable.Range(0, n).Select(_ => Math.Round(0.5 + rng.NextDouble() * 150, rng.Next(0, 6))).ToArray();
        var (enc, scale) = ColumnCodec.ChooseDouble(values);
        var bytes = new byte[ColumnCodec.EncodedSize(enc, n)];
        ColumnCodec.EncodeDouble(values, enc, scale, bytes);
        var start = rng.Next(0, n);
        var back = new double[n - start];
        ColumnCodec.DecodeDouble(bytes, new ColumnEntry(ColumnId.Open, enc, scale, 0, 1, 0, bytes.Length), start, back);
        return (enc == ColumnEncoding.ScaledInt32 && values[start..].SequenceEqual(back)).Label($"{enc} n={n} start={start}");
    }

    [Fact]
    public void Quoted_prices_use_the_compact_encoding()
    {
        Assert.Equal((ColumnEncoding.ScaledInt32, (byte)5), ColumnCodec.ChooseDouble([1.05155, 1.0516, 1.1]));
        Assert.Equal((ColumnEncoding.ScaledInt32, (byte)3), ColumnCodec.ChooseDouble([110.123, 109.9]));
        Assert.Equal(ColumnEncoding.Float64, ColumnCodec.ChooseDouble([1.1, double.NaN]).Encoding);
    }

    private static BarSeries Series(string symbol, params Bar[] bars)
    {
        var b = new BarSeriesBuilder(symbol, Timeframe.M1);
        foreach (var bar in bars) b.Add(bar);
        return b.Build();
    }
}
