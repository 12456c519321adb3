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

Describe 'Every output type exports cleanly' {
    BeforeDiscovery {
        # The -ForEach lists below enumerate the module's types while Pester discovers the tests.
        Import-Module (Join-Path $PSScriptRoot '../../KalshiPS.psd1')
        $modelTypes = [KalshiPS.Models.KalshiMarket].Assembly.GetExportedTypes() | Where-Object {
            $_.Namespace -eq 'KalshiPS.Models' -and $_.IsClass -and -not $_.IsAbstract -and -not $_.IsGenericTypeDefinition -and -not [Exception].IsAssignableFrom($_)
        } | ForEach-Object FullName
    }

    BeforeAll {
        # Each public model type with every property set: what a full object of that type exports as.
        function New-Sample([type] $Type, [int] $Depth = 0) {
            $ctor = $Type.GetConstructor([type[]]@())
            if ($ctor) { $item = $ctor.Invoke($null) }
            else {
                $best = $Type.GetConstructors() | Sort-Object { $_.GetParameters().Count } -Descending | Select-Object -First 1
                $item = $best.Invoke([object[]]@($best.GetParameters() | ForEach-Object { Get-SampleValue $_.ParameterType $Depth }))
            }
            foreach ($p in $Type.GetProperties()) {
                if ($p.CanWrite -and $p.SetMethod.IsPublic) { $p.SetValue($item, (Get-SampleValue $p.PropertyType $Depth)) }
            }
            $item
        }
        function Get-SampleValue([type] $Type, [int] $Depth) {
            $t = [Nullable]::GetUnderlyingType($Type); if (-not $t) { $t = $Type }
            switch ($t) {
                ([string]) { return 'Sample' }
                ([decimal]) { return 0.4567d }
                ([int]) { return 3 }
                ([long]) { return [long]42 }
                ([double]) { return 2.5 }
                ([bool]) { return $true }
                ([datetime]) { return [datetime]::new(2026, 11, 24, 15, 30, 0, [DateTimeKind]::Utc) }
            }
            if ($t.IsEnum) { return [enum]::GetValues($t)[-1] }
            if ($Depth -gt 1) { return $null }
            if ($t.IsArray) {
                $items = [array]::CreateInstance($t.GetElementType(), 2)
                0..1 | ForEach-Object { $items[$_] = Get-SampleValue $t.GetElementType() ($Depth + 1) }
                return , $items
            }
            if ($t.IsGenericType) {
                $element = $t.GetGenericArguments()[0]
                $items = [array]::CreateInstance($element, 2)
                0..1 | ForEach-Object { $items[$_] = if ($element -eq [string] -or $element.IsValueType) { Get-SampleValue $element ($Depth + 1) } else { New-Sample $element ($Depth + 1) } } # strings and numbers: API key scopes, exchange indices
                return , $t.GetConstructors()[0].Invoke([object[]]@(, $items)) # the comma keeps the list one value
            }
            New-Sample $t ($Depth + 1)
        }
        $assembly = [KalshiPS.Models.KalshiMarket].Assembly
        $script:types = $assembly.GetExportedTypes() | Where-Object {
            $_.Namespace -eq 'KalshiPS.Models' -and $_.IsClass -and -not $_.IsAbstract -and -not $_.IsGenericTypeDefinition -and -not [Exception].IsAssignableFrom($_)
        }
    }

    It 'covers the order book, its levels and the positions' {
        $script:types.Name | Should -Contain 'KalshiOrderbook'
        $script:types.Name | Should -Contain 'KalshiOrderbookLevel'
        $script:types.Name | Should -Contain 'KalshiEventPosition'
    }

    It 'round-trips <_> through Export-Csv and Import-Csv with every column and no type names' -ForEach $modelTypes {
        $item = New-Sample ([type]$_)
        $path = Join-Path $TestDrive 'sample.csv'
        $item | Export-Csv -Path $path -NoTypeInformation
        $row = Import-Csv -Path $path
        $row | Should -HaveCount 1
        foreach ($name in $item.PSObject.Properties.Name) {
            $row.PSObject.Properties.Name | Should -Contain $name
            if ($null -ne $item.$name) { $row.$name | Should -Not -BeNullOrEmpty -Because "$name has a value" }
            $row.$name | Should -Not -Match 'KalshiPS\.|System\.'
        }
    }

    It 'converts <_> to JSON with every property and no type names' -ForEach $modelTypes {
        $item = New-Sample ([type]$_)
        $json = ConvertTo-Json -InputObject $item -WarningAction Stop
        $json | Should -Not -Match 'KalshiPS\.|System\.'
        $back = $json | ConvertFrom-Json
        foreach ($name in $item.PSObject.Properties.Name) { $back.PSObject.Properties.Name | Should -Contain $name }
    }
}

Describe 'Nested levels and markets from the sandbox' {
    It 'writes order book levels as "price x size" text' {
        $ticker = (Get-KalshiMarket -Status Open -First 1).Ticker
        $path = Join-Path $TestDrive 'book.csv'
        $book = Get-KalshiOrderbook -Ticker $ticker -Depth 3
        $book | Export-Csv -Path $path -NoTypeInformation
        $row = Import-Csv -Path $path
        $row.YesBids | Should -Be ($book.YesBids -join '; ')
        $row.YesBids | Should -Match '^\d\.\d{2,4}x\d'
        $book.YesBids[0].Price | Should -Be $book.BestYesBid
    }

    It 'gives one flat row per level with -AsLevel' {
        $ticker = (Get-KalshiMarket -Status Open -First 1).Ticker
        $book = Get-KalshiOrderbook -Ticker $ticker
        $levels = Get-KalshiOrderbook -Ticker $ticker -AsLevel
        $levels | Should -HaveCount ($book.YesBids.Count + $book.NoBids.Count)
        $path = Join-Path $TestDrive 'levels.csv'
        $levels | Export-Csv -Path $path -NoTypeInformation
        (Import-Csv -Path $path)[0].PSObject.Properties.Name | Should -Be @('Ticker', 'Side', 'Level', 'Price', 'Size', 'OppositeAsk', 'Timestamp')
    }

    It 'writes an event''s markets as their tickers' {
        $path = Join-Path $TestDrive 'events.csv'
        $events = Get-KalshiEvent -IncludeMarkets -First 2
        $events | Export-Csv -Path $path -NoTypeInformation
        $rows = Import-Csv -Path $path
        $rows[0].Markets | Should -Be ($events[0].Markets.Ticker -join '; ')
        Get-Content -Raw $path | Should -Not -Match 'KalshiPS\.|System\.'
    }
}
