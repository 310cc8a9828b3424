using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Platform3.MarketData.Storage;
using Platform3.Trading.Backtesting;
using Platform3.Trading.Reports;
using Platform3.Trading.Research;

namespace Platform3.Cli.Commands;

/// <summary><c>p3 optimize</c>: grid or random search over a strategy's parameters, with the deflated Sharpe of the winner.</summary>
internal static class OptimizeCommand
{
    public static Command Create(Func<ParseResult, CliContext> context)
    {
        var options = new BacktestOptions();
        var research = new ResearchOptions();
        var top = new Option<int>("--top") { Description = "Rows shown.", DefaultValueFactory = _ => 20 };
        var cmd = new Command("optimize", "Search a strategy's parameters (grid or random); the table counts the trials for the deflated Sharpe.");
        options.AddTo(cmd);
        research.AddTo(cmd);
        cmd.Options.Add(top);
        cmd.SetAction(r =>
        {
            var ctx = context(r);
            var request = options.Request(r, ctx, options.Models(r, ctx)) with { RecordEvents = true };
            var space = ParameterSpace.Parse(r.GetValue(research.Grid) ?? []);
            var objective = Optimizer.ParseObjective(r.GetValue(research.Objective)!);
            var data = new MarketDataLoader(ctx.Instruments, ctx.Calendar).Load(options.Data(r, ctx));
            var mode = research.Mode(r);
            var planned = mode == SearchMode.Grid ? space.Size : Math.Min(space.Size, research.SampleCount(r));
            ctx.Out.Step($"{planned:N0} combinations of {string.Join(", ", space.Dimensions.Select(d => d.Name))} on {data.TotalPoints:N0} bars");
            var done = 0;
            var result = new Optimizer(new BacktestRunner(ctx.Instruments, ctx.Calendar)).Run(request, data, space, mode,
                research.SampleCount(r), r.GetValue(research.SearchSeed), objective, research.Parallelism(r),
                _ =>
                {
                    var n = Interlocked.Increment(ref done);
                    if (n % Math.Max(1, (int)(planned / 10)) == 0) ctx.Out.Step($"{n}/{planned} done");
                });
            Print(ctx, result, r.GetValue(top), space);
            if (r.GetValue(research.Out) is { } path) AtomicFile.Write(path, Json(result, space));
            return 0;
        });
        return cmd;
    }

    internal static string P(double v) => double.IsFinite(v) ? (v * 100).ToString("0.00", CultureInfo.InvariantCulture) + "%" : "-";
    internal static string N(double v) => double.IsFinite(v) ? v.ToString("0.00", CultureInfo.InvariantCulture) : "-";

    private static void Print(CliContext ctx, OptimizationResult result, int top, ParameterSpace space)
    {
        var names = space.Dimensions.Select(d => d.Name).ToArray();
        var rows = result.Trials.Take(Math.Max(1, top)).Select(t => (IReadOnlyList<string>)
        [
            .. names.Select(n => t.Parameters[n]),
            .. t.Statistics is { } s
                ? new[] { N(s.Sharpe), N(s.Sortino), P(s.Cagr), P(s.MaxDrawdown), s.Trades.ToString(CultureInfo.InvariantCulture), s.NetProfit.ToString("N2", CultureInfo.InvariantCulture), P(s.Psr) }
                : ["refused: " + t.Error, "", "", "", "", "", ""],
        ]).ToArray();
        ctx.Out.Table([.. names, "sharpe", "sortino", "cagr", "max dd", "trades", "net", "psr"], rows, $"best by {result.Objective}");
        ctx.Out.Line($"trials: {result.TrialCount} (refused: {result.Trials.Count - result.TrialCount}); " +
                     $"variance of trial Sharpe (daily): {result.TrialSharpeVariance:0.######}");
        if (result.Best is { } b)
            ctx.Out.Line($"best: {string.Join(" ", b.Parameters.Select(kv => $"{kv.Key}={kv.Value}"))}; PSR {P(b.Statistics!.Psr)}, " +
                         $"deflated Sharpe over {result.TrialCount} trials {P(result.BestDeflatedSharpe)}");
    }

    private static byte[] Json(OptimizationResult result, ParameterSpace space)
    {
        using var ms = new MemoryStream();
        using (var w = new Utf8JsonWriter(ms, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            w.WriteString("objective", result.Objective.ToString());
            w.WriteNumber("trials", result.TrialCount);
            ReportJson.Number(w, "trial_sharpe_variance", result.TrialSharpeVariance);
            ReportJson.Number(w, "best_deflated_sharpe", result.BestDeflatedSharpe);
            w.WriteStartArray("results");
            foreach (var t in result.Trials) WriteTrial(w, t);
            w.WriteEndArray();
            w.WriteEndObject();
        }
        return ms.ToArray();
    }

    internal static void WriteTrial(Utf8JsonWriter w, Trial t)
    {
        w.WriteStartObject();
        w.WriteStartObject("parameters");
        foreach (var (k, v) in t.Parameters) w.WriteString(k, v);
        w.WriteEndObject();
        if (t.Statistics is { } s)
        {
            ReportJson.Number(w, "sharpe", s.Sharpe);
            ReportJson.Number(w, "sortino", s.Sortino);
            ReportJson.Number(w, "calmar", s.Calmar);
            ReportJson.Number(w, "cagr", s.Cagr);
            ReportJson.Number(w, "max_drawdown", s.MaxDrawdown);
            w.WriteNumber("net_profit", s.NetProfit);
            w.WriteNumber("trades", s.Trades);
            ReportJson.Number(w, "psr", s.Psr);
        }
        else w.WriteString("error", t.Error);
        w.WriteEndObject();
    }
}
