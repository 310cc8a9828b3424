using System.CommandLine;
using System.Globalization;
using Platform3.Trading.Backtesting;
using Platform3.Trading.Reports;
using Platform3.Trading.Statistics;

namespace Platform3.Cli.Commands;

/// <summary><c>p3 backtest</c>: one strategy over one or many pairs, with an HTML and a JSON report.</summary>
internal static class BacktestCommand
{
    public static Command Create(Func<ParseResult, CliContext> context)
    {
        var options = new BacktestOptions();
        var report = new Option<string?>("--report") { Description = "HTML report path (the JSON goes beside it, same name .json)." };
        var json = new Option<string?>("--json") { Description = "JSON results path (default: beside --report)." };
        var events = new Option<bool>("--json-events") { Description = "Also write every order event and ledger entry to the JSON." };
        var cmd = new Command("backtest", "Run a strategy on the simulated FX broker and report trades, statistics and costs.");
        options.AddTo(cmd);
        cmd.Options.Add(report);
        cmd.Options.Add(json);
        cmd.Options.Add(events);
        cmd.SetAction(r =>
        {
            var ctx = context(r);
            var models = options.Models(r, ctx);
            var request = options.Request(r, ctx, models);
            var dataRequest = options.Data(r, ctx);
            ctx.Out.Step($"loading {string.Join(",", dataRequest.Symbols)} from {(dataRequest.Source == DataSource.Store ? ctx.DataDir : $"the synthetic market (seed {dataRequest.Seed})")}");
            var data = new MarketDataLoader(ctx.Instruments, ctx.Calendar).Load(dataRequest);
            ctx.Out.Step($"running {request.Strategy} on {data.TotalPoints:N0} {data.Feeds[0].Timeframe} bars ({string.Join(", ", data.Feeds.Select(f => f.Instrument.Symbol + (f.Traded ? "" : " for conversion")))})");
            var result = new BacktestRunner(ctx.Instruments, ctx.Calendar).Run(request, data);
            var rep = BacktestReport.Build(result);
            PrintSummary(ctx, rep);
            var html = r.GetValue(report);
            var jsonPath = r.GetValue(json) ?? (html is null ? null : Path.ChangeExtension(html, ".json"));
            if (html is not null)
            {
                rep.Save(html, jsonPath, r.GetValue(events));
                ctx.Out.Line($"report: {Path.GetFullPath(html)}");
            }
            else if (jsonPath is not null) File.WriteAllBytes(jsonPath, rep.ToJson(r.GetValue(events)));
            if (jsonPath is not null) ctx.Out.Line($"json:   {Path.GetFullPath(jsonPath)}");
            return result.LedgerProblem is null ? 0 : 2;
        });
        return cmd;
    }

    internal static void PrintSummary(CliContext ctx, BacktestReport rep)
    {
        var s = rep.Statistics;
        var r = rep.Result;
        var ccy = r.Final.Currency.Code;
        static string P(double v) => double.IsFinite(v) ? (v * 100).ToString("0.00", CultureInfo.InvariantCulture) + "%" : "-";
        static string N(double v) => double.IsFinite(v) ? v.ToString("0.00", CultureInfo.InvariantCulture) : "-";
        string M(decimal v) => v.ToString("N2", CultureInfo.InvariantCulture) + " " + ccy;
        ctx.Out.Table(["metric", "value"],
        [
            ["period", $"{r.Start:yyyy-MM-dd} → {r.End:yyyy-MM-dd}"],
            ["bars", $"{r.BarsProcessed:N0} in {r.Elapsed.TotalSeconds:0.00}s"],
            ["final equity", M(s.FinalEquity)],
            ["net profit", M(s.NetProfit)],
            ["CAGR", P(s.Cagr)],
            ["volatility", P(s.Volatility)],
            ["Sharpe / Sortino / Calmar", $"{N(s.Sharpe)} / {N(s.Sortino)} / {N(s.Calmar)}"],
            ["max drawdown", $"{P(s.MaxDrawdown)} ({s.MaxDrawdownDuration.TotalDays:0.0} days)"],
            ["trades / win rate", $"{s.Trades:N0} / {P(s.WinRate)}"],
            ["profit factor / expectancy", $"{N(s.ProfitFactor)} / {M(s.Expectancy)}"],
            ["exposure / turnover", $"{P(s.Exposure)} / {N(s.Turnover)}"],
            ["costs spread / slippage", $"{M(s.Costs.Spread)} / {M(s.Costs.Slippage)}"],
            ["costs commission / swap", $"{M(s.Costs.Commission)} / {M(s.Costs.Swap)}"],
            ["PSR / deflated Sharpe", $"{P(s.Psr)} / {P(s.DeflatedSharpe)} ({s.Trials} trial{(s.Trials == 1 ? "" : "s")})"],
            ["ledger identity", r.LedgerProblem ?? "holds"],
        ], "backtest");
    }
}
