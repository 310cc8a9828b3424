using Platform3.Core.Errors;
using Platform3.Trading.Backtesting;
using Platform3.Trading.Statistics;

namespace Platform3.Trading.Research;

public enum WindowMode : byte
{
    /// <summary>In-sample windows of fixed length slide forward.</summary>
    Rolling,
    /// <summary>In-sample windows all start at the beginning and grow.</summary>
    Anchored,
}

/// <summary>One walk-forward step: optimise on the in-sample span, then trade the winner on the next span.</summary>
public sealed record WalkForwardWindow(
    int Index, DateTime InSampleFrom, DateTime InSampleTo, DateTime OutOfSampleFrom, DateTime OutOfSampleTo,
    OptimizationResult InSample, IReadOnlyDictionary<string, string>? Chosen, PerformanceStatistics? OutOfSample, string? Error);

/// <summary>All windows, the out-of-sample equity stitched together, and its statistics over every trial made.</summary>
public sealed record WalkForwardResult(IReadOnlyList<WalkForwardWindow> Windows, ReturnSeries StitchedDaily, int TotalTrials,
    double TrialSharpeVariance, Objective Objective)
{
    /// <summary>Out-of-sample total return of the stitched windows (each compounding on the last).</summary>
    public double TotalReturn => StitchedDaily.Equity.Length == 0 ? 0 : StitchedDaily.Equity[^1] / StitchedDaily.Equity[0] - 1;

    public (double Sharpe, double Psr, double Deflated, int Observations) OutOfSampleSharpe()
    {
        var (mean, sd, skew, kurt) = PerformanceAnalyzer.Moments(StitchedDaily.Returns);
        var n = StitchedDaily.Returns.Length;
        var daily = sd > 0 ? mean / sd : double.NaN;
        return (daily * Math.Sqrt(PerformanceStatistics.PeriodsPerYear),
            SharpeInference.Probabilistic(daily, 0, n, skew, kurt),
            SharpeInference.Deflated(daily, n, skew, kurt, TotalTrials, TrialSharpeVariance), n);
    }
}

/// <summary>
/// Walk-forward analysis: for each window, search the parameters on the in-sample span and run the best
/// on the out-of-sample span that follows (never seen by the search). Each out-of-sample run starts
/// fresh (flat, indicators warming up). The stitched out-of-sample returns are judged with the deflated
/// Sharpe over all trials of all windows.
/// </summary>
public sealed class WalkForward(BacktestRunner runner)
{
    public WalkForwardResult Run(BacktestRequest request, MarketDataSet data, ParameterSpace space, SearchMode mode,
        TimeSpan inSample, TimeSpan outOfSample, WindowMode windows, int samples = 30, int seed = 1, Objective objective = Objective.Sharpe,
        int parallelism = 1, Action<WalkForwardWindow>? progress = null)
    {
        if (inSample <= TimeSpan.Zero || outOfSample <= TimeSpan.Zero) throw new UsageException("In-sample and out-of-sample lengths must be positive.");
        var (first, last) = data.Span();
        var end = last.AddTicks(1);
        if (first + inSample + outOfSample > end)
            throw new UsageException($"The data ({first:yyyy-MM-dd} → {last:yyyy-MM-dd}) is shorter than one in-sample plus one out-of-sample window.");
        var optimizer = new Optimizer(runner);
        var result = new List<WalkForwardWindow>();
        var stitchedTimes = new List<DateTime>();
        var stitchedEquity = new List<double>();
        var sharpes = new List<double>();
        var trials = 0;
        var equity = 1.0;
        for (var k = 0; ; k++)
        {
            var oosFrom = first + inSample + k * outOfSample;
            if (oosFrom >= end) break;
            var oosTo = oosFrom + outOfSample < end ? oosFrom + outOfSample : end;
            var isFrom = windows == WindowMode.Anchored ? first : oosFrom - inSample;
            var opt = optimizer.Run(request, data.Slice(isFrom, oosFrom), space, mode, samples, seed + k, objective, parallelism);
            trials += opt.TrialCount;
            sharpes.AddRange(opt.Trials.Where(t => t.Statistics is not null).Select(t => t.Statistics!.DailySharpe));
            WalkForwardWindow window;
            if (opt.Best is not { } best)
                window = new(k, isFrom, oosFrom, oosFrom, oosTo, opt, null, null, "no parameter combination could run in-sample");
            else
            {
                var oosData = data.Slice(oosFrom, oosTo);
                if (oosData.TotalPoints == 0)
                    window = new(k, isFrom, oosFrom, oosFrom, oosTo, opt, best.Parameters, null, "no out-of-sample data");
                else
                {
                    var r = runner.Run(request with { Parameters = ParameterSpace.Apply(request.Parameters, best.Parameters) }, oosData);
                    var stats = PerformanceAnalyzer.Compute(r);
                    var daily = ReturnSeries.Daily(r.Equity, r.Settings.Calendar);
                    for (var i = 0; i < daily.Times.Length; i++)
                    {
                        var scaled = equity * daily.Equity[i] / daily.Equity[0];
                        if (stitchedTimes.Count > 0 && daily.Times[i] <= stitchedTimes[^1]) continue;
                        stitchedTimes.Add(daily.Times[i]);
                        stitchedEquity.Add(scaled);
                    }
                    if (daily.Equity.Length > 0) equity *= daily.Equity[^1] / daily.Equity[0];
                    window = new(k, isFrom, oosFrom, oosFrom, oosTo, opt, best.Parameters, stats, null);
                }
            }
            result.Add(window);
            progress?.Invoke(window);
        }
        return new WalkForwardResult(result, ReturnSeries.FromEquity(stitchedTimes.ToArray(), stitchedEquity.ToArray()), trials,
            PerformanceAnalyzer.Variance(sharpes), objective);
    }
}
