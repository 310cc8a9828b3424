using System.Globalization;

namespace Platform3.AI.Inference.Native;

/// <summary>
/// Checks a compiled model against the ML.NET predictor it came from before it is served: a deterministic
/// probe batch (all zeros, all NaN, and seeded rows mixing ordinary values, exact split thresholds and their
/// float neighbours, NaN, zeros and infinities) must give equal floats from both, single-row and batch.
/// </summary>
public static class NativeVerifier
{
    public const int RandomRows = 256;

    /// <summary>Null when every probe output is equal; otherwise a description of the first difference.</summary>
    public static string? Verify(NativePredictor native, IPredictor reference, int seed = 20240601)
    {
        var model = native.Model;
        var f = model.FeatureCount;
        var w = model.OutputWidth;
        if (reference.FeatureCount != f || reference.OutputWidth != w)
            return $"shape differs: native {f}→{w}, reference {reference.FeatureCount}→{reference.OutputWidth}";
        var rows = ProbeRows(model, seed, out var count);
        var expected = new float[w];
        var single = new float[count * w];
        for (var r = 0; r < count; r++)
        {
            var x = rows.AsSpan(r * f, f);
            reference.Predict(x, expected);
            var got = single.AsSpan(r * w, w);
            native.Predict(x, got);
            for (var k = 0; k < w; k++)
                if (!expected[k].Equals(got[k]))
                    return string.Create(CultureInfo.InvariantCulture,
                        $"probe row {r} output {k}: ml.net {expected[k]:R}, native {got[k]:R}");
        }
        var batch = new float[count * w];
        native.PredictBatch(rows, count, batch);
        for (var i = 0; i < batch.Length; i++)
            if (!batch[i].Equals(single[i]))
                return string.Create(CultureInfo.InvariantCulture, $"batch row {i / w} output {i % w}: single {single[i]:R}, batch {batch[i]:R}");
        return null;
    }

    /// <summary>The probe rows, row-major.</summary>
    internal static float[] ProbeRows(NativeModel model, int seed, out int count)
    {
        var f = model.FeatureCount;
        var thresholds = new List<float>[f];
        for (var j = 0; j < f; j++) thresholds[j] = [];
        foreach (var (feature, threshold) in model.Splits()) thresholds[feature].Add(threshold);
        count = RandomRows + 2;
        var rows = new float[count * f];
        rows.AsSpan(f, f).Fill(float.NaN); // row 0 zeros, row 1 all NaN
        var rng = new Random(seed);
        for (var r = 2; r < count; r++)
            for (var j = 0; j < f; j++)
            {
                var u = rng.NextDouble();
                var t = thresholds[j];
                float v;
                if (u < 0.45 && t.Count > 0)
                {
                    // A split point in model space (exact, or one float step either side), mapped back to input space.
                    var y = t[rng.Next(t.Count)];
                    y = rng.Next(3) switch { 0 => MathF.BitDecrement(y), 1 => y, _ => MathF.BitIncrement(y) };
                    v = model.Unnormalise(j, y);
                }
                else if (u < 0.80) v = model.Unnormalise(j, (float)(Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble())));
                else if (u < 0.90) v = float.NaN;
                else if (u < 0.96) v = 0;
                else v = rng.Next(2) == 0 ? float.PositiveInfinity : float.NegativeInfinity;
                rows[r * f + j] = v;
            }
        return rows;
    }
}
