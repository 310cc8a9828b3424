using Platform3.Core.Configuration;
using Platform3.Core.Domain;
using Platform3.Core.Errors;
using Platform3.Trading.Risk;

namespace Platform3.Trading.Decisions;

/// <summary>
/// Everything the decision engine reads from the config folder: decision-rules.yaml, risk-limits.yaml and the
/// news calendar it names. Loading checks both files and reports all their problems together: the engine
/// refuses to start on any invalid file.
/// </summary>
public sealed record DecisionEngineConfig(DecisionRules Rules, RiskLimits Limits, NewsCalendar News)
{
    public const string RulesFile = "decision-rules.yaml";
    public const string LimitsFile = "risk-limits.yaml";

    public static DecisionEngineConfig Default { get; } = new(DecisionRules.Default, RiskLimits.Default, NewsCalendar.Empty);

    /// <summary>Loads both files from <paramref name="configDir"/>; a missing file means its documented defaults.</summary>
    public static DecisionEngineConfig Load(string configDir, InstrumentCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(configDir);
        var problems = new List<string>();
        var rules = DecisionRules.Default;
        var limits = RiskLimits.Default;
        var rulesPath = Path.Combine(configDir, RulesFile);
        var limitsPath = Path.Combine(configDir, LimitsFile);
        try { if (File.Exists(rulesPath)) rules = DecisionRules.Load(rulesPath); }
        catch (ConfigException ex) { problems.Add(ex.Message); }
        try { if (File.Exists(limitsPath)) limits = RiskLimits.Load(limitsPath, catalog); }
        catch (ConfigException ex) { problems.Add(ex.Message); }
        if (problems.Count > 0)
            throw new UsageException("the decision engine will not start with invalid configuration:" + Environment.NewLine + string.Join(Environment.NewLine, problems));
        var news = limits.NewsCalendarPath is { } p ? NewsCalendar.Load(p) : NewsCalendar.Empty;
        return new DecisionEngineConfig(rules, limits, news);
    }
}
