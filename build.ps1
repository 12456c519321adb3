#requires -Version 7.2
<#
.SYNOPSIS
    Builds, tests, documents and stages KalshiPS (for machines with pwsh; without pwsh use the dotnet commands below).
.DESCRIPTION
    Build  dotnet build KalshiPS.sln (stages module/KalshiPS.dll and module/Dependencies/)
    Test   dotnet test (unit, sandbox and runspace tests), then the Pester specs in tests/Pester when Pester 5 is installed
    Help   regenerates module/en-US/KalshiPS.dll-Help.xml from docs/help/*.md   (dotnet run --project tools/KalshiPS.Tools -- help)
    Stage  writes out/KalshiPS/<version>/ ready for Publish-PSResource        (dotnet run --project tools/KalshiPS.Tools -- stage)
    All    Build, Help, Test, Stage
.EXAMPLE
    ./build.ps1 -Task All -Configuration Release
.EXAMPLE
    ./build.ps1 -Task Stage; Publish-PSResource -Path ./out/KalshiPS/0.1.0 -ApiKey $key
#>
[CmdletBinding()]
param(
    [ValidateSet('Build', 'Test', 'Stage', 'Help', 'All')]
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
    $tools = @('run', '--project', 'tools/KalshiPS.Tools', '-c', $Configuration, '--')
    $all = $Task -contains 'All'

    if ($all -or $Task -contains 'Build') {
        Invoke-Dotnet build KalshiPS.sln -c $Configuration
    }
    if ($all -or $Task -contains 'Help') {
        Invoke-Dotnet @tools help
    }
    if ($all -or $Task -contains 'Test') {
        Invoke-Dotnet test KalshiPS.sln -c $Configuration
        $pester = Get-Module -ListAvailable Pester | Where-Object Version -ge '5.0' | Sort-Object Version -Descending | Select-Object -First 1
        if ($pester) {
            Import-Module $pester
            $config = New-PesterConfiguration
            $config.Run.Path = Join-Path $PSScriptRoot 'tests/Pester'
            $config.Run.Exit = $false
            $config.Run.PassThru = $true
            $config.Output.Verbosity = 'Detailed'
            $result = Invoke-Pester -Configuration $config
            if ($result.FailedCount -gt 0) { throw "$($result.FailedCount) Pester test(s) failed" }
        }
        else {
            Write-Warning 'Pester 5 is not installed: skipping tests/Pester (Install-PSResource Pester).'
        }
    }
    if ($all -or $Task -contains 'Stage') {
        Invoke-Dotnet @tools stage --output $Output
        $version = ([xml](Get-Content Directory.Build.props -Raw)).Project.PropertyGroup.KalshiPSVersion | Where-Object { $_ } | Select-Object -First 1
        $staged = Join-Path $Output "KalshiPS/$($version.Split('-')[0])"
        Test-ModuleManifest -Path (Join-Path $staged 'KalshiPS.psd1') | Format-List Name, Version, ModuleBase
    }
}
finally {
    Pop-Location
}
