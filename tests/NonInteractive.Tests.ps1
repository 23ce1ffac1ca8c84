# Intune/GPO/CI: no cmdlet may prompt or hang when nobody can answer. Each case runs in a fresh
# pwsh with stdin redirected, bounded in time; prompts must become our ErrorIds.
BeforeDiscovery {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers/TestHelpers.psm1') -Force
    $script:NoTools = Test-Skip -Tool ssh-keygen, puttygen
}

Describe 'Non-interactive sessions' -Skip:$NoTools {
    BeforeAll {
        Import-Module (Join-Path $PSScriptRoot 'TestHelpers/TestHelpers.psm1') -Force
        $script:Box = New-TestSandbox
        $script:Enc = Join-Path $Box.Home 'enc_ed25519'
        ssh-keygen -q -t ed25519 -a 2 -N 'secret pass' -f $Enc | Out-Null
        $script:EncPpk = Join-Path $Box.Home 'enc.ppk'
        $passFile = Join-Path $Box.Home 'pass'
        [IO.File]::WriteAllText($passFile, 'secret pass')
        puttygen -q -t ed25519 -o $EncPpk --new-passphrase $passFile --ppk-param 'memory=64,passes=1' 2>$null
        # Every cmdlet's path that would prompt (or confirm), and what it must do instead.
        $script:Cases = [ordered]@{
            'New-EspriKey without a passphrase'        = @{ Call = "New-EspriKey -SshDirectory '$($Box.Ssh)'"; Expect = 'PassphraseRequired' }
            'Convert-PpkKey of an encrypted .ppk'      = @{ Call = "Convert-PpkKey -Path '$EncPpk' -Destination '$($Box.Home)/conv'"; Expect = 'PassphraseRequired' }
            'Install-EspriKey with a new passphrase'   = @{ Call = "Install-EspriKey -Path '$EncPpk' -SshDirectory '$($Box.Home)/inst'"; Expect = 'PassphraseRequired' }
            'Set-EspriSshConfig (no confirmation)'     = @{ Call = "Set-EspriSshConfig -User jdupont -SshDirectory '$($Box.Ssh)'"; Expect = 'ok' }
            'Test-EspriSshConfig'                      = @{ Call = "Test-EspriSshConfig -User jdupont -SshDirectory '$($Box.Ssh)'"; Expect = 'ok' }
            'Get-EspriKey'                             = @{ Call = "Get-EspriKey -SshDirectory '$($Box.Ssh)'"; Expect = 'ok' }
            'Repair-EspriKeyPermission'                = @{ Call = "Repair-EspriKeyPermission -SshDirectory '$($Box.Ssh)'"; Expect = 'ok' }
            'Test-EspriPublicKey'                      = @{ Call = "Test-EspriPublicKey -Path '$Enc.pub'"; Expect = 'ok' }
            'Get-EspriSite'                            = @{ Call = 'Get-EspriSite'; Expect = 'ok' }
            'Test-EspriConnection with an encrypted key' = @{ Call = "Test-EspriConnection 127.0.0.1 -Port 1 -IdentityFile '$Enc' -TimeoutSec 2 -SshDirectory '$($Box.Ssh)'"; Expect = 'ok' }
            'Start-EspriSetup in a fresh home'         = @{ Call = "Start-EspriSetup -User jdupont -SshDirectory '$($Box.Home)/setup'"; Expect = 'ok' }  # what only the user can do is NeedsYou in its result
            'Get-EspriDebugReport'                     = @{ Call = "Get-EspriDebugReport -Login jdupont -HostName 127.0.0.1 -NoConnectionTest -TimeoutSec 2 -SshDirectory '$($Box.Ssh)' -OutFile `"$($Box.Home)/report-`$PID.txt`""; Expect = 'ok' }  # one file per run: the report never overwrites
        }
        # One process runs every case with $ErrorActionPreference = 'Stop', as deployment scripts do.
        function script:Invoke-Cases([switch] $Interactive) {
            $lines = foreach ($name in $Cases.Keys) {
                "try { `$null = $($Cases[$name].Call); 'RESULT|$name|ok' } catch { 'RESULT|$name|' + `$_.FullyQualifiedErrorId.Split(',')[0] }"
            }
            $script = "`$ErrorActionPreference = 'Stop'; `$WarningPreference = 'SilentlyContinue'; Import-Module '$(Get-TestModulePath)'`n" + ($lines -join "`n")
            Invoke-FreshPwsh -Command $script -TimeoutSec 180 -Interactive:$Interactive -Environment @{ ESPRISSH_HOME = $Box.Home }
        }
        $script:NonInteractive = Invoke-Cases
        $script:RedirectedOnly = Invoke-Cases -Interactive
    }
    AfterAll { Remove-Item -Recurse -Force $Box.Home -ErrorAction Ignore }

    It 'finishes without hanging under <_>' -ForEach @('pwsh -NonInteractive', 'redirected input only') {
        $run = if ($_ -eq 'pwsh -NonInteractive') { $NonInteractive } else { $RedirectedOnly }
        $run.TimedOut | Should -BeFalse -Because $run.Output
    }

    It '<_>: gives the expected result with -NonInteractive and with redirected input' -ForEach @(
        'New-EspriKey without a passphrase', 'Convert-PpkKey of an encrypted .ppk', 'Install-EspriKey with a new passphrase',
        'Set-EspriSshConfig (no confirmation)', 'Test-EspriSshConfig', 'Get-EspriKey', 'Repair-EspriKeyPermission',
        'Test-EspriPublicKey', 'Get-EspriSite', 'Test-EspriConnection with an encrypted key', 'Get-EspriDebugReport',
        'Start-EspriSetup in a fresh home'
    ) {
        $name = $_
        foreach ($run in $NonInteractive, $RedirectedOnly) {
            $line = ($run.Output -split "`n" | Where-Object { $_ -like "RESULT|$name|*" }) | Select-Object -First 1
            $line | Should -Not -BeNullOrEmpty -Because $run.Output
            ($line -split '\|')[2].Trim() | Should -Be $Cases[$name].Expect
        }
    }

    It 'covers every exported cmdlet' {
        $covered = $Cases.Keys | ForEach-Object { ($_ -split ' ')[0] } | Sort-Object -Unique
        $exported = (Import-PowerShellDataFile (Join-Path (Get-TestModulePath) 'EspriSsh.psd1')).CmdletsToExport | Sort-Object
        $covered | Should -Be $exported
    }
}
