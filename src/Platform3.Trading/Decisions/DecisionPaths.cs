namespace Platform3.Trading.Decisions;

/// <summary>Where the decision engine keeps its state under the data directory.</summary>
public static class DecisionPaths
{
    /// <summary>The live/paper audit log: data/audit/audit.db.</summary>
    public static string AuditDb(string dataDir) => Path.Combine(dataDir, "audit", "audit.db");

    /// <summary>The kill switch: data/risk/killswitch.json.</summary>
    public static string KillSwitchFile(string dataDir) => Path.Combine(dataDir, "risk", "killswitch.json");
}
