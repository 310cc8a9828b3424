using System.Collections;
using System.Runtime.CompilerServices;

namespace Platform3.Trading.Kernel;

/// <summary>
/// A list that only grows, stored in fixed-size chunks. The records a run keeps (orders, order events,
/// ledger entries, trades) go here instead of a <see cref="List{T}"/>: a List doubles its array and copies
/// everything on each growth, and once the array passes 85 KB each new one lands on the large-object heap
/// and pushes the GC towards full collections. Chunks stay below that size and are never copied, so an
/// append costs the same on the millionth element as on the first. It is also a read-only
/// <see cref="IList{T}"/>, so LINQ's Count, ElementAt, Last and ToArray take their indexed fast paths.
/// </summary>
public sealed class AppendOnlyList<T> : IReadOnlyList<T>, IList<T>
{
    // Elements per chunk: a power of two keeping a chunk under ~32 KB (well below the 85 KB LOH threshold).
    private static readonly int Shift = ChunkShift();
    private static readonly int Mask = (1 << Shift) - 1;
    private static readonly bool PlainData = !RuntimeHelpers.IsReferenceOrContainsReferences<T>();

    private T[][] _chunks = new T[4][];
    private T[] _tail = [];
    private int _tailCount;
    private int _count;

    private static int ChunkShift()
    {
        var size = Math.Max(1, Unsafe.SizeOf<T>());
        var shift = 4;
        while (shift < 12 && (2 << shift) * size <= 32 * 1024) shift++;
        return shift;
    }

    public int Count => _count;

    public T this[int index]
    {
        get
        {
            if ((uint)index >= (uint)_count) throw new ArgumentOutOfRangeException(nameof(index), index, $"index must be below the count {_count}");
            return _chunks[index >> Shift][index & Mask];
        }
    }

    T IList<T>.this[int index]
    {
        get => this[index];
        set => throw ReadOnly();
    }

    bool ICollection<T>.IsReadOnly => true;

    public void CopyTo(T[] array, int arrayIndex)
    {
        ArgumentNullException.ThrowIfNull(array);
        if (arrayIndex < 0 || array.Length - arrayIndex < _count) throw new ArgumentException("The destination array is too short.", nameof(array));
        for (int done = 0, k = 0; done < _count; k++)
        {
            var n = Math.Min(_chunks[k].Length, _count - done);
            Array.Copy(_chunks[k], 0, array, arrayIndex + done, n);
            done += n;
        }
    }

    public int IndexOf(T item)
    {
        var eq = EqualityComparer<T>.Default;
        for (var i = 0; i < _count; i++)
            if (eq.Equals(_chunks[i >> Shift][i & Mask], item)) return i;
        return -1;
    }

    public bool Contains(T item) => IndexOf(item) >= 0;

    // Records are only ever appended: the rest of IList is refused.
    private static NotSupportedException ReadOnly() => new("An AppendOnlyList only grows by Add.");
    void IList<T>.Insert(int index, T item) => throw ReadOnly();
    void IList<T>.RemoveAt(int index) => throw ReadOnly();
    void ICollection<T>.Clear() => throw ReadOnly();
    bool ICollection<T>.Remove(T item) => throw ReadOnly();

    /// <summary>The last element (the list must not be empty).</summary>
    public T Last => _count > 0 ? _tail[_tailCount - 1] : throw new InvalidOperationException("The list is empty.");

    public void Add(T item)
    {
        if (_tailCount == _tail.Length) NewChunk();
        _tail[_tailCount++] = item;
        _count++;
    }

    /// <summary>Appends a default element and returns a reference to it, so a large struct is built in place.</summary>
    internal ref T AddSlot()
    {
        if (_tailCount == _tail.Length) NewChunk();
        _count++;
        ref T slot = ref _tail[_tailCount++];
        Unsafe.InitBlockUnaligned(ref Unsafe.As<T, byte>(ref slot), 0, (uint)Unsafe.SizeOf<T>()); // plain-data chunks are not zeroed when allocated
        return ref slot;
    }

    /// <summary>A reference to an element, for a record that fills in a cached part of itself later.</summary>
    internal ref T RefAt(int index)
    {
        if ((uint)index >= (uint)_count) throw new ArgumentOutOfRangeException(nameof(index), index, $"index must be below the count {_count}");
        return ref _chunks[index >> Shift][index & Mask];
    }

    private void NewChunk()
    {
        var k = _count >> Shift;
        if (k == _chunks.Length) Array.Resize(ref _chunks, _chunks.Length * 2);
        // Chunks of plain data (no references) go to the pinned-object heap: kept for the whole run, they are
        // never copied from generation to generation, and holding no references they are never traced. They are
        // not zeroed either (every element is written by Add or cleared by AddSlot before it counts): clearing 32 KB
        // that is about to be overwritten was a separate pass over fresh memory for each chunk.
        _tail = _chunks[k] = PlainData ? GC.AllocateUninitializedArray<T>(1 << Shift, pinned: true) : new T[1 << Shift];
        _tailCount = 0;
    }

    public Enumerator GetEnumerator() => new(this);
    IEnumerator<T> IEnumerable<T>.GetEnumerator() => GetEnumerator();
    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>Walks the elements in order; elements added during the walk are included.</summary>
    public struct Enumerator(AppendOnlyList<T> list) : IEnumerator<T>
    {
        private int _index = -1;

        public readonly T Current => list._chunks[_index >> Shift][_index & Mask];
        readonly object? IEnumerator.Current => Current;

        public bool MoveNext() => ++_index < list._count;
        public void Reset() => _index = -1;
        public readonly void Dispose() { }
    }
}
