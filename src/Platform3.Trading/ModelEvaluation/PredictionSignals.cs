using Platform3.AI.Labels;
using Platform3.AI.Training;
using Platform3.AI.Training.Pipeline;

namespace Platform3.Trading.ModelEvaluation;

/// <summary>
/// Model outputs keyed by bar open time for one symbol, turned into a side by a threshold: long when
/// P(up) ≥ threshold, short when P(down) ≥ threshold (for a binary model P(down) = 1 − P(up)), flat
/// otherwise; a regression model goes with the sign of its prediction. A row's prediction is usable at
/// its bar's close, which is when the strategy sees it.
/// </summary>
public sealed class PredictionSignals
{
    private readonly Dictionary<long, sbyte> _side;

    public string Symbol { get; }
    public int Count => _side.Count;

    public PredictionSignals(string symbol, IReadOnlyDictionary<long, sbyte> sideByBarTime)
    {
        Symbol = symbol;
        _side = new Dictionary<long, sbyte>(sideByBarTime);
    }

    public bool TryGet(long barOpenTicks, out sbyte side) => _side.TryGetValue(barOpenTicks, out side);

    public int Longs => _side.Values.Count(s => s > 0);
    public int Shorts => _side.Values.Count(s => s < 0);

    /// <summary>The side for one row of outputs: the same rule the meta-labels use for a primary model's bets.</summary>
    public static sbyte Side(ReadOnlySpan<float> output, TaskKind task, IReadOnlyList<double> classValues, double threshold) =>
        PrimarySides.OfOutput(output, task, classValues, threshold);

    /// <summary>Signals from a training run's out-of-sample predictions for one symbol.</summary>
    public static PredictionSignals FromOutOfSample(Dataset data, OutOfSample oos, string symbol, double threshold) =>
        OverSymbolRows(data, oos, symbol, (i, output) => Side(output, data.Task, data.ClassValues, threshold));

    /// <summary>
    /// A meta-model's out-of-sample trades: the primary's bet on each of its rows, taken when P(yes), the predicted
    /// chance that the bet pays, reaches the threshold.
    /// </summary>
    public static PredictionSignals FromMetaOutOfSample(Dataset data, OutOfSample oos, string symbol, IReadOnlyDictionary<long, sbyte> bets,
        double threshold)
    {
        var yes = data.ClassValues.ToList().IndexOf(1.0);
        return OverSymbolRows(data, oos, symbol,
            (i, output) => bets.TryGetValue(data.BarTime[i], out var bet) ? (output[yes] >= threshold ? bet : (sbyte)0) : null);
    }

    private delegate sbyte? RowSide(int row, ReadOnlySpan<float> output);

    /// <summary>The side of every out-of-sample row of the symbol (rows without a symbol count for every symbol); null skips a row.</summary>
    private static PredictionSignals OverSymbolRows(Dataset data, OutOfSample oos, string symbol, RowSide side)
    {
        var map = new Dictionary<long, sbyte>();
        for (var k = 0; k < oos.Rows.Length; k++)
        {
            var i = oos.Rows[k];
            if (data.Symbol[i] != symbol && data.Symbol[i].Length > 0) continue;
            if (side(i, oos.At(k)) is { } s) map[data.BarTime[i]] = s;
        }
        return new PredictionSignals(symbol, map);
    }
}
