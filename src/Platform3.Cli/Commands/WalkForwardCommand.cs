using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Platform3.Core.Errors;
using Platform3.MarketData.Storage;
using Platform3.Trading.Backtesting;
using Platform3.Trading.Reports;
using Platform3.Trading.Research;
using static Platform3.Cli.Commands.OptimizeCommand;

namespace Platform3.Cli.Commands;

/// <summary><c>p3 walkforward</c>: optimise in-sample, trade the winner out-of-sample, window after window.</summary>
internal static class WalkForwardCommand
{
    public static Command Create(Func<ParseResult, CliContext> context)
    {
        var options = new BacktestOptions();
        var research = new ResearchOptions();
        var inSample = new Option<string>("--in-sample") { Description = "In-sample length, e.g. 90d or 12w.", DefaultValueFactory = _ => "90d" };
        var outSample = new Option<string>("--out-of-sample") { Description = "Out-of-sample length, e.g. 30d.", DefaultValueFactory = _ => "30d" };
        var windows = new Option<string>("--windows") { Description = "rolling (fixed-length in-sample) or anchored (growing).", DefaultValueFactory = _ => "rolling" };
        var cmd = new Command("walkforward", "Walk-forward analysis: per window, search in-sample and run the best out-of-sample; stitched out-of-sample statistics with the deflated Sharpe over all trials.");
        options.AddTo(cmd);
        research.AddTo(cmd);
        cmd.Options.Add(inSample);
        cmd.Options.Add(outSample);
        cmd.Options.Add(windows);
        cmd.SetAction(r =>
        {
            var ctx = context(r);
            var request = options.Request(r, ctx, options.Models(r, ctx));
            var space = ParameterSpace.Parse(r.GetValue(research.Grid) ?? []);
            var objective = Optimizer.ParseObjective(r.GetValue(research.Objective)!);
            var mode = r.GetValue(windows)!.Trim().ToLowerInvariant() switch
            {
                "rolling" => WindowMode.Rolling,
                "anchored" => WindowMode.Anchored,
                var w => throw new UsageException($"--windows: '{w}' is not one of rolling, anchored."),
            };
            var data = new MarketDataLoader(ctx.Instruments, ctx.Calendar).Load(options.Data(r, ctx));
            var isLength = Length(r.GetValue(inSample)!, "--in-sample");
            var oosLength = Length(r.GetValue(outSample)!, "--out-of-sample");
            ctx.Out.Step($"{mode} windows: {isLength.TotalDays:0} days in-sample, {oosLength.TotalDays:0} days out-of-sample, on {data.TotalPoints:N0} bars");
            var result = new WalkForward(new BacktestRunner(ctx.Instruments, ctx.Calendar)).Run(request, data, space, research.Mode(r),
                isLength, oosLength, mode, research.SampleCount(r), r.GetValue(research.SearchSeed), objective, research.Parallelism(r),
                w => ctx.Out.Step($"window {w.Index + 1}: out-of-sample {w.OutOfSampleFrom:yyyy-MM-dd} → {w.OutOfSampleTo:yyyy-MM-dd} done"));
            Print(ctx, result);
            if (r.GetValue(research.Out) is { } path) AtomicFile.Write(path, Json(result));
            return 0;
        });
        return cmd;
    }

    public static TimeSpan Length(string text, string option)
    {
        var t = text.Trim().ToLowerInvariant();
        if (t.Length >= 2 && int.TryParse(t[..^1], NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && n > 0)
        {
            switch (t[^1])
            {
                case 'd': return TimeSpan.FromDays(n);
                case 'w': return TimeSpan.FromDays(7 * n);
                case 'm': return TimeSpan.FromDays(30 * n);
            }
        }
        throw new UsageException($"{option}: expected a length such as 90d, 12w or 3m (months of 30 days), got '{text}'.");
    }

    private static void Print(CliContext ctx, WalkForwardResult result)
    {
        var rows = result.Windows.Select(w => (IReadOnlyList<string>)
        [
            (w.Index + 1).ToString(CultureInfo.InvariantCulture),
            $"{w.InSampleFrom:yyyy-MM-dd} → {w.InSampleTo:yyyy-MM-dd}",
            $"{w.OutOfSampleFrom:yyyy-MM-dd} → {w.OutOfSampleTo:yyyy-MM-dd}",
            w.Chosen is null ? "-" : string.Join(" ", w.Chosen.Select(kv => $"{kv.Key}={kv.Value}")),
            w.InSample.Best?.Statistics is { } b ? N(Optimizer.ScoreOf(b, result.Objective)) : "-",
            w.InSample.TrialCount.ToString(CultureInfo.InvariantCulture),
            w.OutOfSample is { } o ? N(o.Sharpe) : w.Error ?? "-",
            w.OutOfSample is { } o2 ? o2.NetProfit.ToString("N2", CultureInfo.InvariantCulture) : "-",
            w.OutOfSample is { } o3 ? o3.Trades.ToString(CultureInfo.InvariantCulture) : "-",
        ]).ToArray();
        ctx.Out.Table(["#", "in-sample", "out-of-sample", "chosen", $"IS {result.Objective}", "trials", "OOS sharpe", "OOS net", "OOS trades"], rows, "walk-forward");
        var (sharpe, psr, deflated, n) = result.OutOfSampleSharpe();
        ctx.Out.Line($"out-of-sample (stitched, {n} days): total return {P(result.TotalReturn)}, Sharpe {N(sharpe)}, PSR {P(psr)}, " +
                     $"deflated Sharpe over {result.TotalTrials} trials {P(deflated)}");
    }

    private static byte[] Json(WalkForwardResult result)
    {
        using var ms = new MemoryStream();
        using (var w = new Utf8JsonWriter(ms, new JsonWriterOptions { Indented = true }))
        {
            var (sharpe, psr, deflated, n) = result.OutOfSampleSharpe();
            w.WriteStartObject();
            w.WriteNumber("total_trials", result.TotalTrials);
            ReportJson.Number(w, "oos_total_return", result.TotalReturn);
            ReportJson.Number(w, "oos_sharpe", sharpe);
            ReportJson.Number(w, "oos_psr", psr);
            ReportJson.Number(w, "oos_deflated_sharpe", deflated);
            w.WriteNumber("oos_days", n);
            w.WriteStartArray("windows");
            foreach (var win in result.Windows)
            {
                w.WriteStartObject();
                w.WriteNumber("index", win.Index + 1);
                w.WriteString("in_sample_from", win.InSampleFrom);
                w.WriteString("in_sample_to", win.InSampleTo);
                w.WriteString("out_of_sample_from", win.OutOfSampleFrom);
                w.WriteString("out_of_sample_to", win.OutOfSampleTo);
                w.WriteNumber("trials", win.InSample.TrialCount);
                if (win.Chosen is not null)
                {
                    w.WriteStartObject("chosen");
                    foreach (var (k, v) in win.Chosen) w.WriteString(k, v);
                    w.WriteEndObject();
                }
                if (win.OutOfSample is { } o)
                {
                    ReportJson.Number(w, "oos_sharpe", o.Sharpe);
                    w.WriteNumber("oos_net_profit", o.NetProfit);
                    w.WriteNumber("oos_trades", o.Trades);
                }
                if (win.Error is not null) w.WriteString("error", win.Error);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteStartArray("oos_equity");
            for (var i = 0; i < result.StitchedDaily.Times.Length; i++)
            {
                w.WriteStartArray();
                w.WriteStringValue(result.StitchedDaily.Times[i]);
                w.WriteNumberValue(Math.Round(result.StitchedDaily.Equity[i], 8));
                w.WriteEndArray();
            }
            w.WriteEndArray();
            w.WriteEndObject();
        }
        return ms.ToArray();
    }
}
