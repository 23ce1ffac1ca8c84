# Hostile input: each case ends with an ErrorId (or a finding) and nothing written or run. Real peers
# where there is one: ssh's own reading, sshd, the file system's devices and links.
BeforeDiscovery {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers/TestHelpers.psm1') -Force
    $script:NoSshTouch = Test-Skip -Tool ssh, touch -UnixOnly
}

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers/TestHelpers.psm1') -Force
    Import-Module (Get-TestModulePath) -Force
    $env:ESPRISSH_NONINTERACTIVE = '1'
    $script:Box = New-TestSandbox
    $env:ESPRISSH_HOME = $Box.Home
}

AfterAll {
    Remove-Item -Recurse -Force $Box.Home -ErrorAction Ignore
    Remove-Item Env:ESPRISSH_HOME, Env:ESPRISSH_NONINTERACTIVE -ErrorAction Ignore
}

Describe 'Host names and logins never reach a program as options' {
    BeforeAll {
        $script:Planted = Join-Path $Box.Home 'planted'
        $script:Report = Join-Path $Box.Home 'report.txt'
    }
    AfterEach {
        Test-Path $Planted | Should -BeFalse -Because 'the injected ProxyCommand must never run'
        Test-Path $Report | Should -BeFalse -Because 'nothing is written for a refused input'
    }

    It 'Get-EspriDebugReport refuses -HostName <Name> with HostNameInvalid' -ForEach @(
        @{ Name = '-oProxyCommand=touch PLANTED' }
        @{ Name = 'spirit1 -oProxyCommand=touch PLANTED' }
        @{ Name = 'x$(touch PLANTED)' }
        @{ Name = "spirit1`nProxyCommand touch PLANTED" }
    ) {
        $hostile = $Name -replace 'PLANTED', $Planted
        { Get-EspriDebugReport -HostName $hostile -SshDirectory $Box.Ssh -OutFile $Report -TimeoutSec 5 -ErrorAction Stop } |
            Should -Throw -ErrorId 'HostNameInvalid,EspriSsh.Commands.GetEspriDebugReportCommand'
    }

    It 'ssh itself would have run the injected command (the threat is real)' -Skip:$NoSshTouch {
        # ssh 9.2 has no host name check: given as an option, the value is obeyed. Run it in a
        # throw-away place and look only for the planted file.
        ssh -F /dev/null "-oProxyCommand=touch $Planted" -o BatchMode=yes -o ConnectTimeout=2 x true 2>&1 | Out-Null
        Test-Path $Planted | Should -BeTrue
        Remove-Item $Planted
    }

    It 'Test-EspriConnection refuses -HostName <Name> with HostNameInvalid' -ForEach @(
        @{ Name = '-oProxyCommand=touch PLANTED' }
        @{ Name = 'a;b' }
        @{ Name = 'a,b' }
    ) {
        { Test-EspriConnection -HostName ($Name -replace 'PLANTED', $Planted) -SshDirectory $Box.Ssh -ErrorAction Stop } |
            Should -Throw -ErrorId 'HostNameInvalid,EspriSsh.Commands.TestEspriConnectionCommand'
    }

    It 'Test-EspriConnection refuses -User <User> with LoginInvalid' -ForEach @(
        @{ User = '-oProxyCommand=x' }
        @{ User = 'me -oProxyCommand=x' }
        @{ User = 'me;touch x' }
        @{ User = "me`n" }
        @{ User = 'me\' }
    ) {
        { Test-EspriConnection -HostName spirit1 -User $User -SshDirectory $Box.Ssh -ErrorAction Stop } |
            Should -Throw -ErrorId 'LoginInvalid,EspriSsh.Commands.TestEspriConnectionCommand'
    }
}

Describe 'Rights are never changed through a symbolic link' -Skip:(Test-Skip -UnixOnly -Tool ssh-keygen) {
    BeforeEach {
        $script:Home_ = New-TestSandbox
        $script:Victim = Join-Path $Home_.Home 'victim_key'
        ssh-keygen -q -t ed25519 -N '' -f $Victim | Out-Null
        chmod 644 $Victim
        ln -s $Victim (Join-Path $Home_.Ssh 'id_planted')
    }
    AfterEach { Remove-Item -Recurse -Force $Home_.Home -ErrorAction Ignore }

    It 'Repair-EspriKeyPermission reports a key that is a link, leaves the file it names alone, and says why' {
        ssh-keygen -y -f (Join-Path $Home_.Ssh 'id_planted') 2>&1 | Out-String | Should -Match 'UNPROTECTED PRIVATE KEY FILE' -Because 'ssh sees the planted key'
        $r = Repair-EspriKeyPermission -SshDirectory $Home_.Ssh -WarningVariable warnings -WarningAction SilentlyContinue
        $planted = $r | Where-Object Path -eq (Join-Path $Home_.Ssh 'id_planted')
        $planted.Changed | Should -BeFalse
        $planted.Problem | Should -Match ([regex]::Escape("symbolic link to $Victim"))
        ($warnings -join "`n") | Should -Match 'symbolic link'
        Get-UnixMode $Victim | Should -Be '644'
    }

    It 'the same through -Path' {
        $r = Repair-EspriKeyPermission -Path (Join-Path $Home_.Ssh 'id_planted') -WarningAction SilentlyContinue
        $r.Changed | Should -BeFalse
        $r.Problem | Should -Match 'symbolic link'
        Get-UnixMode $Victim | Should -Be '644'
    }

    It 'an ssh folder that is a link is reported, not changed; the real keys inside are still repaired' {
        $elsewhere = Join-Path $Home_.Home 'elsewhere'
        $null = New-Item -ItemType Directory $elsewhere
        chmod 755 $elsewhere
        ssh-keygen -q -t ed25519 -N '' -f (Join-Path $elsewhere 'id_ed25519') | Out-Null
        chmod 644 (Join-Path $elsewhere 'id_ed25519')
        $linked = Join-Path $Home_.Home 'linked-ssh'
        ln -s $elsewhere $linked
        $r = Repair-EspriKeyPermission -SshDirectory $linked -WarningAction SilentlyContinue
        ($r | Where-Object Path -eq $linked).Problem | Should -Match 'symbolic link'
        Get-UnixMode $elsewhere | Should -Be '755'
        Get-UnixMode (Join-Path $elsewhere 'id_ed25519') | Should -Be '600'
    }
}

Describe 'Folders other users may write to are named, and repaired' -Skip:(Test-Skip -UnixOnly -Tool ssh-keygen) {
    BeforeEach {
        $script:Sandbox = New-TestSandbox
        $env:ESPRISSH_HOME = $Sandbox.Home
        chmod 777 $Sandbox.Ssh
        chmod 775 $Sandbox.Home
    }
    AfterEach {
        Remove-Item -Recurse -Force $Sandbox.Home -ErrorAction Ignore
        $env:ESPRISSH_HOME = $Box.Home
    }

    It 'New-EspriKey warns about the 0777 ssh folder and the group-writable home, and still makes the key' {
        $k = New-EspriKey -SshDirectory $Sandbox.Ssh -NoPassphrase -WarningVariable warnings -WarningAction SilentlyContinue
        Test-Path $k.Path | Should -BeTrue
        $text = $warnings -join "`n"
        $text | Should -Match ([regex]::Escape("The folder $($Sandbox.Ssh): mode 0777"))
        $text | Should -Match ([regex]::Escape("The folder $($Sandbox.Home): mode 0775"))
        $text | Should -Match 'StrictModes'
    }

    It 'Get-EspriKey warns too' {
        ssh-keygen -q -t ed25519 -N '' -f (Join-Path $Sandbox.Ssh 'id_ed25519') | Out-Null
        $null = Get-EspriKey -SshDirectory $Sandbox.Ssh -WarningVariable warnings -WarningAction SilentlyContinue
        ($warnings -join "`n") | Should -Match ([regex]::Escape("The folder $($Sandbox.Ssh): mode 0777"))
    }

    It 'the support report lists them as findings' {
        $r = Get-EspriDebugReport -SshDirectory $Sandbox.Ssh -OutFile (Join-Path $Sandbox.Home 'r.txt') -NoConnectionTest 6>$null
        $found = $r.Findings | Where-Object Code -eq 'SshFolderWritable'
        @($found.Target) | Should -Be @($Sandbox.Ssh, $Sandbox.Home)
        $found[0].Fix | Should -Match ([regex]::Escape("chmod go-w '$($Sandbox.Ssh)'"))
    }

    It 'Repair-EspriKeyPermission makes the ssh folder 0700 and takes write access to the home from others, once' {
        $r = Repair-EspriKeyPermission -SshDirectory $Sandbox.Ssh
        ($r | Where-Object Path -eq $Sandbox.Home).Changed | Should -BeTrue
        Get-UnixMode $Sandbox.Ssh | Should -Be '700'
        Get-UnixMode $Sandbox.Home | Should -Be '755'
        @(Repair-EspriKeyPermission -SshDirectory $Sandbox.Ssh | Where-Object Changed).Count | Should -Be 0
        $null = Get-EspriKey -SshDirectory $Sandbox.Ssh -WarningVariable after -WarningAction SilentlyContinue
        $after | Should -BeNullOrEmpty
    }
}

Describe 'Include and known_hosts that are devices, FIFOs or links to them end with an ErrorId' -Skip:(Test-Skip -UnixOnly -Tool mkfifo) {
    BeforeAll {
        $script:Fifo = Join-Path $Box.Home 'fifo'
        mkfifo $Fifo
        $script:ZeroLink = Join-Path $Box.Home 'zero-link'
        ln -s /dev/zero $ZeroLink
        $script:FifoLink = Join-Path $Box.Home 'fifo-link'
        ln -s $Fifo $FifoLink
        $script:Key = Join-Path $Box.Ssh 'id_ed25519'
        ssh-keygen -q -t ed25519 -N '' -f $Key | Out-Null
        function New-Config([string] $Name, [string[]] $Lines) {
            $path = Join-Path $Box.Home $Name
            $Lines | Set-Content $path
            $path
        }
    }

    # /dev/zero is writable by everyone: ssh refuses to include it ("Bad owner or permissions"), and so does EspriSsh.
    It 'Test-EspriConnection refuses a config that includes <Target> with <ErrorId>' -ForEach @(
        @{ Target = '/dev/zero'; ErrorId = 'ConfigInvalid' }
        @{ Target = 'ZERO-LINK'; ErrorId = 'ConfigInvalid' }
        @{ Target = 'FIFO-LINK'; ErrorId = 'NotARegularFile' }
    ) {
        $target = $Target -replace 'ZERO-LINK', $ZeroLink -replace 'FIFO-LINK', $FifoLink
        $config = New-Config 'include-hostile' "Include $target", 'Host box', '  HostName 127.0.0.1'
        { Test-EspriConnection box -ConfigPath $config -SshDirectory $Box.Ssh -ErrorAction Stop } |
            Should -Throw -ErrorId "$ErrorId,EspriSsh.Commands.TestEspriConnectionCommand"
    }

    It 'a FIFO as Include or as known_hosts is never opened (no hang), in a fresh process' {
        $config = New-Config 'include-fifo' "Include $Fifo", 'Host box', '  HostName 127.0.0.1'
        $r = Invoke-FreshPwsh -TimeoutSec 120 -Environment @{ ESPRISSH_HOME = $Box.Home; ESPRISSH_NONINTERACTIVE = '1' } -Command @"
Import-Module '$(Get-TestModulePath)'
try { Test-EspriConnection box -ConfigPath '$config' -SshDirectory '$($Box.Ssh)' -ErrorAction Stop } catch { 'include:' + `$_.FullyQualifiedErrorId }
(Test-EspriConnection 127.0.0.1 -Port $(Get-FreeTcpPort) -KnownHostsPath '$Fifo' -SshDirectory '$($Box.Ssh)' -AcceptNewHostKey).Reason
"@
        $r.TimedOut | Should -BeFalse -Because 'opening a FIFO waits for a writer forever'
        $r.Output | Should -Match 'include:NotARegularFile,EspriSsh.Commands.TestEspriConnectionCommand'
        $r.Output | Should -Match '(?m)^NotARegularFile$'
        (stat -c '%F' $Fifo) | Should -Be 'fifo' -Because 'nothing replaced it with a written known_hosts'
    }

    It 'a known_hosts that is <Target> fails the Config stage with <Reason>, and nothing is written' -ForEach @(
        @{ Target = '/dev/zero'; Reason = 'NotARegularFile' }
        @{ Target = 'ZERO-LINK'; Reason = 'NotARegularFile' }
    ) {
        $target = $Target -replace 'ZERO-LINK', $ZeroLink
        $config = New-Config 'kh-hostile' 'Host box', '  HostName 127.0.0.1', "  Port $(Get-FreeTcpPort)", "  UserKnownHostsFile $target"
        $r = Test-EspriConnection box -ConfigPath $config -SshDirectory $Box.Ssh -AcceptNewHostKey
        $r.FailedStage | Should -Be 'Config'
        $r.Reason | Should -Be $Reason
        ($r.Stages | Where-Object Name -eq Config).Detail | Should -Match ([regex]::Escape($target))
        (Get-Item $ZeroLink).LinkTarget | Should -Be '/dev/zero'
    }
}

Describe 'Control characters from a file never reach the screen raw' -Skip:(Test-Skip -Tool ssh-keygen) {
    BeforeAll {
        $script:Hostile = New-TestSandbox
        $script:Key = Join-Path $Hostile.Ssh 'id_ed25519'
        ssh-keygen -q -t ed25519 -N 'a passphrase' -f $Key | Out-Null
        $fields = (Get-Content "$Key.pub") -split ' '
        # Clear the screen, home the cursor, set the window title, reverse the text, break the line.
        $script:Comment = "me`e[2J`e[H`e]0;pwned`a FORGED`u{202E}txt.exe`u{2028}end"
        [IO.File]::WriteAllText("$Key.pub", "$($fields[0]) $($fields[1]) $Comment`n")
        function Assert-NoRawControl([string] $Text) {
            $Text | Should -Not -Match '[\x00-\x08\x0B-\x1F\x7F-\x9F\u202A-\u202E\u2066-\u2069\u2028\u2029]'
        }
    }
    AfterAll { Remove-Item -Recurse -Force $Hostile.Home -ErrorAction Ignore }

    It 'Test-EspriPublicKey flags the comment, gives a line without it raw, and shows it escaped' {
        $c = Test-EspriPublicKey -Path "$Key.pub" -WarningAction SilentlyContinue
        $c.Valid | Should -BeTrue
        ($c.Problems | Where-Object Code -eq 'UnsafeComment').Message | Should -Match ([regex]::Escape('\x1b, \x07, \u202e, \u2028'))
        Assert-NoRawControl $c.Normalized
        $c.Normalized | Should -BeLike '*me\x1b`[2J\x1b`[H\x1b]0;pwned\x07 FORGED\u202etxt.exe\u2028end'
        Assert-NoRawControl ($c | Out-String)
    }

    It 'Get-EspriKey lists the problem and its view shows the comment escaped' {
        $entry = Get-EspriKey -SshDirectory $Hostile.Ssh -WarningAction SilentlyContinue
        $entry.Comment | Should -BeLike 'me\x1b`[2J*'
        $entry.Problems -join "`n" | Should -Match 'control or text-direction characters \(\\x1b'
        Assert-NoRawControl ($entry | Out-String)
        Assert-NoRawControl ($entry | Format-List * | Out-String)
    }
}

Describe 'A hostile key comment in Start-EspriSetup''s checklist: the terminal and the clipboard get it escaped' -Skip:(Test-Skip -UnixOnly -Tool tmux, puttygen, ssh-keygen, xclip, Xvfb) {
    BeforeAll {
        Import-Module (Join-Path $PSScriptRoot 'TestHelpers/TerminalSession.psm1') -Force
        $script:Tty = New-TestSandbox
        $desktop = Join-Path $Tty.Home 'Desktop'
        $null = New-Item -ItemType Directory $desktop
        # Clear the screen, home the cursor, set the window title (OSC 0), reverse the text.
        $script:Raw = "me`e[2J`e[H`e]0;pwned`a FORGED`u{202E}txt.exe"
        $script:Shown = 'me\x1b[2J\x1b[H\x1b]0;pwned\x07 FORGED\u202etxt.exe'
        puttygen -t ed25519 -C $Raw -o (Join-Path $desktop 'k.ppk') --new-passphrase /dev/null
        # A virtual X display, so Start-EspriSetup copies the line with the real xclip.
        $psi = [Diagnostics.ProcessStartInfo]::new('Xvfb', '-displayfd 1 -nolisten tcp')
        $psi.UseShellExecute = $false; $psi.RedirectStandardOutput = $true; $psi.RedirectStandardError = $true
        $script:Xvfb = [Diagnostics.Process]::Start($psi)
        $script:Display = ':' + $Xvfb.StandardOutput.ReadLine().Trim()
        $script:Session = Start-TerminalSession -Width 80 -Height 60 -Setup "Import-Module '$(Get-TestModulePath)'" -Environment @{
            ESPRISSH_HOME = $Tty.Home; HOME = $Tty.Home; DISPLAY = $Display
        }
        function script:Title { & tmux -S $Session.Socket display-message -p -t $Session.Name '#{pane_title}' }
        # The screen as it is now: a clear-screen sequence would have wiped what was above the command's output.
        function script:Screen { (& tmux -S $Session.Socket capture-pane -p -J -t $Session.Name) -join "`n" }
        # What another program pastes (xclip's background child takes the selection just after it starts).
        function script:Paste {
            for ($i = 0; $i -lt 50; $i++) {
                $text = (& env "DISPLAY=$Display" xclip -o -selection clipboard 2>$null) -join "`n"
                if ($text) { return $text }
                Start-Sleep -Milliseconds 100
            }
        }
        $script:TitleBefore = Title
        $script:SetUp = "Start-EspriSetup -User jdupont -Passphrase (ConvertTo-SecureString 'a passphrase' -AsPlainText -Force)"
        function script:Assert-ShownEscaped([string] $Before, [string] $Line) {
            Invoke-TerminalCommand $Session "'<<before $Before' + '>>'" | Out-Null
            $out = Invoke-TerminalCommand $Session $SetUp -TimeoutSec 120
            $out | Should -Match 'Copied to the clipboard\s+\(xclip\)'
            $out | Should -Match ([regex]::Escape($Line))
            $out | Should -Match 'The\s+comment\s+holds\s+control\s+or\s+text-direction\s+characters\s+\(\\x1b,\s+\\x07,\s+\\u202e\)' -Because 'the person sending the line is told why it looks odd'
            Screen | Should -Match "<<before $Before>>" -Because 'ESC[2J ESC[H would have cleared the screen'
            Title | Should -Be $TitleBefore -Because 'OSC 0 would have set the window title'
            Paste | Should -BeExactly $Line
        }
        # Text typed at the prompt stays printable: what the control test prints is read from files.
        [IO.File]::WriteAllText((Join-Path $Tty.Home 'raw.txt'), "`n$Raw`n")
        [IO.File]::WriteAllText((Join-Path $Tty.Home 'title.txt'), "`e]0;$TitleBefore`a")
    }
    AfterAll {
        Stop-TerminalSession $Session
        $Xvfb.Kill(); $Xvfb.WaitForExit()
        Remove-Item -Recurse -Force $Tty.Home -ErrorAction Ignore
    }

    It 'the threat is real: the raw comment printed in this terminal clears the screen and sets the title' {
        Invoke-TerminalCommand $Session "'<<control' + '>>'; [Console]::Write([IO.File]::ReadAllText('$(Join-Path $Tty.Home 'raw.txt')'))" | Out-Null
        Screen | Should -Not -Match '<<control>>'
        Title | Should -Be 'pwned'
        Invoke-TerminalCommand $Session "[Console]::Write([IO.File]::ReadAllText('$(Join-Path $Tty.Home 'title.txt')'))" | Out-Null
        Title | Should -Be $TitleBefore
    }

    It 'a .ppk on the Desktop whose comment holds them: installed, its line shown and copied escaped' {
        $blob = ((puttygen (Join-Path $Tty.Home 'Desktop/k.ppk') -O public-openssh -o /dev/stdout) -split ' ')[1]
        Assert-ShownEscaped 'ppk' "ssh-ed25519 $blob $Shown"
        (Get-Content (Join-Path $Tty.Ssh 'id_ed25519.pub')).Trim() | Should -BeExactly "ssh-ed25519 $blob $Shown"
    }

    It 'an installed key whose .pub comment holds them: the line shown and copied escaped' {
        $pub = Join-Path $Tty.Ssh 'id_ed25519.pub'
        $fields = (Get-Content $pub) -split ' '
        [IO.File]::WriteAllText($pub, "$($fields[0]) $($fields[1]) $Raw`n")
        Assert-ShownEscaped 'pub' "$($fields[0]) $($fields[1]) $Shown"
    }
}

Describe 'File names holding a line feed, ESC or a typographic quote: named escaped, never a line or a command of their own' -Skip:(Test-Skip -UnixOnly -Tool ssh-keygen) {
    BeforeAll {
        $script:Names = New-TestSandbox
        $env:ESPRISSH_HOME = $Names.Home
        $desktop = Join-Path $Names.Home 'Desktop'
        $null = New-Item -ItemType Directory $desktop
        [IO.File]::WriteAllText((Join-Path $desktop "evil`n[DONE] Key FORGED`e[2J.ppk"), "junk`n")
        # A key ssh-keygen made, under a name that ends PowerShell's quoting (’) and forges a finding (LF).
        $script:KeyName = "id_x’; Remove-Item -Recurse ~; ’`n2. [ERROR] FORGED`e]0;t`a"
        $script:KeyFile = Join-Path $Names.Ssh $KeyName
        ssh-keygen -q -t ed25519 -N '' -f $KeyFile | Out-Null
        chmod 644 $KeyFile
        $script:Forged = '(?m)^\s*(\d+\. \[ERROR\] FORGED|\[DONE\] Key FORGED)'
        $script:RawControl = '[\x00-\x08\x0B-\x1F\x7F-\x9F\u202A-\u202E\u2066-\u2069\u2028\u2029]'
    }
    AfterAll {
        Remove-Item -Recurse -Force $Names.Home -ErrorAction Ignore
        $env:ESPRISSH_HOME = $Box.Home
    }

    It 'Get-EspriKey: each problem one line, the name escaped, the quote doubled in the commands it gives' {
        $entry = Get-EspriKey -Path $KeyFile -WarningAction SilentlyContinue
        $entry.Problems | Should -Not -BeNullOrEmpty
        $entry.Problems | ForEach-Object { $_ | Should -Not -Match "[\n]|$RawControl" }
        $entry.Problems -join ' ' | Should -Match ([regex]::Escape("chmod 600 '$($Names.Ssh)/id_x’’; Remove-Item -Recurse ~; ’’\n2. [ERROR] FORGED\x1b]0;t\x07'"))
        ($entry | Out-String -Width 200) | Should -Not -Match $Forged
    }

    It 'Start-EspriSetup: the checklist names the Desktop file and the key escaped' {
        $setup = Start-EspriSetup -SshDirectory $Names.Ssh -WhatIf 6>$null 3>$null
        $key = $setup.Steps | Where-Object Name -eq 'Key'
        $key.Detail | Should -Match ([regex]::Escape("/Desktop/evil\n[DONE] Key FORGED\x1b[2J.ppk'"))
        foreach ($step in $setup.Steps) { $step.Detail | Should -Not -Match "[\n]|$RawControl" }
        ($setup.Steps.Next -join "`n") | Should -Not -Match $Forged
        ($setup | Out-String) | Should -Not -Match $Forged
    }

    It 'an error about such a file names it escaped, in its message and as PowerShell shows it' {
        $missing = Join-Path $Names.Ssh "gone`n2. [ERROR] FORGED`e[2J"
        $err = $null
        try { Get-EspriKey -Path $missing -ErrorAction Stop } catch { $err = $_ }
        $err | Should -Not -BeNullOrEmpty
        $err.Exception.Message | Should -Match ([regex]::Escape("gone\n2. [ERROR] FORGED\x1b[2J'"))
        $err.Exception.Message | Should -Not -Match "[\n]|$RawControl"
        ($err | Out-String) | Should -Not -Match $Forged
    }

    It 'Get-EspriDebugReport: no finding forged, no raw control character in the file' {
        $out = Join-Path $Names.Home 'report.txt'
        $report = Get-EspriDebugReport -SshDirectory $Names.Ssh -OutFile $out -NoConnectionTest 6>$null
        $text = Get-Content -Raw $out
        $text | Should -Not -Match $Forged
        $text | Should -Not -Match $RawControl
        ($report.Findings | Where-Object Code -eq 'KeyFileTooOpen').Problem | Should -Match ([regex]::Escape("id_x’; Remove-Item -Recurse ~; ’\n2. [ERROR] FORGED\x1b]0;t\x07"))
    }
}

Describe 'Files swapped or planted where a file is expected: judged on the open handle, never waited on' -Skip:(Test-Skip -UnixOnly -Tool mkfifo, ssh-keygen) {
    BeforeAll {
        $script:Planted = New-TestSandbox
        $script:OutFifo = Join-Path $Planted.Home 'report-fifo'
        mkfifo $OutFifo
    }
    AfterAll { Remove-Item -Recurse -Force $Planted.Home -ErrorAction Ignore }

    It 'Get-EspriDebugReport -OutFile <Name> is NotARegularFile at once, in a fresh process, and nothing is written' -ForEach @(
        @{ Name = 'an existing FIFO'; Target = 'FIFO' }
        @{ Name = '/dev/zero'; Target = '/dev/zero' }
        @{ Name = '/dev/null'; Target = '/dev/null' }
        @{ Name = 'a link to /dev/zero'; Target = 'LINK' }
    ) {
        $target = if ($Target -eq 'FIFO') { $OutFifo } elseif ($Target -eq 'LINK') { $l = Join-Path $Planted.Home 'zero-report'; if (-not (Test-Path $l)) { ln -s /dev/zero $l }; $l } else { $Target }
        $r = Invoke-FreshPwsh -TimeoutSec 60 -Environment @{ ESPRISSH_HOME = $Planted.Home; ESPRISSH_NONINTERACTIVE = '1' } -Command @"
Import-Module '$(Get-TestModulePath)'
foreach (`$force in `$false, `$true) {
    `$watch = [Diagnostics.Stopwatch]::StartNew()
    try { Get-EspriDebugReport -SshDirectory '$($Planted.Ssh)' -OutFile '$target' -NoConnectionTest -Force:`$force -ErrorAction Stop 6>`$null; 'written' }
    catch { `$_.FullyQualifiedErrorId + ' ' + `$_.Exception.Message }
    'took ' + `$watch.ElapsedMilliseconds
}
"@
        $r.TimedOut | Should -BeFalse -Because 'reading a FIFO or /dev/zero to keep it as .bak never ends'
        $lines = $r.Output -split "`n" | Where-Object { $_ -match '^NotARegularFile|^written' }
        $lines.Count | Should -Be 2
        $lines | Should -Match '^NotARegularFile,EspriSsh.Commands.GetEspriDebugReportCommand'
        # Refused before the collection (seconds of ssh -G and file scans), not after it.
        $r.Output | Should -Not -Match 'SSH debug information'
        @(Get-ChildItem $Planted.Home -Filter '*.bak*').Count | Should -Be 0
        if ($Target -eq 'FIFO') { (stat -c '%F' $OutFifo) | Should -Be 'fifo' }
    }

    It 'Get-EspriKey and Start-EspriSetup scan a Desktop whose .ppk flips between a key and a FIFO, and every run ends' {
        $desktop = Join-Path $Planted.Home 'Desktop'
        $null = New-Item -ItemType Directory $desktop -Force
        $key = Join-Path $Planted.Home 'source-key'
        ssh-keygen -q -t ed25519 -N '' -f $key | Out-Null
        $flipper = Start-Process -PassThru -FilePath sh -ArgumentList '-c', @"
cd '$desktop'; while :; do cp '$key' k.tmp; mv -f k.tmp k.ppk; mkfifo f.tmp; mv -f f.tmp k.ppk; done
"@
        try {
            $r = Invoke-FreshPwsh -TimeoutSec 240 -Environment @{ ESPRISSH_HOME = $Planted.Home; ESPRISSH_NONINTERACTIVE = '1' } -Command @"
Import-Module '$(Get-TestModulePath)'
`$outcomes = @{}
for (`$i = 0; `$i -lt 300; `$i++) {
    try { `$e = Get-EspriKey -Path '$desktop/k.ppk' -ErrorAction Stop; `$o = if (`$e.Problems -match 'named pipe') { 'refused' } else { 'read' } }
    catch { `$o = `$_.FullyQualifiedErrorId }
    `$outcomes[`$o]++
}
`$setup = Start-EspriSetup -SshDirectory '$($Planted.Ssh)' -WhatIf 6>`$null 3>`$null
`$outcomes.GetEnumerator() | ForEach-Object { 'outcome ' + `$_.Key + ' ' + `$_.Value }
'setup ' + @(`$setup.Steps).Count
"@
        }
        finally {
            Stop-Process -Id $flipper.Id -ErrorAction Ignore
            $flipper.WaitForExit()
        }
        $r.TimedOut | Should -BeFalse -Because 'a read of the FIFO swapped in would wait for a writer forever'
        $r.Output | Should -Match '(?m)^setup [1-9]'
        $outcomes = [regex]::Matches($r.Output, '(?m)^outcome (\S+) (\d+)') | ForEach-Object { $_.Groups[1].Value }
        $outcomes | Should -Not -Contain 'UnexpectedError,EspriSsh.Commands.GetEspriKeyCommand'
        ($outcomes | Where-Object { $_ -notin 'read', 'refused', 'KeyFileNotFound,EspriSsh.Commands.GetEspriKeyCommand' }) | Should -BeNullOrEmpty
    }
}

Describe 'A damaged certificate as id_ed25519-cert.pub: every consumer goes on, the report is written' -Skip:(Test-Skip -Tool ssh-keygen, sshd) {
    BeforeDiscovery {
        $script:Certificates = @('empty_key_type', 'empty_type_inside', 'principals_4500', 'force_command_extra_data', 'bad_signature', 'valid_terminal_escapes') |
            ForEach-Object { @{ Name = $_ } }
    }
    BeforeAll {
        $script:CertBox = New-TestSandbox
        $script:CertKey = Join-Path $CertBox.Ssh 'id_ed25519'
        ssh-keygen -q -t ed25519 -N '' -f $CertKey | Out-Null
        $script:CertSshd = Start-TestSshd -AuthorizedKeys (Get-Content "$CertKey.pub")
        Set-Content (Join-Path $CertBox.Ssh 'known_hosts') "[127.0.0.1]:$($CertSshd.Port) $($CertSshd.HostKeyType) $($CertSshd.HostKeyBase64)"
        $script:Fixtures = Join-Path (Get-RepoRoot) 'tests/EspriSsh.Core.Tests/Keys/HostileCertificates/files'
    }
    AfterAll {
        Stop-TestSshd $CertSshd
        Remove-Item -Recurse -Force $CertBox.Home -ErrorAction Ignore
    }

    It '<Name>: Get-EspriKey, Test-EspriConnection, Start-EspriSetup and Get-EspriDebugReport all end with a result' -ForEach $Certificates {
        Copy-Item (Join-Path $Fixtures "$Name-cert.pub") (Join-Path $CertBox.Ssh 'id_ed25519-cert.pub') -Force
        $entries = Get-EspriKey -SshDirectory $CertBox.Ssh -WarningAction SilentlyContinue
        $cert = $entries | Where-Object Kind -eq 'Certificate'
        $cert | Should -Not -BeNullOrEmpty
        if ($Name -like 'valid_*') { $cert.Certificate | Should -Not -BeNullOrEmpty } else { $cert.Problems -join ' ' | Should -Match 'damaged certificate|cannot read' }
        ($entries | Out-String) | Should -Not -Match '[\x00-\x08\x0B-\x1F\x7F-\x9F\u202A-\u202E\u2066-\u2069\u2028\u2029]'

        $r = Test-EspriConnection 127.0.0.1 -Port $CertSshd.Port -User $CertSshd.User -SshDirectory $CertBox.Ssh -TimeoutSec 10 -ErrorAction Stop
        $r.Succeeded | Should -BeTrue -Because 'the key itself still logs in; only its certificate is refused'

        $setup = Start-EspriSetup -SshDirectory $CertBox.Ssh -WhatIf 6>$null 3>$null
        @($setup.Steps).Count | Should -BeGreaterThan 0
        $setup.Steps.Status | Should -Not -Contain 'Failed'

        $out = Join-Path $CertBox.Home "report-$Name.txt"
        $report = Get-EspriDebugReport -SshDirectory $CertBox.Ssh -OutFile $out -NoConnectionTest -ErrorAction Stop 6>$null
        Test-Path $out | Should -BeTrue
        Get-Content -Raw $out | Should -Not -Match '[\x00-\x08\x0B\x0C\x0E-\x1F\x7F-\x9F\u202A-\u202E\u2066-\u2069\u2028\u2029]'
        Get-Content -Raw $out | Should -Match 'id_ed25519-cert.pub'
    }
}

Describe 'Hostile Desktop and Downloads folders for Start-EspriSetup' -Skip:(Test-Skip -UnixOnly -Tool ssh-keygen, mkfifo) {
    BeforeAll {
        $script:Folders = New-TestSandbox
        $env:ESPRISSH_HOME = $Folders.Home
        $desktop = Join-Path $Folders.Home 'Desktop'
        $downloads = Join-Path $Folders.Home 'Downloads'
        $null = New-Item -ItemType Directory $desktop, $downloads
        ln -s /dev/zero (Join-Path $desktop 'zero.ppk')
        mkfifo (Join-Path $Folders.Home 'fifo')
        ln -s (Join-Path $Folders.Home 'fifo') (Join-Path $desktop 'fifo.ppk')
        # 10,000 junk .ppk files: each is a file the Key step looks at and sets aside.
        foreach ($i in 1..10000) { [IO.File]::WriteAllText((Join-Path $downloads "junk$i.ppk"), "PuTTY-User-Key-File-3: junk`n") }
        ssh-keygen -q -t ed25519 -N 'a passphrase' -f (Join-Path $Folders.Ssh 'id_ed25519') | Out-Null
        $script:Setup = Start-EspriSetup -SshDirectory $Folders.Ssh -WhatIf 6>$null 3>$null
        $script:KeyStep = $Setup.Steps | Where-Object Name -eq 'Key'
    }
    AfterAll {
        Remove-Item -Recurse -Force $Folders.Home -ErrorAction Ignore
        $env:ESPRISSH_HOME = $Box.Home
    }

    It 'the Key step lists the first few files set aside and counts the rest (10,000 junk .ppk files, not megabytes)' {
        $KeyStep.Detail.Length | Should -BeLessThan 6000
        $KeyStep.Detail | Should -Match 'Not used either: 999\d more files like these\.'
        ([regex]::Matches($KeyStep.Detail, "Not used: '")).Count | Should -Be 5
    }

    It 'a .ppk that is a link to /dev/zero or a FIFO is set aside saying what it points to, with no chmod advice' {
        $KeyStep.Detail | Should -Match ([regex]::Escape("Not used: '$(Join-Path $Folders.Home 'Desktop/fifo.ppk')' (It is a symbolic link to '$(Join-Path $Folders.Home 'fifo')', which is a named pipe (FIFO)"))
        $KeyStep.Detail | Should -Match ([regex]::Escape("Not used: '$(Join-Path $Folders.Home 'Desktop/zero.ppk')' (It is a symbolic link to '/dev/zero', which is a device"))
        $KeyStep.Detail | Should -Match "Not used: '[^']*/Downloads/junk1.ppk' \(It cannot be read as a private key"
        foreach ($link in 'zero.ppk', 'fifo.ppk') {
            (Get-EspriKey -Path (Join-Path $Folders.Home "Desktop/$link")).Problems | Should -Not -Match 'chmod|Repair-EspriKeyPermission'
        }
    }

    It 'the support report bounds its findings: at most five of a kind, then a count' {
        foreach ($i in 1..40) { [IO.File]::WriteAllText((Join-Path $Folders.Ssh "id_junk$i"), "junk`n") }
        try {
            $r = Get-EspriDebugReport -SshDirectory $Folders.Ssh -OutFile (Join-Path $Folders.Home 'r.txt') -NoConnectionTest 6>$null
            @($r.Findings | Where-Object Code -eq 'KeyProblem').Count | Should -BeLessOrEqual 6
            ($r.Findings | Where-Object Problem -match 'more findings like the first 5 of code KeyProblem').Problem | Should -Match '\((\d+) in all\)'
        }
        finally { Remove-Item (Join-Path $Folders.Ssh 'id_junk*') }
    }
}

Describe 'Hostile site profiles end with SiteProfileInvalid, worded in the profile''s own terms' {
    BeforeAll {
        $script:Profiles = New-TestSandbox
        $script:BaseProfile = Get-Content (Join-Path (Get-RepoRoot) 'src/EspriSsh.Core/Site/espri-site.json') -Raw
    }
    AfterAll { Remove-Item -Recurse -Force $Profiles.Home -ErrorAction Ignore }

    It '<Case>' -ForEach @(
        @{ Case = 'a trailing line feed in a host-key fingerprint'; From = '"hostKeyFingerprints": []'; To = '"hostKeyFingerprints": [ { "hostName": "spirit1.ipsl.fr", "keyType": "ssh-ed25519", "fingerprint": "SHA256:47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU\n" } ]'; Field = 'hostKeyFingerprints[0].fingerprint' }
        @{ Case = 'a trailing line feed in a key policy type'; From = '"type": "ssh-ed25519"'; To = '"type": "ssh-ed25519\n"'; Field = 'keyPolicy[0].type' }
        @{ Case = 'a right-to-left override in the name'; From = '"name": "IPSL ESPRI"'; To = '"name": "IPSL \u202EIRPSE"'; Field = 'name' }
        @{ Case = 'a line separator in the support address'; From = '"address": "ESPRI support'; To = '"address": "ESPRI\u2028support'; Field = 'support.address' }
        @{ Case = 'an escape sequence in a host description'; From = '"description": "SPIRIT head node 2"'; To = '"description": "\u001b[2J"'; Field = 'hosts[1].description' }
        @{ Case = 'a misspelt field'; From = '"defaultHeadNode"'; To = '"defaultHeadnode": "spirit1", "defaultHedNode"'; Field = 'the field ''defaultHedNode'''; Said = "did you mean 'defaultHeadNode'" }
        @{ Case = 'a port given as text'; From = '"port": 22, "description": "SPIRIT head node 2"'; To = '"port": "22", "description": "SPIRIT head node 2"'; Field = 'hosts[1].port'; Said = 'must be a whole number, not the text "22"' }
        @{ Case = 'a minimum size given as text'; From = '"minimumBits": 4096'; To = '"minimumBits": "4096"'; Field = 'keyPolicy[1].minimumBits'; Said = 'must be a whole number or null' }
        @{ Case = 'a host reached through itself'; From = '"via": "spirit1"'; To = '"via": "jean-zay"'; Field = 'hosts[5].via'; Said = 'makes a loop (jean-zay via jean-zay)' }
        @{ Case = 'two hosts reached through each other'; From = '"role": "HeadNode", "port": 22, "description": "SPIRIT head node 1 (default login node)"'; To = '"role": "Remote", "port": 22, "via": "jean-zay", "description": "x"'; Field = 'hosts[0].via'; Said = 'makes a loop (spirit1 via jean-zay via spirit1)' }
        @{ Case = 'a field given twice'; From = '"name": "IPSL ESPRI"'; To = '"name": "IPSL ESPRI", "Name": "Other"'; Field = 'the field ''Name'''; Said = 'appears twice' }
    ) {
        $BaseProfile.Contains($From) | Should -BeTrue
        $path = Join-Path $Profiles.Home 'profile.json'
        [IO.File]::WriteAllText($path, $BaseProfile.Replace($From, $To))
        $err = { Get-EspriSite -Path $path -ErrorAction Stop } | Should -Throw -ErrorId 'SiteProfileInvalid,EspriSsh.Commands.GetEspriSiteCommand' -PassThru
        $err.Exception.Message | Should -Match ([regex]::Escape(" $Field "))
        if ($Said) { $err.Exception.Message | Should -Match ([regex]::Escape($Said)) }
        $err.Exception.Message | Should -Not -Match 'System\.|`1\['
        ($err | Out-String) | Should -Not -Match '[\x00-\x08\x0B-\x1F\x7F-\x9F\u202A-\u202E\u2066-\u2069\u2028\u2029]'
    }
}
