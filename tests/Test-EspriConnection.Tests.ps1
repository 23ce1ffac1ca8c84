# Test-EspriConnection against a real OpenSSH sshd on 127.0.0.1. Expected fingerprints come from
# ssh-keygen, and ssh itself confirms the verdicts (host key changed, unprotected key file, new
# known_hosts line usable).
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

Describe 'Test-EspriConnection against a loopback sshd' -Skip:$NoSshd {
    BeforeAll {
        $script:Box = New-TestSandbox
        $env:ESPRISSH_HOME = $Box.Home
        function New-Key([string] $Name, [string] $Type = 'ed25519', [string] $Passphrase = '', [string[]] $Extra = @()) {
            $path = Join-Path $Box.Ssh $Name
            ssh-keygen -q -t $Type @Extra -a 2 -N $Passphrase -C $Name -f $path | Out-Null
            $path
        }
        $script:Key = New-Key 'id_ed25519'
        $script:EncKey = New-Key 'enc_ed25519' -Passphrase 'espri pass'
        $script:OtherKey = New-Key 'other_ed25519'
        $script:RsaKey = New-Key 'rsa_key' -Type rsa -Extra '-b', '4096'
        $script:EcdsaKey = New-Key 'ecdsa_key' -Type ecdsa
        $script:Sshd = Start-TestSshd -AuthorizedKeys (@($Key, $EncKey, $RsaKey, $EcdsaKey) | ForEach-Object { Get-Content "$_.pub" })
        $script:HostLine = "[127.0.0.1]:$($Sshd.Port) $($Sshd.HostKeyType) $($Sshd.HostKeyBase64)"
        $script:HostFingerprint = Get-SshFingerprint $HostLine
        $script:KnownHosts = Join-Path $Box.Ssh 'known_hosts'
        Set-Content $KnownHosts $HostLine
        $script:Common = @{ Port = $Sshd.Port; User = $Sshd.User; SshDirectory = $Box.Ssh; TimeoutSec = 10 }
        function Invoke-Ssh([string] $KeyFile, [string] $KnownHostsFile) {
            ssh -F /dev/null -o BatchMode=yes -o IdentitiesOnly=yes -o StrictHostKeyChecking=yes -o "UserKnownHostsFile=$KnownHostsFile" `
                -i $KeyFile -p $Sshd.Port "$($Sshd.User)@127.0.0.1" true 2>&1 | Out-String
        }
    }
    AfterAll {
        Stop-TestSshd $Sshd
        Remove-Item -Recurse -Force $Box.Home -ErrorAction Ignore
        Remove-Item Env:ESPRISSH_HOME -ErrorAction Ignore
    }

    Context 'success' {
        It 'passes every stage with the registered key found in the ssh directory' {
            $r = Test-EspriConnection 127.0.0.1 @Common
            $r.PSObject.TypeNames[0] | Should -Be 'EspriSsh.ConnectionTestResult'
            $r.Succeeded | Should -BeTrue -Because ($r | Out-String)
            $r.FailedStage | Should -BeNullOrEmpty
            $r.Stages.Name | Should -Be @('Config', 'Dns', 'Tcp', 'Banner', 'HostKey', 'Authentication', 'Session')
            $r.Stages.Status | Should -Be @('Passed', 'Passed', 'Passed', 'Passed', 'Passed', 'Passed', 'Passed')
            ($r.Stages | Where-Object Name -eq Banner).Detail | Should -Match '^SSH-2\.0-OpenSSH'
            ($r.Stages | Where-Object Name -eq HostKey).Detail | Should -Match ([regex]::Escape($HostFingerprint))
            ($r.Stages | Where-Object Name -eq Authentication).Detail | Should -Match ([regex]::Escape((Get-SshFingerprint "$Key.pub")))
            ($r.Stages | Where-Object Name -eq Session).Detail | Should -Match 'espri-ssh-ok'
        }

        It 'opens a passphrase-protected key with -Passphrase' {
            $pass = ConvertTo-SecureString 'espri pass' -AsPlainText -Force
            $r = Test-EspriConnection 127.0.0.1 @Common -IdentityFile $EncKey -Passphrase $pass
            $r.Succeeded | Should -BeTrue -Because ($r | Out-String)
            ($r.Stages | Where-Object Name -eq Authentication).Detail | Should -Match ([regex]::Escape((Get-SshFingerprint "$EncKey.pub")))
        }

        It 'reports a protected key without its passphrase, and a wrong one, at Authentication' {
            $r = Test-EspriConnection 127.0.0.1 @Common -IdentityFile $EncKey
            $r.FailedStage | Should -Be 'Authentication'
            $r.Reason | Should -Be 'PassphraseRequired'
            $r.Hint | Should -Match '-Passphrase'
            $wrong = Test-EspriConnection 127.0.0.1 @Common -IdentityFile $EncKey -Passphrase (ConvertTo-SecureString 'nope' -AsPlainText -Force)
            $wrong.Reason | Should -Be 'KeyWrongPassphrase'
        }

        It 'logs in with an RSA key using SHA-2 signatures, with the site policy warning' {
            $r = Test-EspriConnection 127.0.0.1 @Common -IdentityFile $RsaKey
            $r.Succeeded | Should -BeTrue -Because ($r | Out-String)
            $auth = $r.Stages | Where-Object Name -eq Authentication
            $auth.Status | Should -Be 'Warning'
            $auth.Detail | Should -Match ([regex]::Escape((Get-SshFingerprint "$RsaKey.pub")))
            $r.Hint | Should -Match 'ED25519'
        }

        It 'logs in with an ECDSA key and says the site refuses that type' {
            $r = Test-EspriConnection 127.0.0.1 @Common -IdentityFile $EcdsaKey
            $r.Succeeded | Should -BeTrue -Because ($r | Out-String)
            ($r.Stages | Where-Object Name -eq Authentication).Status | Should -Be 'Warning'
            $r.Hint | Should -Match 'ECDSA keys are not accepted'
        }

        It 'reads hashed known_hosts entries (ssh-keygen -H)' {
            $hashed = Join-Path $Box.Home 'known_hosts_hashed'
            Set-Content $hashed "# a comment`n$HostLine"
            ssh-keygen -q -H -f $hashed 2>&1 | Out-Null
            (Get-Content $hashed -Raw) | Should -Match '\|1\|'
            $r = Test-EspriConnection 127.0.0.1 @Common -KnownHostsPath $hashed
            $r.Succeeded | Should -BeTrue -Because ($r | Out-String)
        }

        It 'returns only $true / $false with -Quiet, for each host from the pipeline' {
            $answers = '127.0.0.1', 'localhost' | Test-EspriConnection @Common -Quiet
            $answers | Should -Be @($true, $false)
        }

        It 'formats as a checklist' {
            $text = Test-EspriConnection 127.0.0.1 @Common -User 'nobody-espri' | Out-String
            $text | Should -Match '\[ OK \] .*Banner'
            $text | Should -Match '\[FAIL\] .*Authentication'
            $text | Should -Match '\[ -- \] .*Session'
            $text | Should -Match 'What to do:'
        }
    }

    Context 'authentication failures' {
        It 'names the offered key and the other local keys when the key is not registered' {
            $r = Test-EspriConnection 127.0.0.1 @Common -IdentityFile $OtherKey
            $r.Succeeded | Should -BeFalse
            $r.FailedStage | Should -Be 'Authentication'
            $r.Reason | Should -Be 'AuthenticationFailed'
            $r.Hint | Should -Match ([regex]::Escape((Get-SshFingerprint "$OtherKey.pub")))
            $r.Hint | Should -Match ([regex]::Escape((Get-SshFingerprint "$Key.pub")))
            $r.Hint | Should -Match 'account form'
            ($r.Stages | Where-Object Name -eq Authentication).Detail | Should -Match 'the server allows: publickey'
            ($r.Stages | Where-Object Name -eq Session).Status | Should -Be 'Skipped'
        }

        It 'points at the login name when the user is wrong' {
            $r = Test-EspriConnection 127.0.0.1 @Common -User 'nobody-espri'
            $r.FailedStage | Should -Be 'Authentication'
            $r.User | Should -Be 'nobody-espri'
            $r.Hint | Should -Match "'nobody-espri' must be the account name"
        }

        It 'warns when the .pub next to the key holds another key (the one sent to the IT team would not match)' {
            $copy = Join-Path $Box.Home 'mixed_key'
            Copy-Item $Key $copy; Copy-Item "$OtherKey.pub" "$copy.pub"
            $r = Test-EspriConnection 127.0.0.1 @Common -IdentityFile $copy
            $r.Succeeded | Should -BeTrue -Because ($r | Out-String)
            ($r.Stages | Where-Object Name -eq Authentication).Status | Should -Be 'Warning'
            $r.Hint | Should -Match ([regex]::Escape("$copy.pub"))
            $r.Hint | Should -Match ([regex]::Escape((Get-SshFingerprint "$OtherKey.pub")))
            # The fix rewrites the .pub from the key and keeps the wrong one (never a redirection onto it).
            $fix = $r.Hint -replace '^.*: (Install-EspriKey .*-Force).*$', '$1'
            $fix | Should -Match "^Install-EspriKey -Path '.*mixed_key' -Destination '.*mixed_key' -Force$"
            $null = Invoke-Expression $fix 3>$null # the key itself has no passphrase: its warning is Install-EspriKey's own test
            (Get-SshFingerprint "$copy.pub") | Should -Be (Get-SshFingerprint "$Key.pub")
            (Get-SshFingerprint "$copy.pub.bak") | Should -Be (Get-SshFingerprint "$OtherKey.pub")
        }

        It 'fails a key file readable by others, as ssh refuses it' {
            $loose = Join-Path $Box.Home 'loose_key'
            Copy-Item $Key $loose; Copy-Item "$Key.pub" "$loose.pub"
            chmod 644 $loose
            Invoke-Ssh $loose $KnownHosts | Should -Match 'UNPROTECTED PRIVATE KEY FILE'
            $r = Test-EspriConnection 127.0.0.1 @Common -IdentityFile $loose
            $r.FailedStage | Should -Be 'Authentication'
            $r.Reason | Should -Be 'KeyFileTooOpen'
            $r.Hint | Should -Match '0644'
            $r.Hint | Should -Match 'chmod 600'
        }
    }

    Context 'host key' {
        It 'stops at HostKey on a forged known_hosts, with the attack warning, before logging in' {
            $forged = Join-Path $Box.Home 'known_hosts_forged'
            $fake = Join-Path $Box.Home 'fake_host'
            ssh-keygen -q -t ed25519 -N '' -f $fake | Out-Null
            Set-Content $forged ("[127.0.0.1]:$($Sshd.Port) " + ((Get-Content "$fake.pub") -split ' ')[0..1] -join ' ')
            Invoke-Ssh $Key $forged | Should -Match 'REMOTE HOST IDENTIFICATION HAS CHANGED'
            $acceptedBefore = @(Select-String -Path $Sshd.Log -Pattern 'Accepted publickey').Count
            $r = Test-EspriConnection 127.0.0.1 @Common -KnownHostsPath $forged
            $r.FailedStage | Should -Be 'HostKey'
            $r.Reason | Should -Be 'HostKeyMismatch'
            $r.Hint | Should -Match 'man-in-the-middle'
            ($r.Stages | Where-Object Name -eq HostKey).Detail | Should -Match ([regex]::Escape((Get-SshFingerprint "$fake.pub")))
            ($r.Stages | Where-Object Name -eq Authentication).Status | Should -Be 'Skipped'
            @(Select-String -Path $Sshd.Log -Pattern 'Accepted publickey').Count | Should -Be $acceptedBefore
        }

        It 'fails on an unknown host key, showing its fingerprint, and writes nothing' {
            $fresh = Join-Path $Box.Home 'kh-unknown/known_hosts'
            $r = Test-EspriConnection 127.0.0.1 @Common -KnownHostsPath $fresh
            $r.FailedStage | Should -Be 'HostKey'
            $r.Reason | Should -Be 'HostKeyUnknown'
            $r.Hint | Should -Match ([regex]::Escape($HostFingerprint))
            $r.Hint | Should -Match 'AcceptNewHostKey'
            Test-Path $fresh | Should -BeFalse
        }

        It 'records an unknown host key with -AcceptNewHostKey, keeping the existing bytes, in a line ssh accepts' {
            $file = Join-Path $Box.Home 'known_hosts_accept'
            $before = "# kept comment`nother.example.org ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOu4la46QdhH5OBe90Idwvl3fRFgfqY2uY7tLVPj5bHy"
            [IO.File]::WriteAllText($file, $before)
            Invoke-WithoutHost { param($Common, $File) Test-EspriConnection 127.0.0.1 @Common -KnownHostsPath $File -AcceptNewHostKey -WhatIf } @{ Common = $Common; File = $file } | Out-Null
            [IO.File]::ReadAllText($file) | Should -BeExactly $before
            $r = Test-EspriConnection 127.0.0.1 @Common -KnownHostsPath $file -AcceptNewHostKey
            $r.Succeeded | Should -BeTrue -Because ($r | Out-String)
            ($r.Stages | Where-Object Name -eq HostKey).Detail | Should -Match 'added to'
            [IO.File]::ReadAllText($file) | Should -BeLike "$before`n*"
            (ssh-keygen -F "[127.0.0.1]:$($Sshd.Port)" -f $file) -join "`n" | Should -Match 'Host \[127\.0\.0\.1\]'
            Invoke-Ssh $Key $file | Should -Not -Match 'Host key verification failed'
            $LASTEXITCODE | Should -Be 0
            (Test-EspriConnection 127.0.0.1 @Common -KnownHostsPath $file).Succeeded | Should -BeTrue
        }
    }

    Context 'network' {
        It 'fails at Tcp on a refused port as a refusal, not a timeout' {
            $r = Test-EspriConnection 127.0.0.1 @Common -Port (Get-FreeTcpPort)
            $r.FailedStage | Should -Be 'Tcp'
            $r.Reason | Should -Be 'ConnectionRefused'
        }

        It 'fails at Banner after -TimeoutSec on a port that never speaks' {
            $silent = Start-TestSilentPort
            try {
                $sw = [Diagnostics.Stopwatch]::StartNew()
                $r = Test-EspriConnection 127.0.0.1 @Common -Port $silent.LocalEndpoint.Port -TimeoutSec 1
                $sw.Stop()
            }
            finally { Stop-TestSilentPort $silent }
            $r.FailedStage | Should -Be 'Banner'
            $r.Reason | Should -Be 'ConnectionTimeout'
            ($r.Stages | Where-Object Name -eq Tcp).Status | Should -Be 'Passed'
            # It waited for the timeout (a lower bound only: an upper one fails on a loaded machine).
            $sw.Elapsed.TotalSeconds | Should -BeGreaterOrEqual 1.0
        }
    }

    Context 'ssh config aliases' {
        BeforeAll {
            $script:Config = Join-Path $Box.Home 'ssh_config'
            @(
                'Host espri-jump'
                '    HostName 127.0.0.1'
                "    Port $($Sshd.Port)"
                "    User $($Sshd.User)"
                "    IdentityFile $Key"
                "    UserKnownHostsFile $KnownHosts"
                '    IdentitiesOnly yes'
                '    BatchMode yes'
                'Host espri-target'
                '    HostName 127.0.0.1'
                "    Port $($Sshd.Port)"
                "    User $($Sshd.User)"
                "    IdentityFile $Key"
                '    ProxyJump espri-jump'
                "    UserKnownHostsFile $KnownHosts"
                '    IdentitiesOnly yes'
                '    BatchMode yes'
                'Host espri-target-pc'
                '    HostName 127.0.0.1'
                "    Port $($Sshd.Port)"
                "    User $($Sshd.User)"
                "    IdentityFile $Key"
                "    ProxyCommand ssh -F $Config -q espri-jump -W %h:%p"
                "    UserKnownHostsFile $KnownHosts"
                '    IdentitiesOnly yes'
                '    BatchMode yes'
                'Host espri-netcat'
                '    HostName 127.0.0.1'
                '    ProxyCommand nc %h %p'
            ) | Set-Content $Config
        }

        It 'takes HostName, Port, User and IdentityFile of an alias from the config' {
            $r = Test-EspriConnection espri-jump -ConfigPath $Config -SshDirectory $Box.Ssh
            $r.Succeeded | Should -BeTrue -Because ($r | Out-String)
            $r.User | Should -Be $Sshd.User
            ($r.Stages | Where-Object Name -eq Config).Detail | Should -Match ([regex]::Escape("127.0.0.1:$($Sshd.Port)"))
        }

        It 'lets explicit parameters win over the config' {
            $r = Test-EspriConnection espri-jump -ConfigPath $Config -SshDirectory $Box.Ssh -Port (Get-FreeTcpPort) -User 'explicit-user'
            $r.User | Should -Be 'explicit-user'
            $r.FailedStage | Should -Be 'Tcp'
        }

        It 'goes through the ProxyJump alias, as ssh does, and shows both hops' {
            ssh -F $Config -o BatchMode=yes -o StrictHostKeyChecking=yes -o "UserKnownHostsFile=$KnownHosts" espri-target true 2>&1 | Out-Null
            $LASTEXITCODE | Should -Be 0 -Because 'ssh itself reaches the target through the jump alias'
            $r = Test-EspriConnection espri-target -ConfigPath $Config -SshDirectory $Box.Ssh
            $r.Succeeded | Should -BeTrue -Because ($r | Out-String)
            $r.Via | Should -Be 'espri-jump'
            ($r.Stages | ForEach-Object { "$($_.Host)/$($_.Name)" }) | Should -Be @(
                'espri-target/Config', 'espri-jump/Dns', 'espri-jump/Tcp', 'espri-jump/Banner', 'espri-jump/HostKey', 'espri-jump/Authentication',
                'espri-target/Tcp', 'espri-target/Banner', 'espri-target/HostKey', 'espri-target/Authentication', 'espri-target/Session')
            ($r.Stages | Where-Object { $_.Host -eq 'espri-target' -and $_.Name -eq 'Tcp' }).Detail | Should -Match 'through the jump host'
            ($r.Stages | Where-Object { $_.Host -eq 'espri-target' -and $_.Name -eq 'HostKey' }).Detail | Should -Match 'known_hosts line 1'
        }

        It 'goes through the jump host of the site page''s ProxyCommand form (ssh <alias> -W %h:%p)' {
            ssh -F $Config -o BatchMode=yes -o StrictHostKeyChecking=yes -o "UserKnownHostsFile=$KnownHosts" espri-target-pc true 2>&1 | Out-Null
            $LASTEXITCODE | Should -Be 0 -Because 'ssh itself reaches the target through the ProxyCommand'
            $r = Test-EspriConnection espri-target-pc -ConfigPath $Config -SshDirectory $Box.Ssh
            $r.Succeeded | Should -BeTrue -Because ($r | Out-String)
            $r.Via | Should -Be 'espri-jump'
            @($r.Stages | Where-Object Host -eq 'espri-jump').Count | Should -Be 5
        }

        It 'asks the installed ssh too: an older ssh that refuses a line OpenSSH 9.2 knows fails the Config stage, before any host is contacted' {
            # OpenSSH before 9.1 (Windows 10 ships 8.1) does not know RequiredRSASize and refuses the whole
            # file; this stand-in answers as such an ssh does, and runs this machine's ssh otherwise.
            $old = Join-Path $Box.Home 'openssh-8.1'
            $null = New-Item -ItemType Directory -Force $old
            $oldSsh = Join-Path $old 'ssh'
            $realSsh = (Get-Command ssh -CommandType Application)[0].Source
            $newer = Join-Path $Box.Home 'config-newer'
            @(Get-Content $Config) + 'Host *' + '    RequiredRSASize 2048' | Set-Content $newer
            $line = @(Get-Content $newer).Count
            @(
                '#!/bin/sh'
                'for a; do if [ "$prev" = -F ]; then cfg="$a"; fi; prev="$a"; done'
                'n=$(grep -n -i "^ *RequiredRSASize" "$cfg" | head -1 | cut -d: -f1)'
                'if [ -n "$n" ]; then echo "$cfg: line $n: Bad configuration option: requiredrsasize" >&2; echo "$cfg: terminating, 1 bad configuration options" >&2; exit 255; fi'
                "exec '$realSsh' `"`$@`""
            ) | Set-Content $oldSsh
            chmod +x $oldSsh
            # Controls: this machine's ssh (9.2) logs in with the file; the older one refuses it.
            ssh -F $newer -o BatchMode=yes -o StrictHostKeyChecking=yes -o "UserKnownHostsFile=$KnownHosts" espri-jump true 2>&1 | Out-Null
            $LASTEXITCODE | Should -Be 0
            (& $oldSsh -F $newer espri-jump true 2>&1 | Out-String) | Should -Match "line ${line}: Bad configuration option: requiredrsasize"
            (Test-EspriConnection espri-jump -ConfigPath $newer -SshDirectory $Box.Ssh).Succeeded | Should -BeTrue

            $saved = $env:PATH
            try {
                $env:PATH = $old + [IO.Path]::PathSeparator + $saved
                $r = Test-EspriConnection espri-jump -ConfigPath $newer -SshDirectory $Box.Ssh
            }
            finally { $env:PATH = $saved }
            $r.Succeeded | Should -BeFalse
            $r.FailedStage | Should -Be 'Config'
            $stage = $r.Stages | Where-Object Name -eq Config
            $stage.Reason | Should -Be 'ConfigInvalid'
            $stage.Hint | Should -Match ([regex]::Escape("$newer line ${line}: Bad configuration option: requiredrsasize"))
            @($r.Stages | Where-Object Status -ne 'Skipped').Count | Should -Be 1 -Because 'no host is contacted with a config the user''s ssh refuses'
        }

        It 'refuses a ProxyCommand it cannot follow instead of testing another path' {
            { Test-EspriConnection espri-netcat -ConfigPath $Config -SshDirectory $Box.Ssh -ErrorAction Stop } |
                Should -Throw -ErrorId 'ConfigInvalid,EspriSsh.Commands.TestEspriConnectionCommand'
        }

        It 'rejects a -ConfigPath that does not exist' {
            { Test-EspriConnection espri-target -ConfigPath (Join-Path $Box.Home 'nope') -SshDirectory $Box.Ssh -ErrorAction Stop } |
                Should -Throw -ErrorId 'ConfigUnreadable,EspriSsh.Commands.TestEspriConnectionCommand'
        }
    }

    Context 'jump host' {
        It 'goes through a jump host named by the site profile and shows both hops' {
            $env:ESPRISSH_SITE_PROFILE = New-TestSiteProfile (Join-Path $Box.Home 'site.json') -Hosts @(
                @{ alias = 'hop'; hostName = '127.0.0.1'; role = 'HeadNode'; port = $Sshd.Port }
                @{ alias = 'inner'; hostName = '127.0.0.1'; role = 'Remote'; port = $Sshd.Port; via = 'hop' })
            try { $r = Test-EspriConnection inner -User $Sshd.User -SshDirectory $Box.Ssh -WarningAction SilentlyContinue }
            finally { Remove-Item Env:ESPRISSH_SITE_PROFILE }
            $r.Succeeded | Should -BeTrue -Because ($r | Out-String)
            $r.Via | Should -Be 'hop'
            ($r.Stages | ForEach-Object { "$($_.Host)/$($_.Name)" }) | Should -Be @(
                'inner/Config', 'hop/Dns', 'hop/Tcp', 'hop/Banner', 'hop/HostKey', 'hop/Authentication',
                'inner/Tcp', 'inner/Banner', 'inner/HostKey', 'inner/Authentication', 'inner/Session')
            ($r.Stages | Where-Object { $_.Host -eq 'inner' -and $_.Name -eq 'HostKey' }).Detail | Should -Match 'known_hosts line 1'
        }
    }

    Context 'bad parameters are errors' {
        It 'rejects a key file that does not exist' {
            { Test-EspriConnection 127.0.0.1 @Common -IdentityFile (Join-Path $Box.Ssh 'missing') -ErrorAction Stop } |
                Should -Throw -ErrorId 'KeyFileNotFound,EspriSsh.Commands.TestEspriConnectionCommand'
        }

        It 'rejects a zero timeout' {
            { Test-EspriConnection 127.0.0.1 -TimeoutSec 0 } | Should -Throw -ErrorId 'ParameterArgumentValidationError,EspriSsh.Commands.TestEspriConnectionCommand'
        }
    }
}

Describe 'Test-EspriConnection with OpenSSH user certificates' -Skip:$NoSshd {
    # An sshd that trusts a certificate authority and has no authorized_keys: only a certificate logs in.
    # ssh itself, given the same files, is the oracle.
    BeforeAll {
        $script:Box = New-TestSandbox
        $script:User = (& id -un)
        $ca = Join-Path $Box.Home 'ca'
        ssh-keygen -q -t ed25519 -N '' -C 'test CA' -f $ca | Out-Null
        function script:New-CertifiedKey([string] $Name, [string] $Type, [string] $Validity, [string] $Folder = $Box.Ssh) {
            $path = Join-Path $Folder $Name
            $bits = if ($Type -eq 'rsa') { @('-b', '2048') } else { @() }
            ssh-keygen -q -t $Type @bits -N '' -C $Name -f $path | Out-Null
            ssh-keygen -q -s $ca -I "$Name id" -n $User -V $Validity "$path.pub" | Out-Null
            $path
        }
        $script:EdKey = New-CertifiedKey 'id_ed25519' 'ed25519' '-5m:+1h'
        $script:RsaKey = New-CertifiedKey 'cert_rsa' 'rsa' '-5m:+1h'
        $script:Expired = New-CertifiedKey 'expired_ed25519' 'ed25519' '-2d:-1d'
        $script:Elsewhere = Join-Path $Box.Home 'elsewhere'
        $null = New-Item -ItemType Directory $Elsewhere
        $script:Moved = New-CertifiedKey 'moved_ed25519' 'ed25519' '-5m:+1h' $Elsewhere
        Move-Item "$Moved-cert.pub" (Join-Path $Elsewhere 'the-certificate.pub')
        $script:Sshd = Start-TestSshd -ExtraConfig "TrustedUserCAKeys $ca.pub"
        $script:KnownHosts = Join-Path $Box.Ssh 'known_hosts'
        Set-Content $KnownHosts "[127.0.0.1]:$($Sshd.Port) $($Sshd.HostKeyType) $($Sshd.HostKeyBase64)"
        $script:Common = @{ Port = $Sshd.Port; User = $User; SshDirectory = $Box.Ssh; TimeoutSec = 10 }
        function script:Invoke-Ssh([string] $KeyFile, [string[]] $Options = @()) {
            ssh -F /dev/null -o BatchMode=yes -o IdentitiesOnly=yes -o "UserKnownHostsFile=$KnownHosts" @Options `
                -i $KeyFile -p $Sshd.Port "$User@127.0.0.1" true 2>&1 | Out-String
        }
    }
    AfterAll {
        Stop-TestSshd $Sshd
        Remove-Item -Recurse -Force $Box.Home -ErrorAction Ignore
    }

    It 'offers <Name>-cert.pub with its key and logs in, as ssh does (<Type>)' -ForEach @(
        @{ Name = 'id_ed25519'; Type = 'ED25519-CERT' }
        @{ Name = 'cert_rsa'; Type = 'RSA-CERT' }
    ) {
        $key = Join-Path $Box.Ssh $Name
        Invoke-Ssh $key | Out-Null
        $LASTEXITCODE | Should -Be 0 -Because 'ssh logs in with the same files'
        $r = Test-EspriConnection 127.0.0.1 @Common -IdentityFile $key
        $r.Succeeded | Should -BeTrue -Because ($r | Out-String)
        ($r.Stages | Where-Object Name -eq Authentication).Detail | Should -Match "certificate .*$([regex]::Escape("$Name-cert.pub"))"
        Get-Content $Sshd.Log | Select-String "Accepted publickey for $User .* $Type" | Should -Not -BeNullOrEmpty
    }

    It 'offers the certificate a CertificateFile line names, as ssh does' {
        $config = Join-Path $Box.Home 'cert_config'
        @(
            'Host certified'
            '    HostName 127.0.0.1'
            "    Port $($Sshd.Port)"
            "    User $User"
            "    IdentityFile $Moved"
            "    CertificateFile $(Join-Path $Elsewhere 'the-certificate.pub')"
            "    UserKnownHostsFile $KnownHosts"
            '    IdentitiesOnly yes'
        ) | Set-Content $config
        ssh -F $config -o BatchMode=yes certified true 2>&1 | Out-Null
        $LASTEXITCODE | Should -Be 0 -Because 'ssh logs in with this config'
        $r = Test-EspriConnection certified -ConfigPath $config -SshDirectory $Box.Ssh -TimeoutSec 10
        $r.Succeeded | Should -BeTrue -Because ($r | Out-String)
    }

    It 'a security key''s certificate is not offered, and the test says so (SSH.NET cannot sign with a security key)' {
        $corpus = Join-Path $PSScriptRoot 'EspriSsh.Core.Tests/Keys/Corpus/files'
        $sk = Join-Path $Box.Ssh 'id_ed25519_sk'
        Copy-Item (Join-Path $corpus 'ed25519_sk1') $sk
        Copy-Item (Join-Path $corpus 'ed25519_sk1.pub') "$sk.pub"
        if (-not $IsWindows) { chmod 600 $sk }
        ssh-keygen -q -s (Join-Path $Box.Home 'ca') -I 'sk id' -n $User -V '-5m:+1h' "$sk.pub" | Out-Null
        Test-Path "$sk-cert.pub" | Should -BeTrue
        $r = Test-EspriConnection 127.0.0.1 @Common -IdentityFile $sk
        $r.Succeeded | Should -BeFalse
        $r.FailedStage | Should -Be 'Authentication'
        $detail = ($r.Stages | Where-Object Name -eq Authentication).Detail
        $detail | Should -Match ([regex]::Escape("$sk-cert.pub"))
        $detail | Should -Match 'security keys need their device'
        Get-Content $Sshd.Log | Select-String "ED25519-SK" | Should -BeNullOrEmpty -Because 'nothing was offered for it'
    }

    It 'an expired certificate is refused, like ssh: the certificate and the key are both named' {
        Invoke-Ssh $Expired | Should -Match 'Permission denied'
        $r = Test-EspriConnection 127.0.0.1 @Common -IdentityFile $Expired
        $r.Succeeded | Should -BeFalse
        $r.FailedStage | Should -Be 'Authentication'
        $detail = ($r.Stages | Where-Object Name -eq Authentication).Detail
        $detail | Should -Match ([regex]::Escape("$Expired-cert.pub"))
        $detail | Should -Match ([regex]::Escape("('$Expired')"))
    }
}

Describe 'Test-EspriConnection in a pipeline' -Skip:(Test-Skip -Tool ssh-keygen) {
    BeforeAll {
        Import-Module (Join-Path $PSScriptRoot 'TestHelpers/TestHelpers.psm1') -Force
        Import-Module (Get-TestModulePath) -Force
        $script:Id = ',EspriSsh.Commands.TestEspriConnectionCommand'
        $script:Box = New-TestSandbox
        $script:Key = Join-Path $Box.Ssh 'id_ed25519'
        ssh-keygen -q -t ed25519 -N '' -f $Key
    }
    AfterAll { Remove-Item -Recurse -Force $Box.Home -ErrorAction Ignore }

    It 'refuses a key from Get-EspriKey with a message, never testing a host named after its type' {
        $err = $null
        Get-EspriKey -Path $Key | Test-EspriConnection -ErrorVariable err -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $err[0].FullyQualifiedErrorId | Should -Be "ParameterArgumentTransformationError$Id"
        $err[0].Exception.Message | Should -Match 'EspriSsh\.KeyEntry'
        $err[0].Exception.Message | Should -Match ([regex]::Escape('Get-EspriKey | Test-EspriConnection <host>'))
    }

    It 'tests each key from Get-EspriKey against the host named: its private key file binds -IdentityFile' -Skip:(Test-Skip -Tool sshd) {
        $other = Join-Path $Box.Ssh 'id_other'
        ssh-keygen -q -t ed25519 -N '' -f $other
        $sshd = Start-TestSshd -AuthorizedKeys (Get-Content "$Key.pub")
        try {
            $common = @{ Port = $sshd.Port; User = $sshd.User; AcceptNewHostKey = $true; KnownHostsPath = (Join-Path $Box.Ssh 'known_hosts') }
            $results = Get-EspriKey -Path $Key, $other | Test-EspriConnection 127.0.0.1 @common -WarningAction SilentlyContinue
            $results | Should -HaveCount 2
            $results[0].Succeeded | Should -BeTrue
            $results[1].FailedStage | Should -Be 'Authentication'
            $results[1].Stages.Where({ $_.Name -eq 'Authentication' }).Detail | Should -Match ([regex]::Escape((Get-SshFingerprint "$other.pub")))
        }
        finally { Stop-TestSshd $sshd }
    }

    It 'takes host names by value and objects with a HostName by property name' {
        # A port nothing listens on: each test ends at once, its HostName shows what was taken.
        $common = @{ Port = (Get-FreeTcpPort); User = 'me'; IdentityFile = $Key; TimeoutSec = 2 }
        $byValue = '127.0.0.1' | Test-EspriConnection @common
        $byName = [pscustomobject]@{ HostName = '127.0.0.1' } | Test-EspriConnection @common
        foreach ($r in $byValue, $byName) { $r.HostName | Should -Be '127.0.0.1' }
    }
}

Describe 'Test-EspriConnection shows its progress' -Skip:(Test-Skip -Tool ssh-keygen) {
    BeforeAll {
        Import-Module (Join-Path $PSScriptRoot 'TestHelpers/TestHelpers.psm1') -Force
        $script:Box = New-TestSandbox
        $script:Key = Join-Path $Box.Ssh 'id_ed25519'
        ssh-keygen -q -t ed25519 -N '' -f $Key
    }
    AfterAll { Remove-Item -Recurse -Force $Box.Home -ErrorAction Ignore }

    It 'reports each stage as it starts, with how long it may wait, then ends its progress bar' {
        # A runspace of its own keeps the progress records (Streams.Progress) instead of drawing them.
        $ps = [powershell]::Create()
        try {
            $null = $ps.AddCommand('Import-Module').AddParameter('Name', (Get-TestModulePath)).AddStatement()
            $null = $ps.AddCommand('Test-EspriConnection').AddParameters(@{ HostName = '127.0.0.1'; Port = (Get-FreeTcpPort); User = 'me'; IdentityFile = $Key; TimeoutSec = 3 })
            $null = $ps.Invoke()
            $records = @($ps.Streams.Progress)
        }
        finally { $ps.Dispose() }
        @($records | Where-Object RecordType -eq 'Processing' | ForEach-Object StatusDescription) |
            Should -Be @('Config on 127.0.0.1', 'Dns on 127.0.0.1 (waits up to 3 s)', 'Tcp on 127.0.0.1 (waits up to 3 s)')
        $records[0].Activity | Should -Be 'Test-EspriConnection 127.0.0.1'
        $records[-1].RecordType | Should -Be 'Completed'
    }
}
