using Platform3.Core.Calendar;
using Platform3.Trading.Backtesting;
using Platform3.Trading.Portfolio;

namespace Platform3.Trading.Statistics;

/// <summary>Computes <see cref="PerformanceStatistics"/> from a backtest result.</summary>
public static class PerformanceAnalyzer
{
    /// <param name="result">The backtest.</param>
    /// <param name="trials">Strategies tried before picking this one (for the deflated Sharpe).</param>
    /// <param name="trialSharpeVariance">Variance of the trials' daily Sharpe ratios, when known.</param>
    public static PerformanceStatistics Compute(BacktestResult result, int trials = 1, double trialSharpeVariance = double.NaN)
    {
        var calendar = result.Settings.Calendar;
        var daily = ReturnSeries.Daily(result.Equity, calendar);
        var r = daily.Returns;
        var (mean, sd, skew, kurt) = Moments(r);
        var downside = r.Length == 0 ? 0 : Math.Sqrt(r.Sum(x => x < 0 ? x * x : 0) / r.Length);
        var initial = result.InitialBalance;
        var final = result.Final.Equity;
        var start = result.Start;
        var end = result.End;
        var years = Math.Max((end - start).TotalDays / 365.25, 1e-9);
        var totalReturn = initial == 0 ? 0 : (double)(final / initial) - 1;
        var cagr = totalReturn <= -1 ? -1 : Math.Pow(1 + totalReturn, 1 / years) - 1;
        var (maxDd, ddDuration) = Drawdown(result.Equity);
        var ann = Math.Sqrt(PerformanceStatistics.PeriodsPerYear);
        var dailySharpe = sd > 0 ? mean / sd : double.NaN;

        var trades = result.Trades.ToArray(); // the result builds a Trade per read from its compact log: read it once
        var wins = trades.Where(t => t.NetPnl > 0).ToArray();
        var losses = trades.Where(t => t.NetPnl <= 0).ToArray();
        var grossWin = wins.Sum(t => t.NetPnl);
        var grossLoss = -losses.Sum(t => t.NetPnl);
        var notional = result.OrderEvents.Where(e => e.Fill is not null).Sum(e => e.Fill!.Notional);
        var avgEquity = result.Equity.Count == 0 ? (double)initial : Average(result.Equity.Equity);

        return new PerformanceStatistics
        {
            Start = start,
            End = end,
            InitialEquity = initial,
            FinalEquity = final,
            TotalReturn = totalReturn,
            Cagr = cagr,
            Volatility = sd * ann,
            Sharpe = sd > 0 ? mean / sd * ann : double.NaN,
            Sortino = downside > 0 ? mean / downside * ann : double.NaN,
            Calmar = maxDd > 0 ? cagr / maxDd : double.NaN,
            MaxDrawdown = maxDd,
            MaxDrawdownDuration = ddDuration,
            Trades = trades.Length,
            Wins = wins.Length,
            Losses = losses.Length,
            WinRate = trades.Length == 0 ? double.NaN : (double)wins.Length / trades.Length,
            ProfitFactor = grossLoss == 0 ? (grossWin > 0 ? double.PositiveInfinity : double.NaN) : (double)(grossWin / grossLoss),
            Expectancy = trades.Length == 0 ? 0 : Math.Round(trades.Sum(t => t.NetPnl) / trades.Length, 2),
            AverageWin = wins.Length == 0 ? 0 : Math.Round(grossWin / wins.Length, 2),
            AverageLoss = losses.Length == 0 ? 0 : Math.Round(-grossLoss / losses.Length, 2),
            LargestWin = wins.Length == 0 ? 0 : wins.Max(t => t.NetPnl),
            LargestLoss = losses.Length == 0 ? 0 : losses.Min(t => t.NetPnl),
            AverageHolding = trades.Length == 0 ? TimeSpan.Zero : TimeSpan.FromTicks((long)trades.Average(t => (double)t.Duration.Ticks)),
            Exposure = Exposure(trades, start, end),
            Turnover = avgEquity > 0 ? (double)notional / avgEquity / years : double.NaN,
            Costs = result.Costs,
            Observations = r.Length,
            DailySharpe = dailySharpe,
            Skewness = skew,
            Kurtosis = kurt,
            Psr = SharpeInference.Probabilistic(dailySharpe, 0, r.Length, skew, kurt),
            DeflatedSharpe = SharpeInference.Deflated(dailySharpe, r.Length, skew, kurt, Math.Max(1, trials), trialSharpeVariance),
            Trials = Math.Max(1, trials),
        };
    }

    /// <summary>Mean, sample standard deviation, skewness and raw kurtosis (3 for a normal).</summary>
    public static (double Mean, double Sd, double Skewness, double Kurtosis) Moments(ReadOnlySpan<double> x)
    {
        var n = x.Length;
        if (n < 2) return (n == 1 ? x[0] : double.NaN, double.NaN, double.NaN, double.NaN);
        double mean = 0;
        foreach (var v in x) mean += v;
        mean /= n;
        double m2 = 0, m3 = 0, m4 = 0;
        foreach (var v in x)
        {
            var d = v - mean;
            var d2 = d * d;
            m2 += d2; m3 += d2 * d; m4 += d2 * d2;
        }
        var variance = m2 / n;
        var sd = Math.Sqrt(m2 / (n - 1));
        if (variance <= 0) return (mean, 0, 0, 3);
        return (mean, sd, m3 / n / Math.Pow(variance, 1.5), m4 / n / (variance * variance));
    }

    /// <summary>Maximum drawdown (fraction of the peak) and the longest underwater stretch.</summary>
    public static (double MaxDrawdown, TimeSpan LongestUnderwater) Drawdown(EquityCurve curve)
    {
        var e = curve.Equity;
        var t = curve.Time;
        if (e.Length == 0) return (0, TimeSpan.Zero);
        double peak = e[0], maxDd = 0;
        long peakTime = t[0], longest = 0;
        for (var i = 1; i < e.Length; i++)
        {
            if (e[i] >= peak)
            {
                longest = Math.Max(longest, t[i] - peakTime);
                peak = e[i];
                peakTime = t[i];
                continue;
            }
            var dd = peak > 0 ? 1 - e[i] / peak : 0;
            if (dd > maxDd) maxDd = dd;
        }
        if (e[^1] < peak) longest = Math.Max(longest, t[^1] - peakTime);
        return (maxDd, TimeSpan.FromTicks(longest));
    }

    /// <summary>Drawdown at each equity sample (0 at a new peak, negative below it).</summary>
    public static double[] Underwater(EquityCurve curve)
    {
        var e = curve.Equity;
        var result = new double[e.Length];
        var peak = double.MinValue;
        for (var i = 0; i < e.Length; i++)
        {
            peak = Math.Max(peak, e[i]);
            result[i] = peak > 0 ? e[i] / peak - 1 : 0;
        }
        return result;
    }

    private static double Average(ReadOnlySpan<double> x)
    {
        double s = 0;
        foreach (var v in x) s += v;
        return x.Length == 0 ? 0 : s / x.Length;
    }

    /// <summary>Union of the trades' holding intervals over the run's length.</summary>
    private static double Exposure(Trade[] trades, DateTime start, DateTime end)
    {
        var total = (end - start).Ticks;
        if (total <= 0 || trades.Length == 0) return 0;
        var intervals = trades.Select(t => (A: t.EntryTime.Ticks, B: t.ExitTime.Ticks)).OrderBy(x => x.A).ToArray();
        long covered = 0, curA = intervals[0].A, curB = intervals[0].B;
        foreach (var (a, b) in intervals.Skip(1))
        {
            if (a > curB) { covered += curB - curA; curA = a; curB = b; }
            else curB = Math.Max(curB, b);
        }
        covered += curB - curA;
        return Math.Min(1.0, (double)covered / total);
    }

    /// <summary>Variance of a set of Sharpe ratios (for the deflated Sharpe of an optimisation's winner).</summary>
    public static double Variance(IReadOnlyList<double> values)
    {
        var v = values.Where(double.IsFinite).ToArray();
        if (v.Length < 2) return double.NaN;
        var m = v.Average();
        return v.Sum(x => (x - m) * (x - m)) / (v.Length - 1);
    }
}
