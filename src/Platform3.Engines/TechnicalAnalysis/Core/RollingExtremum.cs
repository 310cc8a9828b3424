namespace Platform3.Engines.TechnicalAnalysis;

/// <summary>
/// Highest (or lowest) value of the last <c>period</c> samples with its sample index, O(1) amortised
/// (monotonic deque). On ties the newest sample wins, as in TA-Lib's AROON and MAX/MIN scans, unless
/// <c>newestWinsTies</c> is false (then the oldest does, as in Skender's Aroon).
/// </summary>
internal sealed class RollingExtremum
{
    private readonly int _period;
    private readonly bool _max;
    private readonly bool _newestWinsTies;
    private readonly double[] _values;
    private readonly long[] _indices;
    private int _head;
    private int _count;
    private long _index = -1;

    public RollingExtremum(int period, bool max, bool newestWinsTies = true)
    {
        _newestWinsTies = newestWinsTies;
        ArgumentOutOfRangeException.ThrowIfLessThan(period, 1);
        _period = period;
        _max = max;
        _values = new double[period];
        _indices = new long[period];
    }

    /// <summary>Index (0-based, counting pushes) of the current extreme.</summary>
    public long Index => _indices[_head];

    public double Value => _values[_head];

    /// <summary>Sample index of the last push.</summary>
    public long Last => _index;

    /// <summary>Pushes the next sample and returns the extreme over the last <c>period</c> samples.</summary>
    public double Push(double value)
    {
        var i = ++_index;
        // Drop the front if it left the window. (Wrap-around by comparison: integer % is the slowest thing here.)
        if (_count > 0 && _indices[_head] <= i - _period)
        {
            if (++_head == _period) _head = 0;
            _count--;
        }
        // Drop dominated entries from the back (ties: the newer one replaces the older, unless told otherwise).
        while (_count > 0)
        {
            var back = _head + _count - 1;
            if (back >= _period) back -= _period;
            var v = _values[back];
            var dominated = _newestWinsTies ? (_max ? v <= value : v >= value) : (_max ? v < value : v > value);
            if (!dominated) break;
            _count--;
        }
        var slot = _head + _count;
        if (slot >= _period) slot -= _period;
        _values[slot] = value;
        _indices[slot] = i;
        _count++;
        return _values[_head];
    }

    public void Clear()
    {
        _head = 0;
        _count = 0;
        _index = -1;
    }
}
