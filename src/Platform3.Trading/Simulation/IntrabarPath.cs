namespace Platform3.Trading.Simulation;

/// <summary>
/// The price path the simulator assumes inside one bar, as up to four points joined by straight lines in
/// time: open at the bar's open time, then the extreme nearer the open, then the other extreme, then the
/// close at the bar's close time (the extremes at one and two thirds of the bar). Bid and ask move together;
/// buys are judged on the ask path and sells on the bid path. A tick is a path of one point.
/// Between the previous quote and the first point there is no path: that is a jump (a gap), and anything it
/// crosses fills at the first point's price.
/// </summary>
internal struct IntrabarPath
{
    public int Count;
    public long T0, T1, T2, T3;
    public double B0, B1, B2, B3;
    public double A0, A1, A2, A3;
    // The extremes of the points, set with them: the quiet-step, margin-band and could-act checks read these.
    public double BidLow, BidHigh, AskLow, AskHigh;

    public void SetExtremes()
    {
        BidLow = Math.Min(Math.Min(B0, B1), Math.Min(B2, B3));
        BidHigh = Math.Max(Math.Max(B0, B1), Math.Max(B2, B3));
        AskLow = Math.Min(Math.Min(A0, A1), Math.Min(A2, A3));
        AskHigh = Math.Max(Math.Max(A0, A1), Math.Max(A2, A3));
    }

    public readonly long Time(int i) => i switch { 0 => T0, 1 => T1, 2 => T2, _ => T3 };
    public readonly double Bid(int i) => i switch { 0 => B0, 1 => B1, 2 => B2, _ => B3 };
    public readonly double Ask(int i) => i switch { 0 => A0, 1 => A1, 2 => A2, _ => A3 };
}
