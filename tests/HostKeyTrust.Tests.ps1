# Host-key trust as strict as OpenSSH, against real sshd servers: one with two host keys (ed25519 and
# RSA) and an impostor with only an ed25519 key. ssh's own verdict (StrictHostKeyChecking=yes or
# accept-new) is the oracle; the impostor's sshd log (LogLevel DEBUG) proves no login was sent to it.
BeforeDiscovery {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers/TestHelpers.psm1') -Force
    $script:NoSshd = Test-Skip -Tool ssh, ssh-keygen, sshd
}

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers/TestHelpers.psm1') -Force
    Import-Module (Get-TestModulePath) -Force
    $env:ESPRISSH_NONINTERACTIVE = '1'
}

# The Pester files share one process: leave no setting behind for the next file.
AfterAll { Remove-Item Env:ESPRISSH_NONINTERACTIVE -ErrorAction Ignore }

Describe 'Host keys are judged as ssh judges them' -Skip:$NoSshd {
    BeforeAll {
        $script:Box = New-TestSandbox
        $env:ESPRISSH_HOME = $Box.Home
        $script:Key = Join-Path $Box.Ssh 'id_ed25519'
        ssh-keygen -q -t ed25519 -N '' -f $Key | Out-Null
        $authorized = Get-Content "$Key.pub"
        $script:Real = Start-TestSshd -AuthorizedKeys $authorized -HostKeyTypes ed25519, rsa -LogLevel DEBUG
        $script:Impostor = Start-TestSshd -AuthorizedKeys $authorized -HostKeyTypes ed25519 -LogLevel DEBUG
        $script:RealRsa = $Real.HostKeys | Where-Object Type -eq 'ssh-rsa'
        $script:RealRsaFingerprint = Get-SshFingerprint "$($RealRsa.Path).pub"
        # The system-wide file is read too (/etc/ssh/ssh_known_hosts by default): tests name their own.
        $script:NoGlobal = Join-Path $Box.Home 'no_global_known_hosts'

        function New-KnownHosts([string] $Name, [string[]] $Lines) {
            $path = Join-Path $Box.Home $Name
            if ($Lines) { [IO.File]::WriteAllText($path, ($Lines -join "`n") + "`n") }
            $path
        }
        function Get-HostLine($Sshd, $HostKey) { "[127.0.0.1]:$($Sshd.Port) $($HostKey.Type) $($HostKey.Base64)" }
        function Invoke-Ssh($Sshd, [string] $KnownHosts, [string] $Strict = 'yes', [string] $Global = $NoGlobal) {
            $out = ssh -F /dev/null -o BatchMode=yes -o IdentitiesOnly=yes -o "StrictHostKeyChecking=$Strict" -o "UserKnownHostsFile=$KnownHosts" `
                -o "GlobalKnownHostsFile=$Global" -i $Key -p $Sshd.Port "$($Sshd.User)@127.0.0.1" true 2>&1 | Out-String
            [pscustomobject]@{ ExitCode = $LASTEXITCODE; Output = $out }
        }
        function Get-AuthRequestCount($Sshd) { @(Select-String -Path $Sshd.Log -Pattern 'userauth-request').Count }
        function New-ConfigFor($Sshd, [string] $Name, [string[]] $Settings) {
            $path = Join-Path $Box.Home $Name
            @("Host $Name", '  HostName 127.0.0.1', "  Port $($Sshd.Port)", "  User $($Sshd.User)", "  IdentityFile $Key", '  IdentitiesOnly yes', '  BatchMode yes') +
                ($Settings | ForEach-Object { "  $_" }) | Set-Content $path
            $path
        }
        $script:Common = @{ User = $Real.User; IdentityFile = $Key; SshDirectory = $Box.Ssh; TimeoutSec = 10 }
    }
    AfterAll {
        Stop-TestSshd $Real
        Stop-TestSshd $Impostor
        Remove-Item -Recurse -Force $Box.Home -ErrorAction Ignore
        Remove-Item Env:ESPRISSH_HOME, Env:ESPRISSH_SITE_PROFILE -ErrorAction Ignore
    }

    It 'verifies a server with ed25519 and RSA keys by the RSA key known_hosts holds, as ssh does' {
        $kh = New-KnownHosts 'kh-rsa-only' (Get-HostLine $Real $RealRsa)
        (Invoke-Ssh $Real $kh).ExitCode | Should -Be 0 -Because 'ssh prefers the algorithm known_hosts holds'
        $before = Get-AuthRequestCount $Real
        $r = Test-EspriConnection 127.0.0.1 -Port $Real.Port -KnownHostsPath $kh @Common
        $r.Succeeded | Should -BeTrue -Because ($r | Out-String)
        ($r.Stages | Where-Object Name -eq HostKey).Detail | Should -Match ("^ssh-rsa " + [regex]::Escape($RealRsaFingerprint) + ' matches .*kh-rsa-only line 1')
        # The log pattern the impostor test relies on is the one sshd writes for a login.
        Get-AuthRequestCount $Real | Should -BeGreaterThan $before
    }

    It 'refuses an impostor offering only ed25519 for a host known by its RSA key, even with -AcceptNewHostKey' {
        $kh = New-KnownHosts 'kh-impostor' (Get-HostLine $Impostor $RealRsa)
        $bytes = [IO.File]::ReadAllBytes($kh)
        $ssh = Invoke-Ssh $Impostor $kh -Strict 'accept-new'
        $ssh.ExitCode | Should -Be 255
        $ssh.Output | Should -Match 'REMOTE HOST IDENTIFICATION HAS CHANGED'

        $r = Test-EspriConnection 127.0.0.1 -Port $Impostor.Port -KnownHostsPath $kh -AcceptNewHostKey @Common
        $r.FailedStage | Should -Be 'HostKey'
        $r.Reason | Should -Be 'HostKeyMismatch'
        $r.Hint | Should -Match 'man-in-the-middle'
        $detail = ($r.Stages | Where-Object Name -eq HostKey).Detail
        $detail | Should -Match ('expects ssh-rsa ' + [regex]::Escape($RealRsaFingerprint))
        $detail | Should -Match ('presented ssh-ed25519 ' + [regex]::Escape((Get-SshFingerprint "$($Impostor.HostKeys[0].Path).pub")))
        ($r.Stages | Where-Object Name -eq Authentication).Status | Should -Be 'Skipped'
        [IO.File]::ReadAllBytes($kh) | Should -Be $bytes
        Get-AuthRequestCount $Impostor | Should -Be 0 -Because 'no login name or key may reach an unverified server'
    }

    It 'trusts the key in <Case>, as ssh does, and writes nothing' -ForEach @(
        @{ Case = 'the system-wide GlobalKnownHostsFile'; User = 'user-first-missing'; Global = 'global-known'; Line = 'global-known line 1' }
        @{ Case = 'the second UserKnownHostsFile'; User = 'user-first-missing user-second'; Global = $null; Line = 'user-second line 1' }
    ) {
        $hostLine = Get-HostLine $Real $RealRsa
        $userFiles = ($User -split ' ' | ForEach-Object { New-KnownHosts $_ @(if ($_ -ne 'user-first-missing') { $hostLine }) }) -join ' '
        $globalFile = if ($Global) { New-KnownHosts $Global $hostLine } else { $NoGlobal }
        $alias = 'real-' + ($Line -replace '\W', '-')
        $config = New-ConfigFor $Real $alias "UserKnownHostsFile $userFiles", "GlobalKnownHostsFile $globalFile"
        ssh -F $config -o StrictHostKeyChecking=yes $alias true 2>&1 | Out-Null
        $LASTEXITCODE | Should -Be 0 -Because "ssh trusts $Case"
        $r = Test-EspriConnection $alias -ConfigPath $config -SshDirectory $Box.Ssh
        $r.Succeeded | Should -BeTrue -Because ($r | Out-String)
        ($r.Stages | Where-Object Name -eq HostKey).Detail | Should -Match $Line
        Test-Path (Join-Path $Box.Home 'user-first-missing') | Should -BeFalse
    }

    It 'refuses the impostor when only the global file knows the host, and records nothing' {
        $global = New-KnownHosts 'global-impostor' (Get-HostLine $Impostor $RealRsa)
        $user = New-KnownHosts 'user-impostor-missing' @()
        $config = New-ConfigFor $Impostor 'impostor-by-global' "UserKnownHostsFile $user", "GlobalKnownHostsFile $global"
        $ssh = ssh -F $config -o StrictHostKeyChecking=accept-new impostor-by-global true 2>&1 | Out-String
        $LASTEXITCODE | Should -Be 255
        $ssh | Should -Match 'REMOTE HOST IDENTIFICATION HAS CHANGED'
        $r = Test-EspriConnection impostor-by-global -ConfigPath $config -SshDirectory $Box.Ssh -AcceptNewHostKey
        $r.Reason | Should -Be 'HostKeyMismatch'
        $r.Hint | Should -Match 'administrator'
        Test-Path $user | Should -BeFalse
        Get-AuthRequestCount $Impostor | Should -Be 0
    }

    It 'refuses a key the global file marks @revoked, as ssh does' {
        $ed = $Real.HostKeys | Where-Object Type -eq 'ssh-ed25519'
        $global = New-KnownHosts 'global-revoked' "@revoked * $($ed.Type) $($ed.Base64)", (Get-HostLine $Real $ed)
        $ssh = Invoke-Ssh $Real (New-KnownHosts 'user-revoked-missing' @()) -Global $global
        $ssh.ExitCode | Should -Be 255
        $ssh.Output | Should -Match 'REVOKED'
        $config = New-ConfigFor $Real 'real-revoked' "UserKnownHostsFile $(Join-Path $Box.Home 'user-revoked-missing')", "GlobalKnownHostsFile $global"
        $r = Test-EspriConnection real-revoked -ConfigPath $config -SshDirectory $Box.Ssh
        $r.Reason | Should -Be 'HostKeyRevoked'
        ($r.Stages | Where-Object Name -eq HostKey).Detail | Should -Match 'global-revoked line 1'
    }

    Context 'a site profile file that vouches for host keys' {
        BeforeAll {
            $script:ProfilePath = New-TestSiteProfile (Join-Path $Box.Home 'vouching-site.json') -HostKeyFingerprints @(
                @{ hostName = '127.0.0.1'; keyType = 'ssh-rsa'; fingerprint = $RealRsaFingerprint })
        }
        AfterEach { Remove-Item Env:ESPRISSH_SITE_PROFILE -ErrorAction Ignore }

        It 'names the profile file that vouched for the key, and writes nothing without -AcceptNewHostKey' {
            $kh = Join-Path $Box.Home 'kh-vouched/known_hosts'
            $env:ESPRISSH_SITE_PROFILE = $ProfilePath
            $r = Test-EspriConnection 127.0.0.1 -Port $Real.Port -KnownHostsPath $kh @Common -WarningAction SilentlyContinue
            $r.Succeeded | Should -BeTrue -Because ($r | Out-String)
            $stage = $r.Stages | Where-Object Name -eq HostKey
            $stage.Status | Should -Be 'Warning'
            $stage.Detail | Should -Match ('^ssh-rsa ' + [regex]::Escape($RealRsaFingerprint) + '.*' + [regex]::Escape($ProfilePath))
            $stage.Hint | Should -Match ([regex]::Escape($ProfilePath) + '.*not the built-in profile')
            Test-Path $kh | Should -BeFalse

            $recorded = Test-EspriConnection 127.0.0.1 -Port $Real.Port -KnownHostsPath $kh -AcceptNewHostKey @Common -WarningAction SilentlyContinue
            $stage = $recorded.Stages | Where-Object Name -eq HostKey
            $stage.Status | Should -Be 'Warning'
            $stage.Detail | Should -Match ([regex]::Escape($ProfilePath) + '.*added to')
            (ssh-keygen -F "[127.0.0.1]:$($Real.Port)" -f $kh | Out-String) | Should -Match 'ssh-rsa'
        }

        It 'refuses the impostor the profile file does not vouch for, even with -AcceptNewHostKey' {
            $kh = Join-Path $Box.Home 'kh-vouched-impostor/known_hosts'
            $env:ESPRISSH_SITE_PROFILE = $ProfilePath
            $r = Test-EspriConnection 127.0.0.1 -Port $Impostor.Port -KnownHostsPath $kh -AcceptNewHostKey @Common -WarningAction SilentlyContinue
            $r.Reason | Should -Be 'HostKeyMismatch'
            ($r.Stages | Where-Object Name -eq HostKey).Detail | Should -Match ([regex]::Escape($ProfilePath))
            Test-Path $kh | Should -BeFalse
            Get-AuthRequestCount $Impostor | Should -Be 0
        }
    }
}
