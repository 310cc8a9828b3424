namespace Platform3.Engines.TechnicalAnalysis.ChartPatterns;

/// <summary>
/// A price level where pivots cluster. <see cref="Touches"/> = pivots in the cluster; <see cref="Strength"/> in
/// [0, 1] grows with touches and recency. Known from <see cref="ConfirmTime"/>, when the pivot that made it a level
/// (its <c>minTouches</c>-th) was confirmed.
/// </summary>
public sealed record PriceLevel(double Price, int Touches, int HighTouches, int LowTouches, DateTime FirstTouch, DateTime LastTouch,
    DateTime ConfirmTime, double Strength)
{
    /// <summary>Support when price is above it, resistance when below; touched by both highs and lows = a flip level.</summary>
    public string Role(double price) => price >= Price ? "support" : "resistance";
}

/// <summary>Clusters confirmed pivots into support and resistance levels.</summary>
public static class SupportResistance
{
    /// <summary>
    /// Levels from the pivots confirmed at or before <paramref name="asOfIndex"/> (all when null). Pivots within
    /// <paramref name="tolerance"/> (a price distance, e.g. a fraction of ATR or of price) of a cluster's mean join it;
    /// a cluster with at least <paramref name="minTouches"/> pivots is a level. Strongest first.
    /// </summary>
    public static IReadOnlyList<PriceLevel> Find(IReadOnlyList<Pivot> pivots, double tolerance, int minTouches = 2, int? asOfIndex = null)
    {
        ArgumentNullException.ThrowIfNull(pivots);
        if (!(tolerance > 0)) throw new ArgumentOutOfRangeException(nameof(tolerance), tolerance, "tolerance must be positive");
        var known = pivots.Where(p => asOfIndex is null || p.ConfirmIndex <= asOfIndex).ToList();
        if (known.Count == 0) return [];
        var lastIndex = known.Max(p => p.ConfirmIndex);
        var span = Math.Max(1, lastIndex - known.Min(p => p.Index));
        var clusters = new List<List<Pivot>>();
        foreach (var p in known.OrderBy(p => p.Price))
        {
            var last = clusters.Count > 0 ? clusters[^1] : null;
            if (last is not null && Math.Abs(p.Price - last.Average(x => x.Price)) <= tolerance) last.Add(p);
            else clusters.Add([p]);
        }
        var levels = new List<PriceLevel>();
        foreach (var c in clusters.Where(c => c.Count >= minTouches))
        {
            var byConfirm = c.OrderBy(p => p.ConfirmIndex).ToList();
            var recency = c.Average(p => 1 - (double)(lastIndex - p.Index) / span);
            var strength = Math.Clamp((1 - Math.Pow(0.6, c.Count)) * (0.5 + 0.5 * recency), 0, 1);
            levels.Add(new PriceLevel(c.Average(p => p.Price), c.Count, c.Count(p => p.IsHigh), c.Count(p => !p.IsHigh),
                c.Min(p => p.Time), c.Max(p => p.Time), byConfirm[minTouches - 1].ConfirmTime, strength));
        }
        return [.. levels.OrderByDescending(l => l.Strength)];
    }
}
