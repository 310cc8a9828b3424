using System.Collections.Concurrent;

namespace Platform3.AI.Inference;

/// <summary>A small lock-free pool: items are created on demand and returned after use (for non-thread-safe engines).</summary>
internal sealed class ObjectPool<T>(Func<T> create) where T : class
{
    private readonly ConcurrentBag<T> _items = [];

    public T Rent() => _items.TryTake(out var item) ? item : create();

    public void Return(T item) => _items.Add(item);

    public IEnumerable<T> Drain()
    {
        while (_items.TryTake(out var item)) yield return item;
    }
}
