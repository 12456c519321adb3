#requires -Version 7.2
<#
.SYNOPSIS
    Builds, tests, documents and stages KalshiPS (for machines with pwsh; without pwsh use the dotnet commands below).
.DESCRIPTION
    Build   dotnet build KalshiPS.sln (stages module/KalshiPS.dll and module/Dependencies/)
    Help    regenerates module/en-US/KalshiPS.dll-Help.xml from docs/help/*.md   (dotnet run --project tools/KalshiPS.Tools -- help)
    Test    dotnet test KalshiPS.sln (unit, sandbox and runspace tests), then Pester
    Pester  the specs in tests/Pester, with Pester 5.7.1 restored from NuGet (tests/Pester/Pester.Restore.csproj);
            prints "pester: N passed, N failed, N skipped"
    Stage   writes out/KalshiPS/<version>/ from a Release build, ready for Publish-PSResource
            (dotnet run --project tools/KalshiPS.Tools -- stage)
    All     Build, Help, Test, Stage
    Without pwsh on the machine: dotnet tool restore, then dotnet tool run pwsh -File build.ps1 (see .config/dotnet-tools.json).
.EXAMPLE
    ./build.ps1 -Task All
.EXAMPLE
    ./build.ps1 -Task Pester -Configuration Debug
.EXAMPLE
    ./build.ps1 -Task Stage; Publish-PSResource -Path ./out/KalshiPS/0.1.0 -ApiKey $key
#>
[CmdletBinding()]
param(
    [ValidateSet('Build', 'Test', 'Pester', 'Stage', 'Help', 'All')]
    [string[]] $Task = 'All',
    [ValidateSet('Debug', 'Release')]
    [string] $Configuration = 'Release',
    [string] $Output = (Join-Path $PSScriptRoot 'out')
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest
Push-Location $PSScriptRoot
try {
    function Invoke-Dotnet {
        Write-Host "dotnet $($args -join ' ')" -ForegroundColor Cyan
        & dotnet @args
        if ($LASTEXITCODE -ne 0) { throw "dotnet $($args[0]) failed with exit code $LASTEXITCODE" }
    }

    # Pester 5.7.1 from NuGet: the package's tools/ folder is the module. Falls back to an installed Pester 5.
    function Import-Pester {
        & dotnet restore tests/Pester/Pester.Restore.csproj -nologo -v q | Out-Null
        if ($LASTEXITCODE -eq 0) {
            $cache = (& dotnet nuget locals global-packages --list) -replace '^global-packages:\s*', ''
            $manifest = Join-Path $cache.Trim() 'pester/5.7.1/tools/Pester.psd1'
            if (Test-Path $manifest) { return Import-Module $manifest -Force -PassThru }
        }
        $installed = Get-Module -ListAvailable Pester | Where-Object Version -ge '5.0' | Sort-Object Version -Descending | Select-Object -First 1
        if (-not $installed) { throw 'Pester 5 is neither restorable from NuGet nor installed (Install-PSResource Pester).' }
        Import-Module $installed -Force -PassThru
    }

    function Invoke-PesterSpecs {
        # The specs run scripts as users run them: without this script's strict mode.
        Set-StrictMode -Off
        $pester = Import-Pester
        Write-Host "Pester $($pester.Version) from $($pester.ModuleBase)" -ForegroundColor Cyan
        # The specs' sandbox (tests/Pester/SandboxFixture.ps1) is built in this configuration.
        $env:KALSHIPS_CONFIGURATION = $Configuration
        $config = New-PesterConfiguration
        $config.Run.Path = Join-Path $PSScriptRoot 'tests/Pester'
        $config.Run.Exit = $false
        $config.Run.PassThru = $true
        $config.Output.Verbosity = 'Detailed'
        $result = Invoke-Pester -Configuration $config
        # A failed BeforeAll/AfterAll (e.g. a sandbox that did not stop) fails its block or file, not a test: count those too.
        $failed = $result.FailedCount + $result.FailedBlocksCount + $result.FailedContainersCount
        "pester: $($result.PassedCount) passed, $failed failed, $($result.SkippedCount + $result.NotRunCount) skipped"
        if ($failed -gt 0) { throw "$failed Pester test(s), block(s) or file(s) failed" }
        if ($result.PassedCount -eq 0) { throw 'Pester ran no test' }
    }

    # '--' stays quoted below: bare, it is PowerShell's end-of-parameters marker and never reaches dotnet.
    $all = $Task -contains 'All'
    if ($all -or $Task -contains 'Build') {
        Invoke-Dotnet build KalshiPS.sln -c $Configuration
    }
    if ($all -or $Task -contains 'Help') {
        Invoke-Dotnet run --project tools/KalshiPS.Tools -c $Configuration '--' help
    }
    if ($all -or $Task -contains 'Test') {
        Invoke-Dotnet test KalshiPS.sln -c $Configuration
        Invoke-PesterSpecs
    }
    elseif ($Task -contains 'Pester') {
        Invoke-PesterSpecs
    }
    if ($all -or $Task -contains 'Stage') {
        # The tool builds the module in Release before staging it, whatever -Configuration says.
        Invoke-Dotnet run --project tools/KalshiPS.Tools -c $Configuration '--' stage --output $Output
        $version = ([xml](Get-Content Directory.Build.props -Raw)).Project.PropertyGroup.KalshiPSVersion | Where-Object { $_ } | Select-Object -First 1
        $staged = Join-Path $Output "KalshiPS/$($version.Split('-')[0])"
        Test-ModuleManifest -Path (Join-Path $staged 'KalshiPS.psd1') | Format-List Name, Version, ModuleBase
    }
}
finally {
    Pop-Location
}
