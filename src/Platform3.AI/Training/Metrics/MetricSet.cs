using System.Globalization;

namespace Platform3.AI.Training.Metrics;

/// <summary>Named metric values (e.g. "accuracy", "auc", "precision[up]"), kept in insertion order for display and storage.</summary>
public sealed class MetricSet
{
    private readonly List<KeyValuePair<string, double>> _items = [];

    public IReadOnlyList<KeyValuePair<string, double>> Items => _items;

    public double this[string name] => TryGet(name, out var v) ? v : throw new KeyNotFoundException($"No metric '{name}'.");

    public void Add(string name, double value)
    {
        for (var i = 0; i < _items.Count; i++)
            if (_items[i].Key == name) { _items[i] = new(name, value); return; }
        _items.Add(new(name, value));
    }

    public bool TryGet(string name, out double value)
    {
        foreach (var (k, v) in _items)
            if (k == name) { value = v; return true; }
        value = double.NaN;
        return false;
    }

    public double GetOrNaN(string name) => TryGet(name, out var v) ? v : double.NaN;

    public IEnumerable<string> Names => _items.Select(i => i.Key);

    public override string ToString() =>
        string.Join(", ", _items.Select(i => $"{i.Key}={i.Value.ToString("G4", CultureInfo.InvariantCulture)}"));
}
