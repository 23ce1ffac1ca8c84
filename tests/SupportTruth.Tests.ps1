# Issue 24: the support report and Start-EspriSetup's checklist say what ssh does, where tickets come
# from. Two loopback sshd stand in for spirit1 and jean-zay (reached through spirit1) through a site
# profile file; a real ssh-agent; tmux at 80x24 where a prompt or the screen is the point. Real ssh,
# given the same files by a config written here by hand, is the control of every verdict.
BeforeDiscovery {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers/TestHelpers.psm1') -Force
    $script:NoSsh = Test-Skip -Tool ssh, ssh-keygen, ssh-agent, ssh-add, sshd -UnixOnly
    $script:NoTmux = $NoSsh -or (Test-Skip -Tool tmux)
    $script:NoPuttygen = Test-Skip -Tool puttygen, ssh-keygen
}

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers/TestHelpers.psm1') -Force
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers/TerminalSession.psm1') -Force
    Import-Module (Get-TestModulePath) -Force
    $script:ModulePath = Get-TestModulePath
    $script:Saved = @{ Home = $env:ESPRISSH_HOME; Agent = $env:SSH_AUTH_SOCK; Profile = $env:ESPRISSH_SITE_PROFILE; NonInteractive = $env:ESPRISSH_NONINTERACTIVE; Location = Get-Location }
    $env:ESPRISSH_NONINTERACTIVE = '1'
    $env:SSH_AUTH_SOCK = $null
    $script:Pass = 'Espri-Truth-Passphrase-24'
    $script:Secure = ConvertTo-SecureString $Pass -AsPlainText -Force
    # The profile file warns once per command line (Site.Tests); the output stays the summary.
    $PSDefaultParameterValues['*-Espri*:WarningAction'] = 'SilentlyContinue'
    $script:StepDetails = [System.Collections.Generic.List[string]]::new()

    function script:Lines([string] $Text) { $Text -split "`n" | ForEach-Object { $_.TrimEnd() } }
    function script:Step($Result, [string] $Name) { $Result.Steps | Where-Object Name -eq $Name }
    function script:Remember($Result) { foreach ($s in $Result.Steps) { $StepDetails.Add($s.Detail) } }
    function script:Fingerprint([string] $PublicFile) { ((ssh-keygen -l -E sha256 -f $PublicFile) -split ' ')[1] }

    function script:New-Home {
        <#
        A sandbox home as a user has it after a first setup: the key (with passphrase), the aliases
        Set-EspriSshConfig writes for spirit1 and jean-zay, both host keys in known_hosts (unless -NoKnownHosts).
        #>
        param([switch] $NoKnownHosts)
        $box = New-TestSandbox
        $work = New-Item -ItemType Directory (Join-Path $box.Home 'work')
        Copy-Item $Key (Join-Path $box.Ssh 'id_ed25519'); Copy-Item "$Key.pub" (Join-Path $box.Ssh 'id_ed25519.pub')
        chmod 600 (Join-Path $box.Ssh 'id_ed25519')
        $knownHosts = Join-Path $box.Ssh 'known_hosts'
        if (-not $NoKnownHosts) {
            Set-Content $knownHosts @(
                "[127.0.0.1]:$($Spirit.Port) $($Spirit.HostKeyType) $($Spirit.HostKeyBase64)"
                "[127.0.0.1]:$($JeanZay.Port) $($JeanZay.HostKeyType) $($JeanZay.HostKeyBase64)")
        }
        $null = Set-EspriSshConfig -User $Spirit.User -JeanZayUser $Spirit.User -SshDirectory $box.Ssh -Confirm:$false
        $box | Add-Member -PassThru Work $work.FullName | Add-Member -PassThru KnownHosts $knownHosts |
            Add-Member -PassThru Key (Join-Path $box.Ssh 'id_ed25519')
    }

    function script:Invoke-RealSsh {
        <#
        The control: real ssh with the sandbox's files, every path explicit (ssh's ~ is the password
        database's), nothing asked. Returns its exit code and everything it printed.
        #>
        param([Parameter(Mandatory)] $Box, [Parameter(Mandatory)] [string] $HostName, [string] $Agent, [string[]] $Option = @())
        $control = Join-Path $Box.Home 'control_config'
        @(
            'BatchMode yes', 'StrictHostKeyChecking yes', 'UpdateHostKeys no', 'ConnectTimeout 10'
            "UserKnownHostsFile $($Box.KnownHosts)", "IdentityFile $($Box.Key)", 'IdentitiesOnly yes'
            'Host spirit1', '    HostName 127.0.0.1', "    Port $($Spirit.Port)", "    User $($Spirit.User)"
            'Host jean-zay', '    HostName 127.0.0.1', "    Port $($JeanZay.Port)", "    User $($JeanZay.User)", '    ProxyJump spirit1'
        ) | Set-Content $control
        $saved = $env:SSH_AUTH_SOCK
        $env:SSH_AUTH_SOCK = $Agent
        try { $out = & ssh -F $control @Option -- $HostName true 2>&1 | Out-String; [pscustomobject]@{ ExitCode = $LASTEXITCODE; Output = $out } }
        finally { $env:SSH_AUTH_SOCK = $saved }
    }

    function script:Start-AgentWithKey([string] $Directory, [string] $KeyFile) {
        # A real ssh-agent holding the key; ssh-add reads the passphrase from an askpass program.
        $agent = Start-TestSshAgent -Directory $Directory
        $askpass = Join-Path $Directory 'askpass.sh'
        Set-Content $askpass "#!/bin/sh`necho '$Pass'"
        chmod 700 $askpass
        $saved = @{ Sock = $env:SSH_AUTH_SOCK; Ask = $env:SSH_ASKPASS; Require = $env:SSH_ASKPASS_REQUIRE }
        try {
            $env:SSH_AUTH_SOCK = $agent.Socket; $env:SSH_ASKPASS = $askpass; $env:SSH_ASKPASS_REQUIRE = 'force'
            $null = ssh-add $KeyFile 2>&1
            if ($LASTEXITCODE -ne 0) { throw "ssh-add failed ($LASTEXITCODE)" }
        }
        finally { $env:SSH_AUTH_SOCK = $saved.Sock; $env:SSH_ASKPASS = $saved.Ask; $env:SSH_ASKPASS_REQUIRE = $saved.Require }
        $agent
    }

    function script:Start-Screen($Box, [hashtable] $Environment = @{}) {
        # pwsh at 80x24 with the sandbox as home, in its work folder (where reports go).
        $env = @{ ESPRISSH_HOME = $Box.Home; HOME = $Box.Home; ESPRISSH_SITE_PROFILE = $SiteFile } + $Environment
        Start-TerminalSession -Width 80 -Height 24 -Environment $env -Setup "Import-Module '$ModulePath'; Set-Location '$($Box.Work)'; `$PSDefaultParameterValues['*-Espri*:WarningAction'] = 'SilentlyContinue'"
    }

    function script:Wait-BackAtShell($Session) {
        # Typed after the command: printed by the shell once it is back, swallowed by a prompt if not.
        Send-TerminalText $Session "'<<back' + '>>'"
        $null = Wait-TerminalText $Session '(?m)^<<back>>$' -TimeoutSec 90
        Get-TerminalText $Session
    }

    $script:Keys = New-TestSandbox
    $script:Key = Join-Path $Keys.Ssh 'id_ed25519'
    ssh-keygen -q -t ed25519 -a 2 -N $Pass -C 'me@laptop' -f $Key
    $script:Spirit = Start-TestSshd -AuthorizedKeys (Get-Content "$Key.pub")
    $script:JeanZay = Start-TestSshd
    $script:SiteFile = New-TestSiteProfile (Join-Path $Keys.Home 'site.json') -Hosts @(
        @{ alias = 'spirit1'; hostName = '127.0.0.1'; role = 'HeadNode'; port = $Spirit.Port }
        @{ alias = 'jean-zay'; hostName = '127.0.0.1'; role = 'Remote'; port = $JeanZay.Port; via = 'spirit1' })
    $site = Get-Content -Raw $SiteFile | ConvertFrom-Json
    $site.support | Add-Member -Force address 'espri-support@example.org'
    $site.support | Add-Member -Force accountFormUrl 'https://account.example.org/ssh-key'
    $site | ConvertTo-Json -Depth 6 | Set-Content $SiteFile
    $env:ESPRISSH_SITE_PROFILE = $SiteFile
    $script:RealHome = ((getent passwd (id -un)) -split ':')[5]
}

AfterAll {
    $PSDefaultParameterValues.Remove('*-Espri*:WarningAction')
    Stop-TestSshd $Spirit
    Stop-TestSshd $JeanZay
    Remove-Item -Recurse -Force $Keys.Home -ErrorAction Ignore
    Set-Location $Saved.Location
    $env:ESPRISSH_HOME = $Saved.Home
    $env:SSH_AUTH_SOCK = $Saved.Agent
    $env:ESPRISSH_SITE_PROFILE = $Saved.Profile
    $env:ESPRISSH_NONINTERACTIVE = $Saved.NonInteractive
}

Describe 'The report through a jump host, with the key in an agent (items 1 and 11)' -Skip:$NoSsh {
    BeforeAll {
        $script:Box = New-Home
        $env:ESPRISSH_HOME = $Box.Home
        Set-Location $Box.Work
        $script:Agent = Start-AgentWithKey $Box.Home $Box.Key
        $env:SSH_AUTH_SOCK = $Agent.Socket
    }
    AfterAll {
        $env:SSH_AUTH_SOCK = $null
        Set-Content $JeanZay.AuthorizedKeysFile @()
        Stop-TestSshAgent $Agent
        Set-Location $Saved.Location
        Remove-Item -Recurse -Force $Box.Home -ErrorAction Ignore
    }

    It '1. spirit1 lets the key in, jean-zay refuses it: never "works", the refusal is jean-zay''s' {
        $r = Get-EspriDebugReport -HostName jean-zay -TimeoutSec 20 6>$null
        $text = Get-Content -Raw $r.Path
        $r.Findings.Code | Should -Not -Contain 'SshLoginWorks'
        ($r.Findings | Where-Object Code -eq 'KeyNotRegistered').Target | Should -Be 'jean-zay'
        ($r.Findings | Where-Object Code -eq 'JumpHostLoginWorks').Target | Should -Be 'spirit1'
        # Consistent with ssh's logs printed in the same report: each host's in its own block.
        $jumpLog = $text.Substring($text.IndexOf("ssh's log for the jump host spirit1"))
        $targetLog = $text.Substring($text.IndexOf("ssh's log for jean-zay:"))
        $jumpLog.Substring(0, $jumpLog.IndexOf("ssh's log for jean-zay:")) | Should -Match 'Authenticated to 127\.0\.0\.1'
        $targetLog | Should -Match 'Permission denied \(publickey\)'
        $targetLog | Should -Not -Match 'Authenticated to'
        # Real ssh with the same files: in at spirit1, refused at jean-zay.
        (Invoke-RealSsh $Box spirit1 -Agent $Agent.Socket).ExitCode | Should -Be 0
        (Invoke-RealSsh $Box jean-zay -Agent $Agent.Socket).ExitCode | Should -Be 255
    }

    It '1. once jean-zay knows the key, "works", as real ssh' {
        Set-Content $JeanZay.AuthorizedKeysFile (Get-Content "$Key.pub")
        $r = Get-EspriDebugReport -HostName jean-zay -TimeoutSec 20 -Force 6>$null
        ($r.Findings | Where-Object Code -eq 'SshLoginWorks').Problem | Should -Match 'jean-zay through spirit1'
        (Invoke-RealSsh $Box jean-zay -Agent $Agent.Socket).ExitCode | Should -Be 0
    }

    It '12. Start-EspriSetup -TestConnection with the key in the agent: in through spirit1, each step a sentence' {
        $r = Start-EspriSetup -TestConnection -Confirm:$false 6>$null
        Remember $r
        (Step $r Agent).Status | Should -Be 'AlreadyDone'
        (Step $r Agent).Detail | Should -Match '^The key \(SHA256:'
        (Step $r Connection).Status | Should -Be 'Done' -Because (Step $r Connection).Detail
        (Step $r PublicLine).Detail | Should -Match 'It is registered'
    }

    It '11. under ESPRISSH_HOME the report''s ssh uses the sandbox''s config, keys and known_hosts, never the real home''s' {
        $text = Get-Content -Raw (Join-Path $Box.Work 'ssh-debug4support.txt')
        $text | Should -Match ([regex]::Escape("identity file $($Box.Key) type"))
        $text | Should -Match ([regex]::Escape("Found key in $($Box.KnownHosts):"))
        $text | Should -Not -Match ([regex]::Escape("identity file $RealHome/.ssh"))
        $text | Should -Not -Match ([regex]::Escape("$RealHome/.ssh/known_hosts"))
        # The copy ssh reads names the sandbox where the user's config says ~.
        $text | Should -Match ([regex]::Escape("ssh read a copy of $(Join-Path $Box.Ssh 'config') whose ~ names $($Box.Home)"))
    }
}

Describe 'The report asks nothing on any hop, and does not blame the network (item 2)' -Skip:$NoTmux {
    BeforeAll {
        $script:Box = New-Home
        $script:Unknown = New-Home -NoKnownHosts
        $script:Screen = Start-Screen $Box
        $script:Screen2 = Start-Screen $Unknown
    }
    AfterAll {
        Stop-TerminalSession $Screen; Stop-TerminalSession $Screen2
        Remove-Item -Recurse -Force $Box.Home, $Unknown.Home -ErrorAction Ignore
    }

    It 'without an agent: no passphrase prompt from the spirit1 hop, and the finding is the passphrase' {
        $out = Invoke-TerminalCommand $Screen '$r = Get-EspriDebugReport -HostName jean-zay -TimeoutSec 20 6>$null; ''CODES='' + ($r.Findings.Code -join '','')' -TimeoutSec 90
        $out | Should -Not -Match 'Enter passphrase'
        $codes = (($out -split "`n") -match '^CODES=')[0]
        $codes | Should -Match 'KeyPassphraseNeeded'
        $codes | Should -Match 'HostNotReached'
        $codes | Should -Not -Match 'ConnectTimeout|ConnectionClosed|NetworkUnreachable|HostNotResolved'
        $text = Get-Content -Raw (Join-Path $Box.Work 'ssh-debug4support.txt')
        $text | Should -Match "KeyPassphraseNeeded|The jump host spirit1 knows the key $([regex]::Escape($Box.Key))"
        # Control: real ssh cannot sign without the passphrase, and logs in once an agent holds the key.
        (Invoke-RealSsh $Box spirit1).ExitCode | Should -Be 255
        $agent = Start-AgentWithKey $Box.Home $Box.Key
        try { (Invoke-RealSsh $Box spirit1 -Agent $agent.Socket).ExitCode | Should -Be 0 }
        finally { Stop-TestSshAgent $agent }
    }

    It 'spirit1 unknown in known_hosts: no host-key question on the screen, the finding names spirit1' {
        $out = Invoke-TerminalCommand $Screen2 '$r = Get-EspriDebugReport -HostName jean-zay -TimeoutSec 20 6>$null; ''CODES='' + ($r.Findings.Code -join '','')' -TimeoutSec 90
        $out | Should -Not -Match 'authenticity of host|continue connecting'
        $text = Get-Content -Raw (Join-Path $Unknown.Work 'ssh-debug4support.txt')
        $text | Should -Match '\[WARNING\] The jump host spirit1 is not yet in your known_hosts'
        $text | Should -Not -Match '\[ERROR\] .*jean-zay closed the connection'
        Test-Path $Unknown.KnownHosts | Should -BeFalse -Because 'the report never records a host key'
        (Invoke-RealSsh $Unknown spirit1).Output | Should -Match 'Host key verification failed'
    }
}

Describe 'Start-EspriSetup -TestConnection at a terminal (items 3, 7, 12)' -Skip:$NoTmux {
    BeforeEach {
        $script:Box = New-Home
        $script:Screen = Start-Screen $Box
    }
    AfterEach {
        Stop-TerminalSession $Screen
        Remove-Item -Recurse -Force $Box.Home -ErrorAction Ignore
    }

    It '3. the passphrase typed once, jean-zay refuses: the report records jean-zay''s refusal, what the user saw' {
        Send-TerminalText $Screen 'Clear-Host; $r = Start-EspriSetup -TestConnection; $r'
        $prompt = Wait-TerminalText $Screen 'Passphrase of [^\n]*:\s*$'
        Send-TerminalText $Screen $Pass
        $shown = Wait-BackAtShell $Screen
        ([regex]::Matches($shown, 'Passphrase of ')).Count | Should -Be 1
        $shown | Should -Match '\[FAIL\] Connection'
        $shown | Should -Match '\[DONE\] Report'
        $report = Get-Content -Raw (Join-Path $Box.Work 'ssh-debug4support.txt')
        $report | Should -Match 'The connection test of Start-EspriSetup stopped at the Authentication stage on jean-zay'
        $report | Should -Match '\[Passed \] spirit1 Authentication'
        $report | Should -Not -Match 'PassphraseRequired'
        $report | Should -Match ([regex]::Escape('Not run: the report describes the connection test made with you just before'))
        # 12: the support address of the profile, where the report is to be sent.
        $shown -replace '\s+', ' ' | Should -Match ([regex]::Escape('Send it to espri-support@example.org'))
        # Control: what real ssh does with the same key unlocked.
        $agent = Start-AgentWithKey $Box.Home $Box.Key
        try {
            (Invoke-RealSsh $Box spirit1 -Agent $agent.Socket).ExitCode | Should -Be 0
            (Invoke-RealSsh $Box jean-zay -Agent $agent.Socket).ExitCode | Should -Be 255
        }
        finally { Stop-TestSshAgent $agent }
    }

    It '7. Ctrl+C at the passphrase question: no report, back at the shell' {
        Send-TerminalText $Screen 'Clear-Host; Start-EspriSetup -TestConnection'
        $null = Wait-TerminalText $Screen 'Passphrase of [^\n]*:\s*$'
        Send-TerminalText $Screen 'half' -NoEnter
        Send-TerminalKey $Screen C-c
        $null = Wait-BackAtShell $Screen
        Join-Path $Box.Work 'ssh-debug4support.txt' | Should -Not -Exist
    }
}

Describe 'Answering No to the host-key question (item 7)' -Skip:$NoTmux {
    BeforeAll {
        $script:Box = New-Home -NoKnownHosts
        $script:Screen = Start-Screen $Box
    }
    AfterAll {
        Stop-TerminalSession $Screen
        Remove-Item -Recurse -Force $Box.Home -ErrorAction Ignore
    }

    It 'is the user''s choice, not a support case: no report, and the checklist says how to go on' {
        Send-TerminalText $Screen ('Clear-Host; $r = Start-EspriSetup -TestConnection -Passphrase (ConvertTo-SecureString ''{0}'' -AsPlainText -Force); $r' -f $Pass)
        $question = Wait-TerminalText $Screen 'continue connecting\?[\s\S]*\[N\] No[^\n]*:\s*$'
        $question | Should -Match ([regex]::Escape((Fingerprint (Join-Path $Spirit.Directory 'host_ed25519.pub'))))
        Send-TerminalText $Screen 'N'
        $shown = Wait-BackAtShell $Screen
        $shown | Should -Match '\[TODO\] Connection'
        $shown | Should -Match 'You did not trust the host key of spirit1'
        $shown | Should -Match '(?m)^\s+Start-EspriSetup -TestConnection$'
        Join-Path $Box.Work 'ssh-debug4support.txt' | Should -Not -Exist
        Test-Path $Box.KnownHosts | Should -BeFalse
        # Control: the key is indeed unknown to ssh with these files.
        (Invoke-RealSsh $Box spirit1).Output | Should -Match 'Host key verification failed'
    }
}

Describe 'The key a config already names is the user''s choice (item 4 and the menu of 12)' -Skip:$NoTmux {
    BeforeAll {
        $script:Box = New-TestSandbox
        $null = New-Item -ItemType Directory (Join-Path $Box.Home 'work')
        $script:Work = Join-Path $Box.Ssh 'id_work'
        $script:Laptop = Join-Path $Box.Ssh 'id_laptop'
        foreach ($k in $Work, $Laptop) { ssh-keygen -q -t ed25519 -a 2 -N $Pass -C (Split-Path -Leaf $k) -f $k }
        $Box | Add-Member Work (Join-Path $Box.Home 'work')
        $script:Screen = Start-Screen $Box
    }
    AfterAll {
        Stop-TerminalSession $Screen
        $env:ESPRISSH_HOME = $null
        Remove-Item -Recurse -Force $Box.Home -ErrorAction Ignore
    }

    It 'the first run asks once: each key with its fingerprint, no label repeated' {
        Send-TerminalText $Screen "Clear-Host; `$r = Start-EspriSetup -User $($Spirit.User); `$r"
        $menu = Wait-TerminalText $Screen 'Help \(default is "l"\):\s*$'
        foreach ($k in $Work, $Laptop) { $menu | Should -Match ([regex]::Escape((Fingerprint "$k.pub"))) }
        $menu | Should -Match '\[l\] id_laptop\s+\[w\] id_work'
        $menu | Should -Not -Match '\[\d\] \d'
        Send-TerminalText $Screen 'w'
        $shown = Wait-BackAtShell $Screen
        $shown | Should -Match '\[ OK \] Key'
        Get-Content (Join-Path $Box.Ssh 'config') | Should -Contain '    IdentityFile ~/.ssh/id_work'
        # Control: ssh reads the alias with that key.
        (ssh -G -F (Join-Path $Box.Ssh 'config') spirit1 2>$null) | Should -Contain 'identityfile ~/.ssh/id_work'
    }

    It 'a second run keeps that key without asking, changes no byte, and shows the same line as before' {
        $env:ESPRISSH_HOME = $Box.Home
        $before = Get-FileHash (Join-Path $Box.Ssh 'config')
        $r = Start-EspriSetup -Confirm:$false
        Remember $r
        $r.KeyPath | Should -Be $Work
        (Step $r Key).Status | Should -Be 'AlreadyDone'
        (Step $r Config).Status | Should -Be 'AlreadyDone'
        (Get-FileHash (Join-Path $Box.Ssh 'config')).Hash | Should -Be $before.Hash
        Join-Path $Box.Ssh 'config.bak' | Should -Not -Exist
        (Step $r PublicLine).Detail | Should -Match '^The same line as before'
        $r.PublicKeyLine | Should -Be (Get-Content "$Work.pub")
    }

    It 'another key named on purpose: the config follows it, and its line is never "the same as before"' {
        $r = Start-EspriSetup -KeyPath $Laptop -Confirm:$false
        Remember $r
        $r.KeyPath | Should -Be $Laptop
        (Step $r PublicLine).Detail | Should -Not -Match 'same line as before'
        $r.PublicKeyLine | Should -Be (Get-Content "$Laptop.pub")
        (Step $r Config).Status | Should -Be 'Done'
        Join-Path $Box.Ssh 'config.bak' | Should -Exist
        (ssh -G -F (Join-Path $Box.Ssh 'config') spirit1 2>$null) | Should -Contain 'identityfile ~/.ssh/id_laptop'
        # The next run keeps the key now named: the user's latest choice.
        (Start-EspriSetup -Confirm:$false).KeyPath | Should -Be $Laptop
    }
}

Describe 'A public line is judged by its key fields only (item 5)' -Skip:$NoSsh {
    BeforeAll {
        $script:Box = New-TestSandbox
        $script:Comments = 'my ssh-key for spirit', 'ssh-key', 'ssh-ed25519 key', 'ssh-rsa-backup', 'ecdsa-key'
        $script:Made = for ($i = 0; $i -lt $Comments.Count; $i++) {
            $file = Join-Path $Box.Ssh "key$i"
            ssh-keygen -q -t ed25519 -a 2 -N $Pass -C $Comments[$i] -f $file
            $file
        }
    }
    AfterAll { Remove-Item -Recurse -Force $Box.Home -ErrorAction Ignore }

    It 'a comment "<_>" is free text, as ssh-keygen -l reads it' -ForEach @(0, 1, 2, 3, 4) {
        $pub = "$($Made[$_]).pub"
        $check = Test-EspriPublicKey -PublicKeyPath $pub
        $check.Valid | Should -BeTrue -Because ($check.Problems.Message -join ' ')
        $check.Problems.Code | Should -Not -Contain 'MultipleKeys'
        $check.Normalized | Should -Be (Get-Content $pub)
        # Control: ssh-keygen reads it and agrees on the key.
        $check.Fingerprint | Should -Be (Fingerprint $pub)
        $entry = Get-EspriKey -Path $Made[$_]
        $entry.Problems | Should -BeNullOrEmpty
    }

    It 'two real keys pasted on one line are still two keys' {
        $two = (Get-Content "$($Made[0]).pub") + ' ' + (Get-Content "$($Made[1]).pub")
        (Test-EspriPublicKey $two).Problems.Code | Should -Contain 'MultipleKeys'
    }
}

Describe 'A config that already does what the site needs is not rewritten (item 8)' -Skip:$NoSsh {
    BeforeAll {
        $script:Box = New-Home
        # The key named by its absolute path, as a user may have written it.
        $config = Join-Path $Box.Ssh 'config'
        (Get-Content $config) -replace '^(\s*IdentityFile) .*$', "`$1 $($Box.Key)" | Set-Content $config
        $env:ESPRISSH_HOME = $Box.Home
        Set-Location $Box.Work
    }
    AfterAll {
        Set-Location $Saved.Location
        $env:ESPRISSH_HOME = $null
        Remove-Item -Recurse -Force $Box.Home -ErrorAction Ignore
    }

    It 'Start-EspriSetup -TestConnection leaves an absolute IdentityFile to the same key as it is' {
        $before = Get-FileHash (Join-Path $Box.Ssh 'config')
        $r = Start-EspriSetup -TestConnection -Passphrase $Secure -Confirm:$false 6>$null
        Remember $r
        (Step $r Config).Status | Should -Be 'AlreadyDone' -Because (Step $r Config).Detail
        (Get-FileHash (Join-Path $Box.Ssh 'config')).Hash | Should -Be $before.Hash
        Join-Path $Box.Ssh 'config.bak' | Should -Not -Exist
        # Control: ssh itself names that file for spirit1.
        (ssh -G -F (Join-Path $Box.Ssh 'config') spirit1 2>$null) | Should -Contain "identityfile $($Box.Key)"
    }
}

Describe 'Commands to copy are whole lines in every view, the report''s included (item 9)' -Skip:$NoTmux {
    BeforeAll {
        $script:Box = New-Home
        $script:Screen = Start-Screen $Box
    }
    AfterAll {
        Stop-TerminalSession $Screen
        Remove-Item -Recurse -Force $Box.Home -ErrorAction Ignore
    }

    It 'the agent start command, on a line of its own on the screen and in the file' {
        $out = Invoke-TerminalCommand $Screen 'Get-EspriDebugReport -NoConnectionTest 6>$null' -TimeoutSec 90
        # What the user pastes: the whole command on one line (the terminal only soft-wraps it).
        $command = '$env:SSH_AUTH_SOCK = "$HOME/.ssh/agent.sock"; ssh-add -l *> $null; if ($LASTEXITCODE -eq 2) { Remove-Item $env:SSH_AUTH_SOCK -ErrorAction Ignore; ssh-agent -a $env:SSH_AUTH_SOCK > $null }'
        (Lines $out | ForEach-Object Trim) | Should -Contain $command
        (Get-Content (Join-Path $Box.Work 'ssh-debug4support.txt') | ForEach-Object Trim) | Should -Contain $command
    }

    It 'Get-EspriKey: each command that fixes a key is a line of its own at 80 columns (a wider one continued), and the copied line does fix it' {
        # A key as users have it (a path as short as /home/jdupont/.ssh/id_ed25519): rights too open, no passphrase.
        $folder = Join-Path '/tmp' ('e24' + [guid]::NewGuid().ToString('N').Substring(0, 6))
        $null = New-Item -ItemType Directory (Join-Path $folder '.ssh')
        try {
            chmod 700 $folder
            $key = Join-Path $folder '.ssh/id_ed25519'
            ssh-keygen -q -t ed25519 -N '' -C 'old laptop' -f $key
            chmod 644 $key
            $out = Invoke-TerminalCommand $Screen "Get-EspriKey -Path '$key'" -TimeoutSec 90
            $shown = Lines $out | ForEach-Object Trim
            $shown | Should -Contain "chmod 600 '$key'"
            $shown | Should -Contain "Repair-EspriKeyPermission -Path '$key'"
            # The Install-EspriKey command is wider than the window: its lines, as the screen shows them,
            # parse in PowerShell as the whole command (PowerShell would otherwise cut it at column 80).
            $install = "Install-EspriKey -Path '$key' -Destination '$key' -NewPassphrase (Read-Host -AsSecureString 'New passphrase') -Force"
            $at = [array]::IndexOf([string[]]$shown, @($shown | Where-Object { $_ -like 'Install-EspriKey *' })[0])
            $at | Should -BeGreaterOrEqual 0
            $copied = @($shown[$at]); while ($copied[-1].EndsWith(' `')) { $copied += $shown[$at + $copied.Count] }
            $copied.Count | Should -BeGreaterThan 1
            Lines $out | Where-Object { $_.Length -gt 80 } | Should -BeNullOrEmpty
            $elements = { param($text) [Management.Automation.Language.Parser]::ParseInput($text, [ref]$null, [ref]$null).Find({ $args[0] -is [Management.Automation.Language.CommandAst] }, $true).CommandElements.Extent.Text }
            & $elements ($copied -join "`n") | Should -Be (& $elements $install)
            # The report names every command, the long ones included, each on a line of its own with no words around it.
            $null = Invoke-TerminalCommand $Screen "Get-EspriDebugReport -NoConnectionTest -SshDirectory '$folder/.ssh' -Force 6>`$null" -TimeoutSec 90
            $file = Get-Content (Join-Path $Box.Work 'ssh-debug4support.txt') | ForEach-Object Trim
            $file | Should -Contain "Install-EspriKey -Path '$key' -Destination '$key' -NewPassphrase (Read-Host -AsSecureString 'New passphrase') -Force"
            $file | Where-Object { $_ -match '^(chmod|Repair-EspriKeyPermission|Install-EspriKey) .*\(or:' } | Should -BeNullOrEmpty
            # Control: ssh-keygen refuses the key as it is, and accepts it after the line copied from the screen.
            (ssh-keygen -y -P '' -f $key 2>&1 | Out-String) | Should -Match 'UNPROTECTED PRIVATE KEY FILE'
            Invoke-Expression ($shown | Where-Object { $_ -like 'chmod 600 *' } | Select-Object -First 1)
            ((ssh-keygen -y -P '' -f $key) -split ' ')[1] | Should -Be ((Get-Content "$key.pub") -split ' ')[1]
        }
        finally { Remove-Item -Recurse -Force $folder -ErrorAction Ignore }
    }
}

Describe 'A key the site refuses gets no line to paste (item 10)' -Skip:$NoPuttygen {
    BeforeAll {
        $script:Box = New-TestSandbox
        $script:Ppk = Join-Path $Box.Home 'old_rsa.ppk'
        $empty = Join-Path $Box.Home 'empty-passphrase'
        Set-Content $empty '' -NoNewline
        puttygen -t rsa -b 2048 -C 'old rsa' -o $Ppk --new-passphrase $empty 2>&1 | Out-Null
    }
    AfterAll { Remove-Item -Recurse -Force $Box.Home -ErrorAction Ignore }

    It 'Convert-PpkKey of a 2048-bit RSA .ppk: the refusal and what to do instead' {
        $k = Convert-PpkKey $Ppk -SshDirectory $Box.Ssh -NewPassphrase $Secure -WarningAction SilentlyContinue -Confirm:$false
        $k.SiteRefusal | Should -Match '4096 bits'
        $view = $k | Out-String -Width 80
        $view | Should -Not -Match 'line to paste in the account form \(one line\)'
        $view | Should -Match 'The site refuses this key'
        Lines $view | Should -Contain '    New-EspriKey'
        # Control: ssh-keygen says what the site judged: a 2048-bit RSA key.
        (ssh-keygen -l -f "$($k.Path).pub") | Should -Match '^2048 .*\(RSA\)$'
    }
}

Describe 'Polish (item 12)' -Skip:$NoSsh {
    BeforeAll {
        $script:Box = New-TestSandbox
        $null = New-Item -ItemType Directory (Join-Path $Box.Home 'work')
        $env:ESPRISSH_HOME = $Box.Home
        Set-Location (Join-Path $Box.Home 'work')
        Copy-Item $Key (Join-Path $Box.Ssh 'id_ed25519'); Copy-Item "$Key.pub" (Join-Path $Box.Ssh 'id_ed25519.pub')
        chmod 600 (Join-Path $Box.Ssh 'id_ed25519')
        Set-Content $JeanZay.AuthorizedKeysFile (Get-Content "$Key.pub")
    }
    AfterAll {
        Set-Content $JeanZay.AuthorizedKeysFile @()
        Set-Location $Saved.Location
        $env:ESPRISSH_HOME = $null
        Remove-Item -Recurse -Force $Box.Home -ErrorAction Ignore
    }

    It 'each alias with its own login, the host keys added shown with their fingerprints, and a registered line needs no pasting' {
        $r = Start-EspriSetup -User $Spirit.User -JeanZayUser 'ufoo123' -Passphrase $Secure -Confirm:$false 6>$null
        Remember $r
        (Step $r Config).Detail | Should -Match ([regex]::Escape("spirit1 ($($Spirit.User)) and jean-zay (ufoo123)"))
        (ssh -G -F (Join-Path $Box.Ssh 'config') jean-zay 2>$null) | Should -Contain 'user ufoo123'
        # The account form, where the line goes, with the profile's address.
        (Step $r PublicLine).Next | Should -Match ([regex]::Escape('https://account.example.org/ssh-key'))
        # jean-zay's login is really the sshd's account: write it so that the test can log in.
        $config = Join-Path $Box.Ssh 'config'
        (Get-Content $config) -replace 'User ufoo123', "User $($JeanZay.User)" | Set-Content $config
        $tested = Start-EspriSetup -TestConnection -AcceptNewHostKey -Passphrase $Secure -Confirm:$false -InformationVariable told 6>$null
        Remember $tested
        (Step $tested Connection).Status | Should -Be 'Done' -Because (Step $tested Connection).Detail
        $said = ($told.MessageData.Message) -join "`n"
        foreach ($sshd in $Spirit, $JeanZay) {
            $said | Should -Match ([regex]::Escape("[127.0.0.1]:$($sshd.Port) ED25519 $(Fingerprint (Join-Path $sshd.Directory 'host_ed25519.pub'))"))
            # Control: ssh finds what was recorded.
            ssh-keygen -F "[127.0.0.1]:$($sshd.Port)" -f (Join-Path $Box.Ssh 'known_hosts') | Should -Not -BeNullOrEmpty
        }
        (Step $tested PublicLine).Next | Should -BeNullOrEmpty
        (Step $tested PublicLine).Detail | Should -Match 'It is registered'
    }

    It 'a pipeline of EspriSsh commands names the site profile file once' {
        $warnings = & { Get-EspriKey -SshDirectory $Box.Ssh -WarningAction Continue | Test-EspriPublicKey -WarningAction Continue } 3>&1 |
            Where-Object { $_ -is [System.Management.Automation.WarningRecord] -and $_.Message -match 'site profile' }
        @($warnings).Count | Should -Be 1
        # The next command line says it again.
        $again = & { Get-EspriSite -WarningAction Continue } 3>&1 | Where-Object { $_ -is [System.Management.Automation.WarningRecord] }
        @($again).Count | Should -Be 1
    }

    It 'every step detail of this file''s runs starts as a sentence' {
        $StepDetails.Count | Should -BeGreaterThan 10
        $StepDetails | Where-Object { $_ -cnotmatch '^[A-Z''"]' } | Should -BeNullOrEmpty
    }

    It 'the example site profile in the docs loads, with every field a profile has' {
        $example = Join-Path (Get-RepoRoot) 'docs/examples/site-profile.json'
        $site = Get-EspriSite -Path $example
        $site.Support.AccountFormUrl | Should -Match '^https://'
        $builtIn = Get-Content -Raw (Join-Path (Get-RepoRoot) 'src/EspriSsh.Core/Site/espri-site.json') | ConvertFrom-Json
        $fields = (Get-Content -Raw $example | ConvertFrom-Json).PSObject.Properties.Name
        foreach ($field in $builtIn.PSObject.Properties.Name) { $fields | Should -Contain $field }
    }
}
