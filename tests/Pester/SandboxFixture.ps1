# Shared by the Pester specs: starts a KalshiPS sandbox process on a free loopback port, imports ./KalshiPS.psd1 and
# connects to it; Stop-KalshiSandbox kills that process (and anything it started), waits for it and throws when it is
# still there, so no spec leaves a server behind. Run by .ci/run and build.ps1 (-Task Test or Pester) in real pwsh.
# The sandbox is built once per pwsh process, in $env:KALSHIPS_CONFIGURATION (Debug unless build.ps1 says otherwise).

function Get-KalshiSandboxAssembly {
    $repo = (Resolve-Path (Join-Path $PSScriptRoot '../..')).Path
    $configuration = if ($env:KALSHIPS_CONFIGURATION) { $env:KALSHIPS_CONFIGURATION } else { 'Debug' }
    $dll = Join-Path $repo "src/KalshiPS.Sandbox/bin/$configuration/net10.0/KalshiPS.Sandbox.dll"
    if ((Get-Variable -Scope Global -Name KalshiPSSandboxBuilt -ValueOnly -ErrorAction Ignore) -ne $dll) {
        # Up to date after `dotnet test`/`dotnet build`, so this is a quick no-op there; builds the module too.
        $output = & dotnet build (Join-Path $repo 'src/KalshiPS.Sandbox') -c $configuration -nologo -v q -nodeReuse:false 2>&1
        if ($LASTEXITCODE -ne 0) { throw "dotnet build src/KalshiPS.Sandbox failed:`n$($output -join "`n")" }
        $global:KalshiPSSandboxBuilt = $dll
    }
    $dll
}

# The server alone: a process on a free port and its connection facts (RestUri, WebSocketUri, ApiKeyId, PrivateKeyPath,
# and its FIX gateway: FixHost, FixPorts by TargetCompID, FixCertificatePath, FixCertificateSha256).
function Start-KalshiSandboxProcess {
    param([string[]] $ArgumentList = @())
    $dll = Get-KalshiSandboxAssembly
    $keyDir = Join-Path ([IO.Path]::GetTempPath()) "kalships-pester-$([guid]::NewGuid())"
    New-Item -ItemType Directory -Path $keyDir | Out-Null
    $log = Join-Path $keyDir 'sandbox.log'
    # `dotnet <dll>` rather than `dotnet run`: one process, the server itself, whose id we hold.
    $process = Start-Process dotnet -ArgumentList (@($dll, '--port', '0', '--key-dir', $keyDir) + $ArgumentList) `
        -RedirectStandardOutput $log -RedirectStandardError (Join-Path $keyDir 'sandbox.err') -PassThru -NoNewWindow
    try {
        $deadline = [datetime]::UtcNow.AddMinutes(2)
        while (-not (Select-String -Path $log -Pattern '^Connect-Kalshi ' -Quiet -ErrorAction SilentlyContinue)) {
            if ([datetime]::UtcNow -gt $deadline -or $process.HasExited) {
                throw "The sandbox did not start: $(Get-Content -Raw $log -ErrorAction SilentlyContinue) $(Get-Content -Raw (Join-Path $keyDir 'sandbox.err') -ErrorAction SilentlyContinue)"
            }
            Start-Sleep -Milliseconds 200
        }
        $info = Get-Content $log
        function Field([string] $label) { ($info | Select-String -Pattern "^\s+$label\s+(\S+)").Matches[0].Groups[1].Value }
        # FIX listeners: "  FIX      tls://127.0.0.1:PORT  KalshiNR" per session, then "  FIX cert PATH (SHA-256 HEX)".
        $fixPorts = @{}
        foreach ($m in ($info | Select-String -Pattern '^\s+FIX\s+tls://([^:\s]+):(\d+)\s+(\S+)').Matches) { $fixPorts[$m.Groups[3].Value] = $m.Groups[2].Value; $fixHost = $m.Groups[1].Value }
        $fixCert = ($info | Select-String -Pattern '^\s+FIX cert (\S+) \(SHA-256 ([0-9a-fA-F]+)\)').Matches
        $sandbox = [pscustomobject]@{
            Process        = $process
            KeyDirectory   = $keyDir
            RestUri        = Field 'REST'
            WebSocketUri   = Field 'WS'
            ApiKeyId       = Field 'Key id'
            PrivateKeyPath = Field 'Key file'
            FixHost        = $fixHost
            FixPorts       = $fixPorts
            FixCertificatePath   = if ($fixCert) { $fixCert[0].Groups[1].Value }
            FixCertificateSha256 = if ($fixCert) { $fixCert[0].Groups[2].Value }
        }
        $sandbox
    }
    catch {
        Stop-SandboxProcess $process
        throw
    }
}

# The server, with ./KalshiPS.psd1 imported and connected to it.
function Start-KalshiSandbox {
    param([string[]] $ArgumentList = @())
    $sandbox = Start-KalshiSandboxProcess -ArgumentList $ArgumentList
    try {
        Import-Module (Join-Path $PSScriptRoot '../../KalshiPS.psd1') -Force
        Connect-Kalshi -BaseUri $sandbox.RestUri -WebSocketUri $sandbox.WebSocketUri -ApiKeyId $sandbox.ApiKeyId -PrivateKeyPath $sandbox.PrivateKeyPath
    }
    catch {
        Stop-KalshiSandbox $sandbox
        throw
    }
    $sandbox
}

function Stop-SandboxProcess([System.Diagnostics.Process] $Process) {
    if (-not $Process.HasExited) { $Process.Kill($true) }
    if (-not $Process.WaitForExit(15000)) { throw "The sandbox process $($Process.Id) is still running 15 s after it was killed." }
}

function Stop-KalshiSandbox([Parameter(Mandatory)] [AllowNull()] $Sandbox) {
    if ($null -eq $Sandbox) { return }   # the spec's BeforeAll failed before a server was started: nothing to stop
    if (Get-Command Disconnect-Kalshi -ErrorAction Ignore) { Disconnect-Kalshi -Confirm:$false -ErrorAction SilentlyContinue }
    Stop-SandboxProcess $Sandbox.Process
    Remove-Item -Recurse -Force $Sandbox.KeyDirectory -ErrorAction SilentlyContinue
}
