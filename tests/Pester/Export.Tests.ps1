#requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0' }
# Export-Csv and ConvertTo-Json round trips in real pwsh, against the sandbox.

BeforeAll {
    . (Join-Path $PSScriptRoot 'SandboxFixture.ps1')
    $script:sandbox = Start-KalshiSandbox
}

AfterAll {
    Stop-KalshiSandbox $script:sandbox
}

Describe 'Export-Csv of markets' {
    BeforeAll {
        $script:csv = Join-Path $TestDrive 'markets.csv'
        $script:markets = Get-KalshiMarket -First 5
        $script:markets | Export-Csv -Path $script:csv -NoTypeInformation
        $script:rows = Import-Csv -Path $script:csv
    }

    It 'writes one row per market' {
        $script:rows | Should -HaveCount 5
        $script:rows.Ticker | Should -Be $script:markets.Ticker
    }

    It 'has every property as a column, not just the default view' {
        $columns = $script:rows[0].PSObject.Properties.Name
        foreach ($name in $script:markets[0].PSObject.Properties.Name) { $columns | Should -Contain $name }
    }

    It 'has no System.Object[] or type names in any cell' {
        $text = Get-Content -Raw -Path $script:csv
        $text | Should -Not -Match 'System\.Object\[\]'
        $text | Should -Not -Match 'System\.Collections'
        $text | Should -Not -Match 'KalshiPS\.Models\.'
    }

    It 'round-trips prices as invariant decimals' {
        $row = $script:rows | Where-Object { $_.YesBid } | Select-Object -First 1
        $market = $script:markets | Where-Object Ticker -eq $row.Ticker
        [decimal]::Parse($row.YesBid, [cultureinfo]::InvariantCulture) | Should -Be $market.YesBid
    }
}

Describe 'ConvertTo-Json of a market' {
    BeforeAll {
        $script:market = Get-KalshiMarket -Status Open -First 1
        $script:json = $script:market | ConvertTo-Json
        $script:back = $script:json | ConvertFrom-Json
    }

    It 'writes prices as JSON numbers with their decimals' {
        $script:json | Should -Match '"YesAsk":\s*0\.\d+'
        $script:back.YesAsk | Should -Be $script:market.YesAsk
    }

    It 'needs no more than the default depth' {
        { $script:market | ConvertTo-Json -WarningAction Stop } | Should -Not -Throw
    }

    It 'writes times in ISO 8601' {
        $script:json | Should -Match '"CloseTime":\s*"\d{4}-\d{2}-\d{2}T'
    }
}
