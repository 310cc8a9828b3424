using Platform3.Core.Domain;

namespace Platform3.Trading.Kernel;

/// <summary>
/// A bar delivered to a strategy at its close. <see cref="Bar"/>.Time is the open time; the strategy is
/// called at <see cref="CloseTime"/> and never earlier.
/// </summary>
public readonly struct BarEvent
{
    // Fields, not properties: a Bar is 88 bytes, and `in e.Bar` then passes a reference instead of a copy.
    public readonly Instrument Instrument;
    public readonly Timeframe Timeframe;
    public readonly Bar Bar;
    public readonly DateTime CloseTime;

    public BarEvent(Instrument instrument, Timeframe timeframe, in Bar bar, DateTime closeTime)
    {
        Instrument = instrument;
        Timeframe = timeframe;
        Bar = bar;
        CloseTime = closeTime;
    }

    public string Symbol => Instrument.Symbol;
}

/// <summary>A quote (tick) delivered to a strategy.</summary>
public readonly record struct QuoteEvent(Instrument Instrument, Quote Quote);

/// <summary>A timer firing: <see cref="Time"/> is when it fired (the engine's time), <see cref="Due"/> when it was due.</summary>
public readonly record struct TimerEvent(string Name, DateTime Time, DateTime Due);
