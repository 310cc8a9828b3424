namespace Platform3.Trading.Risk;

/// <summary>Decimal quantity helpers.</summary>
public static class Units
{
    /// <summary>Drops trailing zeros (181000.00 → 181000) so sizes print and hash the same however they were computed.</summary>
    public static decimal Normalize(decimal value) => value / 1.000000000000000000000000000000000m;
}
