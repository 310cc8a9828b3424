using Platform3.Core.Calendar;
using Platform3.Trading.Audit;
using Platform3.Trading.Risk;

namespace Platform3.Trading.Tests.Risk;

public sealed class KillSwitchTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("p3-kill-").FullName;
    private static readonly DateTime T = new(2017, 3, 8, 14, 0, 0, DateTimeKind.Utc);

    public void Dispose() => Directory.Delete(_dir, true);

    [Fact]
    public void Halt_and_resume_are_persisted_and_audited()
    {
        var path = Path.Combine(_dir, "risk", "killswitch.json");
        var audit = new InMemoryAuditLog();
        var k = new KillSwitch(new FileKillSwitchStore(path), audit);
        Assert.False(k.IsHalted);
        k.Halt(HaltSource.Manual, "desk closed", flatten: true, T, "alice");
        var reloaded = new FileKillSwitchStore(path).Load();
        Assert.True(reloaded.Halted);
        Assert.Equal("desk closed", reloaded.Reason);
        Assert.True(reloaded.Flatten);
        Assert.Equal(T, reloaded.ChangedUtc);
        k.Resume("reopened", T.AddHours(1), "bob");
        Assert.False(new FileKillSwitchStore(path).Load().Halted);
        Assert.Equal([AuditKinds.Halt, AuditKinds.Resume], audit.Records.Select(r => r.Kind));
        Assert.Contains("\"reason\":\"desk closed\"", audit.Records[0].Payload);
        Assert.True(AuditVerifier.Verify(audit.Records).Ok);
        Assert.False(File.Exists(path + ".tmp"));
    }

    [Fact]
    public void A_halt_written_by_another_process_is_picked_up_by_refresh()
    {
        var path = Path.Combine(_dir, "killswitch.json");
        var engine = new KillSwitch(new FileKillSwitchStore(path), null);
        KillSwitchState? seen = null;
        engine.Changed += s => seen = s;
        Assert.False(engine.Refresh());
        new KillSwitch(new FileKillSwitchStore(path), null).Halt(HaltSource.Manual, "from the CLI", false, T, "cli");
        Assert.True(engine.Refresh());
        Assert.True(engine.IsHalted);
        Assert.Equal("from the CLI", seen?.Reason);
    }

    [Fact]
    public void An_unreadable_switch_file_counts_as_halted()
    {
        var path = Path.Combine(_dir, "killswitch.json");
        File.WriteAllText(path, "{ not json");
        var state = new FileKillSwitchStore(path).Load();
        Assert.True(state.Halted);
        Assert.Contains("unreadable", state.Reason);
    }

    [Fact]
    public void Equity_tracker_rolls_the_day_at_17_New_York_and_keeps_the_peak()
    {
        var t = new EquityTracker(FxCalendar.Default);
        // 8 March 2017 is before US DST: 17:00 New York = 22:00 UTC.
        t.Mark(new DateTime(2017, 3, 8, 12, 0, 0, DateTimeKind.Utc).Ticks, 100_000);
        t.Mark(new DateTime(2017, 3, 8, 21, 59, 0, DateTimeKind.Utc).Ticks, 101_000);
        Assert.Equal(100_000, t.DayStartEquity);
        Assert.True(t.Mark(new DateTime(2017, 3, 8, 22, 1, 0, DateTimeKind.Utc).Ticks, 99_500));
        Assert.Equal(101_000, t.DayStartEquity); // the equity carried over the roll
        Assert.Equal(101_000, t.PeakEquity);
        Assert.Equal(new DateOnly(2017, 3, 9), t.TradingDay);
    }
}
