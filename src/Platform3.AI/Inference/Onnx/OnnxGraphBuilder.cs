namespace Platform3.AI.Inference.Onnx;

/// <summary>
/// Builds an ONNX model (ModelProto) from nodes, constant initialisers and typed inputs/outputs, and
/// serialises it with <see cref="ProtoWriter"/>. Field numbers follow onnx.proto (IR version 8).
/// Used to export our own models and, in tests, to build small models programmatically.
/// </summary>
public sealed class OnnxGraphBuilder
{
    public const string MlDomain = "ai.onnx.ml";
    private const int FloatType = 1, Int64Type = 7;
    private const int AttrFloat = 1, AttrInt = 2, AttrString = 3, AttrFloats = 6, AttrInts = 7, AttrStrings = 8;

    private readonly List<ProtoWriter> _nodes = [];
    private readonly List<ProtoWriter> _initialisers = [];
    private readonly List<ProtoWriter> _inputs = [];
    private readonly List<ProtoWriter> _outputs = [];
    private bool _usesMl;
    private int _counter;

    public string GraphName { get; init; } = "platform3";
    public string Producer { get; init; } = "platform3";
    public int Opset { get; init; } = 17;
    public int MlOpset { get; init; } = 3;

    /// <summary>Declares a float tensor input with shape [batch, width] (batch symbolic "N").</summary>
    public OnnxGraphBuilder Input(string name, int width) { _inputs.Add(ValueInfo(name, width)); return this; }

    public OnnxGraphBuilder Output(string name, int width) { _outputs.Add(ValueInfo(name, width)); return this; }

    /// <summary>A constant float tensor with the given dims; returns its name.</summary>
    public string Constant(float[] values, params long[] dims)
    {
        var name = $"const_{_counter++}";
        var t = new ProtoWriter();
        foreach (var d in dims) t.Int64(1, d);
        t.Int64(2, FloatType).PackedFloats(4, values).String(8, name);
        _initialisers.Add(t);
        return name;
    }

    /// <summary>A constant int64 tensor (e.g. a shape); returns its name.</summary>
    public string ConstantInt64(long[] values, params long[] dims)
    {
        var name = $"const_{_counter++}";
        var t = new ProtoWriter();
        foreach (var d in dims) t.Int64(1, d);
        t.Int64(2, Int64Type).PackedInt64s(7, values).String(8, name);
        _initialisers.Add(t);
        return name;
    }

    /// <summary>Adds a node; returns the name of its (single) output unless one is given.</summary>
    public string Node(string opType, string[] inputs, string? output = null, string domain = "", params Attr[] attributes)
    {
        output ??= $"{opType.ToLowerInvariant()}_{_counter++}";
        var n = new ProtoWriter();
        foreach (var i in inputs) n.String(1, i);
        n.String(2, output).String(3, $"{opType}_{_counter++}").String(4, opType);
        foreach (var a in attributes) n.Message(5, a.Encode());
        if (domain.Length > 0) { n.String(7, domain); _usesMl |= domain == MlDomain; }
        _nodes.Add(n);
        return output;
    }

    public byte[] Build()
    {
        var graph = new ProtoWriter();
        foreach (var n in _nodes) graph.Message(1, n);
        graph.String(2, GraphName);
        foreach (var t in _initialisers) graph.Message(5, t);
        foreach (var i in _inputs) graph.Message(11, i);
        foreach (var o in _outputs) graph.Message(12, o);
        var model = new ProtoWriter().Int64(1, 8).String(2, Producer);
        model.Message(7, graph);
        model.Message(8, new ProtoWriter().String(1, "").Int64(2, Opset));
        if (_usesMl) model.Message(8, new ProtoWriter().String(1, MlDomain).Int64(2, MlOpset));
        return model.ToArray();
    }

    private static ProtoWriter ValueInfo(string name, int width)
    {
        var shape = new ProtoWriter()
            .Message(1, new ProtoWriter().String(2, "N"))
            .Message(1, new ProtoWriter().Int64(1, width));
        var tensor = new ProtoWriter().Int64(1, FloatType).Message(2, shape);
        return new ProtoWriter().String(1, name).Message(2, new ProtoWriter().Message(1, tensor));
    }

    /// <summary>A node attribute (AttributeProto).</summary>
    public sealed class Attr
    {
        private readonly Action<ProtoWriter> _write;
        private Attr(Action<ProtoWriter> write) => _write = write;

        internal ProtoWriter Encode() { var w = new ProtoWriter(); _write(w); return w; }

        public static Attr Int(string name, long v) => new(w => w.String(1, name).Int64(3, v).Int64(20, AttrInt));
        public static Attr Float(string name, float v) => new(w => w.String(1, name).Float(2, v).Int64(20, AttrFloat));
        public static Attr String(string name, string v) => new(w => w.String(1, name).String(4, v).Int64(20, AttrString));
        public static Attr Floats(string name, IReadOnlyList<float> v) => new(w => w.String(1, name).PackedFloats(7, v).Int64(20, AttrFloats));
        public static Attr Ints(string name, IReadOnlyList<long> v) => new(w => w.String(1, name).PackedInt64s(8, v).Int64(20, AttrInts));
        public static Attr Strings(string name, IReadOnlyList<string> v) => new(w =>
        {
            w.String(1, name);
            foreach (var s in v) w.String(9, s);
            w.Int64(20, AttrStrings);
        });
    }
}
