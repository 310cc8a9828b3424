using System.Globalization;

namespace Platform3.AI.Training;

/// <summary>Readable names for class values: −1/+1 are down/up, 0 is flat (or "no" beside a 1 for meta-labels).</summary>
public static class ClassNames
{
    public static IReadOnlyList<string> For(IReadOnlyList<double> values)
    {
        var meta = values.Count == 2 && values[0] == 0 && values[1] == 1;
        return values.Select(v => meta ? (v == 0 ? "no" : "yes") : v < 0 ? "down" : v > 0 ? "up" : "flat")
            .Select((n, i) => values.Take(i).Any(x => x == values[i]) ? n + i.ToString(CultureInfo.InvariantCulture) : n).ToArray();
    }
}
