using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Platform3.AI.Inference;

/// <summary>
/// Where each of a model's inputs sits in a feature vector, and the conversion of the vector's doubles to the model's
/// float row. When the model takes the whole vector in order (a model trained on a feature set usually does), the row
/// is converted eight values at a time: the vector narrowing rounds to nearest like the scalar cast, and turns NaN and
/// infinities into the same floats, so the row (and its fingerprint) is the same to the bit.
/// </summary>
public sealed class InputMap
{
    private readonly int[] _map;

    public InputMap(IReadOnlyList<int> map)
    {
        ArgumentNullException.ThrowIfNull(map);
        _map = [.. map];
        var identity = true;
        for (var k = 0; k < _map.Length; k++)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(_map[k]);
            identity &= _map[k] == k;
        }
        IsIdentity = identity;
    }

    /// <summary>Model inputs (the row's length).</summary>
    public int Count => _map.Length;

    /// <summary>True when input k is vector element k for every k.</summary>
    public bool IsIdentity { get; }

    /// <summary>The vector index of input <paramref name="k"/>.</summary>
    public int this[int k] => _map[k];

    /// <summary>row[k] = (float)vector[map[k]] for every input.</summary>
    public void Fill(ReadOnlySpan<double> vector, Span<float> row)
    {
        if (row.Length < _map.Length) throw new ArgumentException($"The row holds {row.Length} of {_map.Length} inputs.", nameof(row));
        if (IsIdentity)
        {
            Narrow(vector[.._map.Length], row);
            return;
        }
        var map = _map;
        for (var k = 0; k < map.Length; k++) row[k] = (float)vector[map[k]];
    }

    /// <summary>(float)x element by element: eight at a time where the hardware narrows vectors, the rest one by one.</summary>
    internal static void Narrow(ReadOnlySpan<double> x, Span<float> y)
    {
        var n = x.Length;
        if (y.Length < n) throw new ArgumentException("Destination too short.", nameof(y));
        var i = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            ref var src = ref MemoryMarshal.GetReference(x);
            ref var dst = ref MemoryMarshal.GetReference(y);
            for (; i + 8 <= n; i += 8)
            {
                var lo = Vector256.LoadUnsafe(ref Unsafe.Add(ref src, i));
                var hi = Vector256.LoadUnsafe(ref Unsafe.Add(ref src, i + 4));
                Vector256.Narrow(lo, hi).StoreUnsafe(ref Unsafe.Add(ref dst, i));
            }
        }
        for (; i < n; i++) y[i] = (float)x[i];
    }
}
