using System.Globalization;

namespace Platform3.Trading.Orders;

/// <summary>An order's identity within one engine run: dense, increasing, deterministic.</summary>
public readonly record struct OrderId(long Value) : IComparable<OrderId>
{
    public int CompareTo(OrderId other) => Value.CompareTo(other.Value);
    public override string ToString() => "O" + Value.ToString(CultureInfo.InvariantCulture);
}
