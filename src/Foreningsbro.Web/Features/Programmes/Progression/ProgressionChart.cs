using System.Globalization;

namespace Foreningsbro.Web.Features.Programmes;

public enum ProgressionChartKind
{
    Bars,
    Line,
}

/// <summary>One point: a short axis label, the value (null = a gap) and the value as the table shows it.</summary>
public sealed record ProgressionChartPoint(string Label, double? Value);

/// <summary>
/// A small inline SVG chart (bars or a line) with fixed geometry computed here, so the view only
/// writes attributes: no chart library, no script (the CSP forbids inline scripts) and no inline
/// styles (classes in site.css). The page always puts the same numbers in a table next to it.
/// </summary>
public sealed class ProgressionChart(string id, string title, string description, ProgressionChartKind kind, double min, double max, IReadOnlyList<(double Value, string Text)> ticks, IReadOnlyList<ProgressionChartPoint> points)
{
    public const double Width = 640;
    public const double Height = 220;
    private const double Left = 44;
    private const double Right = 8;
    private const double Top = 12;
    private const double Bottom = 36;

    public string Id => id;
    public string Title => title;
    public string Description => description;
    public ProgressionChartKind Kind => kind;
    public IReadOnlyList<ProgressionChartPoint> Points => points;
    public IReadOnlyList<(double Value, string Text)> Ticks => ticks;

    public static string F(double v) => v.ToString("0.#", CultureInfo.InvariantCulture);

    private const double PlotWidth = Width - Left - Right;
    private const double PlotHeight = Height - Top - Bottom;
    private double Slot => PlotWidth / Math.Max(1, points.Count);

    public double PlotLeft => Left;
    public double PlotRight => Width - Right;
    public double Baseline => Top + PlotHeight;

    public double Y(double value) => Top + PlotHeight - ((Math.Clamp(value, min, max) - min) / (max - min) * PlotHeight);

    public double CenterX(int index) => Left + (index + 0.5) * Slot;

    public double BarX(int index) => Left + index * Slot + Slot * 0.2;

    public double BarWidth => Slot * 0.6;

    /// <summary>Every label when they fit, otherwise every n-th (the table has them all).</summary>
    public bool ShowLabel(int index) => index % Math.Max(1, (int)Math.Ceiling(points.Count / 10.0)) == 0;

    /// <summary>The line's unbroken runs as SVG "points" lists; a null value breaks the line.</summary>
    public IEnumerable<string> LineSegments()
    {
        var run = new List<string>();
        for (var i = 0; i < points.Count; i++)
        {
            if (points[i].Value is double v)
            {
                run.Add($"{F(CenterX(i))},{F(Y(v))}");
                continue;
            }

            if (run.Count > 0)
            {
                yield return string.Join(' ', run);
                run.Clear();
            }
        }

        if (run.Count > 0)
        {
            yield return string.Join(' ', run);
        }
    }
}
