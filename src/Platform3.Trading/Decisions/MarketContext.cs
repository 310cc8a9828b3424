namespace Platform3.Trading.Decisions;

/// <summary>
/// Per-symbol market facts a decision needs beyond the quote: the ATR (price units) of the decision timeframe
/// and the nearest support and resistance levels known at decision time (from the TA engine), if any.
/// </summary>
public readonly record struct MarketContext(double Atr, double Support = double.NaN, double Resistance = double.NaN, string? FeatureVectorHash = null);
