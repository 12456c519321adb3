using System.Globalization;
using System.Management.Automation;
using System.Management.Automation.Host;
using System.Management.Automation.Runspaces;
using System.Security;
using System.Text;

namespace KalshiPS.ModuleTests;

/// <summary>
/// A PSHost that records what the formatter writes, so views can be rendered with Out-Host (core engine) although
/// Out-String and Format-Table (Microsoft.PowerShell.Utility) are missing from the hosted engine.
/// </summary>
public sealed class FormatCapturingHost : TestHostBase
{
    private readonly CapturingUI _ui = new();

    public FormatCapturingHost() => Open();

    /// <summary>Runs the script piped to Out-Host and returns the text the console would show.</summary>
    public string Render(string script, IDictionary<string, object?>? variables = null)
    {
        _ui.Buffer.Clear();
        Run($"& {{ {script} }} | Out-Host", variables);
        return _ui.Buffer.ToString();
    }

    public override string Name => "KalshiPS format tests";
    public override PSHostUserInterface UI => _ui;

    private sealed class CapturingUI : PSHostUserInterface
    {
        public readonly StringBuilder Buffer = new();
        public override PSHostRawUserInterface RawUI { get; } = new WideRawUI();
        public override void Write(string value) => Buffer.Append(value);
        public override void Write(ConsoleColor foregroundColor, ConsoleColor backgroundColor, string value) => Buffer.Append(value);
        public override void WriteLine(string value) => Buffer.Append(value).Append('\n');
        public override void WriteErrorLine(string value) => Buffer.Append("ERROR: ").Append(value).Append('\n');
        public override void WriteDebugLine(string message) { }
        public override void WriteProgress(long sourceId, ProgressRecord record) { }
        public override void WriteVerboseLine(string message) { }
        public override void WriteWarningLine(string message) { }
        public override string ReadLine() => throw new NotSupportedException();
        public override SecureString ReadLineAsSecureString() => throw new NotSupportedException();
        public override Dictionary<string, PSObject> Prompt(string caption, string message, System.Collections.ObjectModel.Collection<FieldDescription> descriptions) => throw new NotSupportedException();
        public override PSCredential PromptForCredential(string caption, string message, string userName, string targetName) => throw new NotSupportedException();
        public override PSCredential PromptForCredential(string caption, string message, string userName, string targetName, PSCredentialTypes allowedCredentialTypes, PSCredentialUIOptions options) => throw new NotSupportedException();
        public override int PromptForChoice(string caption, string message, System.Collections.ObjectModel.Collection<ChoiceDescription> choices, int defaultChoice) => throw new NotSupportedException();
    }

    /// <summary>A 200-column console, wide enough that no table column is dropped.</summary>
    private sealed class WideRawUI : PSHostRawUserInterface
    {
        public override ConsoleColor ForegroundColor { get; set; } = ConsoleColor.Gray;
        public override ConsoleColor BackgroundColor { get; set; } = ConsoleColor.Black;
        public override Coordinates CursorPosition { get; set; }
        public override Coordinates WindowPosition { get; set; }
        public override int CursorSize { get; set; }
        public override Size BufferSize { get; set; } = new(200, 1000);
        public override Size WindowSize { get; set; } = new(200, 50);
        public override Size MaxWindowSize => new(200, 50);
        public override Size MaxPhysicalWindowSize => new(200, 50);
        public override bool KeyAvailable => false;
        public override string WindowTitle { get; set; } = "";
        public override KeyInfo ReadKey(ReadKeyOptions options) => throw new NotSupportedException();
        public override void FlushInputBuffer() { }
        public override void SetBufferContents(Coordinates origin, BufferCell[,] contents) { }
        public override void SetBufferContents(Rectangle rectangle, BufferCell fill) { }
        public override BufferCell[,] GetBufferContents(Rectangle rectangle) => new BufferCell[0, 0];
        public override void ScrollBufferContents(Rectangle source, Coordinates destination, Rectangle clip, BufferCell fill) { }
    }
}
