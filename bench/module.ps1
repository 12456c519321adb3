# The KalshiPS side of bench/run (see bench/README.md): runs in real pwsh, prints "RESULT <name> <wall ms> <cpu ms> [extra]".
param(
    [Parameter(Mandatory)] [string] $Module,
    [Parameter(Mandatory)] [string] $BaseUri,
    [Parameter(Mandatory)] [string] $KeyPath,
    [ValidateSet('lists', 'stream', 'startup')] [string] $Scenario = 'lists',
    [int] $Runs = 7,
    [int] $Warmup = 2,
    [int] $Deltas = 1000000,
    [int] $Markets = 1
)
$ErrorActionPreference = 'Stop'
$process = [System.Diagnostics.Process]::GetCurrentProcess()

function Measure-Run([scriptblock] $Work) {
    [GC]::Collect(); [GC]::WaitForPendingFinalizers()
    $process.Refresh(); $cpu = $process.TotalProcessorTime
    $sw = [System.Diagnostics.Stopwatch]::StartNew()
    $null = & $Work
    $sw.Stop(); $process.Refresh()
    [pscustomobject]@{ Wall = $sw.Elapsed.TotalMilliseconds; Cpu = ($process.TotalProcessorTime - $cpu).TotalMilliseconds }
}

function Write-Median([string] $Name, [object[]] $Samples, [string] $Extra = '') {
    $wall = ($Samples.Wall | Sort-Object)[[int][math]::Floor($Samples.Count / 2)]
    $cpu = ($Samples.Cpu | Sort-Object)[[int][math]::Floor($Samples.Count / 2)]
    '{0} {1} {2:0.0} {3:0.0} {4}' -f 'RESULT', $Name, $wall, $cpu, $Extra
}

if ($Scenario -eq 'startup') {
    # A fresh process: Import-Module, then the first call of the session against a later identical one.
    $sw = [System.Diagnostics.Stopwatch]::StartNew()
    Import-Module $Module
    $import = $sw.Elapsed.TotalMilliseconds
    Connect-Kalshi -BaseUri $BaseUri -ApiKeyId bench -PrivateKeyPath $KeyPath -ReadRate 1000000 -SkipValidation
    $sw.Restart(); $null = Get-KalshiFill -PageSize 1 -First 1; $first = $sw.Elapsed.TotalMilliseconds
    $sw.Restart(); $null = Get-KalshiFill -PageSize 1 -First 1; $second = $sw.Elapsed.TotalMilliseconds
    '{0} import {1:0.0} 0' -f 'RESULT', $import
    '{0} first-call {1:0.0} {2:0.0}' -f 'RESULT', $first, $second
    return
}

Import-Module $Module
Connect-Kalshi -BaseUri $BaseUri -ApiKeyId bench -PrivateKeyPath $KeyPath -ReadRate 1000000 -SkipValidation

if ($Scenario -eq 'stream') {
    $tickers = 0..($Markets - 1) | ForEach-Object { 'KXFLOOD-{0:D3}' -f $_ }
    $lastSeq = $Markets + $Deltas
    $samples = @()
    [GC]::Collect(); $process.Refresh(); $before = $process.WorkingSet64
    for ($i = 0; $i -lt $Runs; $i++) {
        $samples += Measure-Run {
            $script:final = Watch-KalshiOrderbook -Ticker $tickers | Where-Object Sequence -ge $lastSeq | Select-Object -First 1
        }
    }
    $process.Refresh()
    $growth = ($process.PeakWorkingSet64 - $before) / 1MB
    $size = ($script:final.YesBids | Select-Object -First 1).Size
    Write-Median "stream-$Markets" $samples ('{0:0.0}MB bestYesSize={1}' -f $growth, $size)
    return
}

$commands = [ordered]@{
    markets   = { $script:all = Get-KalshiMarket -PageSize 1000 }
    fills     = { $script:all = Get-KalshiFill -PageSize 1000 }
    orders    = { $script:all = Get-KalshiOrder -PageSize 1000 }
    trades    = { $script:all = Get-KalshiTrade -PageSize 1000 }
    positions = { $script:all = Get-KalshiPosition -PageSize 1000 }
}
foreach ($name in $commands.Keys) {
    for ($i = 0; $i -lt $Warmup; $i++) { $null = Measure-Run $commands[$name] }
    $samples = for ($i = 0; $i -lt $Runs; $i++) { Measure-Run $commands[$name] }
    Write-Median "list-$name" $samples ("items={0}" -f $script:all.Count)
    $script:all = $null
}
