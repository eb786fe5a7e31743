using BusinessValue.Cli;

return await BvCommand.RunAsync(args, Console.Out, Console.Error, CliConfiguration.FromEnvironment());
