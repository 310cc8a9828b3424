using Platform3.Core.Domain;
using Platform3.Engines.TechnicalAnalysis;

namespace Platform3.Engines.SignalProcessing;

/// <summary>
/// Causal Kalman filter with a local linear trend (state: level and trend per bar). Observation x = level + noise
/// (variance r); level' = level + trend + w1, trend' = trend + w2 (variances q·r and q·r·trendRatio). Only past and
/// current values enter (a filter, never a smoother). Starts from the first value with a large uncertainty.
/// Ready after 2 values. Outputs: level, trend.
/// </summary>
public sealed class KalmanTrend : ValueIndicator
{
    private readonly double _qLevel;
    private readonly double _qTrend;
    private double _level, _trend;
    private double _p00, _p01, _p11;

    /// <param name="processRatio">q: level process variance relative to the measurement variance (smaller = smoother).</param>
    /// <param name="trendRatio">the trend's process variance relative to the level's.</param>
    public KalmanTrend(double processRatio = 0.01, double trendRatio = 0.01, PriceField field = PriceField.Close)
        : base(SpecText.Of("kalman", field, processRatio, trendRatio), field, 2, "level", "trend")
    {
        ProcessRatio = Require.Positive(processRatio, nameof(processRatio));
        TrendRatio = Require.Positive(trendRatio, nameof(trendRatio));
        _qLevel = processRatio;
        _qTrend = processRatio * trendRatio;
    }

    public double ProcessRatio { get; }
    public double TrendRatio { get; }

    public override Indicator Clone() => new KalmanTrend(ProcessRatio, TrendRatio, Field);

    protected override void OnValue(double value)
    {
        if (Samples == 1)
        {
            // Diffuse start: the level is the first value, the trend unknown. Variances are in units of r (r = 1).
            _level = value;
            _trend = 0;
            _p00 = 1;
            _p01 = 0;
            _p11 = 1e6;
            return;
        }
        // Predict.
        var level = _level + _trend;
        var p00 = _p00 + 2 * _p01 + _p11 + _qLevel;
        var p01 = _p01 + _p11;
        var p11 = _p11 + _qTrend;
        // Update with the observation (measurement variance 1).
        var s = p00 + 1;
        var k0 = p00 / s;
        var k1 = p01 / s;
        var innovation = value - level;
        _level = level + k0 * innovation;
        _trend += k1 * innovation;
        _p00 = p00 - k0 * p00;
        _p01 = p01 - k0 * p01;
        _p11 = p11 - k1 * p01;
        Set(0, _level);
        Set(1, _trend);
    }

    protected override void OnReset() => _level = _trend = _p00 = _p01 = _p11 = 0;
}
