using FsCheck;
using Platform3.Core.Calendar;
using Platform3.Core.Domain;
using Platform3.Engines.TechnicalAnalysis.ChartPatterns;
using Platform3.Engines.Tests.Properties;

namespace Platform3.Engines.Tests.ChartPatterns;

public sealed class ChartPatternTests
{
    private static readonly ZigZagSettings Zz = ZigZagSettings.ByPercent(1.0);

    private static IReadOnlyList<ChartPatternDetection> Scan(BarSeries bars, ZigZagSettings? zz = null) =>
        ChartPatternScanner.Scan(bars, zz ?? Zz).Detections;

    [Fact]
    public void Zigzag_pivots_are_confirmed_only_after_the_reversal()
    {
        var bars = PathBars.Create(10, 1.00, 1.10, 1.05, 1.12);
        var zz = new ZigZag(ZigZagSettings.ByPercent(1.0), Timeframe.H1);
        for (var i = 0; i < bars.Count; i++) zz.Update(bars[i]);
        var high = zz.Pivots.Single(p => p.IsHigh);
        Assert.Equal(10, high.Index);
        Assert.Equal(1.1002, high.Price, 10);
        // 1 % below 1.1002 is 1.0892; the bar whose low first reaches it confirms the high.
        var confirm = Enumerable.Range(11, 20).First(i => bars.Low[i] <= 1.1002 * 0.99);
        Assert.Equal(confirm, high.ConfirmIndex);
        Assert.Equal(bars.TimeAt(confirm).AddHours(1), high.ConfirmTime);
    }

    [Fact]
    public void Double_top_is_detected_at_the_neckline_break_and_not_when_the_second_top_is_far_higher()
    {
        var bars = PathBars.Create(20, 1.00, 1.10, 1.05, 1.10, 1.00);
        var top = Assert.Single(Scan(bars), d => d.Kind == ChartPatternKind.DoubleTop);
        Assert.Equal(-1, top.Direction);
        Assert.Equal(1.0498, top.KeyLevel, 6);
        var breakBar = Enumerable.Range(0, bars.Count).First(i => i > 60 && bars.Close[i] < top.KeyLevel);
        Assert.Equal(breakBar, top.ConfirmIndex);
        Assert.Equal(1.0498 - (1.1002 - 1.0498), top.Target, 6);
        Assert.InRange(top.Quality, 0.9, 1.0);

        Assert.DoesNotContain(Scan(PathBars.Create(20, 1.00, 1.10, 1.05, 1.16, 1.00)), d => d.Kind == ChartPatternKind.DoubleTop);
        // Same tops, but price never closes below the neckline: a setup, not a pattern.
        Assert.DoesNotContain(Scan(PathBars.Create(20, 1.00, 1.10, 1.05, 1.10, 1.055, 1.09)), d => d.Kind == ChartPatternKind.DoubleTop);
    }

    [Fact]
    public void Double_bottom_mirrors_the_double_top()
    {
        var bottom = Assert.Single(Scan(PathBars.Create(20, 1.10, 1.00, 1.05, 1.00, 1.10)), d => d.Kind == ChartPatternKind.DoubleBottom);
        Assert.Equal(1, bottom.Direction);
        Assert.True(bottom.Target > bottom.KeyLevel);
    }

    [Fact]
    public void Head_and_shoulders_and_its_inverse()
    {
        var hs = Assert.Single(Scan(PathBars.Create(15, 1.00, 1.08, 1.04, 1.12, 1.04, 1.08, 0.98)), d => d.Kind == ChartPatternKind.HeadAndShoulders);
        Assert.Equal(-1, hs.Direction);
        Assert.Equal(5, hs.Pivots.Count);
        Assert.Equal(1.12 + 0.0002, hs.Pivots[2].Price, 10);
        Assert.True(hs.Target < hs.KeyLevel);
        // Right shoulder above the head: not a head and shoulders.
        Assert.DoesNotContain(Scan(PathBars.Create(15, 1.00, 1.08, 1.04, 1.12, 1.04, 1.14, 0.98)), d => d.Kind == ChartPatternKind.HeadAndShoulders);
        Assert.Single(Scan(PathBars.Create(15, 1.12, 1.04, 1.08, 1.00, 1.08, 1.04, 1.14)), d => d.Kind == ChartPatternKind.InverseHeadAndShoulders);
    }

    [Fact]
    public void Triangles_rectangle_and_channel()
    {
        var asc = Scan(PathBars.Create(15, 1.00, 1.10, 1.04, 1.10, 1.07, 1.15));
        var a = Assert.Single(asc, d => d.Kind == ChartPatternKind.AscendingTriangle && d.Direction == 1);
        Assert.Equal(1, a.Direction);
        Assert.Equal(1.1002, a.KeyLevel, 6);

        Assert.Contains(Scan(PathBars.Create(15, 1.14, 1.00, 1.08, 1.0005, 1.04, 0.95)), d => d.Kind == ChartPatternKind.DescendingTriangle && d.Direction == -1);
        Assert.Contains(Scan(PathBars.Create(15, 0.96, 1.12, 1.00, 1.09, 1.03, 0.95)), d => d.Kind == ChartPatternKind.SymmetricTriangle && d.Direction == -1);
        Assert.Contains(Scan(PathBars.Create(15, 1.05, 1.10, 1.00, 1.10, 1.00, 1.15)), d => d.Kind == ChartPatternKind.Rectangle && d.Direction == 1);
        Assert.Contains(Scan(PathBars.Create(15, 1.00, 1.06, 1.03, 1.09, 1.06, 1.15)), d => d.Kind == ChartPatternKind.RisingChannel && d.Direction == 1);
        // Highs rising while lows fall (a broadening shape) is none of these.
        var broadening = Scan(PathBars.Create(15, 1.05, 1.08, 1.02, 1.11, 0.99, 1.16));
        Assert.DoesNotContain(broadening, d => d.Kind is ChartPatternKind.AscendingTriangle or ChartPatternKind.DescendingTriangle
            or ChartPatternKind.SymmetricTriangle or ChartPatternKind.Rectangle or ChartPatternKind.RisingChannel or ChartPatternKind.FallingChannel);
    }

    [Fact]
    public void Bull_flag_needs_a_pole_and_a_small_counter_trend_flag()
    {
        var zz = ZigZagSettings.ByPercent(0.5);
        var flag = Assert.Single(ChartPatternScanner.Scan(PathBars.Create(8, 1.00, 1.20, 1.17, 1.19, 1.165, 1.25), zz).Detections,
            d => d.Kind == ChartPatternKind.BullFlag);
        Assert.Equal(1, flag.Direction);
        Assert.True(flag.Target > flag.BreakoutPrice);
        // Without the pole the same consolidation is no flag.
        Assert.DoesNotContain(ChartPatternScanner.Scan(PathBars.Create(8, 1.15, 1.20, 1.17, 1.19, 1.165, 1.25), zz).Detections,
            d => d.Kind == ChartPatternKind.BullFlag);
    }

    [Fact]
    public void Support_and_resistance_levels_cluster_pivots()
    {
        var bars = PathBars.Create(15, 1.00, 1.10, 1.02, 1.10, 1.021, 1.0995, 1.05);
        var scanner = ChartPatternScanner.Scan(bars, Zz);
        var levels = SupportResistance.Find(scanner.ZigZag.Pivots, tolerance: 0.003);
        var resistance = Assert.Single(levels, l => l.Price > 1.09);
        Assert.Equal(3, resistance.Touches);
        Assert.Equal(3, resistance.HighTouches);
        Assert.InRange(resistance.Strength, 0, 1);
        Assert.Contains(levels, l => l.Price < 1.03 && l.Touches == 2);
        // As of a bar before the second top was confirmed there is no resistance level yet.
        var secondTop = scanner.ZigZag.Pivots.Where(p => p.IsHigh).ElementAt(1);
        Assert.DoesNotContain(SupportResistance.Find(scanner.ZigZag.Pivots, 0.003, asOfIndex: secondTop.ConfirmIndex - 1), l => l.Price > 1.09);
    }

    [FsCheck.Xunit.Property(MaxTest = 25, Replay = "(12345,677)")]
    public Property Detections_are_reproduced_on_data_cut_at_their_confirmation_and_never_precede_their_data() =>
        Prop.ForAll(Gen.Choose(0, 100_000).ToArbitrary(), seed =>
        {
            var bars = RandomBars.Create(seed, 1500, step: 8e-4);
            var zz = ZigZagSettings.ByAtr(3, 14);
            var full = ChartPatternScanner.Scan(bars, zz).Detections;
            var calendar = FxCalendar.Default;
            foreach (var d in full)
            {
                var closeOfConfirmBar = new DateTime(calendar.BarCloseUtcTicks(Timeframe.H1, bars.Time[d.ConfirmIndex]), DateTimeKind.Utc);
                if (d.ConfirmTime != closeOfConfirmBar) return false;
                if (d.Pivots.Any(p => p.ConfirmTime > d.ConfirmTime || p.Index > d.ConfirmIndex)) return false;
                if (d.EndTime >= d.ConfirmTime) return false;
                var cut = ChartPatternScanner.Scan(bars.Range(0, d.ConfirmIndex + 1), zz).Detections;
                if (!cut.Contains(d, DetectionComparer.Instance)) return false;
                var before = ChartPatternScanner.Scan(bars.Range(0, d.ConfirmIndex), zz).Detections;
                if (before.Contains(d, DetectionComparer.Instance)) return false;
            }
            return true;
        });

    private sealed class DetectionComparer : IEqualityComparer<ChartPatternDetection>
    {
        public static DetectionComparer Instance { get; } = new();
        public bool Equals(ChartPatternDetection? x, ChartPatternDetection? y) =>
            x is not null && y is not null && x.Kind == y.Kind && x.ConfirmIndex == y.ConfirmIndex && x.StartTime == y.StartTime
            && x.KeyLevel == y.KeyLevel && x.Target == y.Target && x.Pivots.SequenceEqual(y.Pivots);
        public int GetHashCode(ChartPatternDetection obj) => HashCode.Combine(obj.Kind, obj.ConfirmIndex);
    }
}
