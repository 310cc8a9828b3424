namespace Platform3.Core.Domain;

/// <summary>Which price of a bar an indicator or feature reads.</summary>
public enum PriceField : byte
{
    Close, Open, High, Low,
    /// <summary>Bid close (the same as Close: bars store bid prices).</summary>
    Bid,
    /// <summary>Ask close; NaN when the bar has no ask.</summary>
    Ask,
    /// <summary>Mid close, from the ask or the spread when known.</summary>
    Mid,
    /// <summary>(High + Low + Close) / 3.</summary>
    Typical,
    /// <summary>(High + Low) / 2.</summary>
    Median,
    /// <summary>(High + Low + 2·Close) / 4.</summary>
    Weighted,
}

public static class PriceFieldExtensions
{
    public static double Read(this in Bar bar, PriceField field) => field switch
    {
        PriceField.Close or PriceField.Bid => bar.Close,
        PriceField.Open => bar.Open,
        PriceField.High => bar.High,
        PriceField.Low => bar.Low,
        PriceField.Ask => bar.AskClose,
        PriceField.Mid => bar.MidClose,
        PriceField.Typical => (bar.High + bar.Low + bar.Close) / 3.0,
        PriceField.Median => 0.5 * (bar.High + bar.Low),
        PriceField.Weighted => (bar.High + bar.Low + 2 * bar.Close) / 4.0,
        _ => throw new ArgumentOutOfRangeException(nameof(field)),
    };

    public static PriceField ParsePriceField(string text) =>
        Enum.TryParse<PriceField>(text, ignoreCase: true, out var f) && Enum.IsDefined(f)
            ? f
            : throw new Errors.UsageException($"Unknown price field '{text}'. Valid: {string.Join(", ", Enum.GetNames<PriceField>())}.");
}
