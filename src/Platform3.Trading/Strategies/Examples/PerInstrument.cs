using Platform3.Core.Domain;

namespace Platform3.Trading.Strategies.Examples;

/// <summary>Per-instrument state for a strategy, indexed by the dense instrument id (no dictionary on the hot path).</summary>
internal sealed class PerInstrument<T> where T : class
{
    private T?[] _items = [];

    public T? this[Instrument instrument] => instrument.Id < _items.Length ? _items[instrument.Id] : null;

    public T GetOrAdd(Instrument instrument, Func<Instrument, T> create)
    {
        if (instrument.Id >= _items.Length) Array.Resize(ref _items, instrument.Id + 1);
        return _items[instrument.Id] ??= create(instrument);
    }
}
