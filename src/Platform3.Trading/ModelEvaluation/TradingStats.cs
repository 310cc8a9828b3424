using System.Globalization;
using Platform3.Trading.Backtesting;

namespace Platform3.Trading.ModelEvaluation;

/// <summary>Net results of trading a model's signals through the simulation engine, after all costs.</summary>
public sealed record TradingStats
{
    public required int Trades { get; init; }
    public required decimal NetProfit { get; init; }
    public required double ReturnPct { get; init; }
    public required double WinRate { get; init; }
    public required double ProfitFactor { get; init; }
    /// <summary>Annualised Sharpe ratio of daily equity returns (√252).</summary>
    public required double Sharpe { get; init; }
    public required double MaxDrawdownPct { get; init; }
    public required decimal SpreadCost { get; init; }
    public required decimal SlippageCost { get; init; }
    public required decimal Commission { get; init; }
    public required decimal Swap { get; init; }
    public required decimal GrossProfit { get; init; }
    public required string Currency { get; init; }
    public string? LedgerProblem { get; init; }

    public static TradingStats From(BacktestResult r)
    {
        var trades = r.Trades.ToArray(); // the result builds a Trade per read from its compact log: read it once
        var wins = trades.Where(t => t.NetPnl > 0).Sum(t => t.NetPnl);
        var losses = -trades.Where(t => t.NetPnl < 0).Sum(t => t.NetPnl);
        return new TradingStats
        {
            Trades = trades.Length,
            NetProfit = r.NetProfit,
            ReturnPct = (double)(r.NetProfit / r.InitialBalance) * 100,
            WinRate = trades.Length == 0 ? double.NaN : (double)trades.Count(t => t.NetPnl > 0) / trades.Length,
            ProfitFactor = losses == 0 ? (wins > 0 ? double.PositiveInfinity : double.NaN) : (double)(wins / losses),
            Sharpe = DailySharpe(r.Equity),
            MaxDrawdownPct = MaxDrawdown(r.Equity) * 100,
            SpreadCost = r.Costs.Spread,
            SlippageCost = r.Costs.Slippage,
            Commission = r.Costs.Commission,
            Swap = r.Costs.Swap,
            GrossProfit = trades.Sum(t => t.GrossPnl),
            Currency = r.Settings.AccountCurrency.Code,
            LedgerProblem = r.LedgerProblem,
        };
    }

    public static double MaxDrawdown(EquityCurve curve)
    {
        double peak = double.MinValue, worst = 0;
        foreach (var e in curve.Equity)
        {
            peak = Math.Max(peak, e);
            if (peak > 0) worst = Math.Max(worst, (peak - e) / peak);
        }
        return worst;
    }

    /// <summary>Sharpe of returns between the last equity sample of each UTC day.</summary>
    public static double DailySharpe(EquityCurve curve)
    {
        var daily = new List<double>();
        long day = long.MinValue;
        double last = double.NaN;
        var time = curve.Time;
        var equity = curve.Equity;
        for (var i = 0; i < curve.Count; i++)
        {
            var d = time[i] / TimeSpan.TicksPerDay;
            if (d != day && i > 0) daily.Add(equity[i - 1]);
            day = d;
            last = equity[i];
        }
        if (!double.IsNaN(last)) daily.Add(last);
        var returns = new List<double>();
        for (var i = 1; i < daily.Count; i++) if (daily[i - 1] > 0) returns.Add(daily[i] / daily[i - 1] - 1);
        if (returns.Count < 2) return double.NaN;
        var mean = returns.Average();
        var sd = Math.Sqrt(returns.Sum(x => (x - mean) * (x - mean)) / (returns.Count - 1));
        return sd == 0 ? double.NaN : mean / sd * Math.Sqrt(252);
    }

    /// <summary>Flat name → value pairs for experiment tracking.</summary>
    public IEnumerable<(string Name, double Value)> Metrics()
    {
        yield return ("trades", Trades);
        yield return ("net_profit", (double)NetProfit);
        yield return ("return_pct", ReturnPct);
        yield return ("win_rate", WinRate);
        yield return ("profit_factor", ProfitFactor);
        yield return ("sharpe", Sharpe);
        yield return ("max_drawdown_pct", MaxDrawdownPct);
        yield return ("spread_cost", (double)SpreadCost);
        yield return ("slippage_cost", (double)SlippageCost);
        yield return ("commission", (double)Commission);
        yield return ("swap", (double)Swap);
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{Trades} trades, net {NetProfit:N2} {Currency} ({ReturnPct:F2}%), win rate {WinRate:P1}, profit factor {ProfitFactor:F2}, " +
        $"Sharpe {Sharpe:F2}, max drawdown {MaxDrawdownPct:F2}%; costs: spread {SpreadCost:N2}, slippage {SlippageCost:N2}, " +
        $"commission {Commission:N2}, swap {Swap:N2} (gross {GrossProfit:N2})");
}
