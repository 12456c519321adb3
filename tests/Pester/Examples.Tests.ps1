# Runs every examples/*.ps1 against a sandbox with the full pwsh engine. The xunit suite and .ci/run run the same
# scripts through the sandbox runner's bare engine, where the ones using Microsoft.PowerShell.Utility report
# "needs pwsh"; this spec is where those are exercised.
BeforeAll {
    . (Join-Path $PSScriptRoot 'SandboxFixture.ps1')
    $script:sandbox = Start-KalshiSandbox
    $session = Get-KalshiSession
    $env:KALSHI_BASE_URI = $session.BaseUri
    $env:KALSHI_WS_URI = $session.WebSocketUri
    $env:KALSHI_API_KEY_ID = $session.ApiKeyId
    $env:KALSHI_PRIVATE_KEY_PATH = (Get-ChildItem $script:sandbox.KeyDirectory -Filter *.pem | Where-Object Name -notlike '*.pub.pem' | Select-Object -First 1).FullName
}

AfterAll {
    Stop-KalshiSandbox $script:sandbox
    'KALSHI_BASE_URI', 'KALSHI_WS_URI', 'KALSHI_API_KEY_ID', 'KALSHI_PRIVATE_KEY_PATH' | ForEach-Object { Remove-Item "env:$_" -ErrorAction SilentlyContinue }
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
