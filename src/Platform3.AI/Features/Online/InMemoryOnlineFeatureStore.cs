using System.Collections.Concurrent;

namespace Platform3.AI.Features.Online;

/// <summary>The in-process online store: one slot per key, updated in place under a per-slot lock (no allocation per bar).</summary>
public sealed class InMemoryOnlineFeatureStore(TimeProvider? clock = null) : IOnlineFeatureStore
{
    private readonly ConcurrentDictionary<FeatureKey, Slot> _slots = new();
    private readonly TimeProvider _clock = clock ?? TimeProvider.System;

    public IReadOnlyList<FeatureKey> Keys => _slots.Keys.ToArray();

    public void Put(FeatureKey key, IReadOnlyList<string> names, ReadOnlySpan<double> values, long barTicks, long knownAtTicks) =>
        Store(SlotFor(key, names, values.Length), key, values, barTicks, knownAtTicks);

    /// <summary>Finds the key's slot once (at its first put, so an unwritten key stays absent) and then writes it directly.</summary>
    public IFeatureWriter Writer(FeatureKey key, IReadOnlyList<string> names) => new SlotWriter(this, key, names);

    private Slot SlotFor(FeatureKey key, IReadOnlyList<string> names, int width) =>
        // The factory takes its inputs as an argument: a capturing lambda allocated a closure and a delegate per call.
        _slots.GetOrAdd(key, static (_, a) => new Slot(a.Names, a.Width), (Names: names, Width: width));

    private void Store(Slot slot, FeatureKey key, ReadOnlySpan<double> values, long barTicks, long knownAtTicks)
    {
        if (slot.Values.Length != values.Length) throw new ArgumentException($"{key}: vector width changed from {slot.Values.Length} to {values.Length}.");
        lock (slot)
        {
            values.CopyTo(slot.Values);
            slot.BarTicks = barTicks;
            slot.KnownAtTicks = knownAtTicks;
            slot.StoredTicks = _clock.GetUtcNow().UtcTicks;
        }
    }

    private sealed class SlotWriter(InMemoryOnlineFeatureStore store, FeatureKey key, IReadOnlyList<string> names) : IFeatureWriter
    {
        private Slot? _slot;

        public void Put(ReadOnlySpan<double> values, long barTicks, long knownAtTicks) =>
            store.Store(_slot ??= store.SlotFor(key, names, values.Length), key, values, barTicks, knownAtTicks);
    }

    public bool TryRead(FeatureKey key, Span<double> destination, out long barTicks, out long knownAtTicks)
    {
        if (!_slots.TryGetValue(key, out var slot)) { barTicks = knownAtTicks = 0; return false; }
        lock (slot)
        {
            slot.Values.CopyTo(destination);
            barTicks = slot.BarTicks;
            knownAtTicks = slot.KnownAtTicks;
            return true;
        }
    }

    public FeatureVector? Get(FeatureKey key)
    {
        if (!_slots.TryGetValue(key, out var slot)) return null;
        lock (slot)
            return new FeatureVector(key, slot.Names, (double[])slot.Values.Clone(), slot.BarTicks, slot.KnownAtTicks,
                new DateTime(slot.StoredTicks, DateTimeKind.Utc));
    }

    private sealed class Slot(IReadOnlyList<string> names, int width)
    {
        public readonly IReadOnlyList<string> Names = names;
        public readonly double[] Values = new double[width];
        public long BarTicks, KnownAtTicks, StoredTicks;
    }
}
