using Platform3.AI.Training;
using Platform3.Core.Calendar;
using Platform3.Core.Domain;
using Platform3.Core.Signals;
using Platform3.Engines.SignalProcessing;

namespace Platform3.AI.Labels;

/// <summary>
/// A primary signal's side at each bar (+1 long, −1 short, 0 no bet), aligned with the bars, for meta-labels.
/// Every side is known at its bar's close: a generator's signal is stamped with the close of the bar that fired
/// it, and a model's side comes from that bar's features.
/// </summary>
public static class PrimarySides
{
    /// <summary>Runs a signal generator spec (e.g. <c>ma-cross(10,50)</c>) over the bars; bars that fired nothing get 0.</summary>
    public static sbyte[] FromGenerator(BarSeries bars, string spec, FxCalendar? calendar = null)
    {
        var generator = SignalGenerators.Create(spec, bars.Symbol, bars.Timeframe, calendar);
        return FromSignals(bars, generator.Run(bars), calendar);
    }

    /// <summary>Places signals on the bars whose close they are stamped with (a signal at any other time is an error).</summary>
    public static sbyte[] FromSignals(BarSeries bars, IReadOnlyList<Signal> signals, FxCalendar? calendar = null)
    {
        var close = BarCloseTimes.Of(bars, calendar);
        var side = new sbyte[bars.Count];
        var i = 0;
        foreach (var s in signals)
        {
            var t = s.Time.Ticks;
            while (i < close.Length && close[i] < t) i++;
            if (i == close.Length || close[i] != t)
                throw new ArgumentException($"Signal at {s.Time:u} is not at the close of a {bars.Timeframe} bar.");
            side[i] = s.Direction switch { SignalDirection.Long => 1, SignalDirection.Short => -1, _ => 0 };
        }
        return side;
    }

    /// <summary>
    /// A model's side from one row of outputs (class probabilities in <paramref name="classValues"/> order, or one
    /// regression value): long when P(up) ≥ threshold and above P(down), short the mirror, else no bet.
    /// </summary>
    public static sbyte OfOutput(ReadOnlySpan<float> output, TaskKind task, IReadOnlyList<double> classValues, double threshold)
    {
        if (task == TaskKind.Regression) return float.IsNaN(output[0]) ? (sbyte)0 : (sbyte)Math.Sign(output[0]);
        double up = 0, down = 0;
        for (var k = 0; k < output.Length; k++)
            if (classValues[k] > 0) up += output[k];
            else if (classValues[k] < 0) down += output[k];
        if (up >= threshold && up > down) return 1;
        return down >= threshold && down > up ? (sbyte)-1 : (sbyte)0;
    }

    /// <summary>Keeps only the longs or only the shorts (in place).</summary>
    public static sbyte[] Keep(sbyte[] side, BetSides which)
    {
        if (which == BetSides.Both) return side;
        for (var i = 0; i < side.Length; i++)
            if (which == BetSides.Long ? side[i] < 0 : side[i] > 0) side[i] = 0;
        return side;
    }
}
