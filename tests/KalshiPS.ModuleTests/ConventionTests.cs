using System.Reflection;
using Xunit;

namespace KalshiPS.ModuleTests;

/// <summary>Conventions a PowerShell user expects: the web cmdlets' retry names, public enums in the models' namespace.</summary>
public class ConventionTests
{
    [Fact]
    public void Retry_parameters_answer_to_the_web_cmdlets_names_in_the_same_units()
    {
        using var host = new PowerShellHost();
        var r = host.Run("Connect-Kalshi -BaseUri http://127.0.0.1:9/trade-api/v2 -MaximumRetryCount 5 -RetryIntervalSec 2 -PassThru");
        Ps.Assert(r);
        var session = r.One();
        Assert.Equal(5, (int)session.Properties["MaxRetries"].Value);
        Assert.Equal(TimeSpan.FromSeconds(2), (TimeSpan)session.Properties["RetryDelay"].Value);
        var aliases = host.Run("(Get-Command Connect-Kalshi).Parameters['MaxRetries'].Aliases + (Get-Command Connect-Kalshi).Parameters['RetryDelay'].Aliases")
            .Output.Select(o => o.ToString()).ToList();
        Assert.Contains("MaximumRetryCount", aliases);
        Assert.Contains("RetryIntervalSec", aliases);
    }
}
