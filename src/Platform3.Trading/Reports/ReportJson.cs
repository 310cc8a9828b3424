using System.Text.Json;

namespace Platform3.Trading.Reports;

/// <summary>How result files (backtest report, optimisation and walk-forward tables) write statistics.</summary>
public static class ReportJson
{
    /// <summary>
    /// A statistic rounded to 8 decimals (enough for ratios and percentages, and it keeps float noise out of
    /// diffs between runs); NaN and infinities, which JSON cannot hold, become null.
    /// </summary>
    public static void Number(Utf8JsonWriter w, string name, double v)
    {
        ArgumentNullException.ThrowIfNull(w);
        if (double.IsFinite(v)) w.WriteNumber(name, Math.Round(v, 8));
        else w.WriteNull(name);
    }
}
