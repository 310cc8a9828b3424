using System.Globalization;
using System.Net;
using System.Text;

namespace Platform3.Trading.Reports;

/// <summary>Small inline-SVG chart builders for the offline report (no scripts, no external resources).</summary>
internal static class Svg
{
    public const int Width = 960;
    private const int Left = 70, Right = 20, Top = 14, Bottom = 28;

    private static string F(double v) => v.ToString("0.##", CultureInfo.InvariantCulture);
    public static string Esc(string s) => WebUtility.HtmlEncode(s);

    /// <summary>Keeps at most about <paramref name="max"/> points, each bucket's first, lowest and highest, so spikes survive.</summary>
    public static (long[] X, double[] Y) Decimate(ReadOnlySpan<long> x, ReadOnlySpan<double> y, int max)
    {
        var n = x.Length;
        if (n <= max) return (x.ToArray(), y.ToArray());
        var bucket = (int)Math.Ceiling(n / (max / 3.0));
        var xs = new List<long>();
        var ys = new List<double>();
        for (var start = 0; start < n; start += bucket)
        {
            var end = Math.Min(n, start + bucket);
            int lo = start, hi = start;
            for (var i = start; i < end; i++)
            {
                if (y[i] < y[lo]) lo = i;
                if (y[i] > y[hi]) hi = i;
            }
            foreach (var i in new SortedSet<int> { start, lo, hi, end - 1 })
            {
                xs.Add(x[i]);
                ys.Add(y[i]);
            }
        }
        return (xs.ToArray(), ys.ToArray());
    }

    public sealed class Frame(long x0, long x1, double y0, double y1, int height)
    {
        public readonly long X0 = x0, X1 = Math.Max(x1, x0 + 1);
        public readonly double Y0 = y0, Y1 = y1 > y0 ? y1 : y0 + 1;
        public readonly int Height = height;
        public double Px(long x) => Left + (double)(x - X0) / (X1 - X0) * (Width - Left - Right);
        public double Py(double y) => Top + (1 - (y - Y0) / (Y1 - Y0)) * (Height - Top - Bottom);
    }

    public static Frame FrameFor(ReadOnlySpan<long> x, ReadOnlySpan<double> y, int height, bool includeZero = false)
    {
        double lo = double.MaxValue, hi = double.MinValue;
        foreach (var v in y)
        {
            if (!double.IsFinite(v)) continue;
            lo = Math.Min(lo, v);
            hi = Math.Max(hi, v);
        }
        if (lo > hi) { lo = 0; hi = 1; }
        if (includeZero) { lo = Math.Min(lo, 0); hi = Math.Max(hi, 0); }
        var pad = (hi - lo) * 0.05;
        if (pad == 0) pad = Math.Abs(hi) * 0.01 + 1e-9;
        return new Frame(x.Length > 0 ? x[0] : 0, x.Length > 0 ? x[^1] : 1, lo - pad, hi + pad, height);
    }

    public static void Open(StringBuilder sb, Frame f, string label, Func<double, string> yFormat)
    {
        sb.Append(CultureInfo.InvariantCulture, $"<svg viewBox=\"0 0 {Width} {f.Height}\" width=\"100%\" role=\"img\" aria-label=\"{Esc(label)}\">");
        sb.Append(CultureInfo.InvariantCulture, $"<rect x=\"{Left}\" y=\"{Top}\" width=\"{Width - Left - Right}\" height=\"{f.Height - Top - Bottom}\" fill=\"#fbfbfd\" stroke=\"#ccd\"/>");
        for (var k = 0; k <= 4; k++)
        {
            var v = f.Y0 + (f.Y1 - f.Y0) * k / 4;
            var y = f.Py(v);
            sb.Append(CultureInfo.InvariantCulture, $"<line x1=\"{Left}\" x2=\"{Width - Right}\" y1=\"{F(y)}\" y2=\"{F(y)}\" stroke=\"#e3e3ea\"/>");
            sb.Append(CultureInfo.InvariantCulture, $"<text x=\"{Left - 6}\" y=\"{F(y + 4)}\" text-anchor=\"end\" font-size=\"11\" fill=\"#556\">{Esc(yFormat(v))}</text>");
        }
        for (var k = 0; k <= 5; k++)
        {
            var t = f.X0 + (f.X1 - f.X0) * k / 5;
            var x = f.Px(t);
            var text = new DateTime(Math.Clamp(t, DateTime.MinValue.Ticks, DateTime.MaxValue.Ticks), DateTimeKind.Utc).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            sb.Append(CultureInfo.InvariantCulture, $"<text x=\"{F(x)}\" y=\"{f.Height - 8}\" text-anchor=\"middle\" font-size=\"11\" fill=\"#556\">{text}</text>");
        }
    }

    public static void Polyline(StringBuilder sb, Frame f, ReadOnlySpan<long> x, ReadOnlySpan<double> y, string color, double width = 1.4)
    {
        sb.Append(CultureInfo.InvariantCulture, $"<polyline fill=\"none\" stroke=\"{color}\" stroke-width=\"{F(width)}\" points=\"");
        for (var i = 0; i < x.Length; i++)
        {
            if (!double.IsFinite(y[i])) continue;
            sb.Append(F(f.Px(x[i]))).Append(',').Append(F(f.Py(y[i]))).Append(' ');
        }
        sb.Append("\"/>");
    }

    /// <summary>A filled area between the line and zero (for the underwater chart).</summary>
    public static void Area(StringBuilder sb, Frame f, ReadOnlySpan<long> x, ReadOnlySpan<double> y, string fill)
    {
        if (x.Length == 0) return;
        sb.Append(CultureInfo.InvariantCulture, $"<polygon fill=\"{fill}\" stroke=\"none\" points=\"{F(f.Px(x[0]))},{F(f.Py(0))} ");
        for (var i = 0; i < x.Length; i++) sb.Append(F(f.Px(x[i]))).Append(',').Append(F(f.Py(y[i]))).Append(' ');
        sb.Append(CultureInfo.InvariantCulture, $"{F(f.Px(x[^1]))},{F(f.Py(0))}\"/>");
    }

    public static string Number(double v, string format = "N2") => double.IsFinite(v) ? v.ToString(format, CultureInfo.InvariantCulture) : "–";
}
