using KalshiPS.Sandbox.Runner;

return await CommandLine.MainAsync(args);
