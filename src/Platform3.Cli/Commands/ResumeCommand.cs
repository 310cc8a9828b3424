using System.CommandLine;
using Platform3.Trading.Audit;
using Platform3.Trading.Decisions;
using Platform3.Trading.Risk;

namespace Platform3.Cli.Commands;

/// <summary><c>p3 resume</c>: lift the kill switch (manual or automatic halt), recorded in the audit log.</summary>
internal static class ResumeCommand
{
    public static Command Create(Func<ParseResult, CliContext> context)
    {
        var reason = new Option<string>("--reason") { Description = "Why trading resumes (recorded in the audit log).", DefaultValueFactory = _ => "manual resume" };
        var by = new Option<string?>("--by") { Description = "Who resumes (default: the user name)." };
        var cmd = new Command("resume", "Resume trading after 'p3 halt' or an automatic daily-loss or drawdown halt.");
        cmd.Options.Add(reason);
        cmd.Options.Add(by);
        cmd.SetAction(r =>
        {
            var ctx = context(r);
            using var audit = new SqliteAuditLog(DecisionPaths.AuditDb(ctx.DataDir));
            var kill = new KillSwitch(new FileKillSwitchStore(DecisionPaths.KillSwitchFile(ctx.DataDir)), audit);
            if (!kill.IsHalted)
            {
                ctx.Out.Line("Not halted: nothing to resume.");
                return CliApp.Ok;
            }
            var was = kill.State;
            kill.Resume(r.GetValue(reason)!, DateTime.UtcNow, r.GetValue(by) ?? Environment.UserName);
            ctx.Out.Line($"RESUMED: the {KillSwitch.Name(was.Source)} halt of {was.ChangedUtc:yyyy-MM-dd HH:mm:ss} UTC ({was.Reason}) is lifted.");
            ctx.Out.Line($"Recorded in {audit.Path} (record {audit.Count}).");
            return CliApp.Ok;
        });
        return cmd;
    }
}
