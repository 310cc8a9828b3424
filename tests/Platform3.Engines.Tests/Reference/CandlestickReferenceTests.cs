using Platform3.Engines.TechnicalAnalysis;
using Platform3.Engines.TechnicalAnalysis.Candlesticks;
using Platform3.Tests.Shared;

namespace Platform3.Engines.Tests.Reference;

/// <summary>
/// Candlestick patterns against Lean's TA-Lib CDL columns on SPY, EWZ and EURUSD daily bars: every bar after the
/// warm-up must match exactly (+100/−100/0), and the first value must appear on the same bar as in the file.
/// </summary>
public sealed class CandlestickReferenceTests
{
    private const string Folder = "data/indicator-reference/lean";
    private static readonly string[] Files = ["spy_candle_patterns.txt", "ewz_candle_patterns.txt", "eurusd_candle_patterns.txt"];

    public static TheoryData<string, string> Cases()
    {
        var data = new TheoryData<string, string>();
        foreach (var file in Files)
            foreach (var p in CandlePatterns.CreateAll())
                data.Add(file, p.Name);
        return data;
    }

    [SkippableTheory]
    [MemberData(nameof(Cases))]
    public void Matches_ta_lib_exactly(string file, string pattern)
    {
        var table = ReferenceTable.LoadCsv(SharedData.Require($"{Folder}/{file}"));
        var indicator = IndicatorFactory.Create(pattern);
        var column = pattern.Split('(')[0].ToUpperInvariant();
        var expected = table.Column(column);
        var firstExpected = Array.FindIndex(expected, v => v.HasValue);
        Assert.Equal(firstExpected, indicator.WarmUpPeriod - 1);
        ReferenceHarness.Run(table, new ReferenceCase(file, column, pattern, "signal", new Tolerance(0, 0, false, "exact"), MinCompared: 400));
    }
}
