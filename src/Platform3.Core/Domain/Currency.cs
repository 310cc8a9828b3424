namespace Platform3.Core.Domain;

/// <summary>An ISO 4217 currency code. Only three upper-case ASCII letters are accepted.</summary>
public readonly record struct Currency
{
    public static readonly Currency USD = new("USD");
    public static readonly Currency EUR = new("EUR");
    public static readonly Currency GBP = new("GBP");
    public static readonly Currency JPY = new("JPY");
    public static readonly Currency CHF = new("CHF");
    public static readonly Currency AUD = new("AUD");
    public static readonly Currency NZD = new("NZD");
    public static readonly Currency CAD = new("CAD");

    /// <summary>The eight majors, in the market's priority order for naming pairs (the higher one is the base).</summary>
    public static IReadOnlyList<Currency> Majors { get; } = [EUR, GBP, AUD, NZD, USD, CAD, CHF, JPY];

    public string Code { get; }

    private Currency(string code) => Code = code;

    public static Currency Of(string code)
    {
        if (!TryParse(code, out var c))
            throw new ArgumentException($"'{code}' is not a currency code: expected three upper-case letters such as USD.", nameof(code));
        return c;
    }

    public static bool TryParse(string? code, out Currency currency)
    {
        currency = default;
        if (code is null || code.Length != 3) return false;
        foreach (var ch in code)
            if (ch < 'A' || ch > 'Z') return false;
        currency = new Currency(code);
        return true;
    }

    public bool IsDefault => Code is null;

    public override string ToString() => Code ?? "???";
}
