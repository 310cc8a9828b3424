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

    // Read at every segment end of every walked step: inlined.
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    public readonly long Time(int i) => i switch { 0 => T0, 1 => T1, 2 => T2, _ => T3 };
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    public readonly double Bid(int i) => i switch { 0 => B0, 1 => B1, 2 => B2, _ => B3 };
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    public readonly double Ask(int i) => i switch { 0 => A0, 1 => A1, 2 => A2, _ => A3 };
}

/// <summary>The lowest and highest bid and ask of a path's four points.</summary>
internal static class PathExtremes
{
    /// <summary>
    /// Exactly Math.Min and Math.Max over the four bid and four ask points. When every price is positive (no NaN,
    /// no signed zero to tell apart, the case of all real quotes) they agree with the processor's plain min and
    /// max instructions, which are much cheaper than the general forms; anything else takes the general forms.
    /// </summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    public static void Of(double b0, double b1, double b2, double b3, double a0, double a1, double a2, double a3,
        out double bidLow, out double bidHigh, out double askLow, out double askHigh)
    {
        if (b0 > 0 && b1 > 0 && b2 > 0 && b3 > 0 && a0 > 0 && a1 > 0 && a2 > 0 && a3 > 0)
        {
            bidLow = double.MinNative(double.MinNative(b0, b1), double.MinNative(b2, b3));
            bidHigh = double.MaxNative(double.MaxNative(b0, b1), double.MaxNative(b2, b3));
            askLow = double.MinNative(double.MinNative(a0, a1), double.MinNative(a2, a3));
            askHigh = double.MaxNative(double.MaxNative(a0, a1), double.MaxNative(a2, a3));
            return;
        }
        bidLow = Math.Min(Math.Min(b0, b1), Math.Min(b2, b3));
        bidHigh = Math.Max(Math.Max(b0, b1), Math.Max(b2, b3));
        askLow = Math.Min(Math.Min(a0, a1), Math.Min(a2, a3));
        askHigh = Math.Max(Math.Max(a0, a1), Math.Max(a2, a3));
    }
}
