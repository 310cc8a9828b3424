using Platform3.Core.Domain;
using Platform3.Trading.Accounting;

namespace Platform3.Trading.Simulation;

public sealed class NoCommission : ICommissionModel
{
    public static readonly NoCommission Instance = new();
    public decimal Commission(Instrument instrument, decimal units, decimal price, CurrencyConverter converter) => 0;
}

/// <summary>
/// A fee per million of notional traded, per side, in the account currency. Notional is the base-currency
/// amount converted to the account currency (1M EURUSD at 1.10 is 1.1M USD of notional).
/// </summary>
public sealed class PerMillionCommission(decimal amountPerMillion) : ICommissionModel
{
    public decimal AmountPerMillion { get; } = amountPerMillion >= 0 ? amountPerMillion : throw new ArgumentOutOfRangeException(nameof(amountPerMillion));

    public decimal Commission(Instrument instrument, decimal units, decimal price, CurrencyConverter converter) =>
        OfNotional(converter.Convert(units, instrument.Base));

    /// <summary>The commission on a fill whose notional (base units converted to the account currency) is known.</summary>
    internal decimal OfNotional(decimal notional) => ExactDecimal.PerMillion(notional * AmountPerMillion); // (notional × amount) / 1_000_000m
}

/// <summary>A fee per standard lot, per side, in the account currency.</summary>
public sealed class PerLotCommission(decimal amountPerLot) : ICommissionModel
{
    public decimal AmountPerLot { get; } = amountPerLot >= 0 ? amountPerLot : throw new ArgumentOutOfRangeException(nameof(amountPerLot));

    public decimal Commission(Instrument instrument, decimal units, decimal price, CurrencyConverter converter) =>
        units / instrument.ContractSize * AmountPerLot;
}
