namespace BusinessValue.Web.Features.Scorecard;

/// <summary>
/// Where each bubble's name goes on the gap chart, so that no two names overlap and none covers a bubble.
/// Greedy and deterministic: bubbles are labelled in the order given (the chart passes the largest first), and
/// each label takes the nearest candidate position around its bubble (right, left, above, below, diagonals, then
/// further out with a leader line) that is inside the plot and clear of every bubble, name and leader line so far.
/// A label with no free place is left off; its bubble keeps its tooltip and the table lists every system.
/// All sizes are in the chart's SVG units. No text is measured (there is no browser on the server): a label's
/// box is estimated from its characters, generously, so the real text fits inside whatever font the reader has.
/// </summary>
internal sealed class GapChartLabels(LabelBox plot, double fontSize = 11)
{
    // Gaps between a bubble's edge and its label; from the second on, a leader line joins them.
    private static readonly double[] Gaps = [2, 8, 18, 30, 44, 60, 80, 100, 125, 150];
    // How far a name slides along its bubble's side: in label heights beside it, half widths above or below.
    private static readonly double[] Slides = [-0.5, 0.5, -1, 1, -1.5, 1.5, -2, 2, -2.5, 2.5, -3, 3];
    private const double LeaderFrom = 8;
    private const double Padding = 1.5;
    private const int MaxRounds = 3;
    private static readonly double Diagonal = Math.Sqrt(0.5);

    /// <summary>One bubble: its centre, its radius and the name to place beside it.</summary>
    public readonly record struct Bubble(double X, double Y, double Radius, string Text);

    /// <summary>A placed label: its box, where its text starts (with the SVG text-anchor to use) and its leader line, if any.</summary>
    public sealed record Placement(LabelBox Box, double TextX, double Baseline, string Anchor, Leader? Leader)
    {
        /// <summary>The box less its padding: where the text itself may reach.</summary>
        public LabelBox Text { get; } = new(Box.Left + Padding, Box.Top + Padding, Box.Width - (2 * Padding), Box.Height - (2 * Padding));
    }

    /// <summary>A thin line from the bubble's edge to its label, for labels set further out.</summary>
    public readonly record struct Leader(double X1, double Y1, double X2, double Y2)
    {
        /// <summary>Whether the two lines cross: each one's ends lie strictly on either side of the other.</summary>
        public bool Crosses(Leader other) =>
            Side(other.X1, other.Y1) * Side(other.X2, other.Y2) < 0 && other.Side(X1, Y1) * other.Side(X2, Y2) < 0;

        private double Side(double x, double y) => Math.Sign(((X2 - X1) * (y - Y1)) - ((Y2 - Y1) * (x - X1)));
    }

    public LabelBox Plot { get; } = plot;

    public double FontSize { get; } = fontSize;

    /// <summary>
    /// One placement per bubble, in the same order; null where no free place was found. Every bubble is an
    /// obstacle to every label, as are the <paramref name="reserved"/> boxes (text already on the chart).
    /// </summary>
    public IReadOnlyList<Placement?> Place(IReadOnlyList<Bubble> bubbles, IReadOnlyList<LabelBox>? reserved = null)
    {
        ArgumentNullException.ThrowIfNull(bubbles);
        reserved ??= [];
        // Worked out once, as each round tries them again: the candidates clear of the plot's edges and of every
        // bubble, nearest first (the order they come in breaks ties).
        var all = bubbles.ToArray();
        var candidates = new Placement[all.Length][];
        for (var i = 0; i < all.Length; i++)
        {
            var bubble = all[i];
            var (width, height) = (EstimateWidth(bubble.Text, FontSize) + (2 * Padding), (FontSize * 1.25) + (2 * Padding));
            candidates[i] = Candidates(bubble, width, height)
                .Where(c => Plot.Contains(c.Box) && !CoversABubble(c.Box, all))
                .OrderBy(c => Math.Round(Distance(bubble, c.Box)))
                .Select(c => At(bubble, c.Box, c.Gap))
                .ToArray();
        }

        var best = PlaceInOrder(candidates, reserved, Enumerable.Range(0, bubbles.Count));
        // Greedy placement can wall a small bubble in with its neighbours' names. Those left off go first in
        // another round, which is kept only if it names more systems: more names beat which names.
        for (var round = 0; round < MaxRounds; round++)
        {
            var left = Enumerable.Range(0, bubbles.Count).Where(i => best[i] is null).ToList();
            if (left.Count == 0)
            {
                break;
            }

            var next = PlaceInOrder(candidates, reserved, left.Concat(Enumerable.Range(0, bubbles.Count).Except(left)));
            if (next.Count(p => p is not null) <= best.Count(p => p is not null))
            {
                break;
            }

            best = next;
        }

        return best;
    }

    private static Placement?[] PlaceInOrder(Placement[][] candidates, IReadOnlyList<LabelBox> reserved, IEnumerable<int> order)
    {
        var taken = new List<LabelBox>(reserved);
        // Leader lines keep clear of the text, though they may pass through the padding around it.
        var texts = new List<LabelBox>(reserved);
        var leaders = new List<Leader>();
        var placements = new Placement?[candidates.Length];
        foreach (var i in order)
        {
            foreach (var candidate in candidates[i])
            {
                if (IsFree(candidate, taken, texts, leaders))
                {
                    placements[i] = candidate;
                    taken.Add(candidate.Box);
                    texts.Add(candidate.Text);
                    if (candidate.Leader is { } leader)
                    {
                        leaders.Add(leader);
                    }

                    break;
                }
            }
        }

        return placements;
    }

    private static bool CoversABubble(LabelBox box, Bubble[] bubbles)
    {
        foreach (var bubble in bubbles)
        {
            if (box.Intersects(bubble.X, bubble.Y, bubble.Radius))
            {
                return true;
            }
        }

        return false;
    }

    // Plain loops: this runs for every candidate of every bubble, up to a few million times on a crowded chart.
    private static bool IsFree(Placement candidate, List<LabelBox> taken, List<LabelBox> texts, List<Leader> leaders)
    {
        var (box, text) = (candidate.Box, candidate.Text);
        foreach (var other in taken)
        {
            if (other.Intersects(box))
            {
                return false;
            }
        }

        foreach (var leader in leaders)
        {
            if (text.Crosses(leader) || (candidate.Leader is { } own && own.Crosses(leader)))
            {
                return false;
            }
        }

        if (candidate.Leader is { } line)
        {
            foreach (var other in texts)
            {
                if (other.Crosses(line))
                {
                    return false;
                }
            }
        }

        return true;
    }

    /// <summary>
    /// A generous estimate of the text's width: per-character widths (in em) at or above DejaVu Sans's for every
    /// printable ASCII character (checked against the font's own metrics); DejaVu is the widest of the usual
    /// fonts, so Roboto, Helvetica and Arial fit inside the box too.
    /// </summary>
    public static double EstimateWidth(string text, double fontSize)
    {
        ArgumentNullException.ThrowIfNull(text);
        var em = 0d;
        foreach (var c in text)
        {
            em += c switch
            {
                'i' or 'j' or 'l' or 'I' or '.' or ',' or ':' or ';' or '\'' or '|' => 0.34,
                'f' or 't' or 'r' or ' ' or '(' or ')' or '-' or '/' or '!' => 0.42,
                'm' or 'w' or 'M' or 'W' or '@' or '%' or '#' or '&' => 1.0,
                (>= 'a' and <= 'z') or (>= '0' and <= '9') => 0.64,
                _ => 0.84,
            };
        }

        return em * fontSize;
    }

    // Right, left, above, below, then the diagonals; each ring further out than the last. From the rings with a
    // leader line on, a name may also slide along its bubble's side, so the names of a tight cluster can stack.
    private static IEnumerable<(LabelBox Box, double Gap)> Candidates(Bubble bubble, double width, double height)
    {
        var (x, y, r) = (bubble.X, bubble.Y, bubble.Radius);
        foreach (var gap in Gaps)
        {
            var d = r + gap;
            var e = (r * Diagonal) + gap;
            yield return (new LabelBox(x + d, y - (height / 2), width, height), gap);
            yield return (new LabelBox(x - d - width, y - (height / 2), width, height), gap);
            yield return (new LabelBox(x - (width / 2), y - d - height, width, height), gap);
            yield return (new LabelBox(x - (width / 2), y + d, width, height), gap);
            yield return (new LabelBox(x + e, y - e - height, width, height), gap);
            yield return (new LabelBox(x - e - width, y - e - height, width, height), gap);
            yield return (new LabelBox(x + e, y + e, width, height), gap);
            yield return (new LabelBox(x - e - width, y + e, width, height), gap);
            if (gap < LeaderFrom)
            {
                continue;
            }

            foreach (var slide in Slides)
            {
                yield return (new LabelBox(x + d, y - (height / 2) + (slide * height), width, height), gap);
                yield return (new LabelBox(x - d - width, y - (height / 2) + (slide * height), width, height), gap);
                yield return (new LabelBox(x - (width / 2) + (slide * width / 2), y - d - height, width, height), gap);
                yield return (new LabelBox(x - (width / 2) + (slide * width / 2), y + d, width, height), gap);
            }
        }
    }

    private static double Distance(Bubble bubble, LabelBox box)
    {
        var (nx, ny) = box.Nearest(bubble.X, bubble.Y);
        return Math.Sqrt(((nx - bubble.X) * (nx - bubble.X)) + ((ny - bubble.Y) * (ny - bubble.Y))) - bubble.Radius;
    }

    private Placement At(Bubble bubble, LabelBox box, double gap)
    {
        // The text sits in its box on the side nearest the bubble, since the box is wider than most real text.
        var (textX, anchor) = box.Left >= bubble.X ? (box.Left + Padding, "start")
            : box.Right <= bubble.X ? (box.Right - Padding, "end")
            : (box.Left + (box.Width / 2), "middle");
        var baseline = box.Top + Padding + (FontSize * 0.95);
        Leader? leader = null;
        if (gap >= LeaderFrom)
        {
            var (nx, ny) = box.Nearest(bubble.X, bubble.Y);
            var (dx, dy) = (nx - bubble.X, ny - bubble.Y);
            var length = Math.Sqrt((dx * dx) + (dy * dy));
            leader = new Leader(bubble.X + (dx / length * bubble.Radius), bubble.Y + (dy / length * bubble.Radius), nx, ny);
        }

        return new Placement(box, textX, baseline, anchor, leader);
    }
}
