using System.CommandLine;
using BusinessValue.Infrastructure.Audit;
using BusinessValue.Infrastructure.Database;
using BusinessValue.Infrastructure.Spreadsheets;
using Microsoft.Extensions.Configuration;

namespace BusinessValue.Cli;

/// <summary>
/// <c>bv import-csv</c> and <c>bv import-xlsx</c>: one table from a spreadsheet into the configured database, all
/// rows or none (docs/import.md#command-line). Exit codes: 0 written (or a clean dry run), 1 problems in the file
/// (nothing written), 2 usage (unknown table or preset).
/// </summary>
internal static class SpreadsheetCommands
{
    public static Command Import(string name, SpreadsheetFormat format, TextWriter output, TextWriter error, IConfiguration configuration,
        Func<DatabaseOptions, CancellationToken, Task> prepare)
    {
        var kinds = ImportTables.All.Select(t => t.Name).ToArray();
        var kind = new Argument<string>("kind") { Description = $"The table the file fills: {string.Join(", ", kinds)}." };
        kind.AcceptOnlyFromAmong(kinds);
        var file = new Argument<FileInfo>("file") { Description = format == SpreadsheetFormat.Xlsx ? "The workbook (.xlsx)." : "The CSV file (UTF-8; comma or semicolon)." };
        var dryRun = new Option<bool>("--dry-run") { Description = "Check every row and say what would change, writing nothing." };
        var preset = new Option<string>("--preset") { Description = "A saved column mapping (saved on the import page) to use before guessing." };
        var command = new Command(name, $"Import one table from a {(format == SpreadsheetFormat.Xlsx ? "workbook" : "CSV file")}: every row is checked, then all are written, or none.")
        {
            kind, file, dryRun, preset,
        };
        command.SetAction(async (parse, ct) =>
        {
            var table = ImportTables.Of(ImportTables.Parse(parse.GetValue(kind))!.Value);
            var path = parse.GetValue(file)!;
            if (!path.Exists)
            {
                await error.WriteLineAsync($"{path.FullName}: no such file.");
                return ExitCodes.InvalidInput;
            }

            var database = DatabaseOptions.FromConfiguration(configuration, Directory.GetCurrentDirectory());
            await prepare(database, ct);
            var imports = new SpreadsheetImports(new DatabaseContextFactory(database), ImportOptions.FromConfiguration(configuration), TimeProvider.System);
            SpreadsheetFile sheet;
            await using (var stream = path.OpenRead())
            {
                try
                {
                    sheet = await imports.ReadAsync(stream, path.Name, table.Kind, format, ct);
                }
                catch (SpreadsheetFileException ex)
                {
                    await error.WriteLineAsync(ex.Message);
                    return ExitCodes.InvalidInput;
                }
            }

            ImportMapping? saved = null;
            if (parse.GetValue(preset) is { Length: > 0 } presetName)
            {
                saved = await imports.PresetAsync(table.Kind, presetName, ct);
                if (saved is null)
                {
                    var known = await imports.PresetsAsync(table.Kind, ct);
                    await error.WriteLineAsync($"There is no saved mapping '{presetName}' for {table.Name}." +
                        (known.Count == 0 ? " None is saved yet." : $" Saved: {string.Join(", ", known.Select(p => p.Name))}."));
                    return ExitCodes.UsageError;
                }
            }

            var mapping = SpreadsheetImports.Guess(sheet, table.Kind, saved);
            await output.WriteLineAsync("Columns: " + string.Join("; ", sheet.Headings.Select(h =>
                mapping.Columns.TryGetValue(h, out var key) ? $"{h} → {table.Column(key)!.Heading}" : $"{h} (not used)")));
            var plan = parse.GetValue(dryRun)
                ? await imports.PlanAsync(sheet, mapping, cancellationToken: ct)
                : await imports.CommitAsync(sheet, mapping, new AuditActor($"bv {name} {path.Name} (by {Environment.UserName})"), cancellationToken: ct);
            if (plan.HasProblems)
            {
                await error.WriteLineAsync($"{plan.Summary} Nothing was written.");
                foreach (var problem in plan.Problems)
                {
                    await error.WriteLineAsync($"  {problem}");
                }

                return ExitCodes.InvalidInput;
            }

            await output.WriteLineAsync(plan.Written ? $"{plan.Summary} Written to the {database.Describe()}." : $"{plan.Summary} Dry run: nothing was written.");
            return ExitCodes.Success;
        });
        return command;
    }
}
