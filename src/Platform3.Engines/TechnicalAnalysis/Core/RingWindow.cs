namespace Platform3.Engines.TechnicalAnalysis;

/// <summary>The last <see cref="Capacity"/> values, oldest first by age index; O(1) push, no allocation after construction.</summary>
internal sealed class RingWindow
{
    private readonly double[] _buffer;
    private int _next;

    public RingWindow(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _buffer = new double[capacity];
    }

    public int Capacity => _buffer.Length;

    public int Count { get; private set; }

    public bool IsFull => Count == _buffer.Length;

    /// <summary>Adds a value; returns the value that fell out (NaN while the window was not full).</summary>
    public double Push(double value)
    {
        var evicted = Count == _buffer.Length ? _buffer[_next] : double.NaN;
        _buffer[_next] = value;
        if (++_next == _buffer.Length) _next = 0;
        if (Count < _buffer.Length) Count++;
        return evicted;
    }

    /// <summary>The value pushed <paramref name="age"/> steps ago (0 = newest).</summary>
    public double Ago(int age)
    {
        var i = _next - 1 - age;
        if (i < 0) i += _buffer.Length;
        return _buffer[i];
    }

    /// <summary>The oldest value in a full window (the next one to fall out).</summary>
    public double Oldest => _buffer[Count == _buffer.Length ? _next : 0];

    /// <summary>Position (0 = oldest) of the newest value; lets callers detect a full wrap.</summary>
    public int NextSlot => _next;

    public ReadOnlySpan<double> Raw => _buffer.AsSpan(0, Count);

    public void Clear()
    {
        _next = 0;
        Count = 0;
        Array.Clear(_buffer);
    }
}
