using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Platform3.AI.Inference.Native;

/// <summary>
/// Turns up to <see cref="CompiledEnsemble.BlockRows"/> row-major feature rows into the batch walk's block:
/// the <see cref="OrderKey"/> of feature j of row r at j·BlockRows + r, rows past the last zero. With AVX2,
/// tiles of 8 rows × 8 features are keyed and transposed in registers (the scalar store-per-value transpose
/// cost about as much as a third of the walk).
/// </summary>
internal static class BlockTransposer
{
    private const int B = CompiledEnsemble.BlockRows;

    /// <summary>Fills <paramref name="block"/> (f·BlockRows keys) from <paramref name="rows"/> (n·f floats); true when any value is NaN.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static bool Transpose(ReadOnlySpan<float> rows, int n, int f, Span<int> block)
    {
        if ((uint)n > B || rows.Length < n * f || block.Length < f * B) throw new ArgumentException("Block shape mismatch.");
        ref var src = ref MemoryMarshal.GetReference(rows);
        ref var dst = ref MemoryMarshal.GetReference(block);
        var nan = Vector256<int>.Zero;
        var nanScalar = 0;
        var r = 0;
        if (Avx2.IsSupported)
            for (; r + 8 <= n; r += 8)
            {
                var j = 0;
                for (; j + 8 <= f; j += 8)
                {
                    ref var s = ref Unsafe.Add(ref src, r * f + j);
                    var k0 = OrderKey.Of(Vector256.LoadUnsafe(ref s), out var m0);
                    var k1 = OrderKey.Of(Vector256.LoadUnsafe(ref s, (nuint)f), out var m1);
                    var k2 = OrderKey.Of(Vector256.LoadUnsafe(ref s, (nuint)(2 * f)), out var m2);
                    var k3 = OrderKey.Of(Vector256.LoadUnsafe(ref s, (nuint)(3 * f)), out var m3);
                    var k4 = OrderKey.Of(Vector256.LoadUnsafe(ref s, (nuint)(4 * f)), out var m4);
                    var k5 = OrderKey.Of(Vector256.LoadUnsafe(ref s, (nuint)(5 * f)), out var m5);
                    var k6 = OrderKey.Of(Vector256.LoadUnsafe(ref s, (nuint)(6 * f)), out var m6);
                    var k7 = OrderKey.Of(Vector256.LoadUnsafe(ref s, (nuint)(7 * f)), out var m7);
                    nan |= m0 | m1 | m2 | m3 | m4 | m5 | m6 | m7;
                    // 8×8 transpose: pairs of rows interleaved, then pairs of pairs, then the 128-bit halves.
                    var t0 = Avx2.UnpackLow(k0, k1).AsInt64();
                    var t1 = Avx2.UnpackHigh(k0, k1).AsInt64();
                    var t2 = Avx2.UnpackLow(k2, k3).AsInt64();
                    var t3 = Avx2.UnpackHigh(k2, k3).AsInt64();
                    var t4 = Avx2.UnpackLow(k4, k5).AsInt64();
                    var t5 = Avx2.UnpackHigh(k4, k5).AsInt64();
                    var t6 = Avx2.UnpackLow(k6, k7).AsInt64();
                    var t7 = Avx2.UnpackHigh(k6, k7).AsInt64();
                    var u0 = Avx2.UnpackLow(t0, t2).AsInt32();
                    var u1 = Avx2.UnpackHigh(t0, t2).AsInt32();
                    var u2 = Avx2.UnpackLow(t1, t3).AsInt32();
                    var u3 = Avx2.UnpackHigh(t1, t3).AsInt32();
                    var u4 = Avx2.UnpackLow(t4, t6).AsInt32();
                    var u5 = Avx2.UnpackHigh(t4, t6).AsInt32();
                    var u6 = Avx2.UnpackLow(t5, t7).AsInt32();
                    var u7 = Avx2.UnpackHigh(t5, t7).AsInt32();
                    ref var d = ref Unsafe.Add(ref dst, j * B + r);
                    Avx2.Permute2x128(u0, u4, 0x20).StoreUnsafe(ref d);
                    Avx2.Permute2x128(u1, u5, 0x20).StoreUnsafe(ref d, B);
                    Avx2.Permute2x128(u2, u6, 0x20).StoreUnsafe(ref d, 2 * B);
                    Avx2.Permute2x128(u3, u7, 0x20).StoreUnsafe(ref d, 3 * B);
                    Avx2.Permute2x128(u0, u4, 0x31).StoreUnsafe(ref d, 4 * B);
                    Avx2.Permute2x128(u1, u5, 0x31).StoreUnsafe(ref d, 5 * B);
                    Avx2.Permute2x128(u2, u6, 0x31).StoreUnsafe(ref d, 6 * B);
                    Avx2.Permute2x128(u3, u7, 0x31).StoreUnsafe(ref d, 7 * B);
                }
                for (; j < f; j++)
                    for (var i = 0; i < 8; i++)
                        nanScalar |= Put(ref dst, j * B + r + i, Unsafe.Add(ref src, (r + i) * f + j));
            }
        for (; r < n; r++)
            for (var j = 0; j < f; j++)
                nanScalar |= Put(ref dst, j * B + r, Unsafe.Add(ref src, r * f + j));
        if (n < B)
            for (var j = 0; j < f; j++) block.Slice(j * B + n, B - n).Clear();
        return nanScalar != 0 || nan != Vector256<int>.Zero;
    }

    /// <summary>Stores one key; 1 when the value is NaN.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Put(ref int dst, int at, float value)
    {
        var key = OrderKey.Of(value);
        Unsafe.Add(ref dst, at) = key;
        return key == int.MaxValue ? 1 : 0;
    }
}
