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
}
