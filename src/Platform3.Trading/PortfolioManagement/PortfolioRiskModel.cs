using System.Numerics;
using System.Runtime.Intrinsics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
namespace Platform3.Trading.PortfolioManagement;

public enum VarMethod
{
    Historical,
    Parametric,
    /// <summary>The larger of the two.</summary>
    Both,
}

/// <summary>
/// Portfolio-level risk figures over the trailing returns: value at risk (historical and parametric) and
/// the correlation-adjusted exposure sqrt(xᵀ C x), where x are the positions' notionals in account currency.
/// <see cref="Prepare"/> takes the current book; the <c>WithTrade</c> methods answer "what if instrument k
/// changed by d" without rebuilding, so the risk evaluator can search for the largest size that fits.
/// </summary>
public sealed class PortfolioRiskModel
{
    private readonly ReturnHistory _history;
    private double[] _x;                    // notional per instrument (account ccy)
    private double[] _xNext;                // the next Prepare's notionals, compared with the last ones before use
    private long _preparedVersion = -1;     // the return window's version and the currencies the figures were prepared for
    private CurrencyIndex? _preparedCurrencies;
    private bool _preparedUnvalued;
    private readonly double[] _scenarioPnl; // per stored return row
    private readonly double[] _scratch;
    private readonly double[] _blockMin;    // the smallest what-if value of each block of the window
    private readonly int[] _held;
    private int _heldCount;
    private double _xSx;
    private double _xCx;
    private double _grossX;
    private double _var0 = double.NaN;
    private double _corr0;

    public VarMethod Method { get; }
    public double Confidence { get; }
    /// <summary>sqrt(horizon / sample interval): one-sample figures are scaled by it (square-root of time).</summary>
    public double HorizonScale { get; }
    public int MinObservations { get; }
    public ReturnHistory History => _history;

    public PortfolioRiskModel(ReturnHistory history, VarMethod method, double confidence, TimeSpan horizon, int minObservations)
    {
        ArgumentNullException.ThrowIfNull(history);
        if (!(confidence > 0.5 && confidence < 1)) throw new ArgumentOutOfRangeException(nameof(confidence), "VaR confidence must be in (0.5, 1)");
        if (horizon <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(horizon));
        _history = history;
        Method = method;
        Confidence = confidence;
        HorizonScale = Math.Sqrt((double)horizon.Ticks / history.SampleTicks);
        MinObservations = Math.Max(2, minObservations);
        _x = new double[history.InstrumentCount];
        _xNext = new double[history.InstrumentCount];
        _scenarioPnl = new double[history.Capacity];
        _scratch = new double[history.Capacity];
        _blockMin = new double[history.Capacity / Vector<double>.Count + 1];
        _columnStatistic = new (long, bool, double)[2 * history.InstrumentCount];
        _columnStatistic.AsSpan().Fill((-1, false, 0));
        _held = new int[history.InstrumentCount];
        _z = NormalDistribution.Quantile(confidence);
    }

    private readonly double _z;

    /// <summary>True once enough return samples exist for VaR and correlations.</summary>
    public bool HasHistory => _history.Count >= MinObservations;

    public double Notional(int instrumentId) => _x[instrumentId];

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Prepare(PortfolioSnapshot portfolio, MarketPrices prices, CurrencyIndex currencies)
    {
        ArgumentNullException.ThrowIfNull(portfolio);
        ArgumentNullException.ThrowIfNull(prices);
        ArgumentNullException.ThrowIfNull(currencies);
        // The notionals first, into a scratch row: when they and the return window are what the last call prepared
        // (the same cycle asked again: each symbol's risk check, then the trade monitor's mark), every figure and the
        // remembered what-ifs are still those of this book, so nothing is recomputed. A pure function of the same
        // inputs, so the figures are the same bits either way.
        var units = portfolio.AllUnits;
        var next = _xNext;
        var unvalued = false; // a held position of notional 0 (no value) looks like an empty one: never taken as unchanged
        for (var k = 0; k < next.Length; k++)
        {
            var u = units[k];
            if (u == 0) { next[k] = 0; continue; }
            var v = u * prices.ToAccount(currencies.BaseOf(k));
            next[k] = double.IsFinite(v) ? v : 0;
            if (next[k] == 0) unvalued = true;
        }
        if (!unvalued && !_preparedUnvalued && _preparedVersion == _history.Version && ReferenceEquals(_preparedCurrencies, currencies)
            && MemoryMarshal.Cast<double, long>(next.AsSpan()).SequenceEqual(MemoryMarshal.Cast<double, long>(_x.AsSpan())))
            return;
        _xNext = _x;
        _x = next;
        _preparedVersion = _history.Version;
        _preparedCurrencies = currencies;
        _preparedUnvalued = unvalued;
        _heldCount = 0;
        _grossX = 0;
        for (var k = 0; k < next.Length; k++)
        {
            if (units[k] == 0) continue;
            _held[_heldCount++] = k;
            _grossX += Math.Abs(next[k]);
        }
        _xSx = 0;
        _xCx = 0;
        _var0 = double.NaN;
        _corr0 = _grossX;
        Array.Clear(_memo);
        _scenariosBuilt = false;
        if (!HasHistory)
        {
            Array.Clear(_scenarioPnl);
            return;
        }
        for (var a = 0; a < _heldCount; a++)
        {
            var i = _held[a];
            for (var b = 0; b < _heldCount; b++)
            {
                var j = _held[b];
                _xSx += _x[i] * _x[j] * _history.CovarianceOf(i, j);
                _xCx += _x[i] * _x[j] * _history.Correlation(i, j);
            }
        }
        // Scenario P&L over the window, one contiguous return column per held instrument. The first column is written
        // as x · r rather than added to zeros: the same values except that 0 + (−0) is +0, and the sign of a zero
        // changes no order and no figure (the VaR is max(0, −value) of an order statistic).
        var scenarios = _scenarioPnl.AsSpan(0, _history.Count);
        // Past the window the buffer stays zero (as when it was cleared whole): a window that grows reads zeros there.
        _scenarioPnl.AsSpan(_history.Count).Clear();
        if (_heldCount == 0) scenarios.Clear();
        for (var a = 0; a < _heldCount; a++)
        {
            var k = _held[a];
            var x = _x[k];
            if (a == 0) Scale(scenarios, x, _history.Slots(k));
            else AddScaled(scenarios, x, _history.Slots(k));
        }
        _scenariosBuilt = true;
        _var0 = VarWithTrade(0, 0);
        _corr0 = CorrelatedExposureWithTrade(0, 0);
    }

    /// <summary>VaR of the current book over the horizon, in account currency (NaN without enough history).</summary>
    public double ValueAtRisk => _var0;

    /// <summary>VaR after adding <paramref name="deltaNotional"/> to instrument k's notional.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public double VarWithTrade(int instrumentId, double deltaNotional)
    {
        if (!HasHistory) return double.NaN;
        // The evaluator asks for the same what-ifs more than once (the target, the minimum, the sizes of the search,
        // the largest size that fits and one lot step more: checked, then reported, then the approved one again, then
        // its after-trade figures): remember the last eight answers.
        for (var m = 0; m < _memo.Length; m++)
            if (_memo[m].Valid && _memo[m].K == instrumentId && _memo[m].D == deltaNotional) return _memo[m].Var;
        var v = Method switch
        {
            VarMethod.Historical => Historical(instrumentId, deltaNotional),
            VarMethod.Parametric => Parametric(instrumentId, deltaNotional),
            _ => Math.Max(Historical(instrumentId, deltaNotional), Parametric(instrumentId, deltaNotional)),
        };
        _memo[_memoNext] = (true, instrumentId, deltaNotional, v);
        _memoNext = (_memoNext + 1) % _memo.Length;
        return v;
    }

    private readonly (bool Valid, int K, double D, double Var)[] _memo = new (bool, int, double, double)[8];
    private int _memoNext;

    public double HistoricalVar(int instrumentId = 0, double deltaNotional = 0) => HasHistory ? Historical(instrumentId, deltaNotional) : double.NaN;
    public double ParametricVar(int instrumentId = 0, double deltaNotional = 0) => HasHistory ? Parametric(instrumentId, deltaNotional) : double.NaN;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private double Parametric(int k, double d)
    {
        var variance = _xSx;
        if (d != 0)
        {
            double sx = 0;
            for (var a = 0; a < _heldCount; a++) sx += _history.CovarianceOf(k, _held[a]) * _x[_held[a]];
            variance += 2 * d * sx + d * d * _history.CovarianceOf(k, k);
        }
        return _z * Math.Sqrt(Math.Max(variance, 0)) * HorizonScale;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private double Historical(int k, double d)
    {
        var count = _history.Count;
        // The loss exceeded with probability 1 − confidence: the (rank+1)-th smallest scenario P&L.
        var rank = Math.Min((int)Math.Floor((1 - Confidence) * count), count - 1);
        var keep = rank + 1;
        var width = Vector<double>.Count;
        // Blocks of up to four vectors, at least `keep` whole ones.
        var blockVectors = Math.Min(4, count / (keep * width));
        if (!double.IsFinite(d) || !Vector.IsHardwareAccelerated || blockVectors == 0)
            return HistoricalByInsertion(k, d, count, keep);
        // One pass makes the what-if values (each the same product and sum as one by one) and keeps each block's
        // smallest. The keep-th smallest of those block minima bounds the answer from above (the keep blocks with the
        // smallest minima hold keep values no larger than it), so only blocks whose minimum is at or below the bound can
        // hold one of the keep smallest values: their values are made again and those at or below the bound go, in slot
        // order, through the sorted buffer of the keep smallest. The keep-th smallest of a set does not depend on how it
        // was found, so the answer is the plain insertion scan's to the last bit. A NaN (only from returns added by hand)
        // has no place in an order: the insertion scan decides then.
        var block = blockVectors * width;
        // With nothing held every scenario P&L is +0: the book's VaR is that of a zero loss, and a what-if's scenarios are
        // 0 + d · r, which as a set are d times the column's returns (up to the sign of a zero, which changes no order and
        // no loss). Rounding keeps d · r monotone in r (rising for d > 0, falling for d < 0), so their keep-th smallest is
        // d times the column's keep-th smallest (d > 0) or keep-th largest (d < 0): found once per column and return
        // sample, every size the evaluator tries for an opening from a flat book is one multiplication.
        if (_heldCount == 0)
        {
            if (d == 0) return Loss(0.0);
            if (ColumnOrderStatistic(k, d > 0, count, keep, block, out var q)) return Loss(d * q);
        }
        // One position held, its scenarios built for this very window: they are x · r exactly (the first column is
        // written as that product), so the book's keep-th smallest is x times the column's keep-th smallest or largest.
        else if (_heldCount == 1 && d == 0 && _scenariosBuilt && _preparedVersion == _history.Version)
        {
            var j = _held[0];
            var x = _x[j];
            if (x != 0 && double.IsFinite(x) && ColumnOrderStatistic(j, x > 0, count, keep, block, out var q)) return Loss(x * q);
        }
        var pnl = _scenarioPnl.AsSpan(0, count);
        double v;
        var found = d == 0
            ? KthSmallest(new BookPnl(pnl), count, keep, block, out v)
            : KthSmallest(new WhatIfPnl(pnl, _history.Slots(k), d), count, keep, block, out v);
        return found ? Loss(v) : HistoricalByInsertion(k, d, count, keep);
    }

    /// <summary>The VaR of a keep-th smallest scenario P&amp;L: the loss, not below zero, scaled to the horizon.</summary>
    private double Loss(double pnl) => Math.Max(0, -pnl) * HorizonScale;

    /// <summary>
    /// The keep-th smallest (<paramref name="lowest"/>) or keep-th largest return of instrument k's column in the current
    /// window, kept per column until the window takes a sample; false when the column holds a NaN.
    /// </summary>
    private bool ColumnOrderStatistic(int k, bool lowest, int count, int keep, int block, out double q)
    {
        var version = _history.Version;
        var side = lowest ? 0 : 1;
        ref var kept = ref _columnStatistic[k * 2 + side];
        if (kept.Version != version)
        {
            var col = _history.Slots(k);
            double value;
            var ok = lowest ? KthSmallest(new BookPnl(col), count, keep, block, out value) : KthSmallest(new NegatedPnl(col), count, keep, block, out value);
            kept = (version, ok, lowest ? value : -value);
        }
        q = kept.Value;
        return kept.Ok;
    }

    private readonly (long Version, bool Ok, double Value)[] _columnStatistic;
    private bool _scenariosBuilt; // the scenario buffer holds the held book's P&L for the prepared window

    /// <summary>
    /// The keep-th smallest of the values (see <see cref="Historical"/>); false when one is NaN. Blocks of
    /// <paramref name="block"/> slots, at least keep whole ones.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private bool KthSmallest<T>(T values, int count, int keep, int block, out double value) where T : IScenarioPnl, allows ref struct
    {
        value = double.NaN;
        var width = Vector<double>.Count;
        var blocks = (count + block - 1) / block;
        var mins = _blockMin.AsSpan(0, blocks);
        if (!BlockMinima(values, count, mins, block)) return false;
        var smallest = _scratch.AsSpan(0, keep);
        var held = 0;
        foreach (var m in mins) Insert(smallest, keep, ref held, m);
        var bound = smallest[keep - 1];
        held = 0;
        var bv = new Vector<double>(bound);
        for (var b = 0; b < blocks; b++)
        {
            if (!(mins[b] <= bound)) continue;
            var end = Math.Min((b + 1) * block, count);
            var s = b * block;
            for (; s + width <= end; s += width)
            {
                if (!Vector.LessThanOrEqualAny(values.Vector(s), bv)) continue;
                for (var e = s; e < s + width; e++)
                {
                    var x = values.At(e);
                    if (x <= bound) Insert(smallest, keep, ref held, x);
                }
            }
            for (; s < end; s++)
            {
                var x = values.At(s);
                if (x <= bound) Insert(smallest, keep, ref held, x);
            }
        }
        value = smallest[keep - 1];
        return true;
    }

    /// <summary>
    /// Scenario P&amp;L values by slot, one at a time or a vector at a time (the same bits either way: each element is the
    /// same product and sum).
    /// </summary>
    private interface IScenarioPnl
    {
        Vector<double> Vector(int slot);
        double At(int slot);
    }

    /// <summary>The book's scenario P&amp;L.</summary>
    private readonly ref struct BookPnl(ReadOnlySpan<double> pnl) : IScenarioPnl
    {
        private readonly ReadOnlySpan<double> _pnl = pnl;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public Vector<double> Vector(int slot) => System.Numerics.Vector.LoadUnsafe(ref MemoryMarshal.GetReference(_pnl), (nuint)slot);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public double At(int slot) => Unsafe.Add(ref MemoryMarshal.GetReference(_pnl), slot);
    }

    /// <summary>The scenario P&amp;L after a trade: pnl[s] + d · col[s].</summary>
    private readonly ref struct WhatIfPnl(ReadOnlySpan<double> pnl, ReadOnlySpan<double> col, double d) : IScenarioPnl
    {
        private readonly ReadOnlySpan<double> _pnl = pnl;
        private readonly ReadOnlySpan<double> _col = col;
        private readonly double _d = d;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public Vector<double> Vector(int slot) =>
            System.Numerics.Vector.LoadUnsafe(ref MemoryMarshal.GetReference(_pnl), (nuint)slot)
            + new Vector<double>(_d) * System.Numerics.Vector.LoadUnsafe(ref MemoryMarshal.GetReference(_col), (nuint)slot);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public double At(int slot) => Unsafe.Add(ref MemoryMarshal.GetReference(_pnl), slot) + _d * Unsafe.Add(ref MemoryMarshal.GetReference(_col), slot);
    }

    /// <summary>Returns negated (exactly): the keep-th smallest of them is minus the keep-th largest return.</summary>
    private readonly ref struct NegatedPnl(ReadOnlySpan<double> values) : IScenarioPnl
    {
        private readonly ReadOnlySpan<double> _values = values;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public Vector<double> Vector(int slot) => -System.Numerics.Vector.LoadUnsafe(ref MemoryMarshal.GetReference(_values), (nuint)slot);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public double At(int slot) => -Unsafe.Add(ref MemoryMarshal.GetReference(_values), slot);
    }

    /// <summary>
    /// The smallest of the first <paramref name="count"/> values in each block of <paramref name="block"/> slots (the last
    /// may be shorter); false on a NaN. Slots below <paramref name="count"/> only: the spans are that long.
    /// </summary>
    private static bool BlockMinima<T>(T values, int count, Span<double> mins, int block) where T : IScenarioPnl, allows ref struct
    {
        var width = Vector<double>.Count;
        var nan = Vector<long>.Zero;
        for (var b = 0; b < mins.Length; b++)
        {
            var start = b * block;
            var end = Math.Min(start + block, count);
            var mv = new Vector<double>(double.PositiveInfinity);
            var i = start;
            for (; i + width <= end; i += width)
            {
                var v = values.Vector(i);
                nan |= ~Vector.Equals(v, v);
                mv = Vector.MinNative(mv, v);
            }
            var m = LaneMin(mv);
            for (; i < end; i++)
            {
                var v = values.At(i);
                if (double.IsNaN(v)) return false;
                if (v < m) m = v;
            }
            mins[b] = m;
        }
        return nan == Vector<long>.Zero;
    }

    /// <summary>
    /// The smallest lane (no NaN lanes: the callers check; which of two zeros is returned does not matter, the value
    /// only bounds a comparison).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static double LaneMin(Vector<double> v)
    {
        if (Vector<double>.Count == 4)
        {
            var w = v.AsVector256();
            var h = Vector128.MinNative(w.GetLower(), w.GetUpper());
            var hi = h.GetElement(1);
            var lo = h.ToScalar();
            return hi < lo ? hi : lo;
        }
        var m = double.PositiveInfinity;
        for (var l = 0; l < Vector<double>.Count; l++) if (v[l] < m) m = v[l];
        return m;
    }

    /// <summary>
    /// The same figure by keeping the rank+1 smallest values in a sorted buffer in one pass (no copy, no sort): for
    /// windows too short to split into vector-wide chunks, and what-ifs whose change is not a finite number.
    /// </summary>
    private double HistoricalByInsertion(int k, double d, int count, int keep)
    {
        var smallest = _scratch.AsSpan(0, keep);
        var held = 0;
        var pnl0 = _scenarioPnl.AsSpan(0, count);
        var col = d == 0 ? default : _history.Slots(k);
        for (var s = 0; s < count; s++) Insert(smallest, keep, ref held, d == 0 ? pnl0[s] : pnl0[s] + d * col[s]);
        return Math.Max(0, -smallest[keep - 1]) * HorizonScale;
    }

    /// <summary>One scenario into the sorted buffer of the <paramref name="keep"/> smallest seen so far.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Insert(Span<double> smallest, int keep, ref int held, double v)
    {
        if (held == keep)
        {
            if (v >= smallest[keep - 1]) return;
            held--;
        }
        var i = held - 1;
        while (i >= 0 && smallest[i] > v)
        {
            smallest[i + 1] = smallest[i];
            i--;
        }
        smallest[i + 1] = v;
        held++;
    }

    /// <summary>into[s] = x · col[s], a vector at a time (each element is the same product as one by one).</summary>
    private static void Scale(Span<double> into, double x, ReadOnlySpan<double> col)
    {
        var s = 0;
        var width = Vector<double>.Count;
        if (Vector.IsHardwareAccelerated)
        {
            var xv = new Vector<double>(x);
            for (; s + width <= into.Length; s += width) (xv * new Vector<double>(col.Slice(s, width))).CopyTo(into.Slice(s, width));
        }
        for (; s < into.Length; s++) into[s] = x * col[s];
    }

    /// <summary>into[s] += x · col[s], a vector at a time (each element is the same product and sum as one by one).</summary>
    private static void AddScaled(Span<double> into, double x, ReadOnlySpan<double> col)
    {
        var s = 0;
        var width = Vector<double>.Count;
        if (Vector.IsHardwareAccelerated)
        {
            var xv = new Vector<double>(x);
            for (; s + width <= into.Length; s += width)
                (new Vector<double>(into.Slice(s, width)) + xv * new Vector<double>(col.Slice(s, width))).CopyTo(into.Slice(s, width));
        }
        for (; s < into.Length; s++) into[s] += x * col[s];
    }

    /// <summary>
    /// sqrt(xᵀ C x) with C the return correlation matrix, in account currency. Without enough history the
    /// pairs are taken as perfectly correlated in whichever direction adds up: Σ |x|.
    /// </summary>
    public double CorrelatedExposure => _corr0;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public double CorrelatedExposureWithTrade(int instrumentId, double deltaNotional)
    {
        if (!HasHistory) return _grossX - Math.Abs(_x[instrumentId]) + Math.Abs(_x[instrumentId] + deltaNotional);
        var v = _xCx;
        if (deltaNotional != 0)
        {
            double cx = 0;
            for (var a = 0; a < _heldCount; a++) cx += _history.Correlation(instrumentId, _held[a]) * _x[_held[a]];
            v += 2 * deltaNotional * cx + deltaNotional * deltaNotional * _history.Correlation(instrumentId, instrumentId);
        }
        return Math.Sqrt(Math.Max(v, 0));
    }
}
