using System.CommandLine;
using System.Globalization;
using Platform3.Trading.Audit;
using Platform3.Trading.Decisions;
using Platform3.Trading.Risk;

namespace Platform3.Cli.Commands;

/// <summary><c>p3 decide check</c> (validate the decision and risk config) and <c>p3 decide status</c> (kill switch and audit log).</summary>
internal static class DecideCommands
{
    public static Command Create(Func<ParseResult, CliContext> context)
    {
        var decide = new Command("decide", "Decision engine: check its configuration, show its state.");
        decide.Subcommands.Add(Check(context));
        decide.Subcommands.Add(Status(context));
        return decide;
    }

    private static Command Check(Func<ParseResult, CliContext> context)
    {
        var cmd = new Command("check", "Validate config/decision-rules.yaml and config/risk-limits.yaml (every bad key with its line) and print the effective rules.");
        cmd.SetAction(r =>
        {
            var ctx = context(r);
            var c = DecisionEngineConfig.Load(ctx.ConfigDir, ctx.Instruments);
            var rules = c.Rules;
            var l = c.Limits;
            string P(double v) => (v * 100).ToString("0.##", CultureInfo.InvariantCulture) + "%";
            string D(double v) => v.ToString("0.###", CultureInfo.InvariantCulture);
            ctx.Out.Line($"{Path.Combine(ctx.ConfigDir, DecisionEngineConfig.RulesFile)}: OK");
            ctx.Out.Line($"{Path.Combine(ctx.ConfigDir, DecisionEngineConfig.LimitsFile)}: OK");
            ctx.Out.Table(["setting", "value"],
            [
                ["fusion", $"{rules.Method} weighted by {rules.Weighting}; conflicts: {rules.Conflict}"],
                ["entry thresholds", $"confidence >= {D(rules.MinConfidence)}, agreement >= {D(rules.MinAgreement)}"],
                ["pacing", $"cool-down {ConfigDurations.Format(rules.Cooldown)}, at most {rules.MaxTradesPerDay} entries a day; opposite signal: {rules.OnOpposite}"],
                ["execution", $"{rules.OrderType}, stops {rules.Stops} ({D(rules.StopAtr)} / {D(rules.TargetAtr)} ATR), {rules.TimeInForce}, slice above {rules.SliceAboveLots} lots"],
                ["sizing", $"{l.Sizing}: risk {P(l.RiskPerTrade)} per trade; on breach {l.OnSizeBreach}"],
                ["per currency", $"gross <= {D(l.MaxGrossExposurePerCurrency)}x, net <= {D(l.MaxNetExposurePerCurrency)}x equity ({l.CurrencyOverrides.Count} overrides)"],
                ["account", $"leverage <= {D(l.MaxLeverage)}x, <= {l.MaxOpenPositions} positions, daily loss {P(l.MaxDailyLoss)}, drawdown {P(l.MaxDrawdown)}"],
                ["portfolio", $"{l.VarMethod} VaR({P(l.VarConfidence)}, {ConfigDurations.Format(l.VarHorizon)}) <= {P(l.MaxVar)}, correlated exposure <= {D(l.MaxCorrelatedExposure)}x"],
                ["sessions", l.AllowedSessions == Core.Calendar.TradingSession.None ? "any (market open)" : l.AllowedSessions.ToString()],
                ["news", c.News.Events.Count == 0 ? "no calendar" : $"{c.News.Events.Count} events, blackout {ConfigDurations.Format(l.NewsBefore)} before / {ConfigDurations.Format(l.NewsAfter)} after, impact >= {l.NewsMinImpact}"],
            ]);
            return CliApp.Ok;
        });
        return cmd;
    }

    private static Command Status(Func<ParseResult, CliContext> context)
    {
        var cmd = new Command("status", "Show the kill switch and the audit log head.");
        cmd.SetAction(r =>
        {
            var ctx = context(r);
            var kill = new FileKillSwitchStore(DecisionPaths.KillSwitchFile(ctx.DataDir)).Load();
            ctx.Out.Line(kill.Halted
                ? $"HALTED since {kill.ChangedUtc:yyyy-MM-dd HH:mm:ss} UTC ({KillSwitch.Name(kill.Source)}, by {kill.By}): {kill.Reason}"
                : "Trading: allowed (kill switch off).");
            var db = DecisionPaths.AuditDb(ctx.DataDir);
            if (!File.Exists(db)) ctx.Out.Line($"Audit log: none yet ({db}).");
            else
            {
                using var reader = new AuditReader(db);
                var head = reader.Head();
                ctx.Out.Line($"Audit log: {db}, {head?.Seq ?? 0} records, head {head?.Hash}");
            }
            return CliApp.Ok;
        });
        return cmd;
    }
}
