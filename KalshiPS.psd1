@{
    # Development manifest: import from the repo root after `dotnet build`. The build stages module/KalshiPS.dll and
    # module/Dependencies/; tools/Stage-Module (dotnet run --project tools/KalshiPS.Tools -- stage) writes the
    # Gallery layout to out/KalshiPS/<version>/ with these paths flattened.
    RootModule             = 'module/KalshiPS.dll'
    ModuleVersion          = '0.1.0'
    GUID                   = '5b0f8f0e-2f55-4d0a-9d1e-4c1b7f6f3a21'
    Author                 = 'KalshiPS contributors'
    CompanyName            = 'KalshiPS'
    Copyright              = '(c) KalshiPS contributors. MIT License.'
    Description            = 'PowerShell cmdlets for the Kalshi prediction-market exchange: markets, order books, orders, portfolio and live WebSocket streams, with a local sandbox exchange for offline use.'
    PowerShellVersion      = '5.1'
    CompatiblePSEditions   = @('Desktop', 'Core')
    DotNetFrameworkVersion = '4.7.2'
    CLRVersion             = '4.0'
    FormatsToProcess       = @('module/KalshiPS.Format.ps1xml')
    # The help sources online (Get-Help -Online uses each cmdlet's HelpUri, which points into this folder).
    HelpInfoURI            = 'https://github.com/kalships/KalshiPS/tree/main/docs/help'
    CmdletsToExport        = @(
        'Connect-Kalshi'
        'Disconnect-Kalshi'
        'Get-KalshiSession'
        'Get-KalshiMarket'
        'Get-KalshiEvent'
        'Get-KalshiSeries'
        'Get-KalshiTrade'
        'Get-KalshiCandlestick'
        'Get-KalshiOrderbook'
        'Get-KalshiExchangeStatus'
        'Get-KalshiExchangeSchedule'
        'Get-KalshiUserDataTimestamp'
        'Get-KalshiHistoricalCutoff'
        'Get-KalshiFeeChange'
        'Get-KalshiEventMetadata'
        'Get-KalshiForecastHistory'
        'Invoke-KalshiRequest'
        'Watch-KalshiOrderbook'
        'Watch-KalshiTrade'
        'Watch-KalshiTicker'
        'Watch-KalshiFill'
        'Watch-KalshiOrder'
        'Watch-KalshiPosition'
        'Watch-KalshiMarketLifecycle'
        'Watch-KalshiMultivariateLifecycle'
        'New-KalshiOrder'
        'Get-KalshiOrder'
        'Set-KalshiOrder'
        'Remove-KalshiOrder'
        'Get-KalshiBalance'
        'Get-KalshiPosition'
        'Get-KalshiFill'
        'Get-KalshiSettlement'
    )
    FunctionsToExport      = @()
    AliasesToExport        = @()
    VariablesToExport      = @()
    PrivateData            = @{
        PSData = @{
            Tags         = @('Kalshi', 'PredictionMarket', 'Trading', 'Finance', 'WebSocket', 'REST', 'PSEdition_Desktop', 'PSEdition_Core', 'Windows', 'Linux', 'macOS')
            ProjectUri   = 'https://github.com/kalships/KalshiPS'
            LicenseUri   = 'https://github.com/kalships/KalshiPS/blob/main/LICENSE'
            ReleaseNotes = 'First preview: sessions, signed requests, market data, trading, portfolio and streaming cmdlets; KalshiPS Sandbox.'
        }
    }
}
