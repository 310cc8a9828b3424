using Spectre.Console;

namespace Platform3.Cli;

/// <summary>
/// Console output that degrades to plain lines when redirected (Spectre's live widgets draw nothing then),
/// so logs and CI see every step.
/// </summary>
internal sealed class CliOutput
{
    public TextWriter Stdout { get; }
    public TextWriter Stderr { get; }
    public IAnsiConsole Console { get; }
    public bool Interactive { get; }

    public CliOutput(TextWriter stdout, TextWriter stderr)
    {
        Stdout = stdout;
        Stderr = stderr;
        Interactive = ReferenceEquals(stdout, System.Console.Out) && !System.Console.IsOutputRedirected;
        Console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(stdout),
            Ansi = Interactive ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = Interactive ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = Interactive ? InteractionSupport.Yes : InteractionSupport.No,
        });
        // Redirected output has no terminal width; Spectre would assume 80 columns and wrap wide tables.
        if (!Interactive) Console.Profile.Width = 200;
    }

    public void Line(string text) => Stdout.WriteLine(text);

    public void Step(string text)
    {
        if (Interactive) Console.MarkupLine($"[bold blue]>>[/] {Markup.Escape(text)}");
        else Stdout.WriteLine($">> {text}");
    }

    public void Error(string text) => Stderr.WriteLine($"error: {text}");

    /// <summary>Renders a table; column headers first, then rows of already formatted cells.</summary>
    public void Table(IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<string>> rows, string? title = null)
    {
        var table = new Table();
        if (title is not null) table.Title(Markup.Escape(title));
        foreach (var h in headers) table.AddColumn(new TableColumn(Markup.Escape(h)));
        foreach (var r in rows) table.AddRow(r.Select(c => new Text(c)).ToArray());
        if (!Interactive) table.Border(TableBorder.Ascii);
        Console.Write(table);
    }
}
