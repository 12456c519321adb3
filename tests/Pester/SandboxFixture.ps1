# Shared by the Pester specs: starts a KalshiPS sandbox on a free port and connects to it.
# For machines with pwsh and Pester 5 (build.ps1 -Task Test runs them); the hosted engine used by the xunit
# suite lacks Microsoft.PowerShell.Utility, which these specs exist to cover.

function Start-KalshiSandbox {
    $repo = Resolve-Path (Join-Path $PSScriptRoot '../..')
    $keyDir = Join-Path ([IO.Path]::GetTempPath()) "kalships-pester-$([guid]::NewGuid())"
    $port = Get-Random -Minimum 20000 -Maximum 40000
    $log = Join-Path $keyDir 'sandbox.log'
    New-Item -ItemType Directory -Path $keyDir | Out-Null
    $process = Start-Process dotnet -ArgumentList @('run', '--project', "$repo/src/KalshiPS.Sandbox", '--', '--port', $port, '--key-dir', $keyDir) `
        -RedirectStandardOutput $log -PassThru -NoNewWindow
    $deadline = (Get-Date).AddMinutes(3)
    while (-not (Select-String -Path $log -Pattern 'Connect-Kalshi' -Quiet -ErrorAction SilentlyContinue)) {
        if ((Get-Date) -gt $deadline -or $process.HasExited) { throw "The sandbox did not start; see $log" }
        Start-Sleep -Milliseconds 500
    }
    $keyId = (Select-String -Path $log -Pattern 'Key id\s+(\S+)').Matches[0].Groups[1].Value
    $keyFile = (Select-String -Path $log -Pattern 'Key file\s+(\S+)').Matches[0].Groups[1].Value
    Import-Module (Join-Path $repo 'KalshiPS.psd1') -Force
    Connect-Kalshi -BaseUri "http://127.0.0.1:$port/trade-api/v2" -ApiKeyId $keyId -PrivateKeyPath $keyFile
    [pscustomobject]@{ Process = $process; KeyDirectory = $keyDir }
}

function Stop-KalshiSandbox([Parameter(Mandatory)] $Sandbox) {
    Disconnect-Kalshi -ErrorAction SilentlyContinue
    if (-not $Sandbox.Process.HasExited) { Stop-Process -Id $Sandbox.Process.Id -ErrorAction SilentlyContinue }
    Remove-Item -Recurse -Force $Sandbox.KeyDirectory -ErrorAction SilentlyContinue
}
