#requires -Version 7.4
<#
.SYNOPSIS
    The Gallery path, as a user meets it: publish the staged folder to a local PSResourceGet repository, install it
    into a fresh module path, and in a fresh pwsh import KalshiPS by name and run commands against a sandbox.
.DESCRIPTION
    Run in real pwsh after staging (dotnet run --project tools/KalshiPS.Tools -- stage). Nothing touches the user's own
    module folders or repository list: every pwsh it starts has HOME (so the CurrentUser module path and PSResourceGet's
    repository store) and PSModulePath in a temporary folder. Ends with "gallery: N passed, N failed"; exit 1 on a failure.
.EXAMPLE
    dotnet tool run pwsh -NoProfile -File tests/Gallery/install-test.ps1
#>
[CmdletBinding()]
param(
    # The staged Gallery folder (out/KalshiPS/<version>).
    [string] $Path
)
$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest
$repo = (Resolve-Path (Join-Path $PSScriptRoot '../..')).Path
if (-not $Path) {
    $version = ([xml](Get-Content (Join-Path $repo 'Directory.Build.props') -Raw)).Project.PropertyGroup.KalshiPSVersion |
        Where-Object { $_ } | Select-Object -First 1
    $Path = Join-Path $repo "out/KalshiPS/$($version.Split('-')[0])"
}
if (-not (Test-Path (Join-Path $Path 'KalshiPS.psd1'))) { throw "No staged module at ${Path}: run dotnet run --project tools/KalshiPS.Tools -- stage" }
. (Join-Path $repo 'tests/Pester/SandboxFixture.ps1')

$script:passed = 0; $script:failed = 0
function Check([string] $Name, [scriptblock] $Test) {
    try { & $Test; $script:passed++; Write-Host "  passed  $Name" }
    catch { $script:failed++; Write-Host "  FAILED  $Name`n          $($_.Exception.Message)" }
}

# A pwsh of its own: the same pwsh as this one (the dotnet tool runs as `dotnet pwsh.dll`), given a script to run.
function Invoke-FreshPwsh([string] $Script) {
    $exe = [Environment]::ProcessPath
    [string[]] $prefix = if ([IO.Path]::GetFileNameWithoutExtension($exe) -eq 'dotnet') { Join-Path $PSHOME 'pwsh.dll' } else { @() }
    $out = & $exe @prefix -NoProfile -NonInteractive -Command $Script 2>&1 | ForEach-Object { "$_" }
    [pscustomobject]@{ ExitCode = $LASTEXITCODE; Output = @($out) }
}

$work = Join-Path ([IO.Path]::GetTempPath()) "kalships-gallery-$([guid]::NewGuid())"
$feed = Join-Path $work 'feed'
$modules = Join-Path $work 'modules'
New-Item -ItemType Directory -Path $feed, $modules, (Join-Path $work 'home') | Out-Null
$saved = @{}
foreach ($name in 'HOME', 'PSModulePath', 'XDG_DATA_HOME', 'XDG_CONFIG_HOME', 'XDG_CACHE_HOME', 'KALSHI_BASE_URI', 'KALSHI_WS_URI', 'KALSHI_API_KEY_ID', 'KALSHI_PRIVATE_KEY_PATH', 'KALSHI_PRIVATE_KEY', 'KALSHI_ENVIRONMENT') {
    $saved[$name] = [Environment]::GetEnvironmentVariable($name)
}
$sandbox = $null
try {
    # Built and started with the real HOME (dotnet finds its NuGet cache there).
    $sandbox = Start-KalshiSandboxProcess
    # Fresh user: its CurrentUser module path is $work/home/.local/share/powershell/Modules (Documents\PowerShell on Windows).
    $env:HOME = Join-Path $work 'home'
    $env:USERPROFILE = $env:HOME
    $env:PSModulePath = $modules
    'XDG_DATA_HOME', 'XDG_CONFIG_HOME', 'XDG_CACHE_HOME', 'KALSHI_PRIVATE_KEY', 'KALSHI_ENVIRONMENT' | ForEach-Object { [Environment]::SetEnvironmentVariable($_, $null) }

    Write-Host "Publishing $Path to a local repository, installing into $work"
    # From $work: Publish-PSResource leaves a NuGet/NuGet.Config in the current folder.
    Push-Location $work
    $install = Invoke-FreshPwsh @"
`$ErrorActionPreference = 'Stop'
Register-PSResourceRepository -Name KalshiPSLocal -Uri '$feed' -Trusted
Publish-PSResource -Path '$Path' -Repository KalshiPSLocal
Install-PSResource -Name KalshiPS -Repository KalshiPSLocal -Scope CurrentUser -TrustRepository
(Get-InstalledPSResource -Name KalshiPS).InstalledLocation
"@
    Check 'Publish-PSResource and Install-PSResource succeed' {
        if ($install.ExitCode -ne 0) { throw "exit $($install.ExitCode): $($install.Output -join "`n")" }
    }
    Check 'the local feed holds the package' {
        if (-not (Get-ChildItem $feed -Filter 'KalshiPS.*.nupkg')) { throw "no KalshiPS nupkg in $feed" }
    }

    $env:KALSHI_BASE_URI = $sandbox.RestUri
    $env:KALSHI_WS_URI = $sandbox.WebSocketUri
    $env:KALSHI_API_KEY_ID = $sandbox.ApiKeyId
    $env:KALSHI_PRIVATE_KEY_PATH = $sandbox.PrivateKeyPath

    # Tab-separated facts, one per line, so nothing depends on the view formatting.
    $use = Invoke-FreshPwsh @'
$ErrorActionPreference = 'Stop'
Import-Module KalshiPS
$m = Get-Module KalshiPS
"base`t$($m.ModuleBase)"
"version`t$($m.Version)"
"commands`t$((Get-Command -Module KalshiPS).Count)"
"synopsis`t$((Get-Help Get-KalshiMarket).Synopsis)"
Connect-Kalshi
$markets = @(Get-KalshiMarket -Status Open -First 3)
"markets`t$($markets.Count)"
"book`t$((Get-KalshiOrderbook -Ticker $markets[0].Ticker -Depth 3).Ticker -eq $markets[0].Ticker)"
"balance`t$((Get-KalshiBalance).Balance)"
"table`t$(($markets | Format-Table | Out-String -Width 120) -match 'Ticker')"
"csv`t$(@($markets | ConvertTo-Csv -NoTypeInformation).Count)"
'@
    $facts = @{}
    foreach ($line in $use.Output) { $k, $v = "$line" -split "`t", 2; if ($null -ne $v) { $facts[$k] = $v } }
    function Fact([string] $Name) { if (-not $facts.ContainsKey($Name)) { throw "no '$Name' from the fresh pwsh (exit $($use.ExitCode)):`n$($use.Output -join "`n")" }; $facts[$Name] }

    Check 'a fresh pwsh imports KalshiPS by name from the installed folder' {
        $base = Fact 'base'
        if (-not $base.StartsWith($work)) { throw "imported from $base, not from the fresh module path under $work" }
    }
    Check 'the installed version is the staged one' {
        $staged = (Import-PowerShellDataFile (Join-Path $Path 'KalshiPS.psd1')).ModuleVersion
        if ((Fact 'version') -ne $staged) { throw "installed $(Fact 'version'), staged $staged" }
    }
    Check 'every cmdlet of the manifest is exported' {
        $expected = @((Import-PowerShellDataFile (Join-Path $Path 'KalshiPS.psd1')).CmdletsToExport).Count
        if ([int](Fact 'commands') -ne $expected) { throw "$(Fact 'commands') commands, manifest lists $expected" }
    }
    Check 'help ships with the module' {
        if ((Fact 'synopsis') -notmatch 'markets') { throw "synopsis was '$(Fact 'synopsis')'" }
    }
    Check 'Get-KalshiMarket and Get-KalshiOrderbook read the sandbox' {
        if ((Fact 'markets') -ne '3') { throw "$(Fact 'markets') markets" }
        if ((Fact 'book') -ne 'True') { throw 'the book is for another ticker' }
    }
    Check 'Get-KalshiBalance signs with the KALSHI_* key' {
        if (-not [decimal]::TryParse((Fact 'balance'), [Globalization.NumberStyles]::Number, [cultureinfo]::InvariantCulture, [ref] $null)) { throw "balance was '$(Fact 'balance')'" }
        if ([decimal]::Parse((Fact 'balance'), [cultureinfo]::InvariantCulture) -le 0) { throw "balance was $(Fact 'balance')" }
    }
    Check 'views and exports work in the installed module' {
        if ((Fact 'table') -ne 'True') { throw 'Format-Table shows no Ticker column' }
        if ([int](Fact 'csv') -ne 4) { throw "ConvertTo-Csv gave $(Fact 'csv') lines for 3 markets" }
    }
    Check 'the fresh pwsh ended without an error' {
        if ($use.ExitCode -ne 0) { throw "exit $($use.ExitCode):`n$($use.Output -join "`n")" }
    }
}
finally {
    if ($sandbox) {
        Check 'the sandbox stopped' { Stop-KalshiSandbox $sandbox }
    }
    Pop-Location
    foreach ($kv in $saved.GetEnumerator()) { [Environment]::SetEnvironmentVariable($kv.Key, $kv.Value) }
    if ($IsWindows) { $env:USERPROFILE = $saved['HOME'] } else { Remove-Item env:USERPROFILE -ErrorAction Ignore }
    Remove-Item -Recurse -Force $work -ErrorAction SilentlyContinue
}
"gallery: $script:passed passed, $script:failed failed"
exit ([int]($script:failed -gt 0))
