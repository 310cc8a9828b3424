using Platform3.Core.Domain;

namespace Platform3.Trading.Risk;

/// <summary>
/// What the decision layer wants to do in one instrument, before risk has sized or approved it.
/// <see cref="Side"/> is +1 to buy, −1 to sell. <see cref="RequestedUnits"/> null means "size it for me"
/// (opening orders); closing and reducing orders name their size. Prices are in quote currency per base unit.
/// </summary>
public readonly record struct OrderIntent(
    Instrument Instrument,
    int Side,
    double EntryPrice,
    double StopPrice,
    double TargetPrice,
    double Confidence,
    double Atr,
    decimal? RequestedUnits = null)
{
    public double StopDistance => Math.Abs(EntryPrice - StopPrice);
}
