namespace Platform3.Engines.TechnicalAnalysis.ChartPatterns;

public enum ChartPatternKind : byte
{
    DoubleTop,
    DoubleBottom,
    HeadAndShoulders,
    InverseHeadAndShoulders,
    AscendingTriangle,
    DescendingTriangle,
    SymmetricTriangle,
    Rectangle,
    RisingChannel,
    FallingChannel,
    BullFlag,
    BearFlag,
}

/// <summary>
/// A confirmed chart pattern. It spans <see cref="StartTime"/>..<see cref="EndTime"/> (its first and last pivots) and
/// was confirmed by the close of the breakout bar at <see cref="ConfirmTime"/> — never earlier than any data it uses.
/// <see cref="KeyLevel"/> is the neckline or broken boundary at the breakout, <see cref="Target"/> the measured move,
/// <see cref="Quality"/> in [0, 1] how cleanly the shape fits (symmetry, flatness, fit of the boundaries).
/// </summary>
public sealed record ChartPatternDetection(
    ChartPatternKind Kind,
    int Direction,
    DateTime StartTime,
    DateTime EndTime,
    int ConfirmIndex,
    DateTime ConfirmTime,
    double KeyLevel,
    double BreakoutPrice,
    double Target,
    double Quality,
    IReadOnlyList<Pivot> Pivots)
{
    public string Name => Kind switch
    {
        ChartPatternKind.DoubleTop => "double top",
        ChartPatternKind.DoubleBottom => "double bottom",
        ChartPatternKind.HeadAndShoulders => "head and shoulders",
        ChartPatternKind.InverseHeadAndShoulders => "inverse head and shoulders",
        ChartPatternKind.AscendingTriangle => "ascending triangle",
        ChartPatternKind.DescendingTriangle => "descending triangle",
        ChartPatternKind.SymmetricTriangle => "symmetric triangle",
        ChartPatternKind.Rectangle => "rectangle",
        ChartPatternKind.RisingChannel => "rising channel",
        ChartPatternKind.FallingChannel => "falling channel",
        ChartPatternKind.BullFlag => "bull flag",
        ChartPatternKind.BearFlag => "bear flag",
        _ => Kind.ToString(),
    };
}

/// <summary>A straight line through two (bar index, price) points, for necklines and pattern boundaries.</summary>
public readonly record struct TrendLine(double Slope, double Intercept)
{
    public static TrendLine Through(int i1, double p1, int i2, double p2) =>
        i1 == i2 ? new TrendLine(0, (p1 + p2) / 2) : new TrendLine((p2 - p1) / (i2 - i1), p1 - (p2 - p1) / (i2 - i1) * i1);

    /// <summary>Least-squares line through the points (index, price).</summary>
    public static TrendLine Fit(IReadOnlyList<Pivot> points)
    {
        double n = points.Count, sx = 0, sy = 0, sxx = 0, sxy = 0;
        foreach (var p in points)
        {
            sx += p.Index; sy += p.Price; sxx += (double)p.Index * p.Index; sxy += p.Index * p.Price;
        }
        var d = n * sxx - sx * sx;
        if (d == 0) return new TrendLine(0, sy / n);
        var slope = (n * sxy - sx * sy) / d;
        return new TrendLine(slope, (sy - slope * sx) / n);
    }

    public double At(int index) => Intercept + Slope * index;
}
