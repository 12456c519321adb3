using System;
using System.IO;
using System.Management.Automation;
using KalshiPS.Api;
using KalshiPS.Auth;
using KalshiPS.Http;
using KalshiPS.Models;
using KalshiPS.Wire;

namespace KalshiPS.Cmdlets
{
    /// <summary>
    /// Makes an API key: registers an RSA public key you hold (-PublicKeyPath, -PublicKey), or with -Generate has
    /// Kalshi make the key pair and writes the private key to a new owner-only file (-PrivateKeyPath). The private key
    /// never reaches the pipeline or any stream; the file is created before the request, so a bad path cannot lose it.
    /// </summary>
    [KalshiOperation("CreateApiKey", "GenerateApiKey")]
    [Cmdlet(VerbsCommon.New, "KalshiApiKey", HelpUri = HelpUris.Root + "New-KalshiApiKey.md", DefaultParameterSetName = PathSet, SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(KalshiNewApiKey))]
    public sealed class NewKalshiApiKeyCommand : KalshiCmdlet
    {
        private const string PathSet = "PublicKeyPath";
        private const string TextSet = "PublicKey";
        private const string GenerateSet = "Generate";

        [Parameter(Mandatory = true, Position = 0)]
        [ValidateNotNullOrEmpty]
        public string Name { get; set; }

        [Parameter(ParameterSetName = PathSet, Mandatory = true)]
        [ValidateNotNullOrEmpty]
        public string PublicKeyPath { get; set; }

        [Parameter(ParameterSetName = TextSet, Mandatory = true)]
        [ValidateNotNullOrEmpty]
        public string PublicKey { get; set; }

        [Parameter(ParameterSetName = GenerateSet, Mandatory = true)]
        public SwitchParameter Generate { get; set; }

        /// <summary>The new file for the generated private key (must not exist yet).</summary>
        [Parameter(ParameterSetName = GenerateSet, Mandatory = true)]
        [ValidateNotNullOrEmpty]
        public string PrivateKeyPath { get; set; }

        [Parameter]
        public KalshiApiKeyScope[] Scope { get; set; }

        [Parameter]
        [ValidateRange(0, 63)]
        public int? Subaccount { get; set; }

        protected override void EndProcessing()
        {
            var name = Name.Trim();
            if (ParameterSetName == GenerateSet) { GenerateKey(name); return; }
            var pem = ParameterSetName == TextSet ? PublicKey : ReadPublicKeyFile();
            if (pem == null) return;
            var problem = PublicKeyProblem(pem);
            if (problem != null) { WriteError(ErrorRecords.From(new ArgumentException(problem), null)); return; }
            if (!ShouldProcess($"API key '{name}' with your public key", "Register Kalshi API key")) return;
            var created = RunAsync(ct => new ApiKeysApi(ActiveSession).CreateAsync(name, pem.Trim() + "\n", Scope, Subaccount, ct));
            WriteObject(new KalshiNewApiKey { ApiKeyId = created.ApiKeyId, Name = name, Kind = "Registered", Warning = created.Warning });
            if (created.Warning != null) WriteWarning("Kalshi: " + created.Warning);
        }

        private string ReadPublicKeyFile()
        {
            var path = GetUnresolvedProviderPathFromPSPath(PublicKeyPath);
            try { return File.ReadAllText(path); }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
            {
                WriteError(new ErrorRecord(new IOException($"The public key file '{path}' cannot be read: {e.Message}", e), "KalshiPublicKeyUnreadable", ErrorCategory.ReadError, path));
                return null;
            }
        }

        /// <summary>Only a public key may go to Kalshi: a private key given by mistake is refused before anything is sent.</summary>
        internal static string PublicKeyProblem(string pem)
        {
            if (pem.IndexOf("PRIVATE KEY", StringComparison.Ordinal) >= 0)
                return "That is a private key; Kalshi needs only the public half, and a private key must never be sent. Export the public key (openssl rsa -in key.pem -pubout -out key.pub.pem) and pass that. Nothing was sent.";
            if (pem.IndexOf("-----BEGIN PUBLIC KEY-----", StringComparison.Ordinal) < 0 && pem.IndexOf("-----BEGIN RSA PUBLIC KEY-----", StringComparison.Ordinal) < 0)
                return "The public key is not PEM text: expected a block labelled 'PUBLIC KEY' (or 'RSA PUBLIC KEY'), e.g. from openssl rsa -in key.pem -pubout. Nothing was sent.";
            return null;
        }

        private void GenerateKey(string name)
        {
            var path = GetUnresolvedProviderPathFromPSPath(PrivateKeyPath);
            var folder = Path.GetDirectoryName(path);
            if (string.IsNullOrEmpty(folder) || !Directory.Exists(folder))
            {
                WriteError(new ErrorRecord(new DirectoryNotFoundException($"The folder of -PrivateKeyPath '{path}' does not exist; create it first. Nothing was sent."), "KalshiPrivateKeyPathInvalid", ErrorCategory.ObjectNotFound, path));
                return;
            }
            if (File.Exists(path) || Directory.Exists(path))
            {
                WriteError(new ErrorRecord(new IOException($"'{path}' already exists; KalshiPS never overwrites a key file. Choose a new -PrivateKeyPath. Nothing was sent."), "KalshiPrivateKeyPathExists", ErrorCategory.ResourceExists, path));
                return;
            }
            if (!ShouldProcess($"API key '{name}' (private key to {path})", "Generate Kalshi API key")) return;

            FileStream file;
            try { file = OwnerOnlyFile.CreateNew(path); } // before the request: the key cannot be fetched again
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
            {
                WriteError(new ErrorRecord(new IOException(e.Message + " Nothing was sent.", e), "KalshiPrivateKeyPathInvalid", ErrorCategory.WriteError, path));
                return;
            }
            bool written = false, usable = true;
            GeneratedApiKey generated = null;
            try
            {
                generated = RunAsync(ct => new ApiKeysApi(ActiveSession).CreateAsync(name, null, Scope, Subaccount, ct));
                if (generated?.PrivateKey == null || generated.PrivateKey.IsEmpty)
                {
                    var id = generated?.ApiKeyId ?? "(unknown)";
                    ThrowTerminatingError(new ErrorRecord(new InvalidOperationException(
                        $"Kalshi made API key {id} ('{name}') but its private key was not received, so the key cannot be used. Remove it with Remove-KalshiApiKey -ApiKeyId {id} and generate a new one."),
                        "KalshiPrivateKeyNotReceived", ErrorCategory.InvalidResult, id));
                }
                generated.PrivateKey.WriteTo(file);
                written = true;
                usable = generated.PrivateKey.IsUsableRsaKey;
            }
            finally
            {
                file.Dispose();
                if (!written) TryDelete(path);
                generated?.PrivateKey?.Forget();
            }
            if (OwnerOnlyFile.IsUnix) WriteVerbose($"Wrote the private key of API key {generated.ApiKeyId} to {path} (mode 0600).");
            else WriteWarning($"The private key of API key {generated.ApiKeyId} is in {path}; on Windows the file has its folder's permissions: keep it in a folder only you can read.");
            if (!usable) WriteWarning($"The private key Kalshi sent for API key {generated.ApiKeyId} does not read as an RSA private key; it was saved to {path} as received. If Connect-Kalshi refuses it, remove the key and generate a new one.");
            WriteObject(new KalshiNewApiKey { ApiKeyId = generated.ApiKeyId, Name = name, Kind = "Generated", PrivateKeyPath = path, Warning = generated.Warning });
            if (generated.Warning != null) WriteWarning("Kalshi: " + generated.Warning);
        }

        private static void TryDelete(string path)
        {
            try { if (File.Exists(path) && new FileInfo(path).Length == 0) File.Delete(path); }
            catch (IOException) { }
            catch (UnauthorizedAccessException) { }
        }
    }
}
