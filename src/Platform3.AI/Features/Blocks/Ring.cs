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

    /// <summary>
    /// <see cref="SumNewest"/> of the newest <paramref name="shortCount"/> and <paramref name="longCount"/> values of two
    /// rings at once (each ring holding at least <paramref name="longCount"/>): every sum takes the same additions in the
    /// same order as its own <see cref="SumNewest"/> call (so the same bits), but the four sums are independent chains
    /// in one pass, so the CPU overlaps their additions instead of waiting on one chain at a time.
    /// </summary>
    public static void SumNewest(Ring a, Ring b, int shortCount, int longCount,
        out double aShort, out double aLong, out double bShort, out double bLong)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(shortCount, longCount);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(longCount, a.Count);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(longCount, b.Count);
        ArgumentOutOfRangeException.ThrowIfNegative(shortCount);
        double sa = 0, la = 0, sb = 0, lb = 0;
        var ia = a._items;
        var ib = b._items;
        var i = a.Oldest(longCount);
        var j = b.Oldest(longCount);
        // Values in the long windows only, oldest first; then the short windows' values feed all four sums.
        for (var n = longCount - shortCount; n > 0; n--)
        {
            la += ia[i];
            lb += ib[j];
            if (++i == ia.Length) i = 0;
            if (++j == ib.Length) j = 0;
        }
        for (var n = shortCount; n > 0; n--)
        {
            double va = ia[i], vb = ib[j];
            sa += va;
            la += va;
            sb += vb;
            lb += vb;
            if (++i == ia.Length) i = 0;
            if (++j == ib.Length) j = 0;
        }
        aShort = sa; aLong = la; bShort = sb; bLong = lb;
    }

    /// <summary>Slot of the oldest of the newest <paramref name="count"/> values (count ≥ 1).</summary>
    private int Oldest(int count)
    {
        var i = _head - count + 1;
        return i < 0 ? i + _items.Length : i;
    }
}
