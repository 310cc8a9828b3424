using System.CommandLine;
using System.Globalization;
using Platform3.Trading.Backtesting;
using Platform3.Trading.Research;

namespace Platform3.Cli.Commands;

/// <summary><c>p3 lookahead</c>: run on all data and on data cut at sampled times; report values and entries that differ.</summary>
internal static class LookaheadCommand
{
    public const int LookaheadFound = 3;

    public static Command Create(Func<ParseResult, CliContext> context)
    {
        var options = new BacktestOptions();
        var samples = new Option<int>("--samples") { Description = "Cut points (entry times of the full run, then random bar closes).", DefaultValueFactory = _ => 20 };
        var seed = new Option<int>("--lookahead-seed") { Description = "Seed for the random cut points.", DefaultValueFactory = _ => 1 };
        var cmd = new Command("lookahead",
            "Lookahead analysis: compare every recorded indicator/signal value and every entry up to t between the full run and runs on data cut at t. Exit 3 when something differs.");
        options.AddTo(cmd);
        cmd.Options.Add(samples);
        cmd.Options.Add(seed);
        cmd.SetAction(r =>
        {
            var ctx = context(r);
            var request = options.Request(r, ctx, options.Models(r, ctx));
            var data = new MarketDataLoader(ctx.Instruments, ctx.Calendar).Load(options.Data(r, ctx));
            var n = Math.Max(1, r.GetValue(samples));
            ctx.Out.Step($"full run plus {n} truncated runs of {request.Strategy} on {data.TotalPoints:N0} bars");
            var report = LookaheadAnalyzer.Run(new BacktestRunner(ctx.Instruments, ctx.Calendar), request, data, n, r.GetValue(seed));
            ctx.Out.Line(string.Create(CultureInfo.InvariantCulture,
                $"compared {report.ValuesCompared:N0} recorded values and {report.EntriesCompared:N0} entries at {report.SamplePoints} cut points"));
            if (report.Clean)
            {
                ctx.Out.Line("no lookahead found: every value and entry up to each cut point is the same with and without later data");
                return 0;
            }
            var rows = report.Summary().Select(s => (IReadOnlyList<string>)
            [
                s.Kind, s.Name, s.Count.ToString(CultureInfo.InvariantCulture), $"{s.First.Time:yyyy-MM-dd HH:mm}", $"{s.First.TruncatedAt:yyyy-MM-dd HH:mm}",
                s.First.Full, s.First.Truncated,
            ]).ToArray();
            ctx.Out.Table(["kind", "name", "differences", "first at", "cut at", "full data", "cut data"], rows, "lookahead suspected");
            return LookaheadFound;
        });
        return cmd;
    }
}
