namespace Platform3.Core.Domain;

/// <summary>A top-of-book quote (a tick). Time is UTC.</summary>
public readonly record struct Quote(DateTime Time, double Bid, double Ask, long Volume = 0)
{
    public double Mid => 0.5 * (Bid + Ask);
    public double Spread => Ask - Bid;
    /// <summary>Ask below bid: common in FXCM data, impossible at a real dealer.</summary>
    public bool IsCrossed => Ask < Bid;
}
