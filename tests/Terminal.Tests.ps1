# What a person sees in a real terminal (tmux, a pseudo-terminal of a given width): the public line
# arrives as one line, views fit 80 columns, colours only where they belong. capture-pane -J joins
# the lines the terminal soft-wrapped, so a line broken by a newline stays broken and one wrapped by
# the terminal alone comes back whole.
BeforeDiscovery {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers/TestHelpers.psm1') -Force
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers/TerminalSession.psm1') -Force
    $script:NoTmux = Test-Skip -Tool tmux -UnixOnly
    $script:NoKeyTools = Test-Skip -Tool ssh-keygen, puttygen
    $script:NoSshd = Test-Skip -Tool ssh-keygen, sshd
}

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers/TestHelpers.psm1') -Force
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers/TerminalSession.psm1') -Force
    $script:ModulePath = Get-TestModulePath
    Import-Module $ModulePath -Force
    # A comment long enough that the public line is wider than any terminal used here.
    $script:LongComment = 'jean.dupont.with.a.rather.long.comment@laptop-of-the-laboratory.ipsl.example.org/' + ('x' * 60)
    function script:Lines([string] $text) { $text -split "`n" | ForEach-Object { $_.TrimEnd() } }
    function script:Start-Box([int] $Width = 80, [hashtable] $Environment = @{}) {
        $box = New-TestSandbox
        $env = @{ ESPRISSH_HOME = $box.Home; HOME = $box.Home } + $Environment
        $session = Start-TerminalSession -Width $Width -Environment $env -Setup "Import-Module '$ModulePath'"
        $box | Add-Member -PassThru Session $session
    }
    # Typed after Ctrl+C: printed by the shell if the command stopped, swallowed by a prompt if not.
    # Returns the terminal text from the last $Since on: what the stopped command printed after it.
    function script:Wait-BackAtShell($box, [string] $Since) {
        Send-TerminalText $box.Session "'<<back' + '>>'"
        $screen = Wait-TerminalText $box.Session '(?m)^<<back>>$' -TimeoutSec 30
        if ($Since) { $screen.Substring($screen.LastIndexOf($Since)) } else { $screen }
    }
    function script:Stop-Box($box) {
        Stop-TerminalSession $box.Session
        Remove-Item -Recurse -Force $box.Home -ErrorAction Ignore
    }
}

Describe 'The public line reaches a <_>-column terminal as one line' -Skip:($NoTmux -or $NoKeyTools) -ForEach 80, 120 {
    BeforeAll { $script:Box = Start-Box -Width $_ }
    AfterAll { Stop-Box $Box }

    It 'New-EspriKey: the line and the copy tip, each whole' {
        $out = Invoke-TerminalCommand $Box.Session "New-EspriKey -Passphrase (ConvertTo-SecureString 'a passphrase' -AsPlainText -Force) -Rounds 1 -Comment '$LongComment'"
        $line = (Get-Content (Join-Path $Box.Ssh 'id_ed25519.pub')).Trim()
        $line.Length | Should -BeGreaterThan $_ -Because 'the test needs a line wider than the terminal'
        Lines $out | Should -Contain $line
        Lines $out | Should -Contain 'To copy it without line breaks:'
        Lines $out | Should -Contain "    Get-Content '$(Join-Path $Box.Ssh 'id_ed25519.pub')' | Set-Clipboard"
    }

    It 'Test-EspriPublicKey: the repaired line of a mangled paste, whole' {
        $line = (Get-Content (Join-Path $Box.Ssh 'id_ed25519.pub')).Trim()
        # As people paste it: in quotes, broken over two lines.
        $mangled = '`"' + $line.Substring(0, 40) + '`r`n   ' + $line.Substring(40) + '`"'
        $out = Invoke-TerminalCommand $Box.Session "Test-EspriPublicKey `"$mangled`""
        Lines $out | Should -Contain $line
        $out | Should -Match 'Repaired'
    }
}

Describe 'Converted and installed keys show their line whole at 80 columns' -Skip:($NoTmux -or $NoKeyTools) {
    BeforeAll {
        $script:Box = Start-Box
        $script:Source = Join-Path $Box.Home 'from-elsewhere'
        $null = New-Item -ItemType Directory $Source
        $pass = Join-Path $Source 'pass'
        [IO.File]::WriteAllText($pass, 'ppk pass')
        puttygen -q -t ed25519 -C $LongComment -o (Join-Path $Source 'meso_key.ppk') --new-passphrase $pass
        ssh-keygen -q -t ed25519 -N 'old pass' -C $LongComment -f (Join-Path $Source 'id_old')
    }
    AfterAll { Stop-Box $Box }

    It 'Convert-PpkKey' {
        $out = Invoke-TerminalCommand $Box.Session "Convert-PpkKey '$Source/meso_key.ppk' -Passphrase (ConvertTo-SecureString 'ppk pass' -AsPlainText -Force) -Destination ~/.ssh/id_moba"
        Lines $out | Should -Contain (Get-Content (Join-Path $Box.Ssh 'id_moba.pub')).Trim()
        # Not a name ssh tries by itself: the next step is said, under the line.
        ($out -replace '\s+', ' ') | Should -Match ([regex]::Escape("Next: ssh does not look for '$(Join-Path $Box.Ssh 'id_moba')' by itself"))
        ($out -replace '\s+', ' ') | Should -Match ([regex]::Escape("Set-EspriSshConfig -User <your login> -IdentityFile '$(Join-Path $Box.Ssh 'id_moba')'"))
    }

    It 'Install-EspriKey' {
        $out = Invoke-TerminalCommand $Box.Session "Install-EspriKey '$Source/id_old' -Passphrase (ConvertTo-SecureString 'old pass' -AsPlainText -Force)"
        Lines $out | Should -Contain (Get-Content "$Source/id_old.pub").Trim()
        $out | Should -Not -Match 'Next:' -Because 'id_ed25519 in the ssh folder is where ssh looks'
    }
}

Describe 'Views fit an 80-column terminal' -Skip:($NoTmux -or $NoKeyTools) {
    BeforeAll {
        $script:Box = Start-Box
        ssh-keygen -q -t ed25519 -N 'p' -C 'me' -f (Join-Path $Box.Ssh 'id_ed25519')
        ssh-keygen -q -t rsa -b 2048 -N '' -C 'old' -f (Join-Path $Box.Ssh 'id_rsa')
        chmod 644 (Join-Path $Box.Ssh 'id_rsa')
    }
    AfterAll { Stop-Box $Box }

    It 'Get-EspriKey: a header that is not broken, each fingerprint whole, nothing wider than the terminal' {
        $out = Invoke-TerminalCommand $Box.Session 'Get-EspriKey'
        $lines = Lines $out
        $lines | Where-Object Length -GT 80 | Should -BeNullOrEmpty
        $lines | Should -Contain ('{0,-20}{1,-14}{2,-6}{3,-11}{4,-7}{5}' -f 'Name', 'Type', 'Pass', 'Rights', 'Agent', 'Site')
        foreach ($key in 'id_ed25519', 'id_rsa') {
            $fingerprint = Get-SshFingerprint (Join-Path $Box.Ssh "$key.pub")
            $out | Should -Match ([regex]::Escape($fingerprint))
        }
        $out | Should -Match 'id_rsa\s+rsa 2048\s+NO\s+0644 OPEN'
        $out | Should -Match ([regex]::Escape('! mode 0644'))
    }

    It 'Get-EspriSite: the support address and subject, wrapped between words' {
        $out = Invoke-TerminalCommand $Box.Session 'Get-EspriSite'
        Lines $out | Where-Object Length -GT 80 | Should -BeNullOrEmpty
        $support = (Get-EspriSite).Support
        ($out -replace '\s+', ' ') | Should -Match ([regex]::Escape("Support : $($support.Address), subject '$($support.ReportSubject)'"))
    }
}

Describe 'Test-EspriConnection in a terminal' -Skip:($NoTmux -or $NoSshd) {
    BeforeAll {
        $script:Sshd = Start-TestSshd
        $script:Box = Start-Box
        ssh-keygen -q -t ed25519 -N '' -C 'me' -f (Join-Path $Box.Ssh 'id_ed25519')
        $script:Command = "Test-EspriConnection 127.0.0.1 -Port $($Sshd.Port) -User $($Sshd.User) -AcceptNewHostKey"
    }
    AfterAll { Stop-Box $Box; Stop-TestSshd $Sshd }

    It 'colours [FAIL] red and [ OK ] green, durations in ms, details hanging under their column' {
        $out = Invoke-TerminalCommand $Box.Session $Command -Escapes
        # tmux re-encodes the colour it was given: red is 31, green 32.
        $out | Should -Match ([regex]::Escape("`e[31m[FAIL]"))
        $out | Should -Match ([regex]::Escape("`e[32m[ OK ]"))
        $plain = Lines ($out -replace "`e\[[0-9;]*m", '')
        $plain | Where-Object Length -GT 80 | Should -BeNullOrEmpty
        $failed = $plain | Where-Object { $_ -match '^\[FAIL\] Authentication +\d+ ms  ' }
        $failed | Should -Not -BeNullOrEmpty
        $column = $failed.IndexOf('Permission denied')
        $column | Should -BeGreaterThan 20
        # The detail's next line starts exactly under its first word.
        $next = $plain[[array]::IndexOf($plain, $failed) + 1]
        $next.Substring(0, $column).Trim() | Should -BeNullOrEmpty
        $next.Substring($column, 1) | Should -Not -Be ' '
    }

    It 'prints no colour when NO_COLOR is set' {
        $plainBox = Start-Box -Environment @{ NO_COLOR = '1' }
        try {
            ssh-keygen -q -t ed25519 -N '' -C 'me' -f (Join-Path $plainBox.Ssh 'id_ed25519')
            $out = Invoke-TerminalCommand $plainBox.Session $Command -Escapes
            $out | Should -Match '\[FAIL\] Authentication'
            $out | Should -Not -Match ([regex]::Escape("`e[31m"))
        }
        finally { Stop-Box $plainBox }
    }
}

Describe 'First contact with a server in a terminal: the question ssh asks' -Skip:($NoTmux -or $NoSshd) {
    BeforeAll {
        $script:Box = Start-Box
        $script:Key = Join-Path $Box.Ssh 'id_ed25519'
        ssh-keygen -q -t ed25519 -N 'key pass' -C 'me' -f $Key
        $script:Sshd = Start-TestSshd -AuthorizedKeys (Get-Content "$Key.pub")
        $script:KnownHosts = Join-Path $Box.Ssh 'known_hosts'
        $script:Name = "[127.0.0.1]:$($Sshd.Port)"
        $script:Command = "Test-EspriConnection 127.0.0.1 -Port $($Sshd.Port) -User $($Sshd.User)"
        $script:HostKeyFingerprint = Get-SshFingerprint (Join-Path $Sshd.Directory 'host_ed25519.pub')
        # Runs the test up to the question; returns the screen.
        function script:Start-FirstContact {
            Send-TerminalText $Box.Session "Clear-Host; $Command"
            Wait-TerminalText $Box.Session 'default is "N"\):\s*$'
        }
        function script:Approve-HostKey {
            Send-TerminalText $Box.Session 'y'
            $null = Wait-TerminalText $Box.Session 'Passphrase of [^\n]*:\s*$'
        }
    }
    AfterAll { Stop-Box $Box; Stop-TestSshd $Sshd }
    AfterEach { Remove-Item $KnownHosts -ErrorAction Ignore }

    It 'shows the fingerprint; no records nothing and stops at HostKey' {
        $screen = Start-FirstContact
        $screen | Should -Match ([regex]::Escape("The authenticity of host '$Name' can't be established."))
        $screen | Should -Match ([regex]::Escape("ED25519 key fingerprint is $HostKeyFingerprint."))
        Send-TerminalText $Box.Session 'n'
        $null = Wait-TerminalText $Box.Session 'FAILED at HostKey'
        $KnownHosts | Should -Not -Exist
    }

    It 'yes records the key as ssh would and the same test goes on, the passphrase asked once' {
        $null = Start-FirstContact
        Approve-HostKey
        Send-TerminalText $Box.Session 'key pass'
        $screen = Wait-TerminalText $Box.Session '\[ OK \] Session'
        $screen | Should -Match '@127\.0\.0\.1 : OK'
        ([regex]::Matches($screen, 'Passphrase of ')).Count | Should -Be 1
        (ssh-keygen -F $Name -f $KnownHosts) -join "`n" | Should -Match ([regex]::Escape("$Name ssh-ed25519 $($Sshd.HostKeyBase64)"))
    }

    It 'Ctrl+C at the question stops the test at once and records nothing' {
        $null = Start-FirstContact
        Send-TerminalKey $Box.Session C-c
        Wait-BackAtShell $Box 'authenticity' | Should -Not -Match 'FAILED at|Passphrase of|Exception'
        $KnownHosts | Should -Not -Exist
    }

    It 'Ctrl+C at the passphrase of the key stops the test at once' {
        $null = Start-FirstContact
        Approve-HostKey
        Send-TerminalText $Box.Session 'half typed' -NoEnter
        Send-TerminalKey $Box.Session C-c
        Wait-BackAtShell $Box 'Passphrase of' | Should -Not -Match '\[ OK \]|FAILED at|Exception'
    }

    It 'asks nothing under -WhatIf and records nothing' {
        $out = Invoke-TerminalCommand $Box.Session "$Command -WhatIf"
        $out | Should -Match 'What if: .*Add the host key'
        $out | Should -Not -Match 'authenticity'
        $out | Should -Match 'FAILED at HostKey'
        $KnownHosts | Should -Not -Exist
    }
}

Describe 'An agent asking the person to confirm, seen in an 80-column terminal' -Skip:($NoTmux -or $NoSshd -or (Test-Skip -Tool ssh-agent, ssh-add)) {
    BeforeAll {
        $script:Box = New-TestSandbox
        $script:Key = Join-Path $Box.Ssh 'id_ed25519'
        ssh-keygen -q -t ed25519 -N '' -C 'me' -f $Key
        $script:Sshd = Start-TestSshd -AuthorizedKeys (Get-Content "$Key.pub")
        # The person takes their time over the agent's confirmation dialog (ssh-add -c).
        $script:Dialogs = Join-Path $Box.Home 'dialogs.log'
        $askpass = Join-Path $Box.Home 'askpass.sh'
        Set-Content $askpass "#!/bin/sh`necho asked >> '$Dialogs'`nsleep 20`necho yes"; chmod 755 $askpass
        $env:SSH_ASKPASS = $askpass; $env:SSH_ASKPASS_REQUIRE = 'force'; $env:DISPLAY = ':0'
        try { $script:Agent = Start-TestSshAgent -Directory $Box.Home }
        finally { Remove-Item Env:SSH_ASKPASS, Env:SSH_ASKPASS_REQUIRE, Env:DISPLAY -ErrorAction Ignore }
        $saved = $env:SSH_AUTH_SOCK
        $env:SSH_AUTH_SOCK = $Agent.Socket
        ssh-add -q -c $Key 2>$null
        $env:SSH_AUTH_SOCK = $saved
        $script:Session = Start-TerminalSession -Width 80 -Environment @{ ESPRISSH_HOME = $Box.Home; HOME = $Box.Home; SSH_AUTH_SOCK = $Agent.Socket } -Setup "Import-Module '$ModulePath'"
    }
    AfterAll {
        if ($Session) { Stop-TerminalSession $Session }
        if ($Sshd) { Stop-TestSshd $Sshd }
        if ($Agent) { Stop-TestSshAgent $Agent }
        Remove-Item -Recurse -Force $Box.Home -ErrorAction Ignore
    }

    It 'says it waits for the agent, whole, and Ctrl+C stops the wait at once' {
        Send-TerminalText $Session "Clear-Host; Test-EspriConnection 127.0.0.1 -Port $($Sshd.Port) -User $($Sshd.User) -AcceptNewHostKey -IdentityFile '$Key' -TimeoutSec 60"
        $screen = Wait-TerminalText $Session 'to confirm the use of a key' -TimeoutSec 30
        # The line the person reads, whatever the width, and the progress line, which leads with the wait.
        ($screen -replace '\s+', ' ') | Should -Match ([regex]::Escape("Waiting for the OpenSSH ssh-agent at '$($Agent.Socket)' to sign for 127.0.0.1: it may be asking you to confirm the use of a key, or to type a passphrase, in another window"))
        $screen = Wait-TerminalText $Session '\[waiting for your agent \(it may be asking' -TimeoutSec 10
        $clock = [Diagnostics.Stopwatch]::StartNew()
        Send-TerminalKey $Session C-c
        Send-TerminalText $Session "'<<back' + '>>'"
        $null = Wait-TerminalText $Session '(?m)^<<back>>$' -TimeoutSec 30
        $clock.Elapsed.TotalSeconds | Should -BeLessThan 5 -Because 'Ctrl+C stops the wait for the agent at once (the dialog waits 20 s)'
        (Get-Content $Dialogs).Count | Should -Be 1
    }
}

Describe 'Ctrl+C at a prompt stops the command at once and writes nothing' -Skip:$NoTmux {
    BeforeAll {
        $script:Box = Start-Box
    }
    AfterAll { Stop-Box $Box }

    It 'New-EspriKey, at the first passphrase prompt' {
        Send-TerminalText $Box.Session 'Clear-Host; New-EspriKey -Rounds 1'
        $null = Wait-TerminalText $Box.Session 'Passphrase for the new key [^\n]*:\s*$'
        Send-TerminalText $Box.Session 'half typed' -NoEnter
        Send-TerminalKey $Box.Session C-c
        Wait-BackAtShell $Box | Should -Not -Match 'Enter the same passphrase again'
        Get-ChildItem $Box.Ssh | Should -BeNullOrEmpty
    }

    It 'New-EspriKey, at the second passphrase prompt' {
        Send-TerminalText $Box.Session 'Clear-Host; New-EspriKey -Rounds 1'
        $null = Wait-TerminalText $Box.Session 'Passphrase for the new key [^\n]*:\s*$'
        Send-TerminalText $Box.Session 'a passphrase'
        $null = Wait-TerminalText $Box.Session 'Enter the same passphrase again:\s*$'
        Send-TerminalKey $Box.Session C-c
        $null = Wait-BackAtShell $Box
        Get-ChildItem $Box.Ssh | Should -BeNullOrEmpty
    }

    It 'Convert-PpkKey, at the passphrase of the key to convert: no error, nothing written' -Skip:$NoKeyTools {
        $ppk = Join-Path $Box.Home 'meso_key.ppk'
        $pass = Join-Path $Box.Home 'pass'
        [IO.File]::WriteAllText($pass, 'ppk pass')
        puttygen -q -t ed25519 -o $ppk --new-passphrase $pass
        Send-TerminalText $Box.Session "Clear-Host; Convert-PpkKey '$ppk'"
        $null = Wait-TerminalText $Box.Session 'Passphrase of [^\n]*:\s*$'
        Send-TerminalKey $Box.Session C-c
        Wait-BackAtShell $Box 'Passphrase of' | Should -Not -Match 'Convert-PpkKey:|unexpected|Exception'
        Get-ChildItem $Box.Ssh | Should -BeNullOrEmpty
    }

    It 'Set-EspriSshConfig -Confirm: the question shows the change, Ctrl+C writes nothing' {
        Send-TerminalText $Box.Session 'Clear-Host; Set-EspriSshConfig -User alice -Confirm'
        $screen = Wait-TerminalText $Box.Session '\[Y\] Yes'
        $screen | Should -Match ([regex]::Escape('+Host spirit1'))
        $screen | Should -Match ([regex]::Escape('+    User alice'))
        Send-TerminalKey $Box.Session C-c
        $null = Wait-BackAtShell $Box
        Join-Path $Box.Ssh 'config' | Should -Not -Exist
    }
}

Describe 'Redirected output keeps the public line whole and has no colour' -Skip:$NoKeyTools {
    BeforeAll {
        $script:Box = New-TestSandbox
        $script:Made = Invoke-FreshPwsh -Command "Import-Module '$ModulePath'; New-EspriKey -SshDirectory '$($Box.Ssh)' -Passphrase (ConvertTo-SecureString 'p a s s' -AsPlainText -Force) -Rounds 1 -Comment '$LongComment' > '$($Box.Home)/out.txt'; Test-EspriPublicKey -Path '$($Box.Ssh)/id_ed25519.pub'"
        $script:Line = (Get-Content (Join-Path $Box.Ssh 'id_ed25519.pub')).Trim()
    }
    AfterAll { Remove-Item -Recurse -Force $Box.Home -ErrorAction Ignore }

    It 'in a file written with > and in the output of a pwsh whose stdout is a pipe' {
        $Made.ExitCode | Should -Be 0 -Because $Made.Output
        $Line.Length | Should -BeGreaterThan 120
        Get-Content (Join-Path $Box.Home 'out.txt') | ForEach-Object TrimEnd | Should -Contain $Line
        Lines $Made.Output | Should -Contain $Line
    }

    It 'in the properties that hold it' {
        Import-Module $ModulePath -Force
        (Test-EspriPublicKey -Path (Join-Path $Box.Ssh 'id_ed25519.pub')).Normalized | Should -BeExactly $Line
        $k = Install-EspriKey (Join-Path $Box.Ssh 'id_ed25519') -SshDirectory $Box.Ssh -Passphrase (ConvertTo-SecureString 'p a s s' -AsPlainText -Force) -WarningAction SilentlyContinue
        $k.PublicKey | Should -BeExactly $Line
    }

    It 'Test-EspriConnection marks its stages without escape sequences' {
        $r = Invoke-FreshPwsh -Command "Import-Module '$ModulePath'; Test-EspriConnection 127.0.0.1 -Port $(Get-FreeTcpPort) -User me -SshDirectory '$($Box.Ssh)' -Passphrase (ConvertTo-SecureString 'p a s s' -AsPlainText -Force)"
        $r.Output | Should -Match '(?m)^\[FAIL\] Tcp'
        $r.Output | Should -Match '(?m)^\[ OK \] Config'
    }
}

Describe 'ConsoleText, the views'' layout helper' {
    BeforeAll {
        Import-Module $ModulePath -Force
        $script:Text = [EspriSsh.Formatting.ConsoleText]
    }

    It 'wraps between words and hangs the continuation under the column' {
        $Text::Hang('aaaa bbbb cccc dddd eeee ffff gggg', 10, 30) -split "`n" | Should -Be @(
            'aaaa bbbb cccc dddd', '          eeee ffff gggg')
    }

    It 'never cuts a word: one too long for the column ends at the last column' {
        $long = 'x' * 25
        $Text::Hang("a $long b", 10, 30) -split "`n" | Should -Be @('a', ('     ' + $long), '          b')
    }

    It 'prints a command line (indented four spaces) whole: under the column when it fits, else from column 0' {
        $Text::Hang("Run:`n    a b c`nthen", 10, 30) -split "`n" | Should -Be @('Run:', '          a b c', '          then')
        $long = 'cmd ' + ('y ' * 20) + 'end'
        $Text::Hang("Run:`n    $long`nthen", 10, 30) -split "`n" | Should -Be @('Run:', $long, '          then')
        $Text::Hang("    $long", 10, 30) -split "`n" | Should -Be @('', $long) -Because 'the label before it keeps its own line'
    }

    It 'keeps line breaks of the text' {
        $Text::Hang("one`ntwo", 4, 40) | Should -BeExactly "one`n    two"
    }

    It 'prints durations as a person reads them' -ForEach @(
        @{ Ms = 131.3; Expected = '131 ms' }, @{ Ms = 0.2; Expected = '0 ms' }, @{ Ms = 9876; Expected = '9876 ms' }, @{ Ms = 12430; Expected = '12.4 s' }
    ) {
        $Text::Duration([TimeSpan]::FromMilliseconds($Ms)) | Should -Be $Expected
    }
}
