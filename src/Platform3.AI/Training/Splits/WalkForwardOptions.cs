namespace Platform3.AI.Training.Splits;

/// <summary>Rolling keeps a fixed-size training window; expanding keeps everything before the test span.</summary>
public enum WindowMode { Expanding, Rolling }

/// <summary>
/// Walk-forward settings, in rows. The tail of the data after <see cref="MinTrain"/> rows is cut into
/// <see cref="Folds"/> consecutive test blocks (or blocks of <see cref="TestSize"/> rows when set).
/// </summary>
public sealed record WalkForwardOptions
{
    public int Folds { get; init; } = 5;
    public WindowMode Mode { get; init; } = WindowMode.Expanding;
    /// <summary>Rows in the first training window; also the rolling window size.</summary>
    public int MinTrain { get; init; } = 500;
    /// <summary>Rows per test block; 0 = split the remaining rows evenly into <see cref="Folds"/>.</summary>
    public int TestSize { get; init; }
    /// <summary>
    /// Rows dropped between the end of the (purged) training set and the test span. Walk-forward training
    /// always precedes its test span, so the embargo is this gap; it guards against features with memory.
    /// </summary>
    public int Embargo { get; init; }
    /// <summary>Drop training rows whose label interval [t0, t1] overlaps the test span. Off only to demonstrate the leak.</summary>
    public bool Purge { get; init; } = true;

    public void Validate()
    {
        if (Folds < 1) throw new ArgumentException("Folds must be at least 1.");
        if (MinTrain < 1) throw new ArgumentException("MinTrain must be at least 1 row.");
        if (TestSize < 0 || Embargo < 0) throw new ArgumentException("TestSize and Embargo must not be negative.");
    }
}
