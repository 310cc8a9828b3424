using Platform3.AI.Inference;

namespace Platform3.AI.Tests.Inference;

/// <summary>The model row built from a feature vector: the vector narrowing against the scalar cast it replaces.</summary>
public class InputMapTests
{
    /// <summary>Doubles that stress the narrowing: NaN payloads of both signs, ±∞, ±0, values beyond float's range, below its
    /// smallest subnormal, float subnormals, halfway cases between two floats, and ordinary feature values.</summary>
    private static double Awkward(Random rng) => rng.Next(12) switch
    {
        0 => BitConverter.Int64BitsToDouble(0x7FF0_0000_0000_0000L | (1L + rng.NextInt64(0xF_FFFF_FFFF_FFFFL)) | (rng.Next(2) == 0 ? 0 : long.MinValue)),
        1 => rng.Next(2) == 0 ? double.PositiveInfinity : double.NegativeInfinity,
        2 => rng.Next(2) == 0 ? 0.0 : -0.0,
        3 => (rng.Next(2) * 2 - 1) * (float.MaxValue * (1 + rng.NextDouble())),
        4 => (rng.Next(2) * 2 - 1) * 1e-46 * rng.NextDouble(),
        5 => (rng.Next(2) * 2 - 1) * 1e-40 * rng.NextDouble(),
        6 => ((double)(float)rng.NextDouble() + (double)MathF.BitIncrement((float)rng.NextDouble())) / 2,
        7 => BitConverter.Int64BitsToDouble(rng.NextInt64()),
        _ => (rng.NextDouble() - 0.5) * Math.Pow(10, rng.Next(-8, 8)),
    };

    [Property(MaxTest = 300)]
    public Property Identity_rows_are_the_scalar_casts_bit_for_bit(int seed) =>
        Prop.ForAll(Arb.From(Gen.Choose(0, 70)), n =>
        {
            var rng = new Random(seed ^ n);
            var vector = new double[n + rng.Next(3)];
            for (var i = 0; i < vector.Length; i++) vector[i] = Awkward(rng);
            var map = new InputMap(Enumerable.Range(0, n).ToArray());
            Assert.True(map.IsIdentity);
            var row = new float[n + 1];
            map.Fill(vector, row);
            for (var k = 0; k < n; k++)
                Assert.True(BitConverter.SingleToInt32Bits((float)vector[k]) == BitConverter.SingleToInt32Bits(row[k]),
                    $"input {k}: {BitConverter.DoubleToInt64Bits(vector[k]):X16} gave {BitConverter.SingleToInt32Bits(row[k]):X8}");
            return true;
        });

    [Property(MaxTest = 100)]
    public Property Mapped_rows_take_each_input_from_its_column(int seed) =>
        Prop.ForAll(Arb.From(Gen.Choose(1, 40)), n =>
        {
            var rng = new Random(seed ^ n);
            var vector = new double[n + 5];
            for (var i = 0; i < vector.Length; i++) vector[i] = Awkward(rng);
            var columns = Enumerable.Range(0, n).Select(_ => rng.Next(vector.Length)).ToArray();
            var map = new InputMap(columns);
            var row = new float[n];
            map.Fill(vector, row);
            for (var k = 0; k < n; k++)
                Assert.Equal(BitConverter.SingleToInt32Bits((float)vector[columns[k]]), BitConverter.SingleToInt32Bits(row[k]));
            return true;
        });
}
