# Runs every examples/*.ps1 against a sandbox in real pwsh, as a user would after Import-Module. (.ci/run also runs
# each one through the sandbox runner, which hosts the same engine.)
BeforeAll {
    . (Join-Path $PSScriptRoot 'SandboxFixture.ps1')
    $script:sandbox = Start-KalshiSandbox
    $env:KALSHI_BASE_URI = $script:sandbox.RestUri
    $env:KALSHI_WS_URI = $script:sandbox.WebSocketUri
    $env:KALSHI_API_KEY_ID = $script:sandbox.ApiKeyId
    $env:KALSHI_PRIVATE_KEY_PATH = $script:sandbox.PrivateKeyPath
    # The FIX gateway, as the sandbox runner publishes it (examples/fix-roundtrip.ps1).
    $script:fixVariables = @{
        KALSHI_FIX_HOST = $script:sandbox.FixHost
        KALSHI_FIX_ORDER_ENTRY_PORT = $script:sandbox.FixPorts['KalshiNR']
        KALSHI_FIX_RETRANSMIT_PORT = $script:sandbox.FixPorts['KalshiRT']
        KALSHI_FIX_DROP_COPY_PORT = $script:sandbox.FixPorts['KalshiDC']
        KALSHI_FIX_MARKET_DATA_PORT = $script:sandbox.FixPorts['KalshiMD']
        KALSHI_FIX_CERTIFICATE_PATH = $script:sandbox.FixCertificatePath
        KALSHI_FIX_CERTIFICATE_SHA256 = $script:sandbox.FixCertificateSha256
        KALSHI_FIX_SEQUENCE_PATH = Join-Path $script:sandbox.KeyDirectory 'fix-sequences'
    }
    foreach ($kv in $script:fixVariables.GetEnumerator()) { Set-Item "env:$($kv.Key)" $kv.Value }
}

AfterAll {
    Stop-KalshiSandbox $script:sandbox
    @('KALSHI_BASE_URI', 'KALSHI_WS_URI', 'KALSHI_API_KEY_ID', 'KALSHI_PRIVATE_KEY_PATH') + @($script:fixVariables.Keys) | ForEach-Object { Remove-Item "env:$_" -ErrorAction SilentlyContinue }
}

Describe 'examples/<_>' -ForEach (Get-ChildItem (Join-Path $PSScriptRoot '../../examples') -Filter *.ps1 | ForEach-Object Name) {
    It 'runs without errors' {
        $errors = $null
        $out = & (Join-Path $PSScriptRoot "../../examples/$_") -ErrorVariable errors 6>&1
        $errors | Should -BeNullOrEmpty
        $out | Should -Not -BeNullOrEmpty
    }
}

Describe 'examples/market-scan.ps1' {
    It 'writes flat CSV rows with decimal prices' {
        $csv = Join-Path $TestDrive 'scan.csv'
        & (Join-Path $PSScriptRoot '../../examples/market-scan.ps1') -Path $csv | Out-Null
        $rows = Import-Csv $csv
        $rows.Count | Should -BeGreaterThan 0
        $rows[0].PSObject.Properties.Name | Should -Be @('Ticker', 'Title', 'YesBid', 'YesAsk', 'Spread', 'Volume', 'CloseTime')
        [decimal]::Parse($rows[0].Spread, [cultureinfo]::InvariantCulture) | Should -BeGreaterOrEqual 0
    }
}
