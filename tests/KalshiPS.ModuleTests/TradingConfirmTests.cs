using System.Collections.ObjectModel;
using System.Globalization;
using System.Management.Automation;
using System.Management.Automation.Host;
using System.Management.Automation.Runspaces;
using System.Security;
using KalshiPS.Sandbox;
using Xunit;

namespace KalshiPS.ModuleTests;

/// <summary>What -Confirm and the mass-cancel question actually show, with a host that can answer prompts.</summary>
public class TradingConfirmTests
{
    [Fact]
    public async Task Confirm_prompt_names_ticker_side_action_count_and_price_and_No_sends_nothing()
    {
        await using var s = await TradingSandbox.StartAsync();
        var t = s.Market();
        using var h = new PromptingHost(s.Server);
        h.Answer = "No";
        s.Server.ResetRequestLog();
        Assert.Empty(h.Run($"New-KalshiOrder -Ticker {t} -Side No -Action Sell -Count 10 -Price 0.45 -Confirm"));
        var prompt = Assert.Single(h.Prompts);
        Assert.Contains($"{t}: Sell 10 No @ 0.45", prompt); // ticker, action, count, side and price of the side
        Assert.Equal(0, s.Writes);

        h.Answer = "Yes";
        Assert.Single(h.Run($"New-KalshiOrder -Ticker {t} -Side No -Action Sell -Count 10 -Price 0.45 -Confirm"));
        Assert.Single(s.MyOrders);
    }

    [Fact]
    public async Task Cancel_by_id_does_not_ask_but_a_mass_cancel_asks_exactly_once()
    {
        await using var s = await TradingSandbox.StartAsync();
        var t = s.Market();
        using var h = new PromptingHost(s.Server);
        h.Answer = "Yes";
        var id = h.Run($"New-KalshiOrder -Ticker {t} -Side Yes -Action Buy -Count 1 -Price 0.05").Single().Properties["OrderId"].Value.ToString();
        h.Run($"New-KalshiOrder -Ticker {t} -Side Yes -Action Buy -Count 1 -Price 0.06");
        h.Prompts.Clear();

        h.Run($"Remove-KalshiOrder -OrderId {id}");
        Assert.Empty(h.Prompts);
        Assert.Equal(OrderStatus.Canceled, s.Ex.GetOrder(id)!.Status);

        h.Answer = "No";
        h.Run($"Remove-KalshiOrder -Ticker {t}");
        Assert.Contains("1 resting order(s) on " + t, Assert.Single(h.Prompts));
        Assert.Single(s.MyOrders, o => o.Status == OrderStatus.Resting);

        h.Prompts.Clear();
        h.Answer = "Yes";
        h.Run($"Remove-KalshiOrder -Ticker {t} -Confirm"); // -Confirm asks once (ShouldProcess), not twice
        Assert.Single(h.Prompts);
        Assert.All(s.MyOrders, o => Assert.Equal(OrderStatus.Canceled, o.Status));

        h.Prompts.Clear();
        h.Run("Remove-KalshiOrder -All");
        Assert.Contains("every resting order", Assert.Single(h.Prompts));
    }

    [Fact]
    public async Task Disconnect_confirm_prompt_labels_a_custom_base_uri_Custom()
    {
        await using var s = await TradingSandbox.StartAsync();
        using var h = new PromptingHost(s.Server);
        h.Run("Disconnect-Kalshi -Confirm");
        var prompt = Assert.Single(h.Prompts);
        Assert.Contains("Kalshi Custom " + s.Server.RestUri, prompt);
        Assert.DoesNotContain("Production", prompt);
    }

    /// <summary>A host whose UI answers every choice prompt with <see cref="Answer"/> and records the prompt text.</summary>
    private sealed class PromptingHost : TestHostBase
    {
        private readonly AnsweringUI _ui;

        public PromptingHost(SandboxServer server)
        {
            _ui = new AnsweringUI(this);
            Open();
            Run($"Connect-Kalshi -BaseUri '{server.RestUri}' -ApiKeyId '{server.ApiKeyId}' -PrivateKeyPath '{server.PrivateKeyPath}' -SkipValidation");
        }

        public string Answer { get; set; } = "Yes";
        public List<string> Prompts { get; } = new();

        public override string Name => "KalshiPS prompt tests";
        public override PSHostUserInterface UI => _ui;

        private sealed class AnsweringUI : PSHostUserInterface
        {
            private readonly PromptingHost _host;
            public AnsweringUI(PromptingHost host) { _host = host; }
            public override PSHostRawUserInterface? RawUI => null;
            public override void Write(string value) { }
            public override void Write(ConsoleColor foregroundColor, ConsoleColor backgroundColor, string value) { }
            public override void WriteLine(string value) { }
            public override void WriteErrorLine(string value) { }
            public override void WriteDebugLine(string message) { }
            public override void WriteProgress(long sourceId, ProgressRecord record) { }
            public override void WriteVerboseLine(string message) { }
            public override void WriteWarningLine(string message) { }
            public override string ReadLine() => throw new NotSupportedException();
            public override SecureString ReadLineAsSecureString() => throw new NotSupportedException();
            public override Dictionary<string, PSObject> Prompt(string caption, string message, Collection<FieldDescription> descriptions) => throw new NotSupportedException();
            public override PSCredential PromptForCredential(string caption, string message, string userName, string targetName) => throw new NotSupportedException();
            public override PSCredential PromptForCredential(string caption, string message, string userName, string targetName, PSCredentialTypes allowedCredentialTypes, PSCredentialUIOptions options) => throw new NotSupportedException();
            public override int PromptForChoice(string caption, string message, Collection<ChoiceDescription> choices, int defaultChoice)
            {
                _host.Prompts.Add(caption + " | " + message);
                for (int i = 0; i < choices.Count; i++)
                    if (choices[i].Label.Replace("&", "") == _host.Answer) return i;
                throw new InvalidOperationException("no choice " + _host.Answer + " in " + string.Join(",", choices.Select(c => c.Label)));
            }
        }
    }
}
