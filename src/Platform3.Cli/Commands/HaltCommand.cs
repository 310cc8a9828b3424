using System.CommandLine;
using Platform3.Trading.Audit;
using Platform3.Trading.Decisions;
using Platform3.Trading.Risk;

namespace Platform3.Cli.Commands;

/// <summary><c>p3 halt</c>: trip the kill switch (persisted; a running engine picks it up, cancels working orders and flattens if asked).</summary>
internal static class HaltCommand
{
    public static Command Create(Func<ParseResult, CliContext> context)
    {
        var reason = new Option<string>("--reason") { Description = "Why trading is halted (recorded in the audit log).", DefaultValueFactory = _ => "manual halt" };
        var flatten = new Option<bool>("--flatten") { Description = "Also close every open position at market." };
        var by = new Option<string?>("--by") { Description = "Who halts (default: the user name)." };
        var cmd = new Command("halt", "Halt trading: block new orders, cancel working orders (and optionally flatten) until 'p3 resume'.");
        cmd.Options.Add(reason);
        cmd.Options.Add(flatten);
        cmd.Options.Add(by);
        cmd.SetAction(r =>
        {
            var ctx = context(r);
            var limits = DecisionEngineConfig.Load(ctx.ConfigDir, ctx.Instruments).Limits;
            using var audit = new SqliteAuditLog(DecisionPaths.AuditDb(ctx.DataDir));
            var kill = new KillSwitch(new FileKillSwitchStore(DecisionPaths.KillSwitchFile(ctx.DataDir)), audit);
            if (kill.IsHalted)
            {
                ctx.Out.Line($"Already halted since {kill.State.ChangedUtc:yyyy-MM-dd HH:mm:ss} UTC ({KillSwitch.Name(kill.State.Source)}: {kill.State.Reason}).");
                return CliApp.Ok;
            }
            var doFlatten = r.GetValue(flatten) || limits.FlattenOnManualHalt;
            var s = kill.Halt(HaltSource.Manual, r.GetValue(reason)!, doFlatten, DateTime.UtcNow, r.GetValue(by) ?? Environment.UserName);
            ctx.Out.Line($"HALTED at {s.ChangedUtc:yyyy-MM-dd HH:mm:ss} UTC: {s.Reason}. Working orders will be cancelled{(doFlatten ? " and positions flattened" : "")}; new orders are blocked until 'p3 resume'.");
            ctx.Out.Line($"Recorded in {audit.Path} (record {audit.Count}).");
            return CliApp.Ok;
        });
        return cmd;
    }
}
