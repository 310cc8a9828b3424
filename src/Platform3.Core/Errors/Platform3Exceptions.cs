namespace Platform3.Core.Errors;

/// <summary>The user asked for something invalid (unknown symbol, bad option). The CLI exits with code 1.</summary>
public class UsageException(string message) : Exception(message);

/// <summary>Input data is wrong or unreadable. The CLI exits with code 2.</summary>
public class DataException : Exception
{
    public DataException(string message) : base(message) { }
    public DataException(string message, Exception inner) : base(message, inner) { }
}

/// <summary>
/// One bad place in an input file: the file, the 1-based line, the field and what was expected.
/// The message reads like a compiler error so editors can jump to it.
/// </summary>
public sealed class DataFormatException : DataException
{
    public string File { get; }
    public long Line { get; }
    public string Field { get; }
    public string Expected { get; }
    public string? Actual { get; }

    public DataFormatException(string file, long line, string field, string expected, string? actual = null, Exception? inner = null)
        : base(Format(file, line, field, expected, actual), inner ?? new InvalidOperationException(expected))
    {
        File = file; Line = line; Field = field; Expected = expected; Actual = actual;
    }

    private static string Format(string file, long line, string field, string expected, string? actual) =>
        $"{file}:{(line > 0 ? line.ToString(System.Globalization.CultureInfo.InvariantCulture) : "-")}: {field}: expected {expected}" +
        (actual is null ? "" : $", got '{Truncate(actual)}'");

    private static string Truncate(string s) => s.Length <= 80 ? s : s[..77] + "...";
}
