using System.CommandLine;
using BusinessValue.Infrastructure.Database;
using BusinessValue.Infrastructure.Identity;
using BusinessValue.Infrastructure.Persistence;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace BusinessValue.Cli;

/// <summary><c>bv admin reset</c>: the way back in for an operator locked out of the app (docs/security.md#accounts).</summary>
internal static class AdminCommand
{
    /// <summary>The password comes from the environment, never the command line, where shell history and process lists keep it.</summary>
    public const string PasswordVariable = "BV_ADMIN_PASSWORD";

    public static Command Create(TextWriter output, TextWriter error, IConfiguration configuration, Func<DatabaseOptions, CancellationToken, Task> prepare)
    {
        var user = new Option<string>("--user") { Description = "The administrator's user name (an e-mail address, for example).", Required = true };
        var name = new Option<string?>("--name") { Description = "The person's name, shown in the app (for a new account)." };
        var reset = new Command("reset", $"Create an administrator, or give an account a new password and the Administrator role, enabled and unlocked. The password is read from {PasswordVariable}.") { user, name };
        reset.SetAction(async (parse, ct) =>
        {
            var password = configuration[PasswordVariable];
            if (string.IsNullOrEmpty(password))
            {
                await error.WriteLineAsync($"Set the new password in the environment variable {PasswordVariable} (not on the command line), then run the command again.");
                return ExitCodes.UsageError;
            }

            var database = DatabaseOptions.FromConfiguration(configuration, Directory.GetCurrentDirectory());
            await prepare(database, ct);
            await using var services = Services(database);
            await using var scope = services.CreateAsyncScope();
            var userName = parse.GetValue(user)!;
            var (created, problems) = await scope.ServiceProvider.GetRequiredService<FirstAdministrator>().CreateOrResetAsync(userName, password, parse.GetValue(name), ct);
            if (problems.Count > 0)
            {
                foreach (var problem in problems)
                {
                    await error.WriteLineAsync($"Password or user name refused: {problem}");
                }

                return ExitCodes.InvalidInput;
            }

            await output.WriteLineAsync(created
                ? $"Created the administrator {userName} in the {database.Describe()}."
                : $"Reset {userName} in the {database.Describe()}: new password, Administrator role, enabled and unlocked; its open sessions end.");
            return ExitCodes.Success;
        });
        return new Command("admin", "Administrator accounts.") { reset };
    }

    /// <summary>The same account rules as the app (AccountPolicy, common passwords) on the configured database.</summary>
    private static ServiceProvider Services(DatabaseOptions database)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton(TimeProvider.System);
        services.AddDbContext<BusinessValueDbContext>(options => database.Apply(options));
        services.AddIdentityCore<AppUser>(AccountPolicy.Apply)
            .AddRoles<IdentityRole<Guid>>()
            .AddEntityFrameworkStores<BusinessValueDbContext>()
            .AddPasswordValidator<CommonPasswordValidator>();
        services.AddScoped<FirstAdministrator>();
        return services.BuildServiceProvider();
    }
}
