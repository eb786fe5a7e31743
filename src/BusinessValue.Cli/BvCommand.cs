using System.CommandLine;
using System.Globalization;
using BusinessValue.Domain;
using BusinessValue.Domain.Engine;
using BusinessValue.Domain.Periods;
using BusinessValue.Infrastructure.Audit;
using BusinessValue.Infrastructure.Database;
using BusinessValue.Infrastructure.PortfolioDocuments;
using Microsoft.Extensions.Configuration;
using BusinessValue.Infrastructure.DemoData;
using Microsoft.Extensions.Logging.Abstractions;

namespace BusinessValue.Cli;

/// <summary>
/// <c>bv</c>: scorecards from portfolio documents without a database, validation, backups and restores of
/// the configured database, and synthetic portfolios. Exit codes: 0 success, 1 invalid input, 2 usage error.
/// </summary>
internal static class BvCommand
{
    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, IConfiguration configuration)
    {
        var root = new RootCommand("Business Value Scorecard: translate technical metrics into business figures.");
        root.Subcommands.Add(Scorecard(output, error));
        root.Subcommands.Add(Validate(output, error));
        root.Subcommands.Add(Export(output, error, configuration));
        root.Subcommands.Add(Import(output, error, configuration));
        root.Subcommands.Add(SpreadsheetCommands.Import("import-csv", Infrastructure.Spreadsheets.SpreadsheetFormat.Csv, output, error, configuration, (database, ct) => PrepareAsync(database, configuration, ct)));
        root.Subcommands.Add(SpreadsheetCommands.Import("import-xlsx", Infrastructure.Spreadsheets.SpreadsheetFormat.Xlsx, output, error, configuration, (database, ct) => PrepareAsync(database, configuration, ct)));
        root.Subcommands.Add(Generate(output, error));
        root.Subcommands.Add(Demo(output, error, configuration));
        root.Subcommands.Add(AdminCommand.Create(output, error, configuration, (database, ct) => PrepareAsync(database, configuration, ct)));

        var parsed = root.Parse(args);
        // Known failures are reported below as one line each; anything else is a bug and keeps its stack trace.
        var invocation = new InvocationConfiguration { Output = output, Error = error, EnableDefaultExceptionHandler = false };
        if (parsed.Errors.Count > 0)
        {
            foreach (var parseError in parsed.Errors)
            {
                await error.WriteLineAsync(parseError.Message);
            }

            await error.WriteLineAsync("Run 'bv --help' for the commands and their options.");
            return ExitCodes.UsageError;
        }

        try
        {
            return await parsed.InvokeAsync(invocation);
        }
        catch (Exception ex) when (ex is DatabaseConfigurationException or DatabaseUnavailableException or DomainRuleException or IOException or UnauthorizedAccessException)
        {
            await error.WriteLineAsync(ex.Message);
            return ex is DomainRuleException ? ExitCodes.UsageError : ExitCodes.InvalidInput;
        }
        catch (Exception ex) when (ex is Microsoft.EntityFrameworkCore.DbUpdateException or System.Data.Common.DbException)
        {
            // The database's own reason (a constraint, a value it cannot store), without the stack trace; the
            // transaction rolled back, so nothing of the command was written.
            var reason = (ex.InnerException ?? ex).Message.Split('\n')[0].Trim();
            await error.WriteLineAsync($"The database refused the change, so nothing was written: {reason}");
            return ExitCodes.InvalidInput;
        }
    }

    private static Command Scorecard(TextWriter output, TextWriter error)
    {
        var portfolio = new Option<FileInfo>("--portfolio") { Description = "The portfolio document (JSON).", Required = true };
        var period = new Option<string>("--period") { Description = "A month (2026-07), quarter (2026-Q3), fiscal year (FY2026) or range (2026-01..2026-06).", Required = true };
        var format = new Option<string>("--format") { Description = "json or table.", DefaultValueFactory = _ => "table" };
        format.AcceptOnlyFromAmong("json", "table");
        var command = new Command("scorecard", "Compute the scorecard of a portfolio document for a period, without a database.") { portfolio, period, format };
        command.SetAction(async (parse, ct) =>
        {
            var read = await ReadAsync(parse.GetValue(portfolio)!, error, ct);
            if (read is null)
            {
                return ExitCodes.InvalidInput;
            }

            var chosen = Period.Parse(parse.GetValue(period)!, read.Organisation.FiscalYearStartMonth);
            var scorecard = new TranslationEngine().Calculate(read, chosen);
            await output.WriteAsync(parse.GetValue(format) == "json"
                ? ScorecardJson.Write(read.Organisation, scorecard)
                : ScorecardTable.Write(read.Organisation, scorecard));
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Validate(TextWriter output, TextWriter error)
    {
        var file = new Argument<FileInfo>("file") { Description = "The portfolio document to check." };
        var command = new Command("validate", "Check a portfolio document and list every problem.") { file };
        command.SetAction(async (parse, ct) =>
        {
            var read = await ReadDocumentAsync(parse.GetValue(file)!, error, ct);
            if (read?.Portfolio is not { } portfolio)
            {
                return ExitCodes.InvalidInput;
            }

            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"Valid: {portfolio.Organisation.Name}, {portfolio.Systems.Count} systems, {portfolio.Processes.Count} processes, {portfolio.Departments.Count} departments, {portfolio.Workarounds.Count} workarounds, {portfolio.Integrations.Count} integrations, {portfolio.Metrics.Count} monthly metric rows, {portfolio.RestoreTests.Count} restore tests{Reviews(read.Reviews)}."));
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Export(TextWriter output, TextWriter error, IConfiguration configuration)
    {
        var file = new Option<FileInfo>("--out") { Description = "Where to write the portfolio document.", Required = true };
        var command = new Command("export", "Write the configured database's portfolio to a document (a backup).") { file };
        command.SetAction(async (parse, ct) =>
        {
            var database = DatabaseOptions.FromConfiguration(configuration, Directory.GetCurrentDirectory());
            await using var db = database.CreateContext();
            var portfolio = await PortfolioStore.LoadAsync(db, ct);
            if (portfolio is null)
            {
                await error.WriteLineAsync($"The {database.Describe()} holds no organisation yet: nothing to export.");
                return ExitCodes.InvalidInput;
            }

            var reviews = await PortfolioStore.LoadReviewsAsync(db, ct);
            var target = parse.GetValue(file)!;
            await File.WriteAllTextAsync(target.FullName, PortfolioDocumentWriter.ToJson(portfolio, DateTime.UtcNow, reviews), ct);
            await output.WriteLineAsync($"Exported {portfolio.Systems.Count} systems, {portfolio.Metrics.Count} monthly metric rows and {reviews.Reviews.Count} reviews from the {database.Describe()} to {target.FullName}.");
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Import(TextWriter output, TextWriter error, IConfiguration configuration)
    {
        var file = new Argument<FileInfo>("file") { Description = "The portfolio document to restore." };
        var command = new Command("import", "Replace the configured database's portfolio with a document: all of it, or nothing.") { file };
        command.SetAction(async (parse, ct) =>
        {
            var read = await ReadDocumentAsync(parse.GetValue(file)!, error, ct);
            if (read?.Portfolio is not { } portfolio)
            {
                return ExitCodes.InvalidInput;
            }

            var database = DatabaseOptions.FromConfiguration(configuration, Directory.GetCurrentDirectory());
            await PrepareAsync(database, configuration, ct);
            await using var db = database.CreateContext();
            db.Actor = new AuditActor($"bv import {parse.GetValue(file)!.Name} (by {Environment.UserName})");
            try
            {
                await PortfolioStore.ReplaceAsync(db, portfolio, read.Reviews, ct);
            }
            catch (PortfolioRestoreException ex)
            {
                await error.WriteLineAsync($"{parse.GetValue(file)!.Name}: {ex.Problems.Count} problem(s) with this database; nothing was changed.");
                foreach (var problem in ex.Problems)
                {
                    await error.WriteLineAsync($"  {problem}");
                }

                return ExitCodes.InvalidInput;
            }

            await output.WriteLineAsync($"Imported {portfolio.Organisation.Name}: {portfolio.Systems.Count} systems and {portfolio.Metrics.Count} monthly metric rows into the {database.Describe()}; " +
                (read.Reviews is { } reviews ? $"{reviews.Reviews.Count} reviews replaced the database's." : "the database's reviews are kept (the document has none)."));
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Generate(TextWriter output, TextWriter error)
    {
        var systems = new Option<int>("--systems") { Description = "How many systems.", Required = true };
        var months = new Option<int>("--months") { Description = "How many months of metrics.", Required = true };
        var seed = new Option<int>("--seed") { Description = "The same seed always gives the same portfolio.", DefaultValueFactory = _ => 1 };
        var lastMonth = new Option<string>("--last-month") { Description = "The last month with metrics (YYYY-MM).", DefaultValueFactory = _ => "2026-10" };
        var file = new Option<FileInfo>("--out") { Description = "Where to write the portfolio document.", Required = true };
        var command = new Command("generate", "Write a realistic synthetic portfolio (for benchmarks, load and scale tests).") { systems, months, seed, lastMonth, file };
        command.SetAction(async (parse, ct) =>
        {
            var count = parse.GetValue(systems);
            var monthCount = parse.GetValue(months);
            if (count < 1 || monthCount < 1)
            {
                await error.WriteLineAsync("--systems and --months must be at least 1.");
                return ExitCodes.UsageError;
            }

            var portfolio = SyntheticPortfolio.Generate(count, monthCount, parse.GetValue(seed), YearMonth.Parse(parse.GetValue(lastMonth)!));
            var target = parse.GetValue(file)!;
            await File.WriteAllTextAsync(target.FullName, PortfolioDocumentWriter.ToJson(portfolio), ct);
            await output.WriteLineAsync($"Wrote {count} systems with {monthCount} months of metrics to {target.FullName}.");
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Demo(TextWriter output, TextWriter error, IConfiguration configuration)
    {
        var remove = new Command("remove", "Remove the demo organisation and start with an empty one.");
        remove.SetAction(async (_, ct) =>
        {
            var database = DatabaseOptions.FromConfiguration(configuration, Directory.GetCurrentDirectory());
            await using var db = database.CreateContext();
            db.Actor = new AuditActor($"bv demo remove (by {Environment.UserName})");
            var removed = await DemoRemoval.RemoveAsync(db, FirstStartOptions.FromConfiguration(configuration).OrganisationName, DateTime.UtcNow, ct);
            await (removed ? output : error).WriteLineAsync(removed
                ? $"Removed the demo data from the {database.Describe()}."
                : $"The {database.Describe()} holds no demo data: nothing removed.");
            return removed ? ExitCodes.Success : ExitCodes.InvalidInput;
        });
        var file = new Option<FileInfo>("--out") { Description = "Where to write the demo document.", Required = true };
        var write = new Command("write", "Write the curated demo organisation as a portfolio document (the one shipped with the app).") { file };
        write.SetAction(async (parse, ct) =>
        {
            var target = parse.GetValue(file)!;
            await File.WriteAllTextAsync(target.FullName, PortfolioDocumentWriter.ToJson(Cli.Demo.DemoPortfolioBuilder.Build()), ct);
            await output.WriteLineAsync($"Wrote the demo organisation to {target.FullName}.");
            return ExitCodes.Success;
        });
        return new Command("demo", "The demo organisation.") { remove, write };
    }

    private static async Task PrepareAsync(DatabaseOptions database, IConfiguration configuration, CancellationToken ct)
    {
        var preparation = new DatabasePreparation(new DatabaseContextFactory(database), database,
            FirstStartOptions.FromConfiguration(configuration) with { LoadDemoData = false }, TimeProvider.System, NullLogger<DatabasePreparation>.Instance);
        await preparation.PrepareAsync(ct);
    }

    private static string Reviews(ReviewRecords? reviews) => reviews is null
        ? string.Empty
        : string.Create(CultureInfo.InvariantCulture, $", {reviews.Reviews.Count} reviews ({reviews.Frozen.Count} closed), {reviews.ActionItems.Count} action items, {reviews.TranslationRequests.Count} translation requests");

    private static async Task<Portfolio?> ReadAsync(FileInfo file, TextWriter error, CancellationToken ct) =>
        (await ReadDocumentAsync(file, error, ct))?.Portfolio;

    /// <returns>The sound document (portfolio, and reviews when it has the section), or null once its problems are written.</returns>
    private static async Task<PortfolioReadResult?> ReadDocumentAsync(FileInfo file, TextWriter error, CancellationToken ct)
    {
        if (!file.Exists)
        {
            await error.WriteLineAsync($"{file.FullName}: no such file.");
            return null;
        }

        var result = PortfolioDocumentReader.Read(await File.ReadAllBytesAsync(file.FullName, ct), DateTime.UtcNow);
        if (result.IsValid)
        {
            return result;
        }

        await error.WriteLineAsync($"{file.Name}: {result.Problems.Count} problem(s); nothing was used.");
        foreach (var problem in result.Problems)
        {
            await error.WriteLineAsync($"  {problem}");
        }

        return null;
    }
}
