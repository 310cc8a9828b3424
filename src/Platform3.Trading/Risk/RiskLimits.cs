using Platform3.Core.Calendar;
using Platform3.Core.Configuration;
using Platform3.Core.Domain;
using Platform3.Trading.PortfolioManagement;

namespace Platform3.Trading.Risk;

public enum SizingMethod
{
    /// <summary>Risk a fixed fraction of equity over the stop distance.</summary>
    FixedFractional,
    /// <summary>Size so that one ATR against the position costs a fixed fraction of equity.</summary>
    VolatilityTarget,
    /// <summary>A fraction of the Kelly bet from the signal's confidence and the reward/risk ratio, capped.</summary>
    Kelly,
}

public enum SizeBreachPolicy
{
    /// <summary>Approve the largest size (in lot steps) that keeps every limit.</summary>
    Reduce,
    /// <summary>Reject the order when the sized amount would break a limit.</summary>
    Reject,
}

public enum DailyLossResume
{
    /// <summary>A daily-loss halt lifts itself at the next 17:00 New York roll (it is a daily limit).</summary>
    NextTradingDay,
    /// <summary>Only <c>p3 resume</c> lifts it.</summary>
    Manual,
}

public enum NewsImpact
{
    Low = 1,
    Medium = 2,
    High = 3,
}

/// <summary>Per-currency exposure limits, as multiples of equity.</summary>
public readonly record struct CurrencyLimit(double MaxGross, double MaxNet);

/// <summary>
/// The pre-trade limits of <c>config/risk-limits.yaml</c>. Fractions and multiples refer to current equity
/// unless named otherwise. <see cref="Default"/> equals the shipped file's values.
/// </summary>
public sealed record RiskLimits
{
    // sizing
    public SizingMethod Sizing { get; init; } = SizingMethod.FixedFractional;
    public double RiskPerTrade { get; init; } = 0.005;
    public double AtrRisk { get; init; } = 0.005;
    public double KellyFraction { get; init; } = 0.25;
    public double KellyCap { get; init; } = 0.02;
    public SizeBreachPolicy OnSizeBreach { get; init; } = SizeBreachPolicy.Reduce;

    // limits
    public decimal MaxLotsPerPair { get; init; } = 10m;
    public IReadOnlyDictionary<string, decimal> MaxLotsBySymbol { get; init; } = new Dictionary<string, decimal>(StringComparer.OrdinalIgnoreCase);
    public double MaxGrossExposurePerCurrency { get; init; } = 3.0;
    public double MaxNetExposurePerCurrency { get; init; } = 2.0;
    public IReadOnlyDictionary<Currency, CurrencyLimit> CurrencyOverrides { get; init; } = new Dictionary<Currency, CurrencyLimit>();
    public int MaxOpenPositions { get; init; } = 5;
    public double MaxLeverage { get; init; } = 10.0;
    public double MaxDailyLoss { get; init; } = 0.03;
    public double MaxDrawdown { get; init; } = 0.15;
    public double MaxCorrelatedExposure { get; init; } = 4.0;

    // sessions and news
    /// <summary>Sessions in which new risk may be opened; <see cref="TradingSession.None"/> means whenever the market is open.</summary>
    public TradingSession AllowedSessions { get; init; } = TradingSession.None;
    public string? NewsCalendarPath { get; init; }
    public TimeSpan NewsBefore { get; init; } = TimeSpan.FromMinutes(15);
    public TimeSpan NewsAfter { get; init; } = TimeSpan.FromMinutes(15);
    public NewsImpact NewsMinImpact { get; init; } = NewsImpact.High;

    // halts
    public bool FlattenOnManualHalt { get; init; }
    public bool FlattenOnAutoHalt { get; init; } = true;
    public DailyLossResume DailyLossResume { get; init; } = DailyLossResume.NextTradingDay;

    // portfolio
    public VarMethod VarMethod { get; init; } = VarMethod.Historical;
    public double VarConfidence { get; init; } = 0.99;
    public TimeSpan VarHorizon { get; init; } = TimeSpan.FromDays(1);
    /// <summary>Max portfolio VaR as a fraction of equity.</summary>
    public double MaxVar { get; init; } = 0.03;
    public TimeSpan ReturnSample { get; init; } = TimeSpan.FromHours(1);
    public int ReturnWindow { get; init; } = 500;
    public int MinObservations { get; init; } = 50;
    /// <summary>When true, no new risk is opened until the return window holds <see cref="MinObservations"/>.</summary>
    public bool RequireHistory { get; init; }
    /// <summary>Cap on one position's annualised volatility as a fraction of equity; 0 turns it off.</summary>
    public double PositionVolTarget { get; init; } = 0.10;

    public static RiskLimits Default { get; } = new();

    public CurrencyLimit LimitFor(Currency currency) =>
        CurrencyOverrides.TryGetValue(currency, out var o) ? o : new CurrencyLimit(MaxGrossExposurePerCurrency, MaxNetExposurePerCurrency);

    public decimal MaxLotsFor(Instrument instrument)
    {
        ArgumentNullException.ThrowIfNull(instrument);
        return MaxLotsBySymbol.TryGetValue(instrument.Symbol, out var lots) ? lots : MaxLotsPerPair;
    }

    public static RiskLimits Load(string path, InstrumentCatalog catalog) => Read(YamlConfig.Load(path), catalog, Path.GetDirectoryName(Path.GetFullPath(path)));

    public static RiskLimits Parse(string yaml, string fileName, InstrumentCatalog catalog, string? baseDir = null) =>
        Read(YamlConfig.Parse(yaml, fileName), catalog, baseDir);

    private static readonly string[] SessionNames = ["sydney", "tokyo", "london", "new_york"];

    /// <summary>Reads every section, collecting all problems (with lines) before throwing once.</summary>
    private static RiskLimits Read(ConfigNode root, InstrumentCatalog catalog, string? baseDir)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        var d = Default;
        root.AllowOnly("sizing", "limits", "sessions", "news", "halt", "portfolio");
        var r = d;

        if (root.OptionalMap("sizing") is { } s)
        {
            s.AllowOnly("method", "risk_per_trade", "atr_risk", "kelly_fraction", "kelly_cap", "on_size_breach");
            r = r with
            {
                Sizing = s.OptionalOneOf("method", "fixed_fractional", "fixed_fractional", "volatility_target", "kelly") switch
                {
                    "volatility_target" => SizingMethod.VolatilityTarget,
                    "kelly" => SizingMethod.Kelly,
                    _ => SizingMethod.FixedFractional,
                },
                RiskPerTrade = s.OptionalDouble("risk_per_trade", d.RiskPerTrade, 0, 0.2, exclusiveMin: true),
                AtrRisk = s.OptionalDouble("atr_risk", d.AtrRisk, 0, 0.2, exclusiveMin: true),
                KellyFraction = s.OptionalDouble("kelly_fraction", d.KellyFraction, 0, 1, exclusiveMin: true),
                KellyCap = s.OptionalDouble("kelly_cap", d.KellyCap, 0, 0.2, exclusiveMin: true),
                OnSizeBreach = s.OptionalOneOf("on_size_breach", "reduce", "reduce", "reject") == "reject" ? SizeBreachPolicy.Reject : SizeBreachPolicy.Reduce,
            };
        }

        if (root.OptionalMap("limits") is { } l)
        {
            l.AllowOnly("max_lots_per_pair", "max_lots", "max_gross_exposure_per_currency", "max_net_exposure_per_currency",
                "currency_overrides", "max_open_positions", "max_leverage", "max_daily_loss", "max_drawdown", "max_correlated_exposure");
            var bySymbol = new Dictionary<string, decimal>(StringComparer.OrdinalIgnoreCase);
            if (l.OptionalMap("max_lots") is { } perPair)
                foreach (var (symbol, value) in perPair.Entries())
                {
                    if (!catalog.TryGet(symbol, out var instrument)) { value.ErrorHere($"unknown symbol '{symbol}'"); continue; }
                    bySymbol[instrument.Symbol] = value.AsDecimal(0m, 1e6m);
                }
            var overrides = new Dictionary<Currency, CurrencyLimit>();
            var maxGross = l.OptionalDouble("max_gross_exposure_per_currency", d.MaxGrossExposurePerCurrency, 0, 1000, exclusiveMin: true);
            var maxNet = l.OptionalDouble("max_net_exposure_per_currency", d.MaxNetExposurePerCurrency, 0, 1000, exclusiveMin: true);
            if (l.OptionalMap("currency_overrides") is { } co)
                foreach (var (code, value) in co.Entries())
                {
                    if (!Currency.TryParse(code, out var currency)) { value.ErrorHere($"'{code}' is not a currency code such as USD"); continue; }
                    if (!value.IsMapping) { value.ErrorHere("expected a mapping with max_gross and/or max_net"); continue; }
                    value.AllowOnly("max_gross", "max_net");
                    overrides[currency] = new CurrencyLimit(
                        value.OptionalDouble("max_gross", maxGross, 0, 1000, exclusiveMin: true),
                        value.OptionalDouble("max_net", maxNet, 0, 1000, exclusiveMin: true));
                }
            r = r with
            {
                MaxLotsPerPair = l.OptionalDecimal("max_lots_per_pair", d.MaxLotsPerPair, 0m, 1e6m, exclusiveMin: true),
                MaxLotsBySymbol = bySymbol,
                MaxGrossExposurePerCurrency = maxGross,
                MaxNetExposurePerCurrency = maxNet,
                CurrencyOverrides = overrides,
                MaxOpenPositions = l.OptionalInt("max_open_positions", d.MaxOpenPositions, 1, 1000),
                MaxLeverage = l.OptionalDouble("max_leverage", d.MaxLeverage, 0, 1000, exclusiveMin: true),
                MaxDailyLoss = l.OptionalDouble("max_daily_loss", d.MaxDailyLoss, 0, 1, exclusiveMin: true),
                MaxDrawdown = l.OptionalDouble("max_drawdown", d.MaxDrawdown, 0, 1, exclusiveMin: true),
                MaxCorrelatedExposure = l.OptionalDouble("max_correlated_exposure", d.MaxCorrelatedExposure, 0, 1000, exclusiveMin: true),
            };
        }

        if (root.OptionalMap("sessions") is { } se)
        {
            se.AllowOnly("allowed");
            var allowed = TradingSession.None;
            foreach (var name in se.OptionalStringList("allowed"))
            {
                var flag = name.ToLowerInvariant() switch
                {
                    "sydney" => TradingSession.Sydney,
                    "tokyo" => TradingSession.Tokyo,
                    "london" => TradingSession.London,
                    "new_york" or "newyork" => TradingSession.NewYork,
                    _ => TradingSession.None,
                };
                if (flag == TradingSession.None) se.Error("allowed", $"'{name}' is not a session (allowed: {string.Join(", ", SessionNames)})");
                allowed |= flag;
            }
            r = r with { AllowedSessions = allowed };
        }

        if (root.OptionalMap("news") is { } n)
        {
            n.AllowOnly("calendar", "before", "after", "min_impact");
            var calendar = n.OptionalString("calendar");
            if (calendar is not null && baseDir is not null && !Path.IsPathRooted(calendar)) calendar = Path.Combine(baseDir, calendar);
            if (calendar is not null && !File.Exists(calendar)) n.Error("calendar", $"file not found: {calendar}");
            r = r with
            {
                NewsCalendarPath = calendar,
                NewsBefore = n.OptionalDuration("before", d.NewsBefore, TimeSpan.Zero, TimeSpan.FromDays(1)),
                NewsAfter = n.OptionalDuration("after", d.NewsAfter, TimeSpan.Zero, TimeSpan.FromDays(1)),
                NewsMinImpact = n.OptionalOneOf("min_impact", "high", "low", "medium", "high") switch
                {
                    "low" => NewsImpact.Low,
                    "medium" => NewsImpact.Medium,
                    _ => NewsImpact.High,
                },
            };
        }

        if (root.OptionalMap("halt") is { } h)
        {
            h.AllowOnly("flatten_on_manual_halt", "flatten_on_auto_halt", "daily_loss_resume");
            r = r with
            {
                FlattenOnManualHalt = h.OptionalBool("flatten_on_manual_halt", d.FlattenOnManualHalt),
                FlattenOnAutoHalt = h.OptionalBool("flatten_on_auto_halt", d.FlattenOnAutoHalt),
                DailyLossResume = h.OptionalOneOf("daily_loss_resume", "next_trading_day", "next_trading_day", "manual") == "manual"
                    ? DailyLossResume.Manual : DailyLossResume.NextTradingDay,
            };
        }

        if (root.OptionalMap("portfolio") is { } p)
        {
            p.AllowOnly("var_method", "var_confidence", "var_horizon", "max_var", "return_sample", "return_window",
                "min_observations", "require_history", "position_vol_target");
            var window = p.OptionalInt("return_window", d.ReturnWindow, 10, 100_000);
            r = r with
            {
                VarMethod = p.OptionalOneOf("var_method", "historical", "historical", "parametric", "both") switch
                {
                    "parametric" => VarMethod.Parametric,
                    "both" => VarMethod.Both,
                    _ => VarMethod.Historical,
                },
                VarConfidence = p.OptionalDouble("var_confidence", d.VarConfidence, 0.5, 0.9999, exclusiveMin: true),
                VarHorizon = p.OptionalDuration("var_horizon", d.VarHorizon, TimeSpan.FromMinutes(1), TimeSpan.FromDays(30)),
                MaxVar = p.OptionalDouble("max_var", d.MaxVar, 0, 1, exclusiveMin: true),
                ReturnSample = p.OptionalDuration("return_sample", d.ReturnSample, TimeSpan.FromMinutes(1), TimeSpan.FromDays(7)),
                ReturnWindow = window,
                MinObservations = p.OptionalInt("min_observations", d.MinObservations, 2, 100_000),
                RequireHistory = p.OptionalBool("require_history", d.RequireHistory),
                PositionVolTarget = p.OptionalDouble("position_vol_target", d.PositionVolTarget, 0, 10),
            };
            if (r.MinObservations > window) p.Error("min_observations", $"{r.MinObservations} is larger than return_window {window}");
        }

        root.Errors.ThrowIfAny();
        return r;
    }
}
