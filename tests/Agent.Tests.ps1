# The agent end to end: a real ssh-agent (its own socket in the sandbox, never the user's) and loopback
# sshds. ssh itself, with the same agent, is the reference for what must log in and what must fail.
BeforeDiscovery {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers/TestHelpers.psm1') -Force
    $script:Missing = Test-Skip -Tool ssh, ssh-keygen, ssh-agent, ssh-add, sshd -UnixOnly
}

# The Pester files share one process: leave no setting behind for the next file.
AfterAll { Remove-Item Env:ESPRISSH_NONINTERACTIVE -ErrorAction Ignore }

Describe 'Agent keys in Test-EspriConnection, Get-EspriDebugReport and -AddToAgent' -Skip:$Missing {
    BeforeAll {
        Import-Module (Join-Path $PSScriptRoot 'TestHelpers/TestHelpers.psm1') -Force
        Import-Module (Get-TestModulePath) -Force
        $env:ESPRISSH_NONINTERACTIVE = '1'
        $script:Box = New-TestSandbox
        $script:Saved = @{ Home = $env:ESPRISSH_HOME; Sock = $env:SSH_AUTH_SOCK }
        $env:ESPRISSH_HOME = $Box.Home
        $script:Pass = 'agent test pass'
        function script:New-Key([string] $Name, [string] $Type = 'ed25519', [string] $Passphrase = '', [string[]] $Extra = @()) {
            $path = Join-Path $Box.Ssh $Name
            ssh-keygen -q -t $Type @Extra -a 2 -N $Passphrase -C $Name -f $path | Out-Null
            $path
        }
        function script:Fingerprint([string] $Key) { Get-SshFingerprint "$Key.pub" }
        # The site key: encrypted in ~/.ssh, its plain copy given to the agent (what ssh-add does).
        $script:Plain = New-Key 'plain_ed25519'
        $script:Encrypted = Join-Path $Box.Ssh 'site_ed25519'
        Copy-Item $Plain $Encrypted; Copy-Item "$Plain.pub" "$Encrypted.pub"; chmod 600 $Encrypted
        ssh-keygen -q -p -a 2 -N $Pass -P '' -f $Encrypted | Out-Null
        $script:Rsa = New-Key 'agent_rsa4096' -Type rsa -Extra '-b', '4096'
        $script:Extra = 1..7 | ForEach-Object { New-Key "extra_$_" }
        $script:Sshd = Start-TestSshd -AuthorizedKeys (Get-Content "$Plain.pub")
        $script:RsaSshd = Start-TestSshd -AuthorizedKeys (Get-Content "$Rsa.pub") -ExtraConfig 'PubkeyAcceptedAlgorithms rsa-sha2-512,rsa-sha2-256'
        $script:StrictSshd = Start-TestSshd -AuthorizedKeys (Get-Content "$Plain.pub") -ExtraConfig 'MaxAuthTries 3'
        $script:Jump1 = Start-TestSshd -AuthorizedKeys (Get-Content "$Plain.pub")
        $script:Jump2 = Start-TestSshd -AuthorizedKeys (Get-Content "$Plain.pub")
        $script:KnownHosts = Join-Path $Box.Ssh 'known_hosts'
        $Sshd, $RsaSshd, $StrictSshd, $Jump1, $Jump2 | ForEach-Object { "[127.0.0.1]:$($_.Port) $($_.HostKeyType) $($_.HostKeyBase64)" } | Set-Content $KnownHosts
        $script:Config = Join-Path $Box.Ssh 'config'
        function script:HostBlock([string] $Alias, $Server, [string[]] $More = @()) {
            @("Host $Alias", '    HostName 127.0.0.1', "    Port $($Server.Port)", "    User $($Server.User)", "    UserKnownHostsFile $KnownHosts") + ($More | ForEach-Object { "    $_" })
        }
        @(
            HostBlock 'site' $Sshd "IdentityFile $Encrypted", 'IdentitiesOnly yes'
            HostBlock 'rsa-only' $RsaSshd 'IdentityFile /nonexistent/none'
            HostBlock 'strict' $StrictSshd "IdentityFile $Encrypted"
            HostBlock 'jump1' $Jump1
            HostBlock 'jump2' $Jump2
            HostBlock 'behind' $Sshd "IdentityFile $Encrypted", 'IdentitiesOnly yes', 'ProxyJump jump1,jump2'
        ) | Set-Content $Config
        $script:Common = @{ ConfigPath = $Config; SshDirectory = $Box.Ssh; TimeoutSec = 20 }
        function script:Invoke-Ssh([string] $Alias) {
            $output = ssh -F $Config -o BatchMode=yes $Alias true 2>&1 | Out-String
            [pscustomobject]@{ Output = $output; ExitCode = $LASTEXITCODE }
        }
        function script:Use-NewAgent {
            $agent = Start-TestSshAgent -Directory $Box.Home
            $env:SSH_AUTH_SOCK = $agent.Socket
            $agent
        }
        function script:Lock-Agent {
            $askpass = Join-Path $Box.Home 'askpass.sh'
            Set-Content $askpass "#!/bin/sh`necho lock-pw"; chmod 700 $askpass
            $env:SSH_ASKPASS = $askpass; $env:SSH_ASKPASS_REQUIRE = 'force'; $env:DISPLAY = ':0'
            try { ssh-add -x 2>$null; $LASTEXITCODE | Should -Be 0 }
            finally { Remove-Item Env:SSH_ASKPASS, Env:SSH_ASKPASS_REQUIRE, Env:DISPLAY -ErrorAction Ignore }
        }
    }
    AfterAll {
        $Sshd, $RsaSshd, $StrictSshd, $Jump1, $Jump2 | Where-Object { $_ } | ForEach-Object { Stop-TestSshd $_ }
        $env:ESPRISSH_HOME = $Saved.Home
        $env:SSH_AUTH_SOCK = $Saved.Sock
        Remove-Item -Recurse -Force $Box.Home -ErrorAction Ignore
    }
    BeforeEach { $script:Agent = Use-NewAgent }
    AfterEach { Stop-TestSshAgent $Agent; $env:SSH_AUTH_SOCK = $Saved.Sock }

    It 'an encrypted key whose plain copy is in the agent connects in a -NonInteractive session' {
        ssh-add -q $Plain 2>$null
        (Invoke-Ssh site).ExitCode | Should -Be 0 -Because 'ssh logs in with the agent'
        $r = Invoke-FreshPwsh -Environment @{ SSH_AUTH_SOCK = $Agent.Socket; ESPRISSH_HOME = $Box.Home } -Command @"
Import-Module '$(Get-TestModulePath)'
`$r = Test-EspriConnection site -ConfigPath '$Config' -SshDirectory '$($Box.Ssh)'
"`$(`$r.Succeeded) `$(`$r.Reason)"
(`$r.Stages | Where-Object Name -eq Authentication).Detail
"@
        $r.Output | Should -Match '^True '
        $r.Output | Should -Match ([regex]::Escape("'$Encrypted', signed by the agent"))
    }

    It 'an RSA-4096 key only in the agent logs in to a server that refuses ssh-rsa' {
        ssh-add -q $Rsa 2>$null
        (Invoke-Ssh rsa-only).ExitCode | Should -Be 0
        $r = Test-EspriConnection rsa-only @Common
        $r.Succeeded | Should -BeTrue -Because ($r.Stages | Out-String)
        ($r.Stages | Where-Object Name -eq Authentication).Detail | Should -Match ([regex]::Escape("ssh-rsa key $(Fingerprint $Rsa) ('agent_rsa4096' in the agent)"))
    }

    It 'a locked agent is named, with ssh-add -X, by Test-EspriConnection and by -AddToAgent' {
        ssh-add -q $Plain 2>$null
        Lock-Agent
        $r = Test-EspriConnection site @Common
        $r.Reason | Should -Be 'PassphraseRequired'
        $r.Hint | Should -Match 'locked'
        $r.Hint | Should -Match 'ssh-add -X'
        $copy = Join-Path $Box.Home 'copy'
        $null = New-Item -ItemType Directory -Force $copy
        $k = Install-EspriKey -Path $Plain -Destination (Join-Path $copy 'id_ed25519') -NewPassphrase (ConvertTo-SecureString 'x y z w' -AsPlainText -Force) `
            -AddToAgent -WarningVariable w -WarningAction SilentlyContinue
        $k.Path | Should -Exist
        ($w -join ' ') | Should -Match 'locked'
        ($w -join ' ') | Should -Match 'ssh-add -X'
    }

    It 'seven agent keys against MaxAuthTries 3: names it, lists what went out, gives the fix' {
        $Extra | ForEach-Object { ssh-add -q $_ 2>$null }
        (Invoke-Ssh strict).Output | Should -Match 'Too many authentication failures' -Because 'ssh fails the same way'
        $r = Test-EspriConnection strict @Common
        $r.Reason | Should -Be 'TooManyAuthenticationFailures'
        $detail = ($r.Stages | Where-Object Name -eq Authentication).Detail
        $Extra | Select-Object -First 3 | ForEach-Object { $detail | Should -Match ([regex]::Escape((Fingerprint $_))) }
        $r.Hint | Should -Match 'IdentitiesOnly yes'
        $r.Hint | Should -Match ([regex]::Escape("IdentityFile $Encrypted"))
        $r.Hint | Should -Match 'Set-EspriSshConfig'
    }

    It 'ProxyJump jump1,jump2: the agent key logs in on every hop' {
        ssh-add -q $Plain 2>$null
        (Invoke-Ssh behind).ExitCode | Should -Be 0 -Because 'ssh -J jump1,jump2 works'
        $r = Test-EspriConnection behind @Common
        $r.Succeeded | Should -BeTrue -Because ($r.Stages | Out-String)
        $r.Via | Should -Be 'jump1,jump2'
        ($r.Stages | Where-Object Name -eq Authentication).Host | Should -Be @('jump1', 'jump2', 'behind')
        ($r.Stages | Where-Object Name -eq Authentication).Detail | ForEach-Object { $_ | Should -Match ([regex]::Escape((Fingerprint $Plain))) }
    }

    It 'the report with the key in the agent has no PassphraseRequired finding' {
        ssh-add -q $Plain 2>$null
        $out = Join-Path $Box.Home 'report.txt'
        $report = Get-EspriDebugReport -HostName site -SshDirectory $Box.Ssh -ConfigPath $Config -OutFile $out -TimeoutSec 20 -Force 6>$null
        $text = Get-Content -Raw $out
        $text | Should -Not -Match 'PassphraseRequired'
        $report.Findings.Code | Should -Not -Contain 'ConnectionFailed'
        $text | Should -Match 'Result: logged in'
        $text | Should -Match ([regex]::Escape("Agent: reachable: the OpenSSH ssh-agent at '$($Agent.Socket)'"))
        $text | Should -Match ([regex]::Escape((Fingerprint $Plain)))
    }
}

Describe 'Agents that ask the person, and agents that misbehave' -Skip:$Missing {
    BeforeAll {
        Import-Module (Join-Path $PSScriptRoot 'TestHelpers/TestHelpers.psm1') -Force
        Import-Module (Join-Path $PSScriptRoot 'TestHelpers/MisbehavingAgent.psm1') -Force
        Import-Module (Get-TestModulePath) -Force
        $env:ESPRISSH_NONINTERACTIVE = '1'
        $script:Box = New-TestSandbox
        $script:Saved = @{ Home = $env:ESPRISSH_HOME; Sock = $env:SSH_AUTH_SOCK }
        $env:ESPRISSH_HOME = $Box.Home
        $script:Key = Join-Path $Box.Ssh 'id_ed25519'
        ssh-keygen -q -t ed25519 -N '' -C site -f $Key | Out-Null
        $script:Sshd = Start-TestSshd -AuthorizedKeys (Get-Content "$Key.pub")
        $script:Config = Set-TestSshAlias -Sshd $Sshd -Directory $Box.Ssh -Alias site -IdentityFile $Key
        $script:Common = @{ ConfigPath = $Config; SshDirectory = $Box.Ssh }
    }
    AfterAll {
        if ($Sshd) { Stop-TestSshd $Sshd }
        $env:ESPRISSH_HOME = $Saved.Home
        $env:SSH_AUTH_SOCK = $Saved.Sock
        Remove-Item -Recurse -Force $Box.Home -ErrorAction Ignore
    }
    AfterEach { $env:SSH_AUTH_SOCK = $Saved.Sock }

    It 'a confirmation answered after 12 s (past the old 10 s limit) logs in with -TimeoutSec 20, as ssh waits' {
        $askpass = Join-Path $Box.Home 'slow-askpass.sh'
        Set-Content $askpass "#!/bin/sh`nsleep 12`necho yes"; chmod 755 $askpass
        $env:SSH_ASKPASS = $askpass; $env:SSH_ASKPASS_REQUIRE = 'force'; $env:DISPLAY = ':0'
        try { $agent = Start-TestSshAgent -Directory $Box.Home } # the agent asks through the askpass it was started with
        finally { Remove-Item Env:SSH_ASKPASS, Env:SSH_ASKPASS_REQUIRE, Env:DISPLAY -ErrorAction Ignore }
        try {
            $env:SSH_AUTH_SOCK = $agent.Socket
            ssh-add -q -c $Key 2>$null
            $r = Test-EspriConnection site @Common -TimeoutSec 20
            $r.Succeeded | Should -BeTrue -Because ($r.Stages | Out-String)
            ($r.Stages | Where-Object Name -eq Authentication).Duration.TotalSeconds | Should -BeGreaterThan 11
        }
        finally { Stop-TestSshAgent $agent }
    }

    It 'an agent listing a damaged key: the report is written and names it; the test offers no agent key, as ssh' {
        $bad = Start-TestMisbehavingAgent -Directory $Box.Home -Mode Malformed
        try {
            $env:SSH_AUTH_SOCK = $bad.Socket
            $out = Join-Path $Box.Home 'report-malformed.txt'
            $null = Get-EspriDebugReport -HostName site @Common -OutFile $out -TimeoutSec 10 -Force 6>$null
            $text = Get-Content -Raw $out
            $text | Should -Match ([regex]::Escape("agent at '$($bad.Socket)'"))
            $text | Should -Match ([regex]::Escape("lists a key that cannot be used, 'bad\x1b[31m'"))
            $text | Should -Not -Match "`e"
            $r = Test-EspriConnection site @Common
            $r.Succeeded | Should -BeTrue -Because 'the key file logs in; the agent list is rejected as ssh rejects it'
            ($r.Stages | Where-Object Name -eq Config).Status | Should -Be 'Warning'
            ($r.Stages | Where-Object Name -eq Config).Detail | Should -Match "ssh rejects this agent's list"
        }
        finally { Stop-TestMisbehavingAgent $bad }
    }

    It '4,096 agent keys: a count and the first few, in the report and in the view' {
        $many = Start-TestMisbehavingAgent -Directory $Box.Home -Mode Many
        try {
            $env:SSH_AUTH_SOCK = $many.Socket
            $out = Join-Path $Box.Home 'report-many.txt'
            $null = Get-EspriDebugReport -HostName site @Common -OutFile $out -TimeoutSec 10 -Force 6>$null
            (Get-Content $out).Count | Should -BeLessThan 400
            Get-Content -Raw $out | Should -Match 'Keys it holds \(fingerprints\): 4096'
            $view = Test-EspriConnection site @Common | Out-String -Width 80
            ($view -split "`n").Count | Should -BeLessThan 60
            $view | Should -Match '4096 keys'
        }
        finally { Stop-TestMisbehavingAgent $many }
    }

    It 'an agent that never answers, or never accepts, holds up no cmdlet: each says so within seconds' -ForEach @(
        @{ Mode = 'Silent'; Said = 'did not answer within 3 s' }
        @{ Mode = 'NeverAccept'; Said = 'accepts no connection' }
    ) {
        $stuck = Start-TestMisbehavingAgent -Directory $Box.Home -Mode $Mode
        try {
            $env:SSH_AUTH_SOCK = $stuck.Socket
            $clock = [Diagnostics.Stopwatch]::StartNew()
            $keys = Get-EspriKey -SshDirectory $Box.Ssh
            $r = Test-EspriConnection site @Common
            $out = Join-Path $Box.Home "report-$Mode.txt"
            $null = Get-EspriDebugReport -HostName site @Common -OutFile $out -TimeoutSec 10 -Force 6>$null
            $clock.Elapsed.TotalSeconds | Should -BeLessThan 60 -Because 'a hang guard: three cmdlets, each bounded by the 3 s agent limit'
            $keys.Count | Should -BeGreaterThan 0
            $r.Succeeded | Should -BeTrue -Because 'the key file logs in without the agent'
            ($r.Stages | Where-Object Name -eq Config).Detail | Should -Match $Said
            Get-Content -Raw $out | Should -Match $Said
        }
        finally { Stop-TestMisbehavingAgent $stuck }
    }
}
