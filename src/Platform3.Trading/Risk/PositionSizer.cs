namespace Platform3.Trading.Risk;

/// <summary>
/// The three sizing rules, in base units before rounding to lots. <c>quoteToAccount</c> converts one unit of
/// the quote currency into account currency, so a price distance d costs units × d × quoteToAccount.
/// </summary>
public static class PositionSizer
{
    /// <summary>Lose <paramref name="riskFraction"/> of equity if the stop is hit.</summary>
    public static double FixedFractional(double equity, double riskFraction, double stopDistance, double quoteToAccount) =>
        stopDistance > 0 && quoteToAccount > 0 ? equity * riskFraction / (stopDistance * quoteToAccount) : 0;

    /// <summary>One ATR against the position costs <paramref name="atrRiskFraction"/> of equity.</summary>
    public static double VolatilityTarget(double equity, double atrRiskFraction, double atr, double quoteToAccount) =>
        atr > 0 && quoteToAccount > 0 ? equity * atrRiskFraction / (atr * quoteToAccount) : 0;

    /// <summary>
    /// The Kelly fraction f* = p − (1 − p) / b for win probability p and reward/risk b; the bet risks
    /// min(fraction × f*, cap) of equity at the stop. No edge (f* ≤ 0) gives 0.
    /// </summary>
    public static double KellyRiskFraction(double winProbability, double rewardToRisk, double fraction, double cap)
    {
        if (!(rewardToRisk > 0) || !(winProbability > 0)) return 0;
        var f = winProbability - (1 - winProbability) / rewardToRisk;
        return f <= 0 ? 0 : Math.Min(fraction * f, cap);
    }

    /// <summary>Win probability implied by a fused confidence c in [0, 1] (the inverse of |2p − 1|).</summary>
    public static double WinProbability(double confidence) => 0.5 + 0.5 * Math.Clamp(confidence, 0, 1);
}
