using Microsoft.ML;
using Microsoft.ML.Data;

namespace Platform3.AI.Training.Trainers;

/// <summary>
/// A zero-copy ML.NET <see cref="IDataView"/> over a subset of a <see cref="Dataset"/>'s rows: a
/// "Features" vector column (with slot names), a "Label" column typed for the task (Boolean for binary,
/// a key for multiclass, Single for regression) and a "Weight" column.
/// </summary>
internal sealed class MatrixDataView : IDataView
{
    public const string FeaturesColumn = "Features", LabelColumn = "Label", WeightColumn = "Weight";

    private readonly Dataset _data;
    private readonly int[] _rows;

    public DataViewSchema Schema { get; }
    public bool CanShuffle => false;

    public MatrixDataView(Dataset data, int[]? rows = null)
    {
        _data = data;
        _rows = rows ?? Enumerable.Range(0, data.Count).ToArray();
        Schema = BuildSchema(data);
    }

    public static DataViewSchema BuildSchema(Dataset data)
    {
        var names = data.FeatureNames;
        var slotNames = new DataViewSchema.Annotations.Builder();
        slotNames.Add("SlotNames", new VectorDataViewType(TextDataViewType.Instance, data.FeatureCount), (ValueGetter<VBuffer<ReadOnlyMemory<char>>>)((ref VBuffer<ReadOnlyMemory<char>> v) =>
        {
            var e = VBufferEditor.Create(ref v, names.Count);
            for (var i = 0; i < names.Count; i++) e.Values[i] = names[i].AsMemory();
            v = e.Commit();
        }));
        var b = new DataViewSchema.Builder();
        b.AddColumn(FeaturesColumn, new VectorDataViewType(NumberDataViewType.Single, data.FeatureCount), slotNames.ToAnnotations());
        b.AddColumn(LabelColumn, LabelType(data));
        b.AddColumn(WeightColumn, NumberDataViewType.Single);
        return b.ToSchema();
    }

    private static DataViewType LabelType(Dataset data) => data.Task switch
    {
        TaskKind.Binary => BooleanDataViewType.Instance,
        TaskKind.Multiclass => new KeyDataViewType(typeof(uint), data.ClassCount),
        _ => NumberDataViewType.Single,
    };

    public long? GetRowCount() => _rows.Length;

    public DataViewRowCursor GetRowCursor(IEnumerable<DataViewSchema.Column> columnsNeeded, Random? rand = null) => new Cursor(this);

    public DataViewRowCursor[] GetRowCursorSet(IEnumerable<DataViewSchema.Column> columnsNeeded, int n, Random? rand = null) =>
        [new Cursor(this)];

    private sealed class Cursor(MatrixDataView view) : DataViewRowCursor
    {
        private long _position = -1;
        private int Row => view._rows[(int)_position];

        public override DataViewSchema Schema => view.Schema;
        public override long Position => _position;
        public override long Batch => 0;

        public override bool MoveNext()
        {
            if (_position + 1 >= view._rows.Length) { _position = view._rows.Length; return false; }
            _position++;
            return true;
        }

        public override bool IsColumnActive(DataViewSchema.Column column) => true;

        public override ValueGetter<DataViewRowId> GetIdGetter() =>
            (ref DataViewRowId id) => id = new DataViewRowId((ulong)Row, 0);

        public override ValueGetter<TValue> GetGetter<TValue>(DataViewSchema.Column column)
        {
            var d = view._data;
            Delegate getter = column.Index switch
            {
                0 => (ValueGetter<VBuffer<float>>)((ref VBuffer<float> v) =>
                {
                    var e = VBufferEditor.Create(ref v, d.FeatureCount);
                    d.Row(Row).CopyTo(e.Values);
                    v = e.Commit();
                }),
                1 => d.Task switch
                {
                    TaskKind.Binary => (ValueGetter<bool>)((ref bool v) => v = d.Class[Row] == 1),
                    TaskKind.Multiclass => (ValueGetter<uint>)((ref uint v) => v = (uint)d.Class[Row] + 1), // keys are 1-based
                    _ => (ValueGetter<float>)((ref float v) => v = (float)d.Target[Row]),
                },
                2 => (ValueGetter<float>)((ref float v) => v = (float)d.Weight[Row]),
                _ => throw new ArgumentOutOfRangeException(nameof(column)),
            };
            return getter as ValueGetter<TValue>
                   ?? throw new InvalidOperationException($"Column {column.Name} is {column.Type}, not {typeof(TValue).Name}.");
        }
    }
}
