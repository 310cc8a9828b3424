using Platform3.Core.Calendar;
using Platform3.Core.Domain;
using Platform3.Engines.SignalProcessing;

namespace Platform3.Trading.Decisions.Hosting;

/// <summary>
/// Signals of the TA engine's rule generators (<c>ma-cross(10,50)</c>, <c>rsi-threshold(14,30,70)</c>, ...),
/// one generator per spec and symbol, fed the decision timeframe's closed bars. A fired signal stays in force for
/// its horizon (the generator's), so the fusion sees it on later cycles too until it expires.
/// </summary>
public sealed class TechnicalSignalSource : ISignalSource
{
    private readonly Dictionary<int, (SignalGenerator Generator, SignalInput? Last)[]> _bySymbol = [];

    public string Name { get; }
    public IReadOnlyList<string> Specs { get; }

    public TechnicalSignalSource(IReadOnlyList<string> specs, IEnumerable<Instrument> instruments, Timeframe timeframe, FxCalendar calendar)
    {
        ArgumentNullException.ThrowIfNull(specs);
        ArgumentNullException.ThrowIfNull(instruments);
        Specs = specs;
        foreach (var i in instruments)
            _bySymbol[i.Id] = specs.Select(s => (SignalGenerators.Create(s, i.Symbol, timeframe, calendar), (SignalInput?)null)).ToArray();
        Name = "ta:" + string.Join(";", specs);
    }

    public void OnSlice(ReadOnlySpan<SliceBar> slice, DateTime closeUtc)
    {
        foreach (var (instrument, bar) in slice)
        {
            if (!_bySymbol.TryGetValue(instrument.Id, out var gens)) continue;
            for (var g = 0; g < gens.Length; g++)
                if (gens[g].Generator.Update(bar) is { } s)
                    gens[g].Last = SignalInput.FromSignal(s, SignalKind.Technical);
        }
    }

    public void Collect(Instrument instrument, DateTime nowUtc, List<SignalInput> into)
    {
        ArgumentNullException.ThrowIfNull(instrument);
        ArgumentNullException.ThrowIfNull(into);
        if (!_bySymbol.TryGetValue(instrument.Id, out var gens)) return;
        foreach (var (_, last) in gens)
            if (last is { } s && s.IsActiveAt(nowUtc)) into.Add(s);
    }
}
