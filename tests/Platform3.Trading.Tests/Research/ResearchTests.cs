using Platform3.Core.Calendar;
using Platform3.Core.Domain;
using Platform3.Trading.Backtesting;
using Platform3.Trading.Kernel;
using Platform3.Trading.Research;
using Platform3.Trading.Simulation;
using Platform3.Trading.Strategies;

namespace Platform3.Trading.Tests.Research;

public class ResearchTests
{
    private static readonly InstrumentCatalog C = InstrumentCatalog.Builtin;
    private static readonly BacktestRunner Runner = new(C, FxCalendar.Default);

    private static MarketDataSet Synthetic(DateTime from, DateTime to, int seed = 11, string symbol = "EURUSD") =>
        new MarketDataLoader(C, FxCalendar.Default).Load(new DataRequest
        {
            Symbols = [symbol], StrategyTimeframe = Timeframe.M15, DataTimeframe = Timeframe.M5,
            FromUtc = from, ToUtc = to, Source = DataSource.Synthetic, Seed = seed,
        });

    private static BacktestRequest MaCross(params string[] fixedParams) => new()
    {
        Strategy = "ma-cross",
        Timeframe = Timeframe.M15,
        Parameters = StrategyParameters.Parse(fixedParams),
        Models = SimulationModels.Frictionless(0.8) with { Commission = new PerMillionCommission(20m) },
    };

    [Fact]
    public void Parameter_space_parses_lists_and_ranges_and_enumerates_deterministically()
    {
        var space = ParameterSpace.Parse(["fast=5:15:5", "slow=30,50", "ma=sma"]);
        Assert.Equal(6, space.Size);
        var grid = space.Grid().Select(c => $"{c["fast"]}/{c["slow"]}").ToArray();
        Assert.Equal(["5/30", "5/50", "10/30", "10/50", "15/30", "15/50"], grid);
        var r1 = space.Random(4, 7).Select(c => $"{c["fast"]}/{c["slow"]}").ToArray();
        Assert.Equal(r1, space.Random(4, 7).Select(c => $"{c["fast"]}/{c["slow"]}").ToArray());
        Assert.Equal(4, r1.Distinct().Count());
        Assert.Equal(6, space.Random(100, 1).Count());
        Assert.Equal(["0.5", "0.75", "1.00"], ParameterSpace.Parse(["x=0.5:1:0.25"]).Dimensions[0].Values);
        var ex = Assert.Throws<Core.Errors.UsageException>(() => ParameterSpace.Parse(["fast=9:1:1"]));
        Assert.Contains("stop ≥ start", ex.Message, StringComparison.Ordinal);
        Assert.Throws<Core.Errors.UsageException>(() => ParameterSpace.Parse(["fast"]));
    }

    [Fact]
    public void Optimizer_ranks_trials_counts_them_and_reports_refused_combinations()
    {
        var data = Synthetic(new DateTime(2017, 1, 2, 0, 0, 0, DateTimeKind.Utc), new DateTime(2017, 2, 4, 0, 0, 0, DateTimeKind.Utc));
        var space = ParameterSpace.Parse(["fast=5,10,40", "slow=20,40"]);
        var opt = new Optimizer(Runner);
        var result = opt.Run(MaCross("lots=0.1"), data, space, SearchMode.Grid, objective: Objective.Sharpe);
        Assert.Equal(6, result.Trials.Count);
        // fast ≥ slow is refused by the strategy: listed with the reason, not counted.
        var refused = result.Trials.Where(t => t.Error is not null).ToArray();
        Assert.Equal(2, refused.Length); // (40, 20) and (40, 40)
        Assert.All(refused, t => Assert.Contains("must be below slow", t.Error, StringComparison.Ordinal));
        Assert.Equal(4, result.TrialCount);
        var scores = result.Trials.Where(t => t.Statistics is not null).Select(t => t.Score(Objective.Sharpe)).ToArray();
        Assert.Equal(scores.OrderByDescending(x => x), scores);
        Assert.Equal(result.Best!.Statistics!.Sharpe, scores[0]);
        // Deflating over four trials can only lower the winner's PSR.
        Assert.True(result.BestDeflatedSharpe <= result.Best.Statistics.Psr + 1e-12);

        // Parallel runs give the same table.
        var parallel = opt.Run(MaCross("lots=0.1"), data, space, SearchMode.Grid, objective: Objective.Sharpe, parallelism: 2);
        Assert.Equal(result.Trials.Select(t => (t.Index, t.Statistics?.NetProfit)), parallel.Trials.Select(t => (t.Index, t.Statistics?.NetProfit)));
    }

    [Fact]
    public void Walk_forward_never_trades_in_sample_spans_and_counts_all_trials()
    {
        var from = new DateTime(2017, 1, 2, 0, 0, 0, DateTimeKind.Utc);
        var data = Synthetic(from, from.AddDays(70));
        var space = ParameterSpace.Parse(["fast=5,10", "slow=30,60"]);
        foreach (var mode in new[] { WindowMode.Rolling, WindowMode.Anchored })
        {
            var wf = new WalkForward(Runner).Run(MaCross("lots=0.1"), data, space, SearchMode.Grid,
                TimeSpan.FromDays(28), TimeSpan.FromDays(14), mode);
            Assert.Equal(3, wf.Windows.Count); // out-of-sample: days 28–42, 42–56, 56–70
            for (var k = 0; k < wf.Windows.Count; k++)
            {
                var w = wf.Windows[k];
                Assert.Equal(w.InSampleTo, w.OutOfSampleFrom);
                Assert.Equal(from.AddDays(28 + 14 * k), w.OutOfSampleFrom.Date);
                Assert.Equal(mode == WindowMode.Anchored ? data.Span().First : w.OutOfSampleFrom - TimeSpan.FromDays(28), w.InSampleFrom);
                Assert.Equal(w.InSample.Best!.Parameters, w.Chosen);
                Assert.NotNull(w.OutOfSample);
                Assert.True(w.OutOfSample!.Start >= w.OutOfSampleFrom);
                if (k > 0) Assert.Equal(wf.Windows[k - 1].OutOfSampleTo, w.OutOfSampleFrom);
            }
            Assert.Equal(wf.Windows.Sum(w => w.InSample.TrialCount), wf.TotalTrials);
            Assert.Equal(12, wf.TotalTrials);
            var (_, psr, deflated, n) = wf.OutOfSampleSharpe();
            Assert.True(n > 20);
            Assert.True(deflated <= psr + 1e-12);
            // The stitched equity compounds the windows' returns.
            var product = wf.Windows.Aggregate(1.0, (acc, w) => acc * (1 + (double)(w.OutOfSample!.FinalEquity / w.OutOfSample.InitialEquity) - 1));
            Assert.Equal(product - 1, wf.TotalReturn, 6);
        }
    }

    /// <summary>A strategy that normalises prices with the mean and deviation of the whole data set it was built on.</summary>
    private sealed class FullFrameZScore(MarketDataSet data) : Strategy
    {
        private readonly double _mean = data.Feeds[0].Bars!.Close.Average();
        private readonly double _sd = Math.Sqrt(data.Feeds[0].Bars!.Close.Select(c => c * c).Average() - Math.Pow(data.Feeds[0].Bars!.Close.Average(), 2));
        public override string Name => "zscore-full-frame";
        public override void OnStart() => Context.Subscribe(Context.Universe[0], Context.Timeframe);
        public override void OnBar(in BarEvent e)
        {
            var z = (e.Bar.Close - _mean) / _sd;
            Record("z", z);
            var target = z > 1 ? -10_000m : z < -1 ? 10_000m : NetPosition(e.Instrument);
            TargetPosition(e.Instrument, target);
        }
    }

    [Fact]
    public void Lookahead_analysis_passes_a_causal_strategy_and_catches_full_frame_normalisation()
    {
        var data = Synthetic(new DateTime(2017, 1, 2, 0, 0, 0, DateTimeKind.Utc), new DateTime(2017, 1, 28, 0, 0, 0, DateTimeKind.Utc));
        var clean = LookaheadAnalyzer.Run(Runner, MaCross("fast=5", "slow=20", "lots=0.1"), data, samples: 8, seed: 3);
        Assert.True(clean.Clean, string.Join("\n", clean.Findings.Take(5)));
        Assert.True(clean.ValuesCompared > 1000);
        Assert.True(clean.EntriesCompared > 5);
        Assert.Equal(8, clean.SamplePoints);

        var engine = new BacktestEngine(new BacktestSettings { Diagnostics = true, StrategyTimeframe = Timeframe.M15 });
        var leaky = LookaheadAnalyzer.Run(d => engine.Run(d, new FullFrameZScore(d)), data, samples: 6, seed: 3);
        Assert.False(leaky.Clean);
        var (kind, name, count, first) = leaky.Summary().First();
        Assert.Equal("value", kind);
        Assert.Equal("z", name);
        Assert.True(count > 100);
        Assert.True(first.Time <= first.TruncatedAt);
        Assert.Contains(leaky.Findings, f => f.Kind == "entry");
    }
}
