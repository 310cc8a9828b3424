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
    private readonly double[] _x;           // notional per instrument (account ccy)
    private readonly double[] _scenarioPnl; // per stored return row
    private readonly double[] _scratch;
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
        _scenarioPnl = new double[history.Capacity];
        _scratch = new double[history.Capacity];
        _held = new int[history.InstrumentCount];
        _z = NormalDistribution.Quantile(confidence);
    }

    private readonly double _z;

    /// <summary>True once enough return samples exist for VaR and correlations.</summary>
    public bool HasHistory => _history.Count >= MinObservations;

    public double Notional(int instrumentId) => _x[instrumentId];

    public void Prepare(PortfolioSnapshot portfolio, MarketPrices prices, CurrencyIndex currencies)
    {
        ArgumentNullException.ThrowIfNull(portfolio);
        ArgumentNullException.ThrowIfNull(prices);
        ArgumentNullException.ThrowIfNull(currencies);
        _heldCount = 0;
        _grossX = 0;
        var units = portfolio.AllUnits;
        for (var k = 0; k < _x.Length; k++)
        {
            var u = units[k];
            if (u == 0) { _x[k] = 0; continue; }
            var v = u * prices.ToAccount(currencies.BaseOf(k));
            _x[k] = double.IsFinite(v) ? v : 0;
            _held[_heldCount++] = k;
            _grossX += Math.Abs(_x[k]);
        }
        _xSx = 0;
        _xCx = 0;
        _var0 = double.NaN;
        _corr0 = _grossX;
        Array.Clear(_scenarioPnl);
        if (!HasHistory) return;
        var cov = _history.Covariance;
        var n = _history.InstrumentCount;
        for (var a = 0; a < _heldCount; a++)
        {
            var i = _held[a];
            for (var b = 0; b < _heldCount; b++)
            {
                var j = _held[b];
                _xSx += _x[i] * _x[j] * cov[i * n + j];
                _xCx += _x[i] * _x[j] * _history.Correlation(i, j);
            }
        }
        for (var s = 0; s < _history.Count; s++)
        {
            var r = _history.Row(s);
            double pnl = 0;
            for (var a = 0; a < _heldCount; a++) pnl += _x[_held[a]] * r[_held[a]];
            _scenarioPnl[s] = pnl;
        }
        _var0 = VarWithTrade(0, 0);
        _corr0 = CorrelatedExposureWithTrade(0, 0);
    }

    /// <summary>VaR of the current book over the horizon, in account currency (NaN without enough history).</summary>
    public double ValueAtRisk => _var0;

    /// <summary>VaR after adding <paramref name="deltaNotional"/> to instrument k's notional.</summary>
    public double VarWithTrade(int instrumentId, double deltaNotional)
    {
        if (!HasHistory) return double.NaN;
        return Method switch
        {
            VarMethod.Historical => Historical(instrumentId, deltaNotional),
            VarMethod.Parametric => Parametric(instrumentId, deltaNotional),
            _ => Math.Max(Historical(instrumentId, deltaNotional), Parametric(instrumentId, deltaNotional)),
        };
    }

    public double HistoricalVar(int instrumentId = 0, double deltaNotional = 0) => HasHistory ? Historical(instrumentId, deltaNotional) : double.NaN;
    public double ParametricVar(int instrumentId = 0, double deltaNotional = 0) => HasHistory ? Parametric(instrumentId, deltaNotional) : double.NaN;

    private double Parametric(int k, double d)
    {
        var variance = _xSx;
        if (d != 0)
        {
            var cov = _history.Covariance;
            var n = _history.InstrumentCount;
            double sx = 0;
            for (var a = 0; a < _heldCount; a++) sx += cov[k * n + _held[a]] * _x[_held[a]];
            variance += 2 * d * sx + d * d * cov[k * n + k];
        }
        return _z * Math.Sqrt(Math.Max(variance, 0)) * HorizonScale;
    }

    private double Historical(int k, double d)
    {
        var count = _history.Count;
        var pnl = _scratch.AsSpan(0, count);
        if (d == 0) _scenarioPnl.AsSpan(0, count).CopyTo(pnl);
        else
            for (var s = 0; s < count; s++) pnl[s] = _scenarioPnl[s] + d * _history.Return(s, k);
        // The loss exceeded with probability 1 − confidence: the k-th smallest P&L.
        var rank = (int)Math.Floor((1 - Confidence) * count);
        var q = Select(pnl, Math.Min(rank, count - 1));
        return Math.Max(0, -q) * HorizonScale;
    }

    /// <summary>
    /// sqrt(xᵀ C x) with C the return correlation matrix, in account currency. Without enough history the
    /// pairs are taken as perfectly correlated in whichever direction adds up: Σ |x|.
    /// </summary>
    public double CorrelatedExposure => _corr0;

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

    /// <summary>Quickselect: the k-th smallest value (0-based); reorders the span.</summary>
    private static double Select(Span<double> a, int k)
    {
        int lo = 0, hi = a.Length - 1;
        while (lo < hi)
        {
            var pivot = a[(lo + hi) >>> 1];
            int i = lo, j = hi;
            while (i <= j)
            {
                while (a[i] < pivot) i++;
                while (a[j] > pivot) j--;
                if (i <= j) { (a[i], a[j]) = (a[j], a[i]); i++; j--; }
            }
            if (k <= j) hi = j;
            else if (k >= i) lo = i;
            else return a[k];
        }
        return a[k];
    }
}
