using Platform3.Core.Calendar;
using Platform3.Core.Domain;

namespace Platform3.AI.Labels;

/// <summary>Builds a <see cref="LabelSet"/> for a bar series from a <see cref="LabelSpec"/>.</summary>
public static class Labeler
{
    public static LabelSet Build(BarSeries bars, LabelSpec spec, double pipSize, FxCalendar? calendar = null) => spec.Kind switch
    {
        LabelKind.FixedHorizon => FixedHorizon(bars, spec, pipSize, calendar),
        LabelKind.TripleBarrier => TripleBarrier(bars, spec, null, calendar),
        LabelKind.ForwardReturn => ForwardReturn(bars, spec.Horizon, calendar),
        LabelKind.ForwardVolatility => ForwardVolatility(bars, spec.Horizon, calendar),
        LabelKind.MetaLabel => throw new ArgumentException("Meta-labels need the primary signal's sides: use MetaLabeler.Build."),
        _ => throw new ArgumentOutOfRangeException(nameof(spec)),
    };

    /// <summary>
    /// Sign of the close-to-close move over <c>Horizon</c> bars; moves no larger than the dead zone are 0.
    /// The dead zone is in pips, or in ATR multiples of the causal ATR at bar i.
    /// </summary>
    public static LabelSet FixedHorizon(BarSeries bars, LabelSpec spec, double pipSize, FxCalendar? calendar = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(spec.Horizon, 1);
        var n = bars.Count;
        var close = bars.Close;
        var closeTicks = BarCloseTimes.Of(bars, calendar);
        var atr = spec.DeadZoneUnit == WidthUnit.Atr ? LabelVolatility.WilderAtr(bars, spec.AtrPeriod) : null;
        var cols = new Columns(n, closeTicks);
        for (var i = 0; i + spec.Horizon < n; i++)
        {
            var width = atr is null ? spec.DeadZone * pipSize : spec.DeadZone * atr[i];
            if (double.IsNaN(width)) continue;
            var j = i + spec.Horizon;
            var move = close[j] - close[i];
            cols.Set(i, j, move > width ? (sbyte)1 : move < -width ? (sbyte)-1 : (sbyte)0, Math.Log(close[j] / close[i]));
        }
        return cols.ToLabelSet(spec.ToString());
    }

    /// <summary>
    /// Triple barrier: a profit-taking and a stop-loss barrier at ATR multiples from the entry close, and a
    /// vertical barrier after <c>Horizon</c> bars. t1 is the close of the bar that first touched a barrier.
    /// With <paramref name="side"/> (meta-labelling) the barriers are oriented by the bet: for a short the
    /// profit barrier is below. A bar touching both barriers counts as the stop (the conservative reading:
    /// inside one bar we cannot know which came first); such bars are counted in "both-touched".
    /// Without a side, the returned Side is +1 when the upper barrier is hit first, −1 for the lower.
    /// </summary>
    public static LabelSet TripleBarrier(BarSeries bars, LabelSpec spec, sbyte[]? side = null, FxCalendar? calendar = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(spec.Horizon, 1);
        if (spec.ProfitTakeAtr <= 0 || spec.StopLossAtr <= 0) throw new ArgumentException("Barrier widths must be positive ATR multiples.");
        if (side is not null && side.Length != bars.Count) throw new ArgumentException("One side per bar is required.");
        var n = bars.Count;
        var (close, high, low) = (bars.Close, bars.High, bars.Low);
        var closeTicks = BarCloseTimes.Of(bars, calendar);
        var atr = LabelVolatility.WilderAtr(bars, spec.AtrPeriod);
        var cols = new Columns(n, closeTicks);
        int both = 0, vertical = 0;
        for (var i = 0; i + spec.Horizon < n; i++)
        {
            if (double.IsNaN(atr[i])) continue;
            var bet = side is null ? (sbyte)1 : side[i];
            if (bet == 0) continue; // no bet, nothing to label
            var entry = close[i];
            // Oriented barriers: "up" is the profit barrier for a long.
            double upper = bet > 0 ? entry + spec.ProfitTakeAtr * atr[i] : entry + spec.StopLossAtr * atr[i];
            double lower = bet > 0 ? entry - spec.StopLossAtr * atr[i] : entry - spec.ProfitTakeAtr * atr[i];
            var resolved = false;
            for (var j = i + 1; j <= i + spec.Horizon; j++)
            {
                var hitUp = high[j] >= upper;
                var hitDown = low[j] <= lower;
                if (!hitUp && !hitDown) continue;
                sbyte move; double exit;
                if (hitUp && hitDown)
                {
                    both++;
                    // The stop is the barrier against the bet.
                    move = bet > 0 ? (sbyte)-1 : (sbyte)1;
                    exit = bet > 0 ? lower : upper;
                }
                else
                {
                    move = hitUp ? (sbyte)1 : (sbyte)-1;
                    exit = hitUp ? upper : lower;
                }
                cols.Set(i, j, side is null ? move : (sbyte)(move * bet), Math.Log(exit / entry));
                resolved = true;
                break;
            }
            if (resolved) continue;
            vertical++;
            var v = i + spec.Horizon;
            var ret = Math.Log(close[v] / entry);
            var outcome = spec.Vertical == VerticalOutcome.Zero ? (sbyte)0 : (sbyte)Math.Sign(ret);
            cols.Set(i, v, side is null ? outcome : (sbyte)(outcome * bet), ret);
        }
        return cols.ToLabelSet((side is null ? "" : "meta/") + spec, new Dictionary<string, int>
        {
            ["both-touched"] = both,
            ["vertical"] = vertical,
        });
    }

    /// <summary>Forward log return over <paramref name="horizon"/> bars (a regression target). Side is its sign.</summary>
    public static LabelSet ForwardReturn(BarSeries bars, int horizon, FxCalendar? calendar = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(horizon, 1);
        var close = bars.Close;
        var cols = new Columns(bars.Count, BarCloseTimes.Of(bars, calendar));
        for (var i = 0; i + horizon < bars.Count; i++)
        {
            var r = Math.Log(close[i + horizon] / close[i]);
            cols.Set(i, i + horizon, (sbyte)Math.Sign(r), r);
        }
        return cols.ToLabelSet($"forward-return(h={horizon})");
    }

    /// <summary>Forward realised volatility: the root sum of squared close-to-close log returns of bars i+1..i+h.</summary>
    public static LabelSet ForwardVolatility(BarSeries bars, int horizon, FxCalendar? calendar = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(horizon, 1);
        var close = bars.Close;
        var cols = new Columns(bars.Count, BarCloseTimes.Of(bars, calendar));
        for (var i = 0; i + horizon < bars.Count; i++)
        {
            double ss = 0;
            for (var j = i + 1; j <= i + horizon; j++)
            {
                var r = Math.Log(close[j] / close[j - 1]);
                ss += r * r;
            }
            cols.Set(i, i + horizon, 1, Math.Sqrt(ss));
        }
        return cols.ToLabelSet($"forward-volatility(h={horizon})");
    }

    /// <summary>Label columns being filled; rows never set stay invalid.</summary>
    private sealed class Columns
    {
        private readonly long[] _closeTicks;
        public readonly long[] Start, End;
        public readonly int[] EndIndex;
        public readonly sbyte[] Side;
        public readonly double[] Value;
        public readonly bool[] Valid;

        public Columns(int n, long[] closeTicks)
        {
            _closeTicks = closeTicks;
            Start = (long[])closeTicks.Clone();
            End = new long[n]; EndIndex = new int[n]; Side = new sbyte[n]; Value = new double[n]; Valid = new bool[n];
            Array.Fill(Value, double.NaN);
        }

        public void Set(int i, int endIndex, sbyte side, double value)
        {
            End[i] = _closeTicks[endIndex];
            EndIndex[i] = endIndex;
            Side[i] = side;
            Value[i] = value;
            Valid[i] = true;
        }

        public LabelSet ToLabelSet(string description, IReadOnlyDictionary<string, int>? counters = null) =>
            new(description, Start, End, EndIndex, Side, Value, Valid, counters);
    }
}
