namespace Platform3.AI.Features.Blocks;

/// <summary>A fixed-capacity ring of the latest values; index 0 is the newest.</summary>
internal sealed class Ring(int capacity)
{
    private readonly double[] _items = new double[capacity];
    private int _head = -1;

    public int Count { get; private set; }
    public int Capacity => _items.Length;

    public void Push(double value)
    {
        _head = (_head + 1) % _items.Length;
        _items[_head] = value;
        if (Count < _items.Length) Count++;
    }

    /// <summary>The value <paramref name="back"/> pushes ago (0 = newest).</summary>
    public double this[int back] => _items[((_head - back) % _items.Length + _items.Length) % _items.Length];

    /// <summary>
    /// Sum of the newest <paramref name="count"/> values added oldest first: the same additions in the same order as
    /// <c>for (back = count − 1 … 0) s += this[back]</c> (so the same bits), over the one or two contiguous runs of the
    /// buffer instead of two remainders per value.
    /// </summary>
    public double SumNewest(int count)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, _items.Length);
        double s = 0;
        if (count <= 0) return s;
        var start = _head - count + 1;
        if (start < 0)
        {
            foreach (var v in _items.AsSpan(start + _items.Length)) s += v;
            start = 0;
        }
        foreach (var v in _items.AsSpan(start, _head - start + 1)) s += v;
        return s;
    }

    /// <summary>
    /// Sum and sum of squares of the newest <paramref name="count"/> values added newest first: the same additions in
    /// the same order as <c>for (back = 0 … count − 1) { sum += this[back]; squares += this[back]²; }</c>.
    /// </summary>
    public void SumsNewestFirst(int count, out double sum, out double squares)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, _items.Length);
        double s = 0, q = 0;
        var items = _items;
        var i = _head;
        for (var n = 0; n < count; n++)
        {
            var v = items[i];
            s += v;
            q += v * v;
            i = i == 0 ? items.Length - 1 : i - 1;
        }
        sum = s;
        squares = q;
    }
}
