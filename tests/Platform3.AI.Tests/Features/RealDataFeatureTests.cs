using Platform3.AI.Features;
using Platform3.AI.Features.Checks;
using Platform3.Core.Calendar;
using Platform3.Core.Domain;
using Platform3.MarketData.Import;
using Platform3.MarketData.Resampling;
using Platform3.MarketData.Storage;
using Platform3.Tests.Shared;

namespace Platform3.AI.Tests.Features;

/// <summary>The feature store's two promises, proven on real HistData EURUSD 2017 M1 bars (resampled to M15).</summary>
public class RealDataFeatureTests
{
    private static readonly Lazy<BarSeries> Eurusd2017M15 = new(() =>
    {
        var file = SharedData.Require("data/fx/EURUSD/histdata_m1/DAT_ASCII_EURUSD_M1_2017.csv.gz");
        using var tmp = new Support.TempDir();
        var importer = new MarketDataImporter(BarStore.Open(tmp.Path), FxCalendar.Default, InstrumentCatalog.Builtin);
        var m1 = importer.Parse(new ImportRequest { Format = ImportFormat.HistData, Symbol = "EURUSD", Files = [file] }).Bars!;
        return BarResampler.Resample(m1, Timeframe.M15, FxCalendar.Default);
    });

    private static BarSeries Bars()
    {
        SharedData.Require("data/fx/EURUSD/histdata_m1/DAT_ASCII_EURUSD_M1_2017.csv.gz");
        return Eurusd2017M15.Value;
    }

    [SkippableFact]
    public void Online_values_are_bit_identical_to_the_offline_build_on_real_data()
    {
        var bars = Bars().Slice(new DateTime(2017, 3, 1, 0, 0, 0, DateTimeKind.Utc), new DateTime(2017, 6, 1, 0, 0, 0, DateTimeKind.Utc));
        var result = FeatureChecks.OnlineEqualsOffline(FeatureSetCatalog.Core2, InstrumentCatalog.Builtin.Get("EURUSD"), bars, FxCalendar.Default);
        Assert.True(result.Checked > 5000, $"checked {result.Checked}");
        Assert.True(result.Passed, string.Join("; ", result.Mismatches.Take(5)));
    }

    [SkippableFact]
    public void Every_feature_at_random_times_equals_its_recomputation_on_truncated_real_data()
    {
        var bars = Bars().Slice(new DateTime(2017, 1, 1, 0, 0, 0, DateTimeKind.Utc), new DateTime(2017, 3, 1, 0, 0, 0, DateTimeKind.Utc));
        var result = FeatureChecks.Lookahead(FeatureSetCatalog.Core2, InstrumentCatalog.Builtin.Get("EURUSD"), bars, FxCalendar.Default,
            samples: 12, seed: 17);
        Assert.Equal(12, result.Checked);
        Assert.True(result.Passed, string.Join("; ", result.Mismatches.Take(5)));
    }
}
