namespace Platform3.Core.Domain;

/// <summary>
/// A spot FX pair. Immutable; build through <see cref="InstrumentCatalog"/> so that every instrument
/// has a dense <see cref="Id"/> usable as an array index on hot paths.
/// </summary>
public sealed class Instrument : IEquatable<Instrument>
{
    public int Id { get; }
    public string Symbol { get; }
    public Currency Base { get; }
    public Currency Quote { get; }
    /// <summary>One pip in price units: 0.0001, or 0.01 for JPY-quoted pairs.</summary>
    public decimal PipSize { get; }
    /// <summary>Number of decimals a price is quoted with (5 for EURUSD, 3 for USDJPY).</summary>
    public int PricePrecision { get; }
    /// <summary>The smallest price increment, 10^-PricePrecision.</summary>
    public decimal TickSize { get; }
    /// <summary>Units of base currency in one standard lot.</summary>
    public decimal ContractSize { get; }
    public decimal LotStep { get; }
    public decimal MinLot { get; }
    public decimal MaxLot { get; }
    public double PipSizeD { get; }
    public double TickSizeD { get; }

    internal Instrument(int id, string symbol, Currency @base, Currency quote, decimal pipSize, int pricePrecision,
        decimal contractSize, decimal lotStep, decimal minLot, decimal maxLot)
    {
        if (@base == quote) throw new ArgumentException($"{symbol}: base and quote currency are both {@base}.");
        if (pipSize <= 0) throw new ArgumentException($"{symbol}: pip size must be positive.");
        if (pricePrecision is < 0 or > 10) throw new ArgumentException($"{symbol}: price precision must be 0..10.");
        if (contractSize <= 0 || lotStep <= 0 || minLot <= 0 || maxLot < minLot)
            throw new ArgumentException($"{symbol}: contract size, lot step and lot limits must be positive with min <= max.");
        Id = id;
        Symbol = symbol;
        Base = @base;
        Quote = quote;
        PipSize = pipSize;
        PricePrecision = pricePrecision;
        TickSize = Pow10(-pricePrecision);
        ContractSize = contractSize;
        LotStep = lotStep;
        MinLot = minLot;
        MaxLot = maxLot;
        PipSizeD = (double)pipSize;
        TickSizeD = (double)TickSize;
        if (pipSize < TickSize) throw new ArgumentException($"{symbol}: pip size is finer than the price precision.");
    }

    /// <summary>Rounds to the instrument's price precision (midpoint away from zero).</summary>
    public Price RoundPrice(decimal value) => new(Math.Round(value, PricePrecision, MidpointRounding.AwayFromZero));

    public Price RoundPrice(double value) => RoundPrice((decimal)value);

    /// <summary>True when the value is an exact multiple of the tick size.</summary>
    public bool IsOnTick(decimal value) => value == Math.Round(value, PricePrecision);

    /// <summary>Creates a price, refusing values off the tick grid rather than adjusting them.</summary>
    public Price Price(decimal value)
    {
        if (value <= 0) throw new ArgumentOutOfRangeException(nameof(value), $"{Symbol}: price {value} must be positive.");
        if (!IsOnTick(value))
            throw new ArgumentOutOfRangeException(nameof(value), $"{Symbol}: price {value} is off the tick size {TickSize}.");
        return new Price(value);
    }

    /// <summary>Units of base currency for a number of lots, rounded down to the lot step.</summary>
    public Quantity RoundQuantityLots(decimal lots)
    {
        var steps = Math.Floor(Math.Abs(lots) / LotStep);
        return new Quantity(steps * LotStep * ContractSize);
    }

    /// <summary>True when the unit quantity is a whole number of lot steps within the lot limits.</summary>
    public bool IsValidQuantity(Quantity quantity, out string? reason)
    {
        var units = quantity.Units;
        if (units <= 0) { reason = $"size {units} must be positive"; return false; }
        var lots = units / ContractSize;
        if (lots % LotStep != 0) { reason = $"size {units} is not a multiple of the lot step {LotStep} lots ({LotStep * ContractSize} units)"; return false; }
        if (lots < MinLot) { reason = $"size {lots} lots is below the minimum {MinLot}"; return false; }
        if (lots > MaxLot) { reason = $"size {lots} lots is above the maximum {MaxLot}"; return false; }
        reason = null;
        return true;
    }

    public decimal PriceToPips(decimal priceDistance) => priceDistance / PipSize;
    public double PriceToPips(double priceDistance) => priceDistance / PipSizeD;

    public bool Equals(Instrument? other) => other is not null && other.Symbol == Symbol;
    public override bool Equals(object? obj) => obj is Instrument i && Equals(i);
    public override int GetHashCode() => Symbol.GetHashCode(StringComparison.Ordinal);
    public override string ToString() => Symbol;

    private static decimal Pow10(int exp)
    {
        decimal r = 1m;
        for (var i = 0; i < -exp; i++) r /= 10m;
        return r;
    }
}
