using System.Globalization;

namespace Platform3.Core.Domain;

/// <summary>An exact amount of one currency. Arithmetic across currencies is refused: convert first.</summary>
public readonly record struct Money(Currency Currency, decimal Amount)
{
    public static Money Zero(Currency currency) => new(currency, 0m);

    public static Money operator +(Money a, Money b) => new(Same(a, b), a.Amount + b.Amount);
    public static Money operator -(Money a, Money b) => new(Same(a, b), a.Amount - b.Amount);
    public static Money operator -(Money a) => new(a.Currency, -a.Amount);
    public static Money operator *(Money a, decimal k) => new(a.Currency, a.Amount * k);

    /// <summary>Converts at a rate expressed as target units per one unit of this currency.</summary>
    public Money ConvertTo(Currency target, decimal rate) => target == Currency ? this : new(target, Amount * rate);

    /// <summary>Rounds to the currency's minor unit (2 decimals, 0 for JPY).</summary>
    public Money RoundToMinorUnit() => new(Currency, Math.Round(Amount, MinorUnits(Currency), MidpointRounding.ToEven));

    public static int MinorUnits(Currency c) => c == Currency.JPY ? 0 : 2;

    private static Currency Same(Money a, Money b)
    {
        if (a.Currency != b.Currency)
            throw new InvalidOperationException($"Cannot combine {a.Currency} and {b.Currency} without a conversion.");
        return a.Currency;
    }

    public override string ToString() => $"{Amount.ToString("0.00######", CultureInfo.InvariantCulture)} {Currency}";
}
