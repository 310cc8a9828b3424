namespace Platform3.Trading.Decisions.Fusion;

/// <summary>
/// Trailing out-of-sample record of one signal source: for each resolved signal, the return of following
/// it (direction × log return over its horizon), in a fixed window. Only signals whose horizon has passed
/// are scored, so weights derived from this never use the future.
/// </summary>
public sealed class SourcePerformance
{
    private readonly double[] _pnl;
    private int _head;
    private int _count;
    private int _hits;
    private double _sum;
    private double _sumSq;

    public string Source { get; }
    public int Count => _count;
    public int Window => _pnl.Length;

    public SourcePerformance(string source, int window)
    {
        if (window < 2) throw new ArgumentOutOfRangeException(nameof(window));
        Source = source;
        _pnl = new double[window];
    }

    public void Record(double pnl)
    {
        if (!double.IsFinite(pnl)) return;
        if (_count == _pnl.Length)
        {
            var old = _pnl[_head];
            _sum -= old;
            _sumSq -= old * old;
            if (old > 0) _hits--;
        }
        else _count++;
        _pnl[_head] = pnl;
        _head = (_head + 1) % _pnl.Length;
        _sum += pnl;
        _sumSq += pnl * pnl;
        if (pnl > 0) _hits++;
    }

    public double HitRate => _count == 0 ? double.NaN : (double)_hits / _count;
    public double MeanPnl => _count == 0 ? double.NaN : _sum / _count;

    public double PnlStdDev
    {
        get
        {
            if (_count < 2) return double.NaN;
            var mean = _sum / _count;
            var v = (_sumSq - _count * mean * mean) / (_count - 1);
            return Math.Sqrt(Math.Max(v, 0));
        }
    }
}
