# Start-EspriSetup in sandbox homes, against real peers: a loopback sshd stands in for spirit1 (and for
# jean-zay behind it) through a site profile file, a real ssh-agent holds the key, puttygen makes the
# MobaXterm key, ssh-keygen and ssh-add check what was written. Every file is hashed to prove that a
# run with nothing left to do changes no byte.
BeforeDiscovery {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers/TestHelpers.psm1') -Force
    $script:NoSshd = Test-Skip -Tool ssh, ssh-keygen, ssh-agent, ssh-add, sshd
    $script:NoPuttygen = Test-Skip -Tool puttygen, ssh-keygen -UnixOnly
}

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers/TestHelpers.psm1') -Force
    Import-Module (Get-TestModulePath) -Force
    $script:Saved = @{ Home = $env:ESPRISSH_HOME; Agent = $env:SSH_AUTH_SOCK; Profile = $env:ESPRISSH_SITE_PROFILE; NonInteractive = $env:ESPRISSH_NONINTERACTIVE; Location = Get-Location }
    $env:ESPRISSH_NONINTERACTIVE = '1'
    $env:SSH_AUTH_SOCK = $null
    $script:Pass = ConvertTo-SecureString 'Espri-Setup-Passphrase-31' -AsPlainText -Force
    $script:PlainPass = 'Espri-Setup-Passphrase-31'

    function script:Get-FileHashes([string[]] $Folder) {
        # Every file, path -> SHA256: a run that "changes nothing" must leave this equal.
        $hashes = @{}
        foreach ($f in $Folder) { Get-ChildItem -LiteralPath $f -Recurse -File -Force | ForEach-Object { $hashes[$_.FullName] = (Get-FileHash -LiteralPath $_.FullName -Algorithm SHA256).Hash } }
        $hashes
    }
    function script:Get-Status($Result) { @($Result.Steps | ForEach-Object { "$($_.Name)=$($_.Status)" }) }
    function script:Enter-Sandbox {
        $box = New-TestSandbox
        $env:ESPRISSH_HOME = $box.Home
        $work = New-Item -ItemType Directory (Join-Path $box.Home 'work')
        Set-Location $work
        $box
    }
}

AfterAll {
    Set-Location $Saved.Location
    $env:ESPRISSH_HOME = $Saved.Home
    $env:SSH_AUTH_SOCK = $Saved.Agent
    $env:ESPRISSH_SITE_PROFILE = $Saved.Profile
    $env:ESPRISSH_NONINTERACTIVE = $Saved.NonInteractive
}

Describe 'Start-EspriSetup against a loopback spirit1' -Skip:$NoSshd {
    BeforeAll {
        $script:Sshd = Start-TestSshd
        # The site profile: spirit1 and jean-zay (through spirit1) both answer on the loopback sshd.
        $script:ProfileDir = New-TestSandbox
        $env:ESPRISSH_SITE_PROFILE = New-TestSiteProfile (Join-Path $ProfileDir.Home 'site.json') -Hosts @(
            @{ alias = 'spirit1'; hostName = '127.0.0.1'; role = 'HeadNode'; port = $Sshd.Port }
            @{ alias = 'jean-zay'; hostName = '127.0.0.1'; role = 'Remote'; port = $Sshd.Port; via = 'spirit1' })
        $script:Login = @{ User = $Sshd.User; JeanZayUser = $Sshd.User }
        # Every call would print the profile file's warning (Site.Tests asserts it): keep the output to the summary.
        $PSDefaultParameterValues['*-Espri*:WarningAction'] = 'SilentlyContinue'
    }
    AfterAll {
        $PSDefaultParameterValues.Remove('*-Espri*:WarningAction')
        Stop-TestSshd $Sshd
        Remove-Item -Recurse -Force $ProfileDir.Home -ErrorAction Ignore
        $env:ESPRISSH_SITE_PROFILE = $null
    }

    Context 'a fresh home, the IT team registers the key, then nothing is left to do' {
        BeforeAll {
            $script:Box = Enter-Sandbox
            # The agent's socket lives outside the home, whose every file is hashed.
            $script:AgentDir = New-TestSandbox
            $script:Agent = Start-TestSshAgent -Directory $AgentDir.Home
            $env:SSH_AUTH_SOCK = $Agent.Socket
            $script:Key = Join-Path $Box.Ssh 'id_ed25519'
        }
        AfterAll {
            Stop-TestSshAgent $Agent
            Remove-Item -Recurse -Force $AgentDir.Home -ErrorAction Ignore
            $env:SSH_AUTH_SOCK = $null
            Set-Location $Saved.Location
            Remove-Item -Recurse -Force $Box.Home -ErrorAction Ignore
        }

        It 'makes the key, writes the aliases and loads the key in the agent' {
            $r = Start-EspriSetup @Login -Passphrase $Pass -Confirm:$false
            $r.PSObject.TypeNames[0] | Should -Be 'EspriSsh.SetupResult'
            Get-Status $r | Should -Be @('Key=Done', 'PublicLine=Done', 'Config=Done', 'Agent=Done', 'Connection=Skipped', 'Report=Skipped') -Because ($r | Out-String)
            $r.KeyPath | Should -Be $Key
            # ssh-keygen opens the key with the passphrase and derives the very line the setup shows.
            $derived = (ssh-keygen -y -P $PlainPass -f $Key) -split ' '
            ($r.PublicKeyLine -split ' ')[0..1] | Should -Be $derived[0..1]
            $r.PublicKeyLine | Should -Be (Get-Content "$Key.pub")
            # The agent holds it (ssh-add asks the agent itself).
            (ssh-add -l) -join "`n" | Should -Match ([regex]::Escape((Get-SshFingerprint "$Key.pub")))
            # ssh reads the aliases as written: spirit1 and jean-zay through it, with this key.
            $g = ssh -G -F (Join-Path $Box.Ssh 'config') jean-zay 2>$null # ssh 9.2 -G says "Pseudo-terminal will not be allocated"
            $g | Should -Contain "proxyjump spirit1"
            $g | Should -Contain "user $($Sshd.User)"
            ($r.Steps | Where-Object Name -eq Connection).Next | Should -Match 'Start-EspriSetup -TestConnection'
        }

        It 'logs in to spirit1 and to jean-zay through it once the key is in authorized_keys' {
            Add-Content -Path $Sshd.AuthorizedKeysFile -Value (Get-Content "$Key.pub")
            # No -Passphrase: the agent signs for the key (a script could not type it).
            $r = Start-EspriSetup @Login -TestConnection -AcceptNewHostKey -Confirm:$false
            Get-Status $r | Should -Be @('Key=AlreadyDone', 'PublicLine=AlreadyDone', 'Config=AlreadyDone', 'Agent=AlreadyDone', 'Connection=Done', 'Report=Skipped') -Because ($r | Out-String)
            ($r.Steps | Where-Object Name -eq Connection).Detail | Should -Match 'spirit1 as .*jean-zay as .* through spirit1'
            $r.Succeeded | Should -BeTrue
            $r.ReportPath | Should -BeNullOrEmpty
        }

        It 'changes no byte when run a third time as the checklist says, with no login given, and still tests both hosts' {
            $before = Get-FileHashes $Box.Home, $ProfileDir.Home
            # The logins come from the aliases the first run wrote.
            $r = Start-EspriSetup -TestConnection -AcceptNewHostKey -Confirm:$false
            $after = Get-FileHashes $Box.Home, $ProfileDir.Home
            Get-Status $r | Should -Be @('Key=AlreadyDone', 'PublicLine=AlreadyDone', 'Config=AlreadyDone', 'Agent=AlreadyDone', 'Connection=Done', 'Report=Skipped') -Because ($r | Out-String)
            ($r.Steps | Where-Object Name -eq Connection).Detail | Should -Match 'spirit1 as .*jean-zay as .* through spirit1'
            $after.Count | Should -Be $before.Count
            foreach ($file in $before.Keys) { $after[$file] | Should -Be $before[$file] -Because "$file must not change" }
        }
    }

    Context 'a key the IT team has not registered' {
        BeforeAll {
            $script:Box = Enter-Sandbox
            ssh-keygen -q -t ed25519 -a 2 -N $PlainPass -C unregistered -f (Join-Path $Box.Ssh 'id_ed25519') | Out-Null
        }
        AfterAll {
            Set-Location $Saved.Location
            Remove-Item -Recurse -Force $Box.Home -ErrorAction Ignore
        }

        It 'fails at Authentication and writes the support report into the current folder' {
            $r = Start-EspriSetup -User $Sshd.User -TestConnection -AcceptNewHostKey -Passphrase $Pass -Confirm:$false 6>$null
            Get-Status $r | Should -Be @('Key=AlreadyDone', 'PublicLine=AlreadyDone', 'Config=Done', 'Agent=Skipped', 'Connection=Failed', 'Report=Done') -Because ($r | Out-String)
            ($r.Steps | Where-Object Name -eq Connection).Detail | Should -Match 'Authentication'
            $r.ReportPath | Should -Be (Join-Path $Box.Home 'work/ssh-debug4support.txt')
            $r.ReportPath | Should -Exist
            $text = Get-Content -Raw $r.ReportPath
            $text | Should -Match ([regex]::Escape((Get-SshFingerprint (Join-Path $Box.Ssh 'id_ed25519.pub'))))
            $text | Should -Not -Match 'PRIVATE KEY-----'
            ($r.Steps | Where-Object Name -eq Report).Next | Should -Match ([regex]::Escape((Get-EspriSite).Support.ReportSubject))
            $r.Succeeded | Should -BeFalse
        }
    }
}

Describe 'Start-EspriSetup with a MobaXterm key on the Desktop' -Skip:$NoPuttygen {
    BeforeAll {
        $script:Box = Enter-Sandbox
        $desktop = New-Item -ItemType Directory (Join-Path $Box.Home 'Desktop')
        $script:Ppk = Join-Path $desktop 'meso_key.ppk'
        $passFile = Join-Path $Box.Home 'pass.txt'
        [IO.File]::WriteAllText($passFile, $PlainPass)
        puttygen -t ed25519 -C 'meso key' -o $Ppk --new-passphrase $passFile 2>&1 | Out-Null
        Remove-Item $passFile
    }
    AfterAll {
        Set-Location $Saved.Location
        Remove-Item -Recurse -Force $Box.Home -ErrorAction Ignore
    }

    It 'installs meso_key.ppk as ~/.ssh/id_ed25519 with the same public key and passphrase' {
        $r = Start-EspriSetup -User jdupont -Passphrase $Pass -Confirm:$false
        Get-Status $r | Should -Be @('Key=Done', 'PublicLine=Done', 'Config=Done', 'Agent=Skipped', 'Connection=Skipped', 'Report=Skipped') -Because ($r | Out-String)
        $key = Join-Path $Box.Ssh 'id_ed25519'
        $r.KeyPath | Should -Be $key
        $r.PublicKeyLine | Should -Be (puttygen -L $Ppk)
        (Get-Content "$key.pub") | Should -Be (puttygen -L $Ppk)
        ((ssh-keygen -y -P $PlainPass -f $key) -split ' ')[0..1] | Should -Be ((puttygen -L $Ppk) -split ' ')[0..1]
        Get-UnixMode $key | Should -Be '600'
    }
}

Describe 'Start-EspriSetup -WhatIf' {
    BeforeAll { $script:Box = Enter-Sandbox }
    AfterAll {
        Set-Location $Saved.Location
        Remove-Item -Recurse -Force $Box.Home -ErrorAction Ignore
    }

    It 'shows the plan and writes nothing' {
        # In a process of its own: the What-if lines go to its host, where the test reads them.
        $command = "Import-Module '$(Get-TestModulePath)'; `$r = Start-EspriSetup -User jdupont -JeanZayUser ufoo123 -TestConnection -WhatIf; " +
            "'STATUS=' + ((`$r.Steps | ForEach-Object { `"`$(`$_.Name)=`$(`$_.Status)`" }) -join ','); 'KEY=' + `$r.KeyPath; 'CONFIG=' + `$r.Steps[2].Detail"
        $r = Invoke-FreshPwsh -Command $command -Environment @{ ESPRISSH_HOME = $Box.Home } -WorkingDirectory (Get-Location).Path
        $r.ExitCode | Should -Be 0 -Because $r.Output
        @(Get-ChildItem -LiteralPath $Box.Home -Recurse -File -Force) | Should -HaveCount 0
        $r.Output | Should -Match 'STATUS=Key=Skipped,PublicLine=Skipped,Config=Skipped,Agent=Skipped,Connection=Skipped,Report=Skipped'
        $r.Output | Should -Match ([regex]::Escape("KEY=$(Join-Path $Box.Ssh 'id_ed25519')"))
        $r.Output | Should -Match 'What if: .*Create a new Ed25519 key pair'
        $r.Output | Should -Match '\+Host jean-zay'
        $r.Output | Should -Match ([regex]::Escape('CONFIG=Would write spirit1 (jdupont) and jean-zay (ufoo123)'))
    }

    It 'refuses a head node the site does not have' {
        { Start-EspriSetup -User jdupont -HeadNode jean-zay -ErrorAction Stop } |
            Should -Throw -ErrorId 'InvalidParameter,EspriSsh.Commands.StartEspriSetupCommand'
    }
}

Describe 'Start-EspriSetup typed at in an 80-column terminal' -Skip:(Test-Skip -Tool tmux, ssh-keygen -UnixOnly) {
    BeforeAll {
        Import-Module (Join-Path $PSScriptRoot 'TestHelpers/TerminalSession.psm1') -Force
        $script:Box = New-TestSandbox
        $script:Session = Start-TerminalSession -Width 80 -Environment @{ ESPRISSH_HOME = $Box.Home; HOME = $Box.Home } -Setup "Import-Module '$(Get-TestModulePath)'"
        function script:Lines([string] $text) { $text -split "`n" | ForEach-Object { $_.TrimEnd() } }
        function script:Assert-BackAtShell {
            # Typed after the command: printed by the shell once it is back, swallowed by a prompt if not.
            Send-TerminalText $Session "'<<back' + '>>'"
            $null = Wait-TerminalText $Session '(?m)^<<back>>$' -TimeoutSec 60
        }
    }
    AfterAll {
        Stop-TerminalSession $Session
        Remove-Item -Recurse -Force $Box.Home -ErrorAction Ignore
    }

    It 'Ctrl+C at the passphrase question stops it with nothing written' {
        Send-TerminalText $Session 'Clear-Host; Start-EspriSetup -User jdupont'
        $null = Wait-TerminalText $Session 'Passphrase for the new key [^\n]*:\s*$'
        Send-TerminalText $Session 'half typed' -NoEnter
        Send-TerminalKey $Session C-c
        Assert-BackAtShell
        Get-TerminalText $Session | Should -Not -Match 'Enter the same passphrase again'
        @(Get-ChildItem -LiteralPath $Box.Home -Recurse -File -Force | Where-Object FullName -NotLike "$($Session.Directory)*") | Should -HaveCount 0
    }

    It 'with -User, asks only the new passphrase twice and shows the public line whole' {
        Send-TerminalText $Session "Clear-Host; '<<setup' + '>>'; Start-EspriSetup -User jdupont"
        $null = Wait-TerminalText $Session 'Passphrase for the new key [^\n]*:\s*$'
        Send-TerminalText $Session 'typed pass phrase'
        $null = Wait-TerminalText $Session 'Enter the same passphrase again:\s*$'
        Send-TerminalText $Session 'typed pass phrase'
        Assert-BackAtShell
        $screen = Get-TerminalText $Session
        $shown = Lines $screen.Substring($screen.LastIndexOf("`n<<setup>>") + 1)
        $line = (Get-Content (Join-Path $Box.Ssh 'id_ed25519.pub')).Trim()
        $line.Length | Should -BeGreaterThan 80 -Because 'the line must be wider than the terminal to prove it is not broken'
        $shown | Should -Contain $line
        # Two questions and nothing else waited for an answer; every other line fits the terminal.
        # A question is a line of its own ending in ':' (masked answers add stars), the public line's label aside.
        $questions = @($shown | Where-Object { $_ -match '^\S.*:\s*\**$' -and $_ -notmatch '^Public key line' })
        @($questions | ForEach-Object { $_ -replace ':\s*\**$', ':' }) | Should -Be @(
            "Passphrase for the new key '$(Join-Path $Box.Ssh 'id_ed25519')':"
            'Enter the same passphrase again:') -Because ($shown -join "`n")
        # The command that starts an agent (no agent runs here) is copied like the public line: whole, on one line.
        $agentStart = @($shown -match '^\$env:SSH_AUTH_SOCK = ')
        $agentStart.Count | Should -Be 1 -Because ($shown -join "`n")
        $agentStart[0] | Should -Match 'ssh-agent -a \$env:SSH_AUTH_SOCK > \$null }$'
        # The host prints the questions (the first names the key's full path, as long as the home's): the checklist fits.
        $shown | Where-Object { $_ -ne $line -and $_ -ne $agentStart[0] -and $_ -notin $questions -and $_.Length -gt 80 } | Should -BeNullOrEmpty
        $shown | Should -Contain (@($shown) -match '^\[DONE\] Key ')[0]
        ((ssh-keygen -y -P 'typed pass phrase' -f (Join-Path $Box.Ssh 'id_ed25519')) -split ' ')[0..1] | Should -Be ($line -split ' ')[0..1]
    }

    It 'Ctrl+C at the login question stops it with no ssh config written' {
        # The key of the test before is there; without -User the login is the first question.
        Remove-Item -LiteralPath (Join-Path $Box.Ssh 'config') -ErrorAction Ignore
        $before = @(Get-ChildItem -LiteralPath $Box.Ssh -File -Force | ForEach-Object Name)
        Send-TerminalText $Session 'Clear-Host; Start-EspriSetup'
        $null = Wait-TerminalText $Session 'Your [^\n]* login [^\n]*:\s*$'
        Send-TerminalText $Session 'half' -NoEnter
        Send-TerminalKey $Session C-c
        Assert-BackAtShell
        Join-Path $Box.Ssh 'config' | Should -Not -Exist
        @(Get-ChildItem -LiteralPath $Box.Ssh -File -Force | ForEach-Object Name) | Should -Be $before
    }
}
