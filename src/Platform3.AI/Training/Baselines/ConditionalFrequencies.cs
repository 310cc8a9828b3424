namespace Platform3.AI.Training.Baselines;

/// <summary>
/// Class frequencies on the training rows, conditioned on a small discrete key (e.g. the sign of the past
/// return), with add-one smoothing. Turns a hard rule into calibrated probabilities, so log-loss and AUC
/// of a baseline are meaningful.
/// </summary>
internal static class ConditionalFrequencies
{
    public static float[] Predict(Dataset data, IReadOnlyList<int> train, IReadOnlyList<int> test, Func<int, int> key, int keyCount)
    {
        var k = data.ClassCount;
        var counts = new double[keyCount + 1, k]; // last row: unconditional
        foreach (var i in train)
        {
            counts[key(i), data.Class[i]]++;
            counts[keyCount, data.Class[i]]++;
        }
        var result = new float[test.Count * k];
        for (var t = 0; t < test.Count; t++)
        {
            var g = key(test[t]);
            double total = 0;
            for (var c = 0; c < k; c++) total += counts[g, c] + 1;
            for (var c = 0; c < k; c++) result[t * k + c] = (float)((counts[g, c] + 1) / total);
        }
        return result;
    }

    public static int SignKey(double v) => double.IsNaN(v) || v == 0 ? 1 : v > 0 ? 2 : 0;
}
