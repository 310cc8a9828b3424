namespace Platform3.AI.Labels;

/// <summary>
/// Average uniqueness weights: labels whose intervals overlap share information, so each sample is
/// weighted by the mean over its bars of 1 / (number of labels spanning that bar). Weights are scaled to
/// average 1 over valid samples; invalid samples get 0.
/// </summary>
public static class SampleUniqueness
{
    public static double[] Weights(LabelSet labels)
    {
        var n = labels.Count;
        // A label of sample i spans bars i+1 .. EndIndex[i] (the bars whose prices decide it).
        var concurrency = new int[n + 1];
        var diff = new int[n + 2];
        for (var i = 0; i < n; i++)
        {
            if (!labels.Valid[i]) continue;
            diff[i + 1]++;
            diff[labels.EndIndex[i] + 1]--;
        }
        var running = 0;
        for (var t = 0; t <= n; t++) { running += diff[t]; concurrency[t] = running; }

        var w = new double[n];
        double sum = 0; var count = 0;
        for (var i = 0; i < n; i++)
        {
            if (!labels.Valid[i]) continue;
            double u = 0;
            var e = labels.EndIndex[i];
            for (var t = i + 1; t <= e; t++) u += 1.0 / concurrency[t];
            w[i] = u / (e - i);
            sum += w[i]; count++;
        }
        if (count > 0 && sum > 0)
            for (var i = 0; i < n; i++) w[i] = w[i] * count / sum;
        return w;
    }
}
