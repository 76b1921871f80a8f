using NodeAgent.Cli;

return await CommandLine.RunAsync(args).ConfigureAwait(false);
