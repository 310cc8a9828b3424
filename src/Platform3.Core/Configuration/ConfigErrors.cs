using Platform3.Core.Errors;

namespace Platform3.Core.Configuration;

/// <summary>A bad configuration file. Lists every problem found, each with its line, not just the first.</summary>
public sealed class ConfigException(string file, IReadOnlyList<string> problems)
    : UsageException($"{file}: {problems.Count} configuration error(s):{Environment.NewLine}  " + string.Join(Environment.NewLine + "  ", problems))
{
    public string File { get; } = file;
    public IReadOnlyList<string> Problems { get; } = problems;
}

/// <summary>Collects problems while a config is read, so one run reports them all.</summary>
public sealed class ConfigErrors(string file)
{
    private readonly List<string> _problems = [];

    public string File { get; } = file;
    public IReadOnlyList<string> Problems => _problems;
    public bool Any => _problems.Count > 0;

    public void Add(int line, string keyPath, string message) =>
        _problems.Add($"line {line}: {keyPath}: {message}");

    public void ThrowIfAny()
    {
        if (_problems.Count > 0) throw new ConfigException(File, _problems.ToArray());
    }
}
