namespace Platform3.Trading.Risk;

/// <summary>Stable codes of the pre-trade checks (they appear in the audit log and in reports).</summary>
public static class RiskCodes
{
    public const string Halted = "halted";
    public const string DailyLoss = "daily_loss";
    public const string Drawdown = "drawdown";
    public const string MarketClosed = "market_closed";
    public const string Session = "session";
    public const string NewsBlackout = "news_blackout";
    public const string MaxOpenPositions = "max_open_positions";
    public const string NoPrice = "no_price";
    public const string InvalidOrder = "invalid_order";
    public const string InsufficientHistory = "insufficient_history";
    public const string SizeBelowMinimum = "size_below_minimum";
    public const string MaxSizePerPair = "max_size_per_pair";
    public const string CurrencyGross = "currency_gross_exposure";
    public const string CurrencyNet = "currency_net_exposure";
    public const string Leverage = "leverage";
    public const string CorrelatedExposure = "correlated_exposure";
    public const string Var = "var";
    public const string DailyLossAtStop = "daily_loss_at_stop";
    public const string PositionVolTarget = "position_vol_target";
}

/// <summary>One failed check: a stable code and a sentence with the figures.</summary>
public readonly record struct RiskReason(string Code, string Message)
{
    public override string ToString() => $"{Code}: {Message}";
}

/// <summary>Account-level risk figures before and after an order (fractions and multiples of equity).</summary>
public readonly record struct RiskMetrics(
    double Equity,
    double DailyPnlFraction,
    double Drawdown,
    double Leverage,
    string MaxGrossCurrency,
    double MaxGrossExposure,
    string MaxNetCurrency,
    double MaxNetExposure,
    double CorrelatedExposure,
    double VarFraction);

/// <summary>
/// The risk layer's answer for one order intent: approved with a size (in units of base currency, a whole
/// number of lot steps), or rejected with every reason. Notes record limits that capped the size.
/// </summary>
public sealed class RiskAssessment
{
    public required bool Approved { get; init; }
    public required decimal ApprovedUnits { get; init; }
    /// <summary>What the sizing method (or the request) asked for, before limits.</summary>
    public required decimal TargetUnits { get; init; }
    public required string SizingMethod { get; init; }
    /// <summary>True for orders that only reduce an existing position (always allowed).</summary>
    public required bool RiskReducing { get; init; }
    public required IReadOnlyList<RiskReason> Rejections { get; init; }
    public required IReadOnlyList<string> Notes { get; init; }
    public required RiskMetrics Before { get; init; }
    public RiskMetrics? After { get; init; }
    /// <summary>Set when this evaluation found the daily-loss or drawdown limit breached: the engine must halt.</summary>
    public HaltSource? HaltTriggered { get; init; }

    public override string ToString() => Approved
        ? $"approved {ApprovedUnits} units" + (Notes.Count > 0 ? $" ({string.Join("; ", Notes)})" : "")
        : "rejected: " + string.Join("; ", Rejections);
}
