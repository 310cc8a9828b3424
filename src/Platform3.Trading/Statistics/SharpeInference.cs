using MathNet.Numerics.Distributions;

namespace Platform3.Trading.Statistics;

/// <summary>
/// Inference on a Sharpe ratio estimated from n returns (Bailey and López de Prado). Sharpe ratios here are
/// per period (not annualised); kurtosis is the raw fourth standardised moment (3 for a normal).
/// </summary>
public static class SharpeInference
{
    private const double EulerGamma = 0.5772156649015329;

    /// <summary>
    /// Probabilistic Sharpe ratio: the probability that the true Sharpe exceeds <paramref name="benchmark"/>,
    /// Φ((SR − SR*)·√(n − 1) / √(1 − γ₃·SR + (γ₄ − 1)/4·SR²)).
    /// </summary>
    public static double Probabilistic(double sharpe, double benchmark, int n, double skewness, double kurtosis)
    {
        if (n < 2 || double.IsNaN(sharpe)) return double.NaN;
        var denominator = 1 - skewness * sharpe + (kurtosis - 1) / 4.0 * sharpe * sharpe;
        if (denominator <= 0) return double.NaN;
        return Normal.CDF(0, 1, (sharpe - benchmark) * Math.Sqrt(n - 1) / Math.Sqrt(denominator));
    }

    /// <summary>
    /// The Sharpe ratio the best of <paramref name="trials"/> independent strategies with no skill would show:
    /// √V·((1 − γ)·Φ⁻¹(1 − 1/N) + γ·Φ⁻¹(1 − 1/(N·e))), V the variance of the trials' Sharpe ratios.
    /// Zero for a single trial.
    /// </summary>
    public static double ExpectedMaxSharpe(int trials, double sharpeVariance)
    {
        if (trials <= 1 || !(sharpeVariance > 0)) return 0;
        var n = (double)trials;
        return Math.Sqrt(sharpeVariance) * ((1 - EulerGamma) * Normal.InvCDF(0, 1, 1 - 1 / n) + EulerGamma * Normal.InvCDF(0, 1, 1 - 1 / (n * Math.E)));
    }

    /// <summary>
    /// Deflated Sharpe ratio: the PSR against the expected maximum Sharpe of <paramref name="trials"/> trials.
    /// Without a measured variance across trials, the estimator's own variance
    /// (1 − γ₃·SR + (γ₄ − 1)/4·SR²)/(n − 1) stands in for it.
    /// </summary>
    public static double Deflated(double sharpe, int n, double skewness, double kurtosis, int trials, double sharpeVariance = double.NaN)
    {
        if (n < 2) return double.NaN;
        var v = sharpeVariance > 0 ? sharpeVariance : EstimatorVariance(sharpe, n, skewness, kurtosis);
        return Probabilistic(sharpe, ExpectedMaxSharpe(trials, v), n, skewness, kurtosis);
    }

    /// <summary>Asymptotic variance of the Sharpe estimator for non-normal returns.</summary>
    public static double EstimatorVariance(double sharpe, int n, double skewness, double kurtosis) =>
        n < 2 ? double.NaN : (1 - skewness * sharpe + (kurtosis - 1) / 4.0 * sharpe * sharpe) / (n - 1);
}
