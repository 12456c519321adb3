# The KalshiPS side of bench/run (see bench/README.md): runs in real pwsh, prints "RESULT <name> <wall ms> <cpu ms> [extra]".
param(
    [Parameter(Mandatory)] [string] $Module,
    [Parameter(Mandatory)] [string] $BaseUri,
    [Parameter(Mandatory)] [string] $KeyPath,
    [ValidateSet('lists', 'serve-lists', 'stream', 'startup', 'startup-validated', 'startup-bare')] [string] $Scenario = 'lists',
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

# Best of the runs, not the median: on a shared machine noise only ever adds time (bench/README.md).
function Write-Best([string] $Name, [object[]] $Samples, [string] $Extra = '') {
    $wall = ($Samples.Wall | Measure-Object -Minimum).Minimum
    $cpu = ($Samples.Cpu | Measure-Object -Minimum).Minimum
    '{0} {1} {2:0.0} {3:0.0} {4}' -f 'RESULT', $Name, $wall, $cpu, $Extra
}

if ($Scenario -eq 'startup') {
    # A fresh process: Import-Module, then the first call of the session against a later identical one.
    # An interactive pwsh has imported PSReadLine before the user types anything, which pays the engine's own
    # first-module cost (module analysis, manifest evaluation, format loading code: ~70 ms of JIT here for an empty
    # manifest). Import it first so the number is what KalshiPS adds; the host's own import is reported beside it.
    $sw = [System.Diagnostics.Stopwatch]::StartNew()
    Import-Module PSReadLine -ErrorAction SilentlyContinue
    $hostImport = $sw.Elapsed.TotalMilliseconds
    $sw.Restart()
    Import-Module $Module
    $import = $sw.Elapsed.TotalMilliseconds
    '{0} host-import {1:0.0} 0' -f 'RESULT', $hostImport
    Connect-Kalshi -BaseUri $BaseUri -ApiKeyId bench -PrivateKeyPath $KeyPath -ReadRate 1000000 -SkipValidation
    $sw.Restart(); $null = Get-KalshiFill -PageSize 1 -First 1; $first = $sw.Elapsed.TotalMilliseconds
    $sw.Restart(); $null = Get-KalshiFill -PageSize 1 -First 1; $second = $sw.Elapsed.TotalMilliseconds
    '{0} import {1:0.0} 0' -f 'RESULT', $import
    '{0} first-call {1:0.0} {2:0.0}' -f 'RESULT', $first, $second
    return
}

if ($Scenario -eq 'startup-validated') {
    # The default Connect-Kalshi checks the key with one signed request before it returns; then the user's first call.
    Import-Module PSReadLine -ErrorAction SilentlyContinue
    Import-Module $Module
    $sw = [System.Diagnostics.Stopwatch]::StartNew()
    Connect-Kalshi -BaseUri $BaseUri -ApiKeyId bench -PrivateKeyPath $KeyPath -ReadRate 1000000
    $connect = $sw.Elapsed.TotalMilliseconds
    $sw.Restart(); $null = Get-KalshiFill -PageSize 1 -First 1; $first = $sw.Elapsed.TotalMilliseconds
    $sw.Restart(); $null = Get-KalshiFill -PageSize 1 -First 1; $second = $sw.Elapsed.TotalMilliseconds
    '{0} connect-validated {1:0.0} 0' -f 'RESULT', $connect
    '{0} first-call-validated {1:0.0} {2:0.0}' -f 'RESULT', $first, $second
    return
}

if ($Scenario -eq 'startup-bare') {
    # The runtime's own share of a first call: a bare HttpClient's first GET in a fresh pwsh against a later one.
    Import-Module PSReadLine -ErrorAction SilentlyContinue
    $client = [System.Net.Http.HttpClient]::new()
    $url = $BaseUri.TrimEnd('/') + '/portfolio/fills?limit=1'
    $sw = [System.Diagnostics.Stopwatch]::StartNew(); $null = $client.GetStringAsync($url).GetAwaiter().GetResult(); $first = $sw.Elapsed.TotalMilliseconds
    $sw.Restart(); $null = $client.GetStringAsync($url).GetAwaiter().GetResult(); $second = $sw.Elapsed.TotalMilliseconds
    '{0} bare-first-call {1:0.0} {2:0.0}' -f 'RESULT', $first, $second
    return
}

Import-Module $Module
# The "-anon" listings run from an anonymous session (nothing signed; the floor signs nothing for them either); the
# default session, made after it, is the authenticated one every other row uses.
$anonymous = Connect-Kalshi -BaseUri $BaseUri -ReadRate 1000000 -SkipValidation -PassThru
Connect-Kalshi -BaseUri $BaseUri -ApiKeyId bench -PrivateKeyPath $KeyPath -ReadRate 1000000 -SkipValidation

if ($Scenario -eq 'stream') {
    $tickers = 0..($Markets - 1) | ForEach-Object { 'KXFLOOD-{0:D3}' -f $_ }
    $lastSeq = $Markets + $Deltas
    $samples = @()
    $heap = [GC]::GetTotalMemory($true); $process.Refresh(); $before = $process.WorkingSet64
    # The first stream of the process (tiered JIT at work) is reported on its own; the judged runs follow it.
    for ($i = 0; $i -lt $Warmup; $i++) {
        $cold = Measure-Run { $null = Watch-KalshiOrderbook -Ticker $tickers | Where-Object Sequence -ge $lastSeq | Select-Object -First 1 }
        if ($i -eq 0) { Write-Best "stream-$Markets-cold" @($cold) }
    }
    for ($i = 0; $i -lt $Runs; $i++) {
        $samples += Measure-Run {
            $script:final = Watch-KalshiOrderbook -Ticker $tickers | Where-Object Sequence -ge $lastSeq | Select-Object -First 1
        }
    }
    $retained = ([GC]::GetTotalMemory($true) - $heap) / 1MB
    $process.Refresh()
    $peak = ($process.PeakWorkingSet64 - $before) / 1MB
    $size = ($script:final.YesBids | Select-Object -First 1).Size
    Write-Best "stream-$Markets" $samples ('heap {0:+0.0;-0.0} MB, peak working set {1:+0.0} MB, best Yes bid size {2}' -f $retained, $peak, $size)
    return
}

$commands = [ordered]@{
    markets   = { $script:all = Get-KalshiMarket -PageSize 1000 }
    fills     = { $script:all = Get-KalshiFill -PageSize 1000 }
    orders    = { $script:all = Get-KalshiOrder -PageSize 1000 }
    trades    = { $script:all = Get-KalshiTrade -PageSize 1000 }
    positions = { $script:all = Get-KalshiPosition -PageSize 1000 }
    'markets-anon' = { $script:all = Get-KalshiMarket -PageSize 1000 -Session $anonymous }
    'trades-anon'  = { $script:all = Get-KalshiTrade -PageSize 1000 -Session $anonymous }
}
if ($Scenario -eq 'serve-lists') {
    # bench/run's lockstep mode: one listing per line on stdin ("fills"), one RESULT line each; stops at end of input.
    while ($null -ne ($name = [Console]::In.ReadLine())) {
        $name = $name.Trim()
        if (-not $name) { continue }
        $sample = Measure-Run $commands[$name]
        [Console]::Out.WriteLine(('{0} {1} {2:0.0} {3:0.0} {4}' -f 'RESULT', "list-$name", $sample.Wall, $sample.Cpu, ("items={0}" -f $script:all.Count)))
        [Console]::Out.Flush()
        $script:all = $null
    }
    return
}

foreach ($name in $commands.Keys) {
    for ($i = 0; $i -lt $Warmup; $i++) { $null = Measure-Run $commands[$name] }
    $samples = for ($i = 0; $i -lt $Runs; $i++) { Measure-Run $commands[$name] }
    Write-Best "list-$name" $samples ("items={0}" -f $script:all.Count)
    $script:all = $null
}
