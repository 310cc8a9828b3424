using System.Collections;

namespace Platform3.Trading.Kernel;

/// <summary>
/// The read-only list face of a store of compact records that builds each item when it is read (order
/// events, fills, ledger entries, trades). It is an <see cref="IList{T}"/> so LINQ's Count, ElementAt, Last
/// and ToArray take their indexed paths; everything that would change the list is refused.
/// </summary>
public abstract class ReadOnlyRecordList<T> : IReadOnlyList<T>, IList<T>
{
    public abstract int Count { get; }

    public abstract T this[int index] { get; }

    T IList<T>.this[int index]
    {
        get => this[index];
        set => throw ReadOnly();
    }

    bool ICollection<T>.IsReadOnly => true;

    public void CopyTo(T[] array, int arrayIndex)
    {
        ArgumentNullException.ThrowIfNull(array);
        var n = Count;
        if (arrayIndex < 0 || array.Length - arrayIndex < n) throw new ArgumentException("The destination array is too short.", nameof(array));
        for (var i = 0; i < n; i++) array[arrayIndex + i] = this[i];
    }

    public int IndexOf(T item)
    {
        var eq = EqualityComparer<T>.Default;
        for (var i = 0; i < Count; i++)
            if (eq.Equals(this[i], item)) return i;
        return -1;
    }

    public bool Contains(T item) => IndexOf(item) >= 0;

    private NotSupportedException ReadOnly() => new($"{GetType().Name} only grows as the engine records.");
    void IList<T>.Insert(int index, T item) => throw ReadOnly();
    void IList<T>.RemoveAt(int index) => throw ReadOnly();
    void ICollection<T>.Add(T item) => throw ReadOnly();
    void ICollection<T>.Clear() => throw ReadOnly();
    bool ICollection<T>.Remove(T item) => throw ReadOnly();

    public IEnumerator<T> GetEnumerator()
    {
        // Items recorded during the walk are included, as with a list read by index.
        for (var i = 0; i < Count; i++) yield return this[i];
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>Checks an index against the count, for the indexers.</summary>
    protected void CheckIndex(int index)
    {
        if ((uint)index >= (uint)Count) throw new ArgumentOutOfRangeException(nameof(index), index, $"index must be below the count {Count}");
    }
}
