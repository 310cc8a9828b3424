using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

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
        // Wrap by comparison: an integer remainder (a division) cost more than the rest of the push.
        var head = _head + 1;
        if (head == _items.Length) head = 0;
        _head = head;
        _items[_head] = value;
        if (Count < _items.Length) Count++;
    }

    /// <summary>The value <paramref name="back"/> pushes ago (0 = newest).</summary>
    public double this[int back]
    {
        get
        {
            var items = _items;
            var head = _head;
            // The usual case (a filled slot, 0 ≤ back < capacity): one wrap by comparison instead of two remainders.
            if ((uint)back < (uint)items.Length && head >= 0)
            {
                var i = head - back;
                if (i < 0) i += items.Length;
                return items[i];
            }
            return items[((head - back) % items.Length + items.Length) % items.Length];
        }
    }

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
        if (count > 0)
        {
            // Two contiguous runs (the head down to slot 0, then the top of the buffer down) read without a wrap test or
            // bounds check per value: fewer instructions around the two dependent chains of additions, so the work after
            // them can start while they finish.
            ref var items = ref MemoryMarshal.GetArrayDataReference(_items);
            var i = _head;
            if (i < 0) throw new InvalidOperationException("The ring is empty.");
            var first = Math.Min(count, i + 1);
            for (var k = 0; k < first; k++, i--)
            {
                var v = Unsafe.Add(ref items, i);
                s += v;
                q += v * v;
            }
            i = _items.Length - 1;
            for (var k = first; k < count; k++, i--)
            {
                var v = Unsafe.Add(ref items, i);
                s += v;
                q += v * v;
            }
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
        ref var ia = ref MemoryMarshal.GetArrayDataReference(a._items);
        ref var ib = ref MemoryMarshal.GetArrayDataReference(b._items);
        int na = a._items.Length, nb = b._items.Length;
        var i = a.Oldest(longCount);
        var j = b.Oldest(longCount);
        // Values in the long windows only, oldest first; then the short windows' values feed all four sums. Each phase
        // goes in runs where neither ring wraps, so no value pays a wrap test or a bounds check.
        for (var n = longCount - shortCount; n > 0;)
        {
            var run = Math.Min(n, Math.Min(na - i, nb - j));
            for (var k = 0; k < run; k++)
            {
                la += Unsafe.Add(ref ia, i + k);
                lb += Unsafe.Add(ref ib, j + k);
            }
            n -= run;
            if ((i += run) == na) i = 0;
            if ((j += run) == nb) j = 0;
        }
        for (var n = shortCount; n > 0;)
        {
            var run = Math.Min(n, Math.Min(na - i, nb - j));
            for (var k = 0; k < run; k++)
            {
                double va = Unsafe.Add(ref ia, i + k), vb = Unsafe.Add(ref ib, j + k);
                sa += va;
                la += va;
                sb += vb;
                lb += vb;
            }
            n -= run;
            if ((i += run) == na) i = 0;
            if ((j += run) == nb) j = 0;
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
