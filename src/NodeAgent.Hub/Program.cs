using NodeAgent.Hub.Cli;

return await HubCommandLine.RunAsync(args).ConfigureAwait(false);
