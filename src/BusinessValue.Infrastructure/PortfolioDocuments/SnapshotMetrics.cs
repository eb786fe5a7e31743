using System.Collections;
using BusinessValue.Domain.Metrics;

namespace BusinessValue.Infrastructure.PortfolioDocuments;

/// <summary>
/// The monthly metrics of a snapshot as fixed chunks of rows: a new version that replaces or adds a few months copies
/// the chunk table and the chunks it touches, and shares every other chunk with the version before it, so applying
/// a single-month write to 240,000 rows costs a few kilobytes, not a copy of the list.
/// </summary>
internal sealed class SnapshotMetrics : IReadOnlyList<MonthlyMetrics>
{
    private const int ChunkBits = 12;
    private const int ChunkSize = 1 << ChunkBits;

    private readonly MonthlyMetrics[][] _chunks;

    private SnapshotMetrics(MonthlyMetrics[][] chunks, int count)
    {
        _chunks = chunks;
        Count = count;
    }

    public int Count { get; }

    public MonthlyMetrics this[int index]
    {
        get
        {
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)index, (uint)Count, nameof(index));
            return _chunks[index >> ChunkBits][index & (ChunkSize - 1)];
        }
    }

    public static SnapshotMetrics From(IReadOnlyList<MonthlyMetrics> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var chunks = new MonthlyMetrics[(rows.Count + ChunkSize - 1) >> ChunkBits][];
        for (var c = 0; c < chunks.Length; c++)
        {
            var chunk = new MonthlyMetrics[Math.Min(ChunkSize, rows.Count - (c << ChunkBits))];
            for (var i = 0; i < chunk.Length; i++)
            {
                chunk[i] = rows[(c << ChunkBits) + i];
            }

            chunks[c] = chunk;
        }

        return new SnapshotMetrics(chunks, rows.Count);
    }

    /// <summary>
    /// A new version with the rows at <paramref name="replaced"/> positions swapped and <paramref name="added"/>
    /// appended; this one is left as it is (readers may still hold it).
    /// </summary>
    public SnapshotMetrics With(IReadOnlyCollection<(int Index, MonthlyMetrics Row)> replaced, IReadOnlyList<MonthlyMetrics> added)
    {
        ArgumentNullException.ThrowIfNull(replaced);
        ArgumentNullException.ThrowIfNull(added);
        var count = Count + added.Count;
        var chunks = new MonthlyMetrics[(count + ChunkSize - 1) >> ChunkBits][];
        Array.Copy(_chunks, chunks, _chunks.Length);
        var copied = new HashSet<int>();
        MonthlyMetrics[] Writable(int chunk, int length)
        {
            if (copied.Add(chunk))
            {
                var fresh = new MonthlyMetrics[length];
                if (chunk < _chunks.Length)
                {
                    Array.Copy(_chunks[chunk], fresh, _chunks[chunk].Length);
                }

                chunks[chunk] = fresh;
            }

            return chunks[chunk];
        }

        int LengthOf(int chunk) => Math.Min(ChunkSize, count - (chunk << ChunkBits));
        foreach (var (index, row) in replaced)
        {
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)index, (uint)Count, nameof(replaced));
            Writable(index >> ChunkBits, LengthOf(index >> ChunkBits))[index & (ChunkSize - 1)] = row;
        }

        for (var i = 0; i < added.Count; i++)
        {
            var index = Count + i;
            Writable(index >> ChunkBits, LengthOf(index >> ChunkBits))[index & (ChunkSize - 1)] = added[i];
        }

        return new SnapshotMetrics(chunks, count);
    }

    public IEnumerator<MonthlyMetrics> GetEnumerator()
    {
        foreach (var chunk in _chunks)
        {
            foreach (var row in chunk)
            {
                yield return row;
            }
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
