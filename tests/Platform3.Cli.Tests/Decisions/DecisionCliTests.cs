using Microsoft.Data.Sqlite;
using Platform3.Cli;
using Platform3.Core.Calendar;
using Platform3.Core.Domain;
using Platform3.Core.Signals;
using Platform3.Trading.Audit;
using Platform3.Trading.Decisions;
using Platform3.Trading.Risk;

namespace Platform3.Cli.Tests.Decisions;

public sealed class DecisionCliTests : IDisposable
{
    private readonly string _data = Directory.CreateTempSubdirectory("p3-cli-dec-").FullName;

    public void Dispose() => Directory.Delete(_data, true);

    private (int Code, string Out, string Err) Run(params string[] args)
    {
        var o = new StringWriter();
        var e = new StringWriter();
        var code = CliApp.Run([.. args, "--data-dir", _data], o, e);
        return (code, o.ToString(), e.ToString());
    }

    private sealed class NullGateway : IExecutionGateway
    {
        public void Submit(ExecutionPlan plan) { }
        public void CancelAllWorking(string reason) { }
        public void FlattenAll(string reason) { }
    }

    /// <summary>Writes a decision with an order and a fill into an audit database the way an engine does.</summary>
    private static string WriteDecision(string path)
    {
        var t = new DateTime(2017, 3, 8, 14, 0, 0, DateTimeKind.Utc);
        var catalog = InstrumentCatalog.Builtin;
        using var audit = new SqliteAuditLog(path);
        var m = new DecisionMaster(DecisionEngineConfig.Default, catalog, FxCalendar.Default, Currency.USD, audit,
            new KillSwitch(new InMemoryKillSwitchStore(), audit), new NullGateway(), "bt");
        foreach (var i in catalog.All) m.OnQuote(i, t, 1.0999, 1.1001);
        m.MarkEquity(t, 100_000);
        var eurusd = catalog.Get("EURUSD");
        var e = m.Decide(eurusd, t,
        [
            SignalInput.FromProbabilities("model:day", "EURUSD", t, TimeSpan.FromHours(1), 0.72, 0.28, "day-eurusd@3"),
            new SignalInput("ma-cross(10,50)", SignalKind.Technical, "EURUSD", SignalDirection.Long, 0.6, TimeSpan.FromHours(4), t),
        ], new MarketContext(0.0012, FeatureVectorHash: FeatureHash.Of([0.1, 0.2])));
        m.Logger.LogOrder(e.DecisionId, t.AddMilliseconds(5), "O-1", "accepted", "EURUSD", "buy", e.ExecutionPlans[0].Units, "market", null, null);
        m.Logger.LogFill(e.DecisionId, t.AddMilliseconds(105), "O-1", "EURUSD", "buy", e.ExecutionPlans[0].Units, 1.10013m, 1.1001, 0.3, 2.5m);
        return e.DecisionId;
    }

    [Fact]
    public void Explain_walks_from_signals_through_risk_to_orders_and_fills()
    {
        var db = DecisionPaths.AuditDb(_data);
        var id = WriteDecision(db);
        var (code, output, err) = Run("audit", "explain", id);
        Assert.True(code == 0, err);
        Assert.Contains($"Decision {id}  EURUSD", output);
        Assert.Contains("model:day [model] long strength 0.44", output);
        Assert.Contains("model day-eurusd@3", output);
        Assert.Contains("2. Fusion (weighted_average): long", output);
        Assert.Contains("3. Decision: BUY", output);
        Assert.Contains("4. Risk: APPROVED", output);
        Assert.Contains("5. Execution plan:", output);
        Assert.Contains("open: buy", output);
        Assert.Contains("order  2017-03-08 14:00:00  O-1 accepted", output);
        Assert.Contains("fill   2017-03-08 14:00:00  O-1: buy", output);
        Assert.Contains("slippage 0.3 pips", output);
        Assert.Contains("Audit chain: intact (3 records)", output);
    }

    [Fact]
    public void Verify_is_ok_on_an_intact_log_and_names_the_first_bad_record_otherwise()
    {
        var db = DecisionPaths.AuditDb(_data);
        WriteDecision(db);
        var ok = Run("audit", "verify");
        Assert.Equal(0, ok.Code);
        Assert.Contains("OK: 3 records", ok.Out);
        using (var c = new SqliteConnection($"Data Source={db};Pooling=False"))
        {
            c.Open();
            using var cmd = c.CreateCommand();
            cmd.CommandText = "DROP TRIGGER audit_log_append_only_update; UPDATE audit_log SET payload = replace(payload, '\"quantity\"', '\"qty\"') WHERE seq = 2;";
            cmd.ExecuteNonQuery();
        }
        var bad = Run("audit", "verify", "--db", db);
        Assert.Equal(2, bad.Code);
        Assert.Contains("BROKEN at record 2", bad.Err);
        Assert.Contains("edited", bad.Err);
    }

    [Fact]
    public void Halt_and_resume_persist_the_switch_and_write_the_audit_log()
    {
        var halt = Run("halt", "--reason", "end of test", "--flatten", "--by", "tester");
        Assert.Equal(0, halt.Code);
        Assert.Contains("HALTED", halt.Out);
        Assert.Contains("positions flattened", halt.Out);
        Assert.True(new FileKillSwitchStore(DecisionPaths.KillSwitchFile(_data)).Load().Halted);
        Assert.Contains("HALTED since", Run("decide", "status").Out);
        Assert.Contains("Already halted", Run("halt").Out);
        var resume = Run("resume", "--by", "tester");
        Assert.Equal(0, resume.Code);
        Assert.Contains("RESUMED", resume.Out);
        Assert.False(new FileKillSwitchStore(DecisionPaths.KillSwitchFile(_data)).Load().Halted);
        Assert.Contains("Not halted", Run("resume").Out);
        var v = AuditVerifier.Verify(DecisionPaths.AuditDb(_data));
        Assert.True(v.Ok);
        Assert.Equal(2, v.Records);
        using var reader = new AuditReader(DecisionPaths.AuditDb(_data));
        Assert.Equal([AuditKinds.Halt, AuditKinds.Resume], reader.ReadAll().Select(r => r.Kind));
    }

    [Fact]
    public void Decide_check_prints_the_effective_rules()
    {
        var (code, output, _) = Run("decide", "check");
        Assert.Equal(0, code);
        Assert.Contains("decision-rules.yaml: OK", output);
        Assert.Contains("confidence >= 0.1, agreement >= 0.6", output);
    }

    [Fact]
    public void Unknown_decisions_and_missing_logs_are_usage_errors()
    {
        Assert.Equal(1, Run("audit", "verify").Code); // no log yet
        WriteDecision(DecisionPaths.AuditDb(_data));
        var r = Run("audit", "explain", "bt-9999999");
        Assert.Equal(1, r.Code);
        Assert.Contains("no decision 'bt-9999999'", r.Err);
    }
}
