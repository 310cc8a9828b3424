using Platform3.Core.Domain;

namespace Platform3.Trading.Decisions.Hosting;

/// <summary>One closed bar of the decision timeframe.</summary>
public readonly record struct SliceBar(Instrument Instrument, Bar Bar);

/// <summary>
/// A producer of <see cref="SignalInput"/>s for the decision engine: model predictions, TA rules, patterns.
/// At each close of the decision timeframe the host first hands every source the whole slice (all bars that
/// closed at that time, so cross-pair features see one market state), then collects each symbol's signals.
/// A source only ever sees bars that have closed, so it cannot look ahead.
/// </summary>
public interface ISignalSource
{
    string Name { get; }

    /// <summary>The bars of the decision timeframe that closed at <paramref name="closeUtc"/>.</summary>
    void OnSlice(ReadOnlySpan<SliceBar> slice, DateTime closeUtc);

    /// <summary>Adds the signals in force for the instrument at <paramref name="nowUtc"/>.</summary>
    void Collect(Instrument instrument, DateTime nowUtc, List<SignalInput> into);

    /// <summary>Fingerprint of the inputs behind this source's latest signal for the instrument (model features), if any.</summary>
    string? FeatureHash(Instrument instrument) => null;

    /// <summary>
    /// The same fingerprint as a value, when the source keeps it so (no string per decision); <c>default</c> when it
    /// does not, and then the host asks <see cref="FeatureHash"/>. Its text must be what <see cref="FeatureHash"/> returns.
    /// </summary>
    Audit.FeatureDigest FeatureDigestOf(Instrument instrument) => default;
}
