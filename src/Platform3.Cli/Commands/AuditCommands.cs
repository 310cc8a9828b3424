using System.CommandLine;
using Platform3.Core.Errors;
using Platform3.Trading.Audit;
using Platform3.Trading.Decisions;

namespace Platform3.Cli.Commands;

/// <summary><c>p3 audit verify</c> and <c>p3 audit explain DECISION_ID</c>.</summary>
internal static class AuditCommands
{
    public static Command Create(Func<ParseResult, CliContext> context)
    {
        var audit = new Command("audit", "Check and read the hash-chained decision audit log.");
        audit.Subcommands.Add(Verify(context));
        audit.Subcommands.Add(Explain(context));
        return audit;
    }

    private static Option<string?> DbOption() => new("--db")
    {
        Description = "Audit database (default: <data-dir>/audit/audit.db; a backtest writes its own, e.g. out/audit.db).",
    };

    private static string DbPath(ParseResult r, Option<string?> db, CliContext ctx) => r.GetValue(db) ?? DecisionPaths.AuditDb(ctx.DataDir);

    private static Command Verify(Func<ParseResult, CliContext> context)
    {
        var db = DbOption();
        var cmd = new Command("verify", "Verify the chain: detects any edited, removed or reordered record and names the first bad one. Exit 2 when broken.");
        cmd.Options.Add(db);
        cmd.SetAction(r =>
        {
            var ctx = context(r);
            var path = DbPath(r, db, ctx);
            ctx.Out.Step($"Verifying {path}");
            var v = AuditVerifier.Verify(path);
            if (v.Ok)
            {
                ctx.Out.Line($"OK: {v.Records} records, chain intact; head {v.HeadHash}");
                return CliApp.Ok;
            }
            ctx.Out.Error($"BROKEN at record {v.FirstBadSeq}: {v.Problem}");
            ctx.Out.Line($"{v.Records} records before it verified.");
            return CliApp.DataError;
        });
        return cmd;
    }

    private static Command Explain(Func<ParseResult, CliContext> context)
    {
        var db = DbOption();
        var id = new Argument<string>("decision-id") { Description = "The decision to explain, e.g. bt-0000042." };
        var cmd = new Command("explain", "Print one decision from its signals through fusion, rules and risk to its orders and fills.");
        cmd.Options.Add(db);
        cmd.Arguments.Add(id);
        cmd.SetAction(r =>
        {
            var ctx = context(r);
            var path = DbPath(r, db, ctx);
            using var reader = new AuditReader(path);
            var records = reader.ByRef(r.GetValue(id)!);
            if (records.Count == 0 || records.All(x => x.Kind != AuditKinds.Decision))
                throw new UsageException($"no decision '{r.GetValue(id)}' in {path}");
            foreach (var line in AuditExplainer.Explain(records)) ctx.Out.Line(line);
            var v = AuditVerifier.Verify(reader.ReadAll(), reader.Head());
            ctx.Out.Line(v.Ok
                ? $"Audit chain: intact ({v.Records} records)."
                : $"WARNING: the audit chain is broken at record {v.FirstBadSeq}: {v.Problem}");
            return v.Ok ? CliApp.Ok : CliApp.DataError;
        });
        return cmd;
    }
}
