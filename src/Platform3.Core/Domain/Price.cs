namespace Platform3.Core.Domain;

/// <summary>A quoted price. Create through <see cref="Instrument.Price(decimal)"/> or <see cref="Instrument.RoundPrice(decimal)"/>.</summary>
public readonly record struct Price(decimal Value) : IComparable<Price>
{
    public double AsDouble => (double)Value;
    public int CompareTo(Price other) => Value.CompareTo(other.Value);
    public static bool operator <(Price a, Price b) => a.Value < b.Value;
    public static bool operator >(Price a, Price b) => a.Value > b.Value;
    public static bool operator <=(Price a, Price b) => a.Value <= b.Value;
    public static bool operator >=(Price a, Price b) => a.Value >= b.Value;
    public override string ToString() => Value.ToString(System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>An unsigned amount of base currency units. Direction lives on the order or position, never in the quantity.</summary>
public readonly record struct Quantity
{
    public decimal Units { get; }

    public Quantity(decimal units)
    {
        if (units < 0) throw new ArgumentOutOfRangeException(nameof(units), $"quantity {units} is negative; direction belongs to the side.");
        Units = units;
    }

    public static Quantity FromLots(Instrument instrument, decimal lots) => new(lots * instrument.ContractSize);
    public decimal Lots(Instrument instrument) => Units / instrument.ContractSize;
    public bool IsZero => Units == 0;
    public static Quantity operator +(Quantity a, Quantity b) => new(a.Units + b.Units);
    public static Quantity operator -(Quantity a, Quantity b) => new(a.Units - b.Units);
    public override string ToString() => Units.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
