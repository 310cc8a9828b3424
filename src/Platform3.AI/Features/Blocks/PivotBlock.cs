using Platform3.Core.Calendar;
using Platform3.Core.Domain;
using Platform3.Engines.TechnicalAnalysis;

namespace Platform3.AI.Features.Blocks;

/// <summary>
/// Yesterday's levels, a day trader's support and resistance: distances of the close, in ATRs, to the
/// previous FX trading day's (17:00 New York) pivot (H+L+C)/3, high and low. Known once that day closed.
/// </summary>
public sealed class PivotBlock : FeatureBlock
{
    private readonly FxCalendar _calendar;
    private Atr _atr = new(14);
    private DateOnly _day;
    private double _dayHigh = double.NaN, _dayLow = double.NaN, _dayClose = double.NaN;
    private double _prevHigh = double.NaN, _prevLow = double.NaN, _prevPivot = double.NaN;
    private bool _started;

    public PivotBlock(FxCalendar calendar)
        : base("pivot(prev-day)", 15, "pivot_dist_atr", "prev_high_dist_atr", "prev_low_dist_atr")
    {
        _calendar = calendar;
    }

    protected override void Compute(in Bar bar, long closeTicks, Span<double> output)
    {
        SharedIndicators.Advance(_atr, in bar, Seen);
        var day = _calendar.TradingDayOf(bar.Time.Ticks);
        if (!_started || day != _day)
        {
            if (_started)
            {
                _prevHigh = _dayHigh; _prevLow = _dayLow;
                _prevPivot = (_dayHigh + _dayLow + _dayClose) / 3;
            }
            _started = true;
            _day = day;
            _dayHigh = bar.High; _dayLow = bar.Low;
        }
        else
        {
            _dayHigh = Math.Max(_dayHigh, bar.High);
            _dayLow = Math.Min(_dayLow, bar.Low);
        }
        _dayClose = bar.Close;
        var ready = _atr.IsReady && !double.IsNaN(_prevPivot);
        output[0] = ready ? Ratio(bar.Close - _prevPivot, _atr.Value) : double.NaN;
        output[1] = ready ? Ratio(bar.Close - _prevHigh, _atr.Value) : double.NaN;
        output[2] = ready ? Ratio(bar.Close - _prevLow, _atr.Value) : double.NaN;
    }

    /// <summary>Ready once a full previous trading day has been seen.</summary>
    public override bool IsReady => base.IsReady && !double.IsNaN(_prevPivot);

    public override void ShareIndicators(SharedIndicators shared) => _atr = shared.Share(_atr);

    public override FeatureBlock Clone() => new PivotBlock(_calendar);
}
