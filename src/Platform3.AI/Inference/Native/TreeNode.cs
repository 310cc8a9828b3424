using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Platform3.AI.Inference.Native;

/// <summary>
/// One node of a compiled tree, 16 bytes so four share a cache line. The walk goes to <see cref="Left"/> when
/// x[Feature] ≤ Threshold (float compare, as ML.NET does) and to <see cref="Right"/> = Left + 1 otherwise, so
/// a NaN goes right; the next index is Left plus the comparison's outcome, with no branch and no second load.
/// A leaf is a sink: <see cref="Feature"/> carries <see cref="SinkFlag"/>, the threshold is NaN (the compare
/// is always false) and Left is its own index − 1, so stepping from a sink stays on it.
/// </summary>
[StructLayout(LayoutKind.Sequential)]
internal struct TreeNode
{
    /// <summary>Set in <see cref="Feature"/> on sinks; masked off before indexing the row.</summary>
    public const int SinkFlag = int.MinValue;
    public const int FeatureMask = int.MaxValue;

    public int Feature;
    public float Threshold;
    public int Left;
    public int Right;
}

/// <summary>
/// A node for the batch walk over a transposed block of order keys (<see cref="OrderKey"/>): the feature as
/// its column offset (feature·64; sinks carry <see cref="TreeNode.SinkFlag"/>) and the threshold as a key,
/// so a step compares integers (one-cycle compare) instead of floats, with identical outcomes.
/// </summary>
[StructLayout(LayoutKind.Sequential)]
internal struct KeyNode
{
    public int Offset;
    public int Threshold;
    public int Left;
    public int Right;
}

/// <summary>
/// Maps floats to ints whose signed order is the floats' order: for non-NaN x and threshold t,
/// x ≤ t ⇔ Of(x) ≤ OfThreshold(t). A NaN value maps above every threshold (so it goes right, as a NaN compare
/// does) and a NaN threshold below every value (so nothing goes left, as a compare with NaN does). Values map
/// without branches (−0 lands on −1, just below +0's 0); thresholds map −0 to 0, and since no threshold then
/// has the key −1, a −0 value compares with every threshold exactly as +0 does.
/// </summary>
internal static class OrderKey
{
    public static int Of(float value)
    {
        var bits = BitConverter.SingleToInt32Bits(value);
        // Non-negative floats already order as their bits; negative ones order reversed, so flip all but the sign.
        var key = bits ^ ((bits >> 31) & int.MaxValue);
        return float.IsNaN(value) ? int.MaxValue : key;
    }

    /// <summary><see cref="Of(float)"/> of eight values at once; <paramref name="nan"/> is all ones in NaN lanes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<int> Of(Vector256<float> value, out Vector256<int> nan)
    {
        var bits = value.AsInt32();
        var key = bits ^ Vector256.ShiftRightLogical(Vector256.ShiftRightArithmetic(bits, 31), 1);
        nan = ~Vector256.Equals(value, value).AsInt32();
        return Vector256.ConditionalSelect(nan, Vector256.Create(int.MaxValue), key);
    }

    /// <summary>The keys of a row's values, eight at a time where AVX2 is there (the same keys as one by one).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Of(ReadOnlySpan<float> values, Span<int> keys)
    {
        if (keys.Length < values.Length) throw new ArgumentException("Too few keys.", nameof(keys));
        ref var src = ref MemoryMarshal.GetReference(values);
        ref var dst = ref MemoryMarshal.GetReference(keys);
        var i = 0;
        if (Vector256.IsHardwareAccelerated)
            for (; i + 8 <= values.Length; i += 8)
                Of(Vector256.LoadUnsafe(ref src, (nuint)i), out _).StoreUnsafe(ref dst, (nuint)i);
        for (; i < values.Length; i++) Unsafe.Add(ref dst, i) = Of(Unsafe.Add(ref src, i));
    }

    public static int OfThreshold(float threshold) =>
        float.IsNaN(threshold) ? int.MinValue : threshold == 0 ? 0 : Of(threshold);
}
