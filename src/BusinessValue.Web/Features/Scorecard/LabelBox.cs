namespace BusinessValue.Web.Features.Scorecard;

/// <summary>An axis-aligned rectangle in SVG units (y grows downwards), as the gap chart's label placement needs it.</summary>
internal readonly record struct LabelBox(double Left, double Top, double Width, double Height)
{
    public double Right => Left + Width;

    public double Bottom => Top + Height;

    /// <summary>Whether the two overlap; boxes that only touch do not.</summary>
    public bool Intersects(LabelBox other) =>
        Left < other.Right && other.Left < Right && Top < other.Bottom && other.Top < Bottom;

    /// <summary>Whether the box overlaps the circle at (<paramref name="x"/>, <paramref name="y"/>); touching is not overlapping.</summary>
    public bool Intersects(double x, double y, double radius)
    {
        var (nx, ny) = Nearest(x, y);
        var (dx, dy) = (x - nx, y - ny);
        return (dx * dx) + (dy * dy) < radius * radius;
    }

    public bool Contains(LabelBox other) =>
        other.Left >= Left && other.Right <= Right && other.Top >= Top && other.Bottom <= Bottom;

    /// <summary>The point of the box nearest to (<paramref name="x"/>, <paramref name="y"/>).</summary>
    public (double X, double Y) Nearest(double x, double y) => (Math.Clamp(x, Left, Right), Math.Clamp(y, Top, Bottom));

    /// <summary>Whether the line passes through the inside of the box (Liang–Barsky clipping); ending on its edge does not count.</summary>
    public bool Crosses(GapChartLabels.Leader line)
    {
        var (dx, dy) = (line.X2 - line.X1, line.Y2 - line.Y1);
        var (enter, leave) = (0d, 1d);
        ReadOnlySpan<(double P, double Q)> edges = [(-dx, line.X1 - Left), (dx, Right - line.X1), (-dy, line.Y1 - Top), (dy, Bottom - line.Y1)];
        foreach (var (p, q) in edges)
        {
            if (p == 0)
            {
                if (q <= 0)
                {
                    return false;
                }

                continue;
            }

            var t = q / p;
            if (p < 0)
            {
                enter = Math.Max(enter, t);
            }
            else
            {
                leave = Math.Min(leave, t);
            }
        }

        // A positive length inside, so a line that only grazes a corner or ends on an edge is not a crossing.
        return leave - enter > 1e-9;
    }
}
