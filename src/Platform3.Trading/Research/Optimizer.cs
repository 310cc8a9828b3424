using System.Collections.Concurrent;
using Platform3.Core.Errors;
using Platform3.Trading.Backtesting;
using Platform3.Trading.Statistics;

namespace Platform3.Trading.Research;

public enum SearchMode : byte
{
    Grid,
    Random,
}

/// <summary>What the search maximises.</summary>
public enum Objective : byte
{
    Sharpe,
    Sortino,
    Calmar,
    NetProfit,
    Cagr,
}

/// <summary>One backtest of the search: its parameters and statistics, or why it could not run.</summary>
public sealed record Trial(int Index, IReadOnlyDictionary<string, string> Parameters, PerformanceStatistics? Statistics, string? Error)
{
    public double Score(Objective objective) => Statistics is not { } s ? double.NegativeInfinity : Optimizer.ScoreOf(s, objective);
}

/// <summary>The trials of a search, best first, with the deflated Sharpe of the winner over all trials.</summary>
public sealed record OptimizationResult(IReadOnlyList<Trial> Trials, Objective Objective, double TrialSharpeVariance)
{
    /// <summary>Trials that ran (the count the deflated Sharpe uses).</summary>
    public int TrialCount => Trials.Count(t => t.Statistics is not null);
    public Trial? Best => Trials.FirstOrDefault(t => t.Statistics is not null);

    /// <summary>The winner's deflated Sharpe: its PSR against the best Sharpe expected from this many trials.</summary>
    public double BestDeflatedSharpe => Best?.Statistics is { } s
        ? SharpeInference.Deflated(s.DailySharpe, s.Observations, s.Skewness, s.Kurtosis, TrialCount, TrialSharpeVariance)
        : double.NaN;
}

/// <summary>
/// Grid or random search over a strategy's parameters: one backtest per combination on the same data,
/// optionally in parallel (results do not depend on it). Combinations a strategy refuses (e.g. fast ≥ slow)
/// are listed with the reason and not counted as trials.
/// </summary>
public sealed class Optimizer(BacktestRunner runner)
{
    public static double ScoreOf(PerformanceStatistics s, Objective objective)
    {
        var v = objective switch
        {
            Objective.Sharpe => s.Sharpe,
            Objective.Sortino => s.Sortino,
            Objective.Calmar => s.Calmar,
            Objective.NetProfit => (double)s.NetProfit,
            Objective.Cagr => s.Cagr,
            _ => throw new ArgumentOutOfRangeException(nameof(objective)),
        };
        return double.IsFinite(v) ? v : double.NegativeInfinity;
    }

    public static Objective ParseObjective(string text) => text.Trim().ToLowerInvariant() switch
    {
        "sharpe" => Objective.Sharpe,
        "sortino" => Objective.Sortino,
        "calmar" => Objective.Calmar,
        "net" or "net-profit" or "netprofit" => Objective.NetProfit,
        "cagr" => Objective.Cagr,
        _ => throw new UsageException($"Unknown objective '{text}'. Valid: sharpe, sortino, calmar, net-profit, cagr."),
    };

    public OptimizationResult Run(BacktestRequest request, MarketDataSet data, ParameterSpace space, SearchMode mode,
        int samples = 50, int seed = 1, Objective objective = Objective.Sharpe, int parallelism = 1, Action<Trial>? progress = null)
    {
        var combos = (mode == SearchMode.Grid ? space.Grid() : space.Random(samples, seed)).ToArray();
        if (combos.Length > 100_000) throw new UsageException($"The search has {combos.Length:N0} combinations; narrow the grid or use random search.");
        var trials = new ConcurrentBag<Trial>();
        Parallel.For(0, combos.Length, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, parallelism) }, i =>
        {
            Trial t;
            try
            {
                var r = runner.Run(request with { Parameters = ParameterSpace.Apply(request.Parameters, combos[i]) }, data);
                t = new Trial(i, combos[i], PerformanceAnalyzer.Compute(r), null);
            }
            catch (UsageException e)
            {
                t = new Trial(i, combos[i], null, e.Message);
            }
            trials.Add(t);
            progress?.Invoke(t);
        });
        var ordered = trials.OrderByDescending(t => t.Score(objective)).ThenBy(t => t.Index).ToArray();
        var variance = PerformanceAnalyzer.Variance(ordered.Where(t => t.Statistics is not null).Select(t => t.Statistics!.DailySharpe).ToArray());
        return new OptimizationResult(ordered, objective, variance);
    }
}
