using System.Runtime.CompilerServices;
namespace Platform3.Trading.PortfolioManagement;

/// <summary>
/// Trailing log returns of every instrument's mid, sampled on a fixed UTC grid (say hourly), in a ring
/// buffer. It feeds the correlation-adjusted exposure, the VaR limit and per-position volatility targeting.
/// A sample is taken at the first observation after each grid boundary, from prices known then, so nothing
/// here ever looks ahead. Instruments without a price in a sample get a zero return for it.
/// Storage is one contiguous column per instrument (slot order, not time order), so scenario P&amp;L over a few
/// held positions reads a few short arrays; running sums keep the covariance O(n²) to rebuild.
/// </summary>
public sealed class ReturnHistory
{
    private readonly double[] _returns; // [instrument * capacity + slot]
    private readonly double[] _lastMid;
    private readonly int _n;
    private readonly double[] _cov;     // n x n covariance of one-sample returns, rebuilt lazily from the sums
    private readonly double[] _sum;     // Σ r_i over the window
    private readonly double[] _cross;   // Σ r_i r_j over the window (upper triangle used)
    private readonly double[] _row;
    private int _addsSinceExact;
    private long _lastBucket = long.MinValue;
    private int _count;
    private int _head;                  // next slot to write
    private long _version;
    private long _covVersion = -1;

    public int Capacity { get; }
    public long SampleTicks { get; }
    public int Count => _count;
    public int InstrumentCount => _n;
    /// <summary>Increments with every new sample; caches keyed by it know when to rebuild.</summary>
    public long Version => _version;

    public ReturnHistory(int instrumentCount, TimeSpan sampleInterval, int capacity)
    {
        if (instrumentCount <= 0) throw new ArgumentOutOfRangeException(nameof(instrumentCount));
        if (sampleInterval <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(sampleInterval));
        if (capacity < 2) throw new ArgumentOutOfRangeException(nameof(capacity), "a return window needs at least 2 samples");
        _n = instrumentCount;
        Capacity = capacity;
        SampleTicks = sampleInterval.Ticks;
        _returns = new double[capacity * instrumentCount];
        _lastMid = new double[instrumentCount];
        _lastMid.AsSpan().Fill(double.NaN);
        _cov = new double[instrumentCount * instrumentCount];
        _sum = new double[instrumentCount];
        _cross = new double[instrumentCount * instrumentCount];
        _row = new double[instrumentCount];
    }

    /// <summary>Feeds the current prices; records a return row when a new sampling bucket has started.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Observe(long timeUtcTicks, MarketPrices prices)
    {
        ArgumentNullException.ThrowIfNull(prices);
        var bucket = Math.DivRem(timeUtcTicks, SampleTicks).Quotient;
        if (bucket <= _lastBucket) return;
        var first = _lastBucket == long.MinValue;
        _lastBucket = bucket;
        for (var k = 0; k < _n; k++)
        {
            var mid = prices.Mid(k);
            var prev = _lastMid[k];
            _row[k] = double.IsFinite(mid) && double.IsFinite(prev) && prev > 0 && mid > 0 ? Math.Log(mid / prev) : 0.0;
            if (double.IsFinite(mid)) _lastMid[k] = mid;
        }
        if (first) return; // the first observation only sets the reference prices
        Add(_row);
    }

    /// <summary>Adds a row of returns directly (tests and replays of stored history).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Add(ReadOnlySpan<double> returns)
    {
        if (returns.Length != _n) throw new ArgumentException($"expected {_n} returns, got {returns.Length}", nameof(returns));
        if (_count == Capacity) AccumulateSlot(_head, -1); // the oldest row leaves the window
        for (var k = 0; k < _n; k++) _returns[k * Capacity + _head] = returns[k];
        AccumulateSlot(_head, +1);
        _head = (_head + 1) % Capacity;
        if (_count < Capacity) _count++;
        _version++;
        // Adding and removing rows lets rounding drift creep into the sums: recompute them exactly now and then.
        if (++_addsSinceExact >= Capacity) RecomputeSums();
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void AccumulateSlot(int slot, double sign)
    {
        for (var i = 0; i < _n; i++)
        {
            var ri = _returns[i * Capacity + slot];
            if (ri == 0) continue;
            var si = sign * ri;
            _sum[i] += si;
            var row = _cross.AsSpan(i * _n, _n);
            for (var j = i; j < _n; j++) row[j] += si * _returns[j * Capacity + slot];
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void RecomputeSums()
    {
        Array.Clear(_sum);
        Array.Clear(_cross);
        for (var s = 0; s < _count; s++) AccumulateSlot(s, +1);
        _addsSinceExact = 0;
    }

    /// <summary>
    /// The stored returns of one instrument in slot order (aligned across instruments, not in time order):
    /// what scenario P&amp;L needs, as one contiguous span.
    /// </summary>
    public ReadOnlySpan<double> Slots(int instrumentId) => _returns.AsSpan(instrumentId * Capacity, _count);

    /// <summary>The i-th stored sample of every instrument, oldest first (a copy; for tests and reports).</summary>
    public double[] CopyRow(int i)
    {
        if ((uint)i >= (uint)_count) throw new ArgumentOutOfRangeException(nameof(i));
        var slot = (_head - _count + i + Capacity) % Capacity;
        var row = new double[_n];
        for (var k = 0; k < _n; k++) row[k] = _returns[k * Capacity + slot];
        return row;
    }

    /// <summary>Sample covariance of one-sample returns (n × n, row-major), rebuilt when a sample arrived.</summary>
    public ReadOnlySpan<double> Covariance
    {
        get
        {
            if (_covVersion != _version) RebuildCovariance();
            return _cov;
        }
    }

    public double Variance(int instrumentId) => CovarianceOf(instrumentId, instrumentId);

    /// <summary>
    /// One element of <see cref="Covariance"/>, computed from the running sums by the same expression the full rebuild
    /// uses for it (so the same bits): the risk checks read a handful of held pairs, and rebuilding all n² elements each
    /// sample for them was a measurable part of a decision cycle.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public double CovarianceOf(int i, int j)
    {
        if (_count < 2) return 0;
        var lo = Math.Min(i, j);
        var hi = Math.Max(i, j);
        var invN = 1.0 / _count;
        var scale = 1.0 / (_count - 1);
        var v = (_cross[lo * _n + hi] - _sum[lo] * _sum[hi] * invN) * scale;
        return lo == hi && v < 0 ? 0 : v;
    }

    /// <summary>cov_ij = (Σ r_i r_j − Σ r_i Σ r_j / N) / (N − 1), from the running sums: O(n²), not O(N n²).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void RebuildCovariance()
    {
        for (var i = 0; i < _n; i++)
            for (var j = i; j < _n; j++)
                _cov[j * _n + i] = _cov[i * _n + j] = CovarianceOf(i, j);
        _covVersion = _version;
    }

    /// <summary>Correlation of two instruments' returns; 0 when either has no variance.</summary>
    public double Correlation(int a, int b)
    {
        var va = CovarianceOf(a, a);
        var vb = CovarianceOf(b, b);
        if (va <= 0 || vb <= 0) return a == b ? 1.0 : 0.0;
        return CovarianceOf(a, b) / Math.Sqrt(va * vb);
    }
}
