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

    /// <summary>The side for one row of outputs (class probabilities in the dataset's class order, or one regression value).</summary>
    public static sbyte Side(ReadOnlySpan<float> output, TaskKind task, IReadOnlyList<double> classValues, double threshold)
    {
        if (task == TaskKind.Regression) return (sbyte)Math.Sign(output[0]);
        double up = 0, down = 0;
        for (var k = 0; k < output.Length; k++)
        {
            if (classValues[k] > 0) up += output[k];
            else if (classValues[k] < 0) down += output[k];
        }
        return up >= threshold && up > down ? (sbyte)1 : down >= threshold && down > up ? (sbyte)-1 : (sbyte)0;
    }

    /// <summary>Signals from a training run's out-of-sample predictions for one symbol.</summary>
    public static PredictionSignals FromOutOfSample(Dataset data, OutOfSample oos, string symbol, double threshold)
    {
        var map = new Dictionary<long, sbyte>();
        for (var k = 0; k < oos.Rows.Length; k++)
        {
            var i = oos.Rows[k];
            if (data.Symbol[i] != symbol && data.Symbol[i].Length > 0) continue;
            map[data.BarTime[i]] = Side(oos.At(k), data.Task, data.ClassValues, threshold);
        }
        return new PredictionSignals(symbol, map);
    }
}
