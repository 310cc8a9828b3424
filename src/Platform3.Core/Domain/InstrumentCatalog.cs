using Platform3.Core.Configuration;
using Platform3.Core.Errors;

namespace Platform3.Core.Domain;

/// <summary>
/// The set of tradable instruments. The built-in catalog holds the 28 pairs of the eight majors;
/// more can be added from a YAML file (see config/instruments.yaml).
/// </summary>
public sealed class InstrumentCatalog
{
    private readonly List<Instrument> _byId = [];
    private readonly Dictionary<string, Instrument> _bySymbol = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The 28 major pairs with broker-standard conventions.</summary>
    public static InstrumentCatalog Builtin { get; } = CreateBuiltin();

    public IReadOnlyList<Instrument> All => _byId;

    public int Count => _byId.Count;

    public static InstrumentCatalog CreateBuiltin()
    {
        var catalog = new InstrumentCatalog();
        var majors = Currency.Majors;
        for (var i = 0; i < majors.Count; i++)
            for (var j = i + 1; j < majors.Count; j++)
                catalog.AddStandardPair(majors[i], majors[j]);
        return catalog;
    }

    /// <summary>Adds a pair with the usual conventions: 5 decimals and 0.0001 pips, or 3 and 0.01 when JPY is the quote.</summary>
    public Instrument AddStandardPair(Currency @base, Currency quote)
    {
        var jpy = quote == Currency.JPY;
        return Add(@base.Code + quote.Code, @base, quote, jpy ? 0.01m : 0.0001m, jpy ? 3 : 5, 100_000m, 0.01m, 0.01m, 100m);
    }

    public Instrument Add(string symbol, Currency @base, Currency quote, decimal pipSize, int pricePrecision,
        decimal contractSize, decimal lotStep, decimal minLot, decimal maxLot)
    {
        if (_bySymbol.ContainsKey(symbol)) throw new ArgumentException($"Instrument {symbol} is already in the catalog.");
        var instrument = new Instrument(_byId.Count, symbol.ToUpperInvariant(), @base, quote, pipSize, pricePrecision,
            contractSize, lotStep, minLot, maxLot);
        _byId.Add(instrument);
        _bySymbol[instrument.Symbol] = instrument;
        return instrument;
    }

    public Instrument this[int id] => _byId[id];

    /// <summary>Finds a symbol; an unknown one is a usage error that lists the valid symbols.</summary>
    public Instrument Get(string symbol)
    {
        if (_bySymbol.TryGetValue(symbol.Trim(), out var instrument)) return instrument;
        throw new UsageException($"Unknown symbol '{symbol}'. Known symbols: {string.Join(", ", _byId.Select(i => i.Symbol))}.");
    }

    public bool TryGet(string symbol, out Instrument instrument) => _bySymbol.TryGetValue(symbol.Trim(), out instrument!);

    /// <summary>The instrument quoting the two currencies in either order, if one exists.</summary>
    public Instrument? FindPair(Currency a, Currency b)
    {
        if (_bySymbol.TryGetValue(a.Code + b.Code, out var direct) && direct.Base == a && direct.Quote == b) return direct;
        if (_bySymbol.TryGetValue(b.Code + a.Code, out var inverse) && inverse.Base == b && inverse.Quote == a) return inverse;
        return null;
    }

    /// <summary>
    /// Loads extra instruments from YAML: a top-level <c>instruments</c> list whose items have
    /// symbol, base, quote and optionally pip_size, precision, contract_size, lot_step, min_lot, max_lot.
    /// Every bad key is reported with its line before anything is added.
    /// </summary>
    public void LoadFile(string path)
    {
        var root = YamlConfig.Load(path);
        var errors = root.Errors;
        var pending = new List<Action>();
        foreach (var item in root.RequireList("instruments"))
        {
            item.AllowOnly("symbol", "base", "quote", "pip_size", "precision", "contract_size", "lot_step", "min_lot", "max_lot");
            var symbol = item.RequireString("symbol");
            var b = item.RequireCurrency("base");
            var q = item.RequireCurrency("quote");
            var jpy = q?.Code == "JPY";
            var pip = item.OptionalDecimal("pip_size", jpy ? 0.01m : 0.0001m, 0m, 1000m, exclusiveMin: true);
            var precision = item.OptionalInt("precision", jpy ? 3 : 5, 0, 10);
            var contract = item.OptionalDecimal("contract_size", 100_000m, 0m, 1e12m, exclusiveMin: true);
            var step = item.OptionalDecimal("lot_step", 0.01m, 0m, 1000m, exclusiveMin: true);
            var min = item.OptionalDecimal("min_lot", step, 0m, 1e6m, exclusiveMin: true);
            var max = item.OptionalDecimal("max_lot", 100m, 0m, 1e9m, exclusiveMin: true);
            if (symbol is not null && _bySymbol.ContainsKey(symbol))
                item.Error("symbol", $"'{symbol}' is already in the catalog");
            if (symbol is not null && b.HasValue && q.HasValue)
                pending.Add(() => Add(symbol, b.Value, q.Value, pip, precision, contract, step, min, max));
        }
        errors.ThrowIfAny();
        foreach (var add in pending) add();
    }
}
