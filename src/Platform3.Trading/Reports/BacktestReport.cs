using System.Globalization;
using System.Text;
using System.Text.Json;
using Platform3.MarketData.Storage;
using Platform3.Trading.Backtesting;
using Platform3.Trading.Portfolio;
using Platform3.Trading.Statistics;

namespace Platform3.Trading.Reports;

/// <summary>
/// The report of one backtest: a self-contained HTML page (inline SVG, opens offline) and a JSON file with
/// the same content. Both are written atomically (temp file, fsync, rename).
/// </summary>
public sealed partial class BacktestReport
{
    private BacktestReport(BacktestResult result, PerformanceStatistics stats)
    {
        Result = result;
        Statistics = stats;
        Daily = ReturnSeries.Daily(result.Equity, result.Settings.Calendar);
        Monthly = ReturnSeries.Monthly(result.Equity);
        Underwater = PerformanceAnalyzer.Underwater(result.Equity);
    }

    public BacktestResult Result { get; }
    public PerformanceStatistics Statistics { get; }
    public ReturnSeries Daily { get; }
    public ReturnSeries Monthly { get; }
    public double[] Underwater { get; }

    /// <param name="result">The backtest.</param>
    /// <param name="trials">Trials behind this result (for the deflated Sharpe).</param>
    /// <param name="trialSharpeVariance">Variance of the trials' daily Sharpe ratios, when known.</param>
    public static BacktestReport Build(BacktestResult result, int trials = 1, double trialSharpeVariance = double.NaN) =>
        new(result, PerformanceAnalyzer.Compute(result, trials, trialSharpeVariance));

    /// <summary>Writes the HTML report and, when given, the JSON file.</summary>
    public void Save(string htmlPath, string? jsonPath, bool includeEvents = false)
    {
        Write(htmlPath, Encoding.UTF8.GetBytes(ToHtml()));
        if (jsonPath is not null) Write(jsonPath, ToJson(includeEvents));
    }

    private static void Write(string path, byte[] bytes)
    {
        var dir = Path.GetDirectoryName(Path.GetFullPath(path));
        if (!string.IsNullOrEmpty(dir)) Directory.CreateDirectory(dir);
        AtomicFile.Write(path, bytes);
    }

    /// <summary>Monthly returns as (year, month, return).</summary>
    public IEnumerable<(int Year, int Month, double Return)> MonthlyReturns()
    {
        for (var i = 0; i < Monthly.Returns.Length; i++)
        {
            // Return i covers the month that ends at Times[i + 1]; step back a tick to name it.
            var end = Monthly.Times[i + 1].AddTicks(-1);
            yield return (end.Year, end.Month, Monthly.Returns[i]);
        }
    }

    // ---------------------------------------------------------------- JSON

    public byte[] ToJson(bool includeEvents = false)
    {
        using var ms = new MemoryStream();
        using (var w = new Utf8JsonWriter(ms, new JsonWriterOptions { Indented = true }))
        {
            var r = Result;
            var s = Statistics;
            w.WriteStartObject();
            w.WriteString("kind", "platform3.backtest");
            w.WriteStartObject("run");
            w.WriteString("strategies", string.Join(",", r.Strategies));
            w.WriteStartObject("parameters");
            foreach (var (k, v) in r.Parameters.OrderBy(kv => kv.Key, StringComparer.Ordinal)) w.WriteString(k, v);
            w.WriteEndObject();
            w.WriteString("symbols", string.Join(",", r.Universe.Select(i => i.Symbol)));
            w.WriteString("data_timeframe", r.DataTimeframe.Name);
            w.WriteString("strategy_timeframe", (r.Settings.StrategyTimeframe ?? r.DataTimeframe).Name);
            w.WriteString("start", r.Start);
            w.WriteString("end", r.End);
            w.WriteString("account_currency", r.Final.Currency.Code);
            w.WriteNumber("initial_balance", r.InitialBalance);
            w.WriteString("position_mode", r.Settings.PositionMode.ToString());
            w.WriteNumber("bars", r.BarsProcessed);
            w.WriteString("ledger_identity", r.LedgerProblem ?? "holds");
            w.WriteEndObject();

            w.WriteStartObject("statistics");
            Num(w, "final_equity", s.FinalEquity);
            Num(w, "net_profit", s.NetProfit);
            Num(w, "total_return", s.TotalReturn);
            Num(w, "cagr", s.Cagr);
            Num(w, "volatility", s.Volatility);
            Num(w, "sharpe", s.Sharpe);
            Num(w, "sortino", s.Sortino);
            Num(w, "calmar", s.Calmar);
            Num(w, "max_drawdown", s.MaxDrawdown);
            Num(w, "max_drawdown_days", s.MaxDrawdownDuration.TotalDays);
            w.WriteNumber("trades", s.Trades);
            Num(w, "win_rate", s.WinRate);
            Num(w, "profit_factor", s.ProfitFactor);
            Num(w, "expectancy", s.Expectancy);
            Num(w, "average_win", s.AverageWin);
            Num(w, "average_loss", s.AverageLoss);
            Num(w, "exposure", s.Exposure);
            Num(w, "turnover", s.Turnover);
            Num(w, "psr", s.Psr);
            Num(w, "deflated_sharpe", s.DeflatedSharpe);
            w.WriteNumber("trials", s.Trials);
            w.WriteNumber("observations", s.Observations);
            w.WriteEndObject();

            w.WriteStartObject("costs");
            Num(w, "spread", r.Costs.Spread);
            Num(w, "slippage", r.Costs.Slippage);
            Num(w, "commission", r.Costs.Commission);
            Num(w, "swap", r.Costs.Swap);
            Num(w, "total", r.Costs.Total);
            w.WriteEndObject();

            w.WriteStartArray("monthly_returns");
            foreach (var (y, m, ret) in MonthlyReturns())
            {
                w.WriteStartObject();
                w.WriteNumber("year", y);
                w.WriteNumber("month", m);
                Num(w, "return", ret);
                w.WriteEndObject();
            }
            w.WriteEndArray();

            w.WriteStartArray("daily_equity");
            for (var i = 0; i < Daily.Times.Length; i++)
            {
                w.WriteStartArray();
                w.WriteStringValue(Daily.Times[i]);
                w.WriteNumberValue(Math.Round(Daily.Equity[i], 2));
                w.WriteEndArray();
            }
            w.WriteEndArray();

            w.WriteStartArray("trades");
            foreach (var t in r.Trades) WriteTrade(w, t);
            w.WriteEndArray();

            w.WriteStartArray("orders");
            foreach (var o in r.Orders)
            {
                w.WriteStartObject();
                w.WriteString("id", o.Id.ToString());
                w.WriteString("symbol", o.Instrument.Symbol);
                w.WriteString("side", o.Side.ToString());
                w.WriteString("type", o.Type.ToString());
                w.WriteNumber("quantity", o.Quantity);
                w.WriteNumber("filled", o.FilledQuantity);
                if (o.FilledQuantity > 0) w.WriteNumber("avg_price", o.AvgFillPrice);
                w.WriteString("state", o.State.ToString());
                w.WriteString("reason", o.LastReason);
                if (o.Tag is not null) w.WriteString("tag", o.Tag);
                w.WriteString("created", o.CreatedAt);
                w.WriteEndObject();
            }
            w.WriteEndArray();

            if (includeEvents)
            {
                w.WriteStartArray("order_events");
                foreach (var e in r.OrderEvents)
                {
                    w.WriteStartObject();
                    w.WriteNumber("seq", e.Sequence);
                    w.WriteString("time", e.Time);
                    w.WriteString("order", e.Order.Id.ToString());
                    w.WriteString("kind", e.Kind.ToString());
                    w.WriteString("state", e.State.ToString());
                    w.WriteString("reason", e.Reason);
                    if (e.Fill is { } f)
                    {
                        w.WriteNumber("fill_quantity", f.Quantity);
                        w.WriteNumber("fill_price", f.Price);
                        w.WriteNumber("commission", f.Commission);
                    }
                    w.WriteEndObject();
                }
                w.WriteEndArray();
                w.WriteStartArray("ledger");
                foreach (var e in r.Ledger)
                {
                    w.WriteStartObject();
                    w.WriteNumber("seq", e.Sequence);
                    w.WriteString("time", e.Time);
                    w.WriteString("kind", e.Kind.ToString());
                    w.WriteNumber("amount", e.Amount);
                    w.WriteNumber("balance", e.BalanceAfter);
                    w.WriteString("original_currency", e.OriginalCurrency.Code);
                    w.WriteNumber("original_amount", e.OriginalAmount);
                    w.WriteNumber("rate", e.Rate);
                    w.WriteEndObject();
                }
                w.WriteEndArray();
            }
            w.WriteEndObject();
        }
        return ms.ToArray();
    }

    /// <summary>The trades alone as JSON lines, one per trade (a canonical, byte-comparable form).</summary>
    public static string TradesAsJsonLines(IEnumerable<Trade> trades)
    {
        var sb = new StringBuilder();
        foreach (var t in trades)
        {
            using var ms = new MemoryStream();
            using (var w = new Utf8JsonWriter(ms)) WriteTrade(w, t);
            sb.Append(Encoding.UTF8.GetString(ms.ToArray())).Append('\n');
        }
        return sb.ToString();
    }

    private static void WriteTrade(Utf8JsonWriter w, Trade t)
    {
        w.WriteStartObject();
        w.WriteNumber("position", t.PositionId);
        w.WriteString("symbol", t.Symbol);
        w.WriteString("side", t.Side.ToString());
        w.WriteNumber("quantity", t.Quantity);
        w.WriteString("entry_time", t.EntryTime);
        w.WriteNumber("entry_price", t.EntryPrice);
        w.WriteString("exit_time", t.ExitTime);
        w.WriteNumber("exit_price", t.ExitPrice);
        w.WriteNumber("gross_pnl", t.GrossPnl);
        w.WriteNumber("commission", t.Commission);
        w.WriteNumber("swap", t.Swap);
        w.WriteNumber("spread_cost", t.SpreadCost);
        w.WriteNumber("slippage_cost", t.SlippageCost);
        w.WriteNumber("net_pnl", t.NetPnl);
        w.WriteNumber("mae_pips", Math.Round(t.MaePips, 2));
        w.WriteNumber("mfe_pips", Math.Round(t.MfePips, 2));
        w.WriteNumber("mae", t.Mae);
        w.WriteNumber("mfe", t.Mfe);
        if (t.EntryTag is not null) w.WriteString("entry_tag", t.EntryTag);
        if (t.ExitTag is not null) w.WriteString("exit_tag", t.ExitTag);
        if (t.ClosedByStopOut) w.WriteBoolean("stop_out", true);
        w.WriteEndObject();
    }

    private static void Num(Utf8JsonWriter w, string name, double v) => ReportJson.Number(w, name, v);

    private static void Num(Utf8JsonWriter w, string name, decimal v) => w.WriteNumber(name, v);

    private static string Pct(double v) => double.IsFinite(v) ? (v * 100).ToString("0.00", CultureInfo.InvariantCulture) + "%" : "–";
}
