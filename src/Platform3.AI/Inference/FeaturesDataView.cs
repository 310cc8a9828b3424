using Microsoft.ML;
using Microsoft.ML.Data;

namespace Platform3.AI.Inference;

/// <summary>A features-only ML.NET view over row-major floats, for batch scoring without copying rows into objects.</summary>
internal sealed class FeaturesDataView : IDataView
{
    private readonly ReadOnlyMemory<float> _x;
    private readonly int _rows, _width;

    public DataViewSchema Schema { get; }
    public bool CanShuffle => false;

    public FeaturesDataView(ReadOnlyMemory<float> x, int rows, int width)
    {
        _x = x; _rows = rows; _width = width;
        var b = new DataViewSchema.Builder();
        b.AddColumn("Features", new VectorDataViewType(NumberDataViewType.Single, width));
        Schema = b.ToSchema();
    }

    public long? GetRowCount() => _rows;

    public DataViewRowCursor GetRowCursor(IEnumerable<DataViewSchema.Column> columnsNeeded, Random? rand = null) => new Cursor(this);

    public DataViewRowCursor[] GetRowCursorSet(IEnumerable<DataViewSchema.Column> columnsNeeded, int n, Random? rand = null) => [new Cursor(this)];

    private sealed class Cursor(FeaturesDataView view) : DataViewRowCursor
    {
        private long _position = -1;
        public override DataViewSchema Schema => view.Schema;
        public override long Position => _position;
        public override long Batch => 0;

        public override bool MoveNext()
        {
            if (_position + 1 >= view._rows) { _position = view._rows; return false; }
            _position++;
            return true;
        }

        public override bool IsColumnActive(DataViewSchema.Column column) => true;

        public override ValueGetter<DataViewRowId> GetIdGetter() => (ref DataViewRowId id) => id = new DataViewRowId((ulong)_position, 0);

        public override ValueGetter<TValue> GetGetter<TValue>(DataViewSchema.Column column)
        {
            ValueGetter<VBuffer<float>> g = (ref VBuffer<float> v) =>
            {
                var e = VBufferEditor.Create(ref v, view._width);
                view._x.Span.Slice((int)_position * view._width, view._width).CopyTo(e.Values);
                v = e.Commit();
            };
            return g as ValueGetter<TValue> ?? throw new InvalidOperationException("Features is a float vector.");
        }
    }
}
