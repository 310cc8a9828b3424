using System.Globalization;
using System.Text;
using Platform3.Engines.TechnicalAnalysis;

namespace Platform3.Engines.Tests.Reference;

/// <summary>How close a value must be: |actual − expected| ≤ abs + rel·|expected| (+ half a printed unit if asked).</summary>
public sealed record Tolerance(double Abs, double Rel, bool PlusPrintedRounding, string Reason)
{
    /// <summary>The default: 1e-6 relative, plus the rounding the file applied when it printed the value.</summary>
    public static Tolerance Printed { get; } = new(1e-12, 1e-6, true, "1e-6 relative plus the file's own print rounding");

    /// <summary>Full-precision files from a library with the same formula: far tighter than 1e-6.</summary>
    public static Tolerance Exact { get; } = new(1e-10, 1e-9, false, "same formula, full-precision file: 1e-9 relative");

    public double Allowed(double expected) =>
        Abs + Rel * Math.Abs(expected) + (PlusPrintedRounding ? ReferenceTable.PrintedHalfUnit(expected) : 0);
}

/// <summary>
/// One comparison: an indicator (built from its factory spec), one output, one expected column.
/// <paramref name="Scale"/> multiplies the indicator output before comparing (e.g. 100 for Lean's percent bandwidth);
/// <paramref name="SkipRows"/> leaves out early rows where a recursive indicator's seeding differs from the file's.
/// </summary>
public sealed record ReferenceCase(string File, string Column, string Spec, string Output, Tolerance Tolerance,
    double Scale = 1, int SkipRows = 0, int MinCompared = 50)
{
    public override string ToString() => $"{File} [{Column}] ~ {Spec}.{Output}";
}

/// <summary>
/// The one common harness: feeds every row in file order, and from the first row where the indicator is ready
/// and the file has a value (after SkipRows) compares every such row. It also checks batch == streaming (bit for
/// bit) and that Reset + replay gives the same values, and refuses to pass on too few compared rows.
/// </summary>
public static class ReferenceHarness
{
    public static void Run(ReferenceTable table, ReferenceCase c)
    {
        var expected = table.Column(c.Column);
        var indicator = IndicatorFactory.Create(c.Spec);
        var output = indicator.IndexOf(c.Output);
        var bars = table.Bars;
        var streamed = Stream(indicator, bars, output);
        var failures = new StringBuilder();
        var compared = 0;
        var failed = 0;
        var worst = 0.0;
        for (var i = 0; i < bars.Count; i++)
        {
            if (i < c.SkipRows || double.IsNaN(streamed[i]) || expected[i] is not { } e) continue;
            compared++;
            var actual = streamed[i] * c.Scale;
            var diff = Math.Abs(actual - e);
            var allowed = c.Tolerance.Allowed(e);
            worst = Math.Max(worst, diff / Math.Max(allowed, double.Epsilon));
            if (diff <= allowed) continue;
            if (++failed <= 8)
                failures.AppendLine(CultureInfo.InvariantCulture, $"  row {i} ({table.RowLabels[i]}): expected {e:R}, got {actual:R}, |diff| {diff:E3} > {allowed:E3}");
        }
        Assert.True(failed == 0, $"{c}: {failed} of {compared} rows outside tolerance ({c.Tolerance.Reason}):\n{failures}");
        Assert.True(compared >= c.MinCompared, $"{c}: only {compared} rows compared (expected at least {c.MinCompared}); warm-up or column mismatch?");

        // Batch gives the same bits as streaming, for every output.
        var batch = indicator.Clone().Compute(bars);
        var replay = Stream(indicator, bars, output); // Stream() resets first: Reset + replay
        for (var k = 0; k < indicator.OutputCount; k++)
        {
            var s = StreamAll(indicator.Clone(), bars, k);
            AssertSame(s, batch[k], $"{c}: batch vs streaming, output {indicator.OutputNames[k]}");
        }
        AssertSame(streamed, replay, $"{c}: Reset + replay");
    }

    private static double[] Stream(Indicator indicator, Core.Domain.BarSeries bars, int output)
    {
        indicator.Reset();
        return StreamAll(indicator, bars, output);
    }

    private static double[] StreamAll(Indicator indicator, Core.Domain.BarSeries bars, int output)
    {
        var result = new double[bars.Count];
        for (var i = 0; i < bars.Count; i++)
        {
            indicator.Update(bars[i]);
            result[i] = indicator[output];
        }
        return result;
    }

    public static void AssertSame(double[] expected, double[] actual, string what)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (var i = 0; i < expected.Length; i++)
        {
            if (BitConverter.DoubleToInt64Bits(expected[i]) == BitConverter.DoubleToInt64Bits(actual[i])) continue;
            if (double.IsNaN(expected[i]) && double.IsNaN(actual[i])) continue;
            Assert.Fail($"{what}: row {i} differs: {expected[i]:R} vs {actual[i]:R}");
        }
    }
}
