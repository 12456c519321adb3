#requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0' }
# Default views as a pwsh console shows them, against the sandbox.

BeforeAll {
    . (Join-Path $PSScriptRoot 'SandboxFixture.ps1')
    $script:sandbox = Start-KalshiSandbox
}

AfterAll {
    Stop-KalshiSandbox $script:sandbox
}

Describe 'Default views' {
    It 'shows markets as a table with the chosen columns' {
        $text = Get-KalshiMarket -First 3 | Out-String -Width 200
        $text | Should -Match 'Ticker\s+YesBid\s+YesAsk\s+Last\s+Volume\s+Title'
        $text | Should -Not -Match 'RulesPrimary'
    }

    It 'fits 80 columns with whole tickers and prices at two places' {
        $markets = Get-KalshiMarket -Status Open -First 5
        $lines = ($markets | Out-String -Width 80) -split "`r?`n"
        $lines | ForEach-Object { $_.Length | Should -BeLessOrEqual 80 }
        foreach ($m in $markets) { ($lines -match [regex]::Escape($m.Ticker) + ' ').Count | Should -Be 1 }
        $lines -join "`n" | Should -Not -Match '\d\.\d\d00\b'
    }

    It 'shows an order book as a ladder with asks above bids' {
        $book = Get-KalshiMarket -Status Open -First 1 | Get-KalshiOrderbook -Depth 5
        $lines = ($book | Out-String) -split "`r?`n" | Where-Object { $_ -match '^\s+(ask|bid)\s' }
        if ($lines) {
            $firstBid = [array]::FindIndex([string[]]$lines, [Predicate[string]] { param($l) $l -match '^\s+bid' })
            $lastAsk = [array]::FindLastIndex([string[]]$lines, [Predicate[string]] { param($l) $l -match '^\s+ask' })
            if ($firstBid -ge 0 -and $lastAsk -ge 0) { $lastAsk | Should -BeLessThan $firstBid }
        }
    }

    It 'keeps every property available to Format-List *' {
        $text = Get-KalshiMarket -First 1 | Format-List * | Out-String
        $text | Should -Match 'RulesPrimary'
        $text | Should -Match 'PriceRanges'
    }
}
