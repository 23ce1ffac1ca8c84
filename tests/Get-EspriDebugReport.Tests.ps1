# The support report against the loopback sshd: a sandbox with one registered key left with 0644 rights
# and one key the server does not know, both with a passphrase, reached through an ssh config alias.
BeforeDiscovery {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers/TestHelpers.psm1') -Force
    $script:NoSshd = Test-Skip -Tool ssh, ssh-keygen, sshd
}

Describe 'Get-EspriDebugReport' -Skip:$NoSshd {
    BeforeAll {
        Import-Module (Join-Path $PSScriptRoot 'TestHelpers/TestHelpers.psm1') -Force
        Import-Module (Get-TestModulePath) -Force
        $script:Box = New-TestSandbox
        $script:OldHome = $env:ESPRISSH_HOME
        $env:ESPRISSH_HOME = $Box.Home
        # The user's own agent stays out of it: one test starts an agent of its own.
        $script:OldAgent = $env:SSH_AUTH_SOCK
        $env:SSH_AUTH_SOCK = $null
        $script:Passphrase = 'Espri-Test-Passphrase-8472'
        $script:Registered = Join-Path $Box.Ssh 'id_ed25519'
        $script:Unregistered = Join-Path $Box.Ssh 'id_unregistered'
        foreach ($key in $Registered, $Unregistered) { ssh-keygen -q -t ed25519 -a 2 -N $Passphrase -C 'report-test' -f $key | Out-Null }
        chmod 644 $Registered
        # Keys the site refuses (DSA) and only tolerates (RSA 4096), for the key section.
        $script:Dsa = Join-Path $Box.Ssh 'id_dsa'
        $script:Rsa = Join-Path $Box.Ssh 'id_rsa'
        ssh-keygen -q -t dsa -a 2 -N $Passphrase -f $Dsa | Out-Null
        ssh-keygen -q -t rsa -b 4096 -a 2 -N $Passphrase -f $Rsa | Out-Null
        $script:Sshd = Start-TestSshd -AuthorizedKeys (Get-Content "$Registered.pub")
        $script:KnownHosts = Join-Path $Box.Ssh 'known_hosts'
        Set-Content $KnownHosts "[127.0.0.1]:$($Sshd.Port) $($Sshd.HostKeyType) $($Sshd.HostKeyBase64)"
        $script:Config = Join-Path $Box.Ssh 'config'
        @"
Host spirit1
    HostName 127.0.0.1
    Port $($Sshd.Port)
    User $($Sshd.User)
    IdentityFile $Registered
    IdentityFile $Unregistered
    IdentitiesOnly yes
    UserKnownHostsFile $KnownHosts
Host unreachable
    HostName 10.255.255.1
    User $($Sshd.User)
    UserKnownHostsFile $KnownHosts
"@ | Set-Content $Config
        function Get-Fingerprint([string] $PublicFile) { ((ssh-keygen -lf $PublicFile) -split ' ')[1] }
        function Get-BodyLines([string] $KeyFile) { Get-Content $KeyFile | Where-Object { $_ -and $_ -notmatch '^-----' } }
        $script:RegisteredFp = Get-Fingerprint "$Registered.pub"
        $script:UnregisteredFp = Get-Fingerprint "$Unregistered.pub"
        $script:HostKeyFp = Get-Fingerprint (Join-Path $Sshd.Directory 'host_ed25519.pub')
        $script:OutFile = Join-Path $Box.Home 'ssh-debug4support.txt'
        $script:Report = Get-EspriDebugReport -SshDirectory $Box.Ssh -ConfigPath $Config -OutFile $OutFile -TimeoutSec 10 -InformationVariable info 6>$null
        $script:Info = $info
        $script:Text = Get-Content -Raw $OutFile
    }
    AfterAll {
        $env:ESPRISSH_HOME = $OldHome
        $env:SSH_AUTH_SOCK = $OldAgent
        Stop-TestSshd $Sshd
        Remove-Item -Recurse -Force $Box.Home -ErrorAction Ignore
    }

    It 'writes the file and returns EspriSsh.DebugReport with the findings as objects' {
        $Report.PSObject.TypeNames[0] | Should -Be 'EspriSsh.DebugReport'
        $Report.Path | Should -Be $OutFile
        $Report.Succeeded | Should -BeFalse
        $Report.Findings.Count | Should -BeGreaterThan 1
        $Text | Should -Match '(?s)^SSH debug information for support.*==== FINDINGS.*==== 1\. Computer and session'
        ($Info.MessageData.Message -join "`n") | Should -Match ([regex]::Escape($OutFile))
    }

    It 'names the private key whose rights are 0644, with the chmod fix' {
        $f = $Report.Findings | Where-Object { $_.Code -eq 'KeyFileTooOpen' -and $_.Target -eq $Registered }
        $f | Should -HaveCount 1
        $f.Severity | Should -Be 'Error'
        $f.Problem | Should -Match '0644'
        $f.Fix | Should -Be "chmod 600 '$Registered'"
        $Text | Should -Match ([regex]::Escape($f.Problem))
    }

    It 'names the key the server does not know, with its fingerprint' {
        $f = $Report.Findings | Where-Object Code -eq 'KeyNotRegistered'
        $f | Should -HaveCount 1
        $f.Problem | Should -Match ([regex]::Escape($Unregistered))
        $f.Problem | Should -Match ([regex]::Escape($UnregisteredFp))
        $f.Problem | Should -Not -Match 'id_ed25519 '
    }

    It 'contains the ssh version, the key and host key fingerprints and the listing' {
        $version = (ssh -V 2>&1 | Out-String).Trim()
        $Text | Should -Match ([regex]::Escape("ssh -V: $version"))
        $Text | Should -Match ([regex]::Escape($RegisteredFp))
        $Text | Should -Match ([regex]::Escape($UnregisteredFp))
        $Text | Should -Match ([regex]::Escape($HostKeyFp))
        $Text | Should -Match 'id_ed25519\s+\d+\s+\S+ \S+\s+uid \d+ \(you\)\s+0644\s+private key, TOO OPEN'
        $Text | Should -Match 'id_unregistered\s+\d+\s+\S+ \S+\s+uid \d+ \(you\)\s+0600\s+private key, rights OK'
        $Text | Should -Match "(?m)^    hostname 127\.0\.0\.1$"
    }

    It 'puts -- before the host in every ssh command line it runs' {
        $Text | Should -Match '(?m)^Command: .*ssh\S* -G .*-- spirit1$'
        $Text | Should -Match '(?m)^Command: .*ssh\S* -vvv .*-- spirit1 true$'
    }

    It 'shows EspriSsh''s reading of the config, with the line each value comes from, beside ssh -G' {
        $Text | Should -Match ("(?m)^Port: $($Sshd.Port)   \(" + [regex]::Escape($Config) + ' line 3\)')
        $Text | Should -Match ("(?m)^UserKnownHostsFile: " + [regex]::Escape($KnownHosts))
        $Report.Findings.Code | Should -Not -Contain 'ConfigReadingDiffers'
    }

    It 'names a config with a BOM and ForwardAgent for every host' {
        $bad = Join-Path $Box.Home 'bom-config'
        [IO.File]::WriteAllText($bad, "Host *`n    ForwardAgent yes`n" + (Get-Content -Raw $Config), [Text.UTF8Encoding]::new($true))
        $r = Get-EspriDebugReport -SshDirectory $Box.Ssh -ConfigPath $bad -OutFile (Join-Path $Box.Home 'bom.txt') -NoConnectionTest 6>$null
        $r.Findings.Code | Should -Contain 'ConfigHasBom'
        $r.Findings.Code | Should -Contain 'ForwardAgentAllHosts'
        ($r.Findings | Where-Object Code -eq 'ForwardAgentAllHosts').Fix | Should -Match 'DisableForwardAgentAll'
        # ssh itself refuses the file: its own words are a finding too.
        ($r.Findings | Where-Object Code -eq 'SshConfigRejected').Problem | Should -Match 'Bad configuration option'
    }

    It 'lists the known_hosts entry and the stages of Test-EspriConnection' {
        $Text | Should -Match ('(?m)^==== \d+\. known_hosts entries for spirit1.*\n(.*\n)*?.*known_hosts line 1: ssh-ed25519 ' + [regex]::Escape($HostKeyFp))
        $Text | Should -Match '(?m)^\[Passed \] spirit1 HostKey'
        $Text | Should -Match '(?m)^\[Failed \] spirit1 Authentication'
        ($Report.Findings | Where-Object Code -eq 'ConnectionFailed').Problem | Should -Match 'Authentication stage'
        $Text | Should -Match 'SSH_AUTH_SOCK: \(not set\)'
    }

    It 'shows the fingerprints the ssh-agent holds, and nothing else of it' {
        $agentKey = Join-Path $Box.Home 'agent_key'
        ssh-keygen -q -t ed25519 -N '' -C 'in-agent' -f $agentKey | Out-Null
        # On a socket in the sandbox: `ssh-agent -s` would make a /tmp/ssh-* folder that a killed agent leaves behind.
        $agent = Start-TestSshAgent -Directory $Box.Home
        try {
            $env:SSH_AUTH_SOCK = $agent.Socket
            ssh-add -q $agentKey 2>$null
            $out = Join-Path $Box.Home 'agent.txt'
            $r = Get-EspriDebugReport -SshDirectory $Box.Ssh -ConfigPath $Config -OutFile $out -NoConnectionTest 6>$null
            $withAgent = Get-Content -Raw $out
            $withAgent | Should -Match ([regex]::Escape((Get-Fingerprint "$agentKey.pub")))
            $withAgent | Should -Match 'Agent: reachable'
            $withAgent | Should -Match '(?m)^    \.pub: matches; rights: 0600; site: Preferred; in agent: no$'
            $withAgent.Contains(((Get-Content "$agentKey.pub") -split ' ')[1]) | Should -BeFalse -Because 'the agent''s public keys are not listed, only fingerprints'
            foreach ($line in Get-BodyLines $agentKey) { $withAgent.Contains($line) | Should -BeFalse }
            $r.Findings.Code | Should -Not -Contain 'AgentNotReachable'
        }
        finally {
            $env:SSH_AUTH_SOCK = $null
            Stop-TestSshAgent $agent
        }
    }

    It 'lists every key with type, bits, passphrase, fingerprint, .pub match, rights and the site''s verdict' {
        foreach ($case in @(
                @{ Key = $Registered; Type = 'ssh-ed25519'; Site = 'Preferred'; Rights = '0644 \(TOO OPEN\)' }
                @{ Key = $Unregistered; Type = 'ssh-ed25519'; Site = 'Preferred'; Rights = '0600' }
                @{ Key = $Dsa; Type = 'ssh-dss'; Site = 'Refused'; Rights = '0600' }
                @{ Key = $Rsa; Type = 'ssh-rsa'; Site = 'Tolerated'; Rights = '0600' })) {
            $bits = ((ssh-keygen -lf "$($case.Key).pub") -split ' ')[0]
            $fp = Get-Fingerprint "$($case.Key).pub"
            $name = [regex]::Escape((Split-Path -Leaf $case.Key))
            $Text | Should -Match "(?m)^$name \(OpenSSH, private\)\n    $($case.Type), $bits bits; passphrase: yes; $([regex]::Escape($fp))\n    \.pub: matches; rights: $($case.Rights); site: $($case.Site); in agent: unknown$"
        }
        ($Report.Findings | Where-Object Code -eq 'KeyTypeRefused').Target | Should -Be $Dsa
        ($Report.Findings | Where-Object Code -eq 'KeyTypeRefused').Severity | Should -Be 'Error'
        ($Report.Findings | Where-Object Code -eq 'KeyTypeTolerated').Target | Should -Be $Rsa
        ($Report.Findings | Where-Object Code -eq 'KeyTypeTolerated').Severity | Should -Be 'Warning'
        # The 0644 key is named once (by the listing), not again by the key section.
        @($Report.Findings | Where-Object { $_.Target -eq $Registered -and $_.Problem -match '0644' }).Count | Should -Be 1
    }

    It 'holds no line of any private key and not the passphrase' {
        foreach ($key in $Registered, $Unregistered, $Dsa, $Rsa) {
            $lines = @(Get-BodyLines $key)
            $lines.Count | Should -BeGreaterThan 3
            foreach ($line in $lines) { $Text.Contains($line) | Should -BeFalse -Because "a line of $key must not appear" }
        }
        $Text.Contains($Passphrase) | Should -BeFalse
    }

    It 'redacts a private key line wherever it would appear, and says so' {
        $secret = @(Get-BodyLines $Unregistered)[1]
        $out = Join-Path $Box.Home 'guard.txt'
        $r = Get-EspriDebugReport -HostName $secret -SshDirectory $Box.Ssh -ConfigPath $Config -OutFile $out -NoConnectionTest 6>$null
        $guarded = Get-Content -Raw $out
        $guarded.Contains($secret) | Should -BeFalse
        $guarded | Should -Match 'REDACTED'
        $r.Findings.Code | Should -Contain 'SecretRedacted'
    }

    It '-Anonymize removes the login, the home path and the computer name' {
        $out = Join-Path $Box.Home 'anonymous.txt'
        $r = Get-EspriDebugReport $Sshd.User -SshDirectory $Box.Ssh -ConfigPath $Config -OutFile $out -TimeoutSec 10 -Anonymize 6>$null
        $anonymous = Get-Content -Raw $out
        # Fingerprints are random base64 and may contain a short name by chance: they are kept as they are.
        $words = $anonymous -replace 'SHA256:[A-Za-z0-9+/]{43}', 'SHA256:(fingerprint)'
        foreach ($secret in $Sshd.User, $Box.Home, $HOME, [Environment]::MachineName) {
            $pattern = if ($secret.Length -lt 4) { "(?<![A-Za-z0-9])$([regex]::Escape($secret))(?![A-Za-z0-9])" } else { [regex]::Escape($secret) }
            $words | Should -Not -Match $pattern -Because "'$secret' must be replaced"
        }
        ($r.Findings | Out-String) | Should -Not -Match ([regex]::Escape($Box.Home))
        $anonymous | Should -Match '<LOGIN>'
        $anonymous | Should -Match '<HOME>/\.ssh/id_unregistered'
        $anonymous | Should -Match ([regex]::Escape($UnregisteredFp))
    }

    It 'still makes a report, with a finding, when ssh is not on PATH' {
        $emptyBin = New-Item -ItemType Directory -Force (Join-Path $Box.Home 'empty-bin')
        $out = Join-Path $Box.Home 'no-ssh.txt'
        $r = Invoke-FreshPwsh -TimeoutSec 60 -Environment @{ PATH = $emptyBin.FullName; ESPRISSH_HOME = $Box.Home } -Command @"
Import-Module '$(Get-TestModulePath)'
`$r = Get-EspriDebugReport -SshDirectory '$($Box.Ssh)' -ConfigPath '$Config' -OutFile '$out' -TimeoutSec 5 6>`$null
'CODES=' + (`$r.Findings.Code -join ',')
"@
        $r.ExitCode | Should -Be 0 -Because $r.Output
        $r.Output | Should -Match 'CODES=.*SshNotFound'
        $noSsh = Get-Content -Raw $out
        $noSsh | Should -Match 'No ssh client is installed or on PATH'
        $noSsh | Should -Match 'private key, TOO OPEN'
    }

    It 'writes the report with a timeout finding when the host does not answer' {
        $out = Join-Path $Box.Home 'unreachable.txt'
        $r = Get-EspriDebugReport -HostName unreachable -SshDirectory $Box.Ssh -ConfigPath $Config -OutFile $out -TimeoutSec 3 6>$null
        Test-Path $out | Should -BeTrue
        # Blackholed (timeout) or, on a machine without a route, refused at once (unreachable).
        ($r.Findings.Code -join ',') | Should -Match '(ConnectTimeout|SshAttemptTimedOut|NetworkUnreachable)'
    }

    It 'runs again over its earlier report, keeping that one as .bak (the last one only)' {
        $out = Join-Path $Box.Home 'again.txt'
        $first = Get-EspriDebugReport -SshDirectory $Box.Ssh -ConfigPath $Config -OutFile $out -NoConnectionTest 6>$null
        $first.Backup | Should -BeNullOrEmpty
        $firstText = Get-Content -Raw $out
        $second = Get-EspriDebugReport -SshDirectory $Box.Ssh -ConfigPath $Config -OutFile $out -NoConnectionTest 6>$null
        $second.Backup | Should -Be "$out.bak"
        Get-Content -Raw "$out.bak" | Should -BeExactly $firstText
        $secondText = Get-Content -Raw $out
        $third = Get-EspriDebugReport -SshDirectory $Box.Ssh -ConfigPath $Config -OutFile $out -NoConnectionTest 6>$null
        $third.Backup | Should -Be "$out.bak"
        Get-Content -Raw "$out.bak" | Should -BeExactly $secondText
        Get-ChildItem $Box.Home | Where-Object Name -Like 'again.txt.bak.*' | Should -BeNullOrEmpty
    }

    It 'does not replace a file that is not a report without -Force' {
        $out = Join-Path $Box.Home 'notes.txt'
        Set-Content $out 'my notes'
        { Get-EspriDebugReport -SshDirectory $Box.Ssh -ConfigPath $Config -OutFile $out -NoConnectionTest -ErrorAction Stop } |
            Should -Throw -ErrorId 'FileExists,EspriSsh.Commands.GetEspriDebugReportCommand'
        Get-Content $out | Should -Be 'my notes'
    }

    It 'gives ssh -G the config EspriSsh reads: <Case>' -ForEach @(
        @{ Case = 'ESPRISSH_HOME''s config'; Folder = $null; Expected = '-F {0}/config ' }
        @{ Case = '"none" for an ssh folder without a config'; Folder = 'bare/.ssh'; Expected = '-F none ' }
    ) {
        $params = @{ OutFile = (Join-Path $Box.Home 'config-check.txt'); NoConnectionTest = $true; Force = $true }
        if ($Folder) { $params.SshDirectory = New-Item -ItemType Directory -Force (Join-Path $Box.Home $Folder) }
        $r = Get-EspriDebugReport @params 6>$null
        $expected = [regex]::Escape('ssh -G ' + ($Expected -f $Box.Ssh))
        Get-Content -Raw $r.Path | Should -Match "(?m)^Command: \S*$expected"
        $r.Findings.Code | Should -Not -Contain 'ConfigReadingDiffers'
    }

    It 'takes the support address, the subject and the file name from the site profile' {
        $site = Join-Path $Box.Home 'other-site.json'
        @{
            name = 'Other site'; defaultHeadNode = 'spirit1'
            support = @{ address = 'help@other.example.org'; reportSubject = 'Login trouble'; reportFileName = 'other-report.txt' }
            hosts = @(@{ alias = 'spirit1'; hostName = 'spirit1.other.example.org'; role = 'HeadNode' })
            keyPolicy = @(@{ type = 'ssh-ed25519'; verdict = 'Preferred'; reason = 'ok' })
        } | ConvertTo-Json -Depth 5 | Set-Content $site
        $env:ESPRISSH_SITE_PROFILE = $site
        Push-Location $Box.Home
        try { $r = Get-EspriDebugReport -SshDirectory $Box.Ssh -ConfigPath $Config -NoConnectionTest -InformationVariable told 6>$null -WarningVariable siteWarning -WarningAction SilentlyContinue }
        finally { Pop-Location; Remove-Item Env:ESPRISSH_SITE_PROFILE }
        $r.Path | Should -Be (Join-Path $Box.Home 'other-report.txt')
        ($siteWarning -join ' ') | Should -Match ([regex]::Escape("site profile '$site'"))
        Get-Content -Raw $r.Path | Should -Match ([regex]::Escape("Send it to: help@other.example.org, subject 'Login trouble'."))
        ($told.MessageData.Message -join "`n") | Should -Match ([regex]::Escape("Send it to help@other.example.org, subject 'Login trouble'."))
    }

    It '-Force replaces any file and keeps it as .bak' {
        $out = Join-Path $Box.Home 'forced.txt'
        Set-Content $out 'previous report'
        $r = Get-EspriDebugReport -SshDirectory $Box.Ssh -ConfigPath $Config -OutFile $out -NoConnectionTest -Force 6>$null
        Get-Content "$out.bak" | Should -Be 'previous report'
        Get-Content -Raw $out | Should -Match 'Skipped \(-NoConnectionTest\)'
        $r.Path | Should -Be $out
    }

    It '-WhatIf writes nothing' {
        $out = Join-Path $Box.Home 'whatif.txt'
        $r = Invoke-WithoutHost { param($Ssh, $Config, $Out) Get-EspriDebugReport -SshDirectory $Ssh -ConfigPath $Config -OutFile $Out -NoConnectionTest -WhatIf } @{ Ssh = $Box.Ssh; Config = $Config; Out = $out }
        $r | Should -BeNullOrEmpty
        Test-Path $out | Should -BeFalse
    }

    It 'shows path, verdict and findings in its default view' {
        $view = $Report | Format-List | Out-String -Width 300
        $view | Should -Match ([regex]::Escape($OutFile))
        $view | Should -Match 'Fix: chmod 600'
    }
}
