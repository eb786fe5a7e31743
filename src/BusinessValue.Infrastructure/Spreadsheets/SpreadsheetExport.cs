using BusinessValue.Domain.Organisation;
using BusinessValue.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using MiniExcelLibs;

namespace BusinessValue.Infrastructure.Spreadsheets;

/// <summary>
/// Writes a table as CSV or xlsx with the headings of <see cref="ImportTables"/>, so that an export re-imports
/// unchanged. Numbers are written as numbers; text cells that a spreadsheet would run as a formula are neutralised
/// with a leading apostrophe (<see cref="Cells.Neutralised"/>), which the import removes.
/// </summary>
internal static class SpreadsheetExport
{
    /// <summary>Each record as cells in the table's column order: text as string, numbers as decimal, empty as null.</summary>
    public static async Task<List<object?[]>> RowsAsync(BusinessValueDbContext db, ImportKind kind, CancellationToken cancellationToken)
    {
        var systems = await db.Systems.AsNoTracking().ToDictionaryAsync(s => s.Id, s => s.Name, cancellationToken);
        var departments = await db.Departments.AsNoTracking().ToDictionaryAsync(d => d.Id, d => d.Name, cancellationToken);
        string? Department(Guid? id) => id is { } d ? departments.GetValueOrDefault(d) : null;
        switch (kind)
        {
            case ImportKind.Systems:
                return [.. (await db.Systems.AsNoTracking().OrderBy(s => s.Name).ToListAsync(cancellationToken)).Select(s => new object?[]
                {
                    s.Name, s.Category, s.Vendor, ImportTables.Word(s.Lifecycle), ImportTables.Word(s.StrategicFit), s.ItOwner, s.BusinessOwner,
                    s.Costs.Licences, s.Costs.Infrastructure, s.Costs.SupportStaff, s.Costs.Other, s.ExpectedAnnualBenefit, (decimal?)s.IntendedUsers, s.RequiredRecoveryHours,
                })];
            case ImportKind.Departments:
                return [.. (await db.Departments.AsNoTracking().OrderBy(d => d.Name).ToListAsync(cancellationToken)).Select(d => new object?[] { d.Name, (decimal)d.Headcount, d.LabourRatePerHour })];
            case ImportKind.Processes:
                return [.. (await db.Processes.AsNoTracking().OrderBy(p => p.Name).ToListAsync(cancellationToken)).Select(p => new object?[]
                {
                    p.Name, Department(p.DepartmentId), p.AnnualRevenue, p.OperatingHoursPerWeek, ImportTables.Word(p.Importance),
                })];
            case ImportKind.Dependencies:
                var processes = await db.Processes.AsNoTracking().ToDictionaryAsync(p => p.Id, p => p.Name, cancellationToken);
                return [.. (await db.Dependencies.AsNoTracking().ToListAsync(cancellationToken))
                    .Select(d => new object?[] { processes[d.ProcessId], systems[d.SystemId], d.RevenueShare })
                    .OrderBy(r => (string)r[0]!, StringComparer.Ordinal).ThenBy(r => (string)r[1]!, StringComparer.Ordinal)];
            case ImportKind.Integrations:
                return [.. (await db.Integrations.AsNoTracking().OrderBy(i => i.Name).ToListAsync(cancellationToken)).Select(i => new object?[]
                {
                    i.Name, systems[i.SourceSystemId], systems[i.TargetSystemId], ImportTables.Word(i.Mode), ImportTables.Word(i.FirstRecordedMode), i.TransfersPerMonth, i.MinutesPerTransfer,
                })];
            case ImportKind.Workarounds:
                return [.. (await db.Workarounds.AsNoTracking().Include(w => w.Systems).OrderBy(w => w.Description).ToListAsync(cancellationToken)).Select(w => new object?[]
                {
                    w.Description, Department(w.DepartmentId), ImportTables.Word(w.Kind), (decimal)w.People, w.HoursPerPersonPerWeek, w.DirectAnnualCost,
                    w.SystemIds.Any() ? string.Join(ImportTables.Separator + " ", w.SystemIds.Select(id => systems[id]).Order(StringComparer.Ordinal)) : null,
                    ImportTables.Word(w.Status), w.RemovedOn is { } day ? Cells.Date(day) : null,
                })];
            default:
                var metrics = await db.Metrics.AsNoTracking().ToListAsync(cancellationToken);
                return [.. metrics.Select(m =>
                {
                    var row = new List<object?> { systems[m.SystemId], m.Month.ToString() };
                    foreach (var measure in Domain.Metrics.Measures.All)
                    {
                        row.Add(m.ValueOf(measure));
                        if (measure == Domain.Metrics.Measures.TicketsFollow)
                        {
                            foreach (var severity in Enum.GetValues<Severity>())
                            {
                                var tickets = m.Tickets(severity);
                                row.Add((decimal?)tickets.Count);
                                row.Add(tickets.TotalResolutionHours);
                                row.Add(tickets.AverageUsersAffected);
                            }
                        }
                    }

                    return row.ToArray();
                }).OrderBy(r => (string)r[0]!, StringComparer.Ordinal).ThenBy(r => (string)r[1]!, StringComparer.Ordinal)];
        }
    }

    /// <summary>The example row of a template, typed as an export would write it.</summary>
    public static object?[] Example(ImportTable table) =>
        [.. table.Columns.Select(c => c.Example.Length == 0 ? null : IsNumber(c.Type) ? decimal.Parse(c.Example, System.Globalization.CultureInfo.InvariantCulture) : (object)c.Example)];

    public static byte[] Write(ImportTable table, IEnumerable<object?[]> rows, SpreadsheetFormat format)
    {
        using var stream = new MemoryStream();
        if (format == SpreadsheetFormat.Csv)
        {
            // UTF-8 with a byte-order mark: Excel then reads accents right when the file is opened by double-click.
            using (var writer = new StreamWriter(stream, new System.Text.UTF8Encoding(encoderShouldEmitUTF8Identifier: true), leaveOpen: true))
            {
                CsvText.Write(writer, [.. table.Columns.Select(c => c.Heading)]);
                foreach (var row in rows)
                {
                    CsvText.Write(writer, [.. row.Select(CsvCell)]);
                }
            }

            return stream.ToArray();
        }

        var sheet = rows.Select(row =>
        {
            var cells = new Dictionary<string, object?>(table.Columns.Count, StringComparer.Ordinal);
            for (var i = 0; i < table.Columns.Count; i++)
            {
                cells[table.Columns[i].Heading] = row[i] switch
                {
                    string text => Cells.Neutralised(text),
                    decimal number => number / 1.0000000000000000000000000000m,
                    var other => other,
                };
            }

            return cells;
        }).ToList();
        if (sheet.Count == 0)
        {
            // MiniExcel takes the headings from the rows' keys: an empty table gets one blank row, which imports ignore.
            sheet.Add(table.Columns.ToDictionary(c => c.Heading, object? (_) => null, StringComparer.Ordinal));
        }

        MiniExcel.SaveAs(stream, sheet, sheetName: table.Name);
        return stream.ToArray();
    }

    private static string? CsvCell(object? value) => value switch
    {
        null => null,
        string text => Cells.Neutralised(text),
        decimal number => Cells.Number(number),
        _ => Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture),
    };

    private static bool IsNumber(CellType type) => type is CellType.Money or CellType.Quantity or CellType.WholeNumber or CellType.Share or CellType.Percentage;
}
