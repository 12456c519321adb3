Console.WriteLine("KalshiPS Sandbox: not built yet");
