# The fixture every spec uses: what it starts, it stops (no spec may leave a server behind; .ci/run also checks the
# process table before and after the Pester run).
BeforeAll {
    . (Join-Path $PSScriptRoot 'SandboxFixture.ps1')
}

Describe 'the Pester sandbox fixture' {
    It 'stops the server process it started, and the port closes' {
        $sandbox = Start-KalshiSandboxProcess
        $status = "$($sandbox.RestUri.TrimEnd('/'))/exchange/status"
        (Invoke-RestMethod $status -TimeoutSec 10).exchange_active | Should -Not -BeNullOrEmpty
        Stop-KalshiSandbox $sandbox
        Get-Process -Id $sandbox.Process.Id -ErrorAction Ignore | Should -BeNullOrEmpty
        { Invoke-RestMethod $status -TimeoutSec 5 } | Should -Throw
        Test-Path $sandbox.KeyDirectory | Should -BeFalse
    }
}
