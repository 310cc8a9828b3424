using Platform3.Trading.Audit;

namespace Platform3.Trading.Decisions;

/// <summary>
/// Per-symbol market facts a decision needs beyond the quote: the ATR (price units) of the decision timeframe
/// and the nearest support and resistance levels known at decision time (from the TA engine), if any, and the
/// fingerprint of the feature vector the models saw: as text (<paramref name="FeatureVectorHash"/>, written as given)
/// or, without a string per decision, as a <see cref="Audit.FeatureDigest"/> (its hex is written; the text wins
/// when both are given).
/// </summary>
public readonly record struct MarketContext(double Atr, double Support = double.NaN, double Resistance = double.NaN, string? FeatureVectorHash = null,
    FeatureDigest FeatureDigest = default);
