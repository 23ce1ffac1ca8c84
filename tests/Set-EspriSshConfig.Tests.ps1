# Set-EspriSshConfig / Test-EspriSshConfig, proven with the real `ssh -G -F` (HOME = the sandbox).
BeforeDiscovery {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers/TestHelpers.psm1') -Force
    # ssh -G reads the sandbox as home through HOME, the configs get Unix modes (chmod), an empty one is /dev/null.
    $script:NoSsh = Test-Skip -Tool ssh, chmod -UnixOnly
    $script:Cases = @(
        @{ Name = 'a: no config'; Content = $null; Others = @('unrelated.example'); Bom = $false }
        @{ Name = 'b: Host * with User bob at the top'
           Content = "Host *`n    User bob`n    IdentityFile ~/.ssh/id_rsa`n`nHost lab`n    HostName lab.example.org`n"
           Others = @('lab', 'unrelated.example'); Bom = $false }
        @{ Name = 'c: Include, = separators, tabs, comments, quoted paths with spaces, Match exec'
           Content = @(
               '# my own config, keep it'
               'Include conf.d/*.conf'
               ''
               'Host=gitlab'
               "`tHostName=gitlab.example.org"
               "`tIdentityFile `"~/.ssh/my keys/gitlab key`""
               'Host *.lab   # the lab machines'
               '  User = labuser'
               'Match exec "test -f /nonexistent/espri-flag"'
               '  User matched'
               'Host *'
               "`tServerAliveInterval 30"
               '') -join "`n"
           Included = "Host work`n  HostName work.example.org`n  User w`n"
           Others = @('gitlab', 'x.lab', 'work', 'unrelated.example'); Bom = $false }
        @{ Name = 'd: CRLF and a UTF-8 BOM'
           Content = "Host old`r`n  HostName old.example.org`r`n  User o`r`nHost *`r`n  Compression yes`r`n"
           Others = @('old', 'unrelated.example'); Bom = $true }
    )
}

Describe 'Set-EspriSshConfig' -Skip:$NoSsh {
    BeforeAll {
        Import-Module (Join-Path $PSScriptRoot 'TestHelpers/TestHelpers.psm1') -Force
        Import-Module (Get-TestModulePath) -Force

        function Invoke-SshG([string] $Config, [string] $HostName, [string] $HomeDir) {
            # ssh -G with HOME pointed at the sandbox, as "key value" lines; $null when ssh refuses the file.
            $saved = $env:HOME
            try {
                $env:HOME = $HomeDir
                $lines = & ssh -G -F $Config $HostName 2>$null
                if ($LASTEXITCODE -ne 0) { return $null }
                $lines
            }
            finally { $env:HOME = $saved }
        }
        function Get-SshGValue([string[]] $Lines, [string] $Key) {
            @($Lines | Where-Object { $_ -like "$Key *" } | ForEach-Object { $_.Substring($Key.Length + 1) })
        }
        function Get-Lines([byte[]] $Bytes) {
            $text = [Text.Encoding]::UTF8.GetString($Bytes).TrimStart([char]0xFEFF)
            @($text -split "`r?`n" | Where-Object { $_ -ne '' })
        }
        function Test-Subsequence([string[]] $Part, [string[]] $Whole) {
            $j = 0
            foreach ($line in $Whole) { if ($j -lt $Part.Count -and $line -ceq $Part[$j]) { $j++ } }
            $j -eq $Part.Count
        }
        function New-Case($Case) {
            $box = New-TestSandbox
            $config = Join-Path $box.Ssh 'config'
            if ($null -eq $Case.Content) {
                Remove-Item $box.Ssh -Recurse -Force   # Set must create ~/.ssh itself
            }
            else {
                $bytes = [Text.Encoding]::UTF8.GetBytes($Case.Content)
                if ($Case.Bom) { $bytes = [byte[]](0xEF, 0xBB, 0xBF) + $bytes }
                [IO.File]::WriteAllBytes($config, $bytes)
                chmod 644 $config
            }
            if ($Case.Included) {
                $null = New-Item -ItemType Directory (Join-Path $box.Ssh 'conf.d')
                [IO.File]::WriteAllText((Join-Path $box.Ssh 'conf.d/work.conf'), $Case.Included)
            }
            [pscustomobject]@{ Box = $box; Config = $config }
        }
        $script:SetArgs = @{ User = 'alice'; JeanZayUser = 'ujz01' }
    }
    BeforeEach { $script:SavedHome = $env:ESPRISSH_HOME }
    AfterEach { $env:ESPRISSH_HOME = $script:SavedHome }

    Context '<Name>' -ForEach $Cases {
        BeforeAll {
            $script:C = New-Case $_
            $env:ESPRISSH_HOME = $C.Box.Home
            # What ssh saw before, for every other host (d: the same file without its BOM, since ssh rejects it).
            $script:Before = @{}
            $readable = $C.Config
            if ($Bom) { $readable = Join-Path $C.Box.Home 'nobom'; [IO.File]::WriteAllText($readable, $Content) }
            if ($null -eq $Content) { $readable = '/dev/null' }
            foreach ($h in $Others) { $Before[$h] = (Invoke-SshG $readable $h $C.Box.Home) -join "`n" }
            $script:Original = if (Test-Path $C.Config) { [IO.File]::ReadAllBytes($C.Config) } else { $null }
            $script:Test0 = Test-EspriSshConfig @SetArgs -SshDirectory $C.Box.Ssh
            $null = Invoke-WithoutHost { param($SetArgs, $Ssh) Set-EspriSshConfig @SetArgs -SshDirectory $Ssh -WhatIf -WarningAction SilentlyContinue } @{ SetArgs = $SetArgs; Ssh = $C.Box.Ssh }
            $script:AfterWhatIf = if (Test-Path $C.Config) { [IO.File]::ReadAllBytes($C.Config) } else { $null }
            $script:Result = Set-EspriSshConfig @SetArgs -SshDirectory $C.Box.Ssh -WarningVariable w -WarningAction SilentlyContinue
            $script:Warnings = $w
            $script:After = [IO.File]::ReadAllBytes($C.Config)
        }
        AfterAll { Remove-Item -Recurse -Force $C.Box.Home -ErrorAction Ignore }

        It 'reports a change with a backup of the previous file' {
            $Test0 | Should -BeFalse
            $Result.PSObject.TypeNames[0] | Should -Be 'EspriSsh.ConfigChange'
            $Result.Changed | Should -BeTrue
            $Result.Hosts | Should -Be @('spirit1', 'jean-zay')
            $Result.Diff | Should -Match '(?m)^\+Host spirit1$'
            if ($null -eq $Original) { $Result.BackupPath | Should -BeNullOrEmpty }
            else { [IO.File]::ReadAllBytes($Result.BackupPath) | Should -Be $Original }
        }

        It '-WhatIf wrote nothing' {
            if ($null -eq $Original) { $AfterWhatIf | Should -BeNullOrEmpty }
            else { $AfterWhatIf | Should -Be $Original }
        }

        It 'ssh -G spirit1 and ssh -G jean-zay show our values' {
            $s = Invoke-SshG $C.Config 'spirit1' $C.Box.Home
            Get-SshGValue $s 'hostname' | Should -Be 'spirit1.ipsl.fr'
            Get-SshGValue $s 'user' | Should -Be 'alice'
            @(Get-SshGValue $s 'identityfile')[0] | Should -Be '~/.ssh/id_ed25519'
            Get-SshGValue $s 'identitiesonly' | Should -Be 'yes'
            Get-SshGValue $s 'forwardx11' | Should -Be 'no'
            $j = Invoke-SshG $C.Config 'jean-zay' $C.Box.Home
            Get-SshGValue $j 'hostname' | Should -Be 'jean-zay.idris.fr'
            Get-SshGValue $j 'user' | Should -Be 'ujz01'
            @(Get-SshGValue $j 'identityfile')[0] | Should -Be '~/.ssh/id_ed25519'
            Get-SshGValue $j 'proxyjump' | Should -Be 'spirit1'
        }

        It 'leaves ssh -G of every other host unchanged' {
            foreach ($h in $Others) { (Invoke-SshG $C.Config $h $C.Box.Home) -join "`n" | Should -Be $Before[$h] -Because $h }
        }

        It 'keeps every original line, in order' {
            if ($null -ne $Original) { Test-Subsequence (Get-Lines $Original) (Get-Lines $After) | Should -BeTrue }
            $After[0] | Should -Not -Be 0xEF
        }

        It 'keeps the line endings (and removes a BOM with a warning)' {
            $text = [Text.Encoding]::UTF8.GetString($After)
            if ($Content -match "`r`n") { $text -replace "`r`n", '' | Should -Not -Match "`n" }
            else { $text | Should -Not -Match "`r" }
            if ($Bom) { ($Warnings -join "`n") | Should -Match 'byte order mark' }
        }

        It 'makes ~/.ssh 0700 and the file 0600' -Skip:(Test-Skip -UnixOnly) {
            Get-UnixMode $C.Config | Should -Be '600'
            if ($null -eq $Original) { Get-UnixMode $C.Box.Ssh | Should -Be '700' }
        }

        It 'changes no byte on a second run, and Test-EspriSshConfig says $true' {
            $again = Set-EspriSshConfig @SetArgs -SshDirectory $C.Box.Ssh
            $again.Changed | Should -BeFalse
            $again.BackupPath | Should -BeNullOrEmpty
            [IO.File]::ReadAllBytes($C.Config) | Should -Be $After
            Test-EspriSshConfig @SetArgs -SshDirectory $C.Box.Ssh | Should -BeTrue
        }
    }

    Context 'options' {
        BeforeEach {
            $script:Box = New-TestSandbox
            $env:ESPRISSH_HOME = $Box.Home
            $script:Config = Join-Path $Box.Ssh 'config'
        }
        AfterEach { Remove-Item -Recurse -Force $Box.Home -ErrorAction Ignore }

        It '-UseProxyCommand writes the ProxyCommand form, and switching back comments it out' {
            $null = Set-EspriSshConfig @SetArgs -ConfigPath $Config -UseProxyCommand
            $j = Invoke-SshG $Config 'jean-zay' $Box.Home
            Get-SshGValue $j 'proxycommand' | Should -Be 'ssh spirit1 -W %h:%p'
            Get-SshGValue $j 'proxyjump' | Should -BeNullOrEmpty
            $null = Set-EspriSshConfig @SetArgs -ConfigPath $Config
            $j = Invoke-SshG $Config 'jean-zay' $Box.Home
            Get-SshGValue $j 'proxyjump' | Should -Be 'spirit1'
            Get-SshGValue $j 'proxycommand' | Should -BeNullOrEmpty
            (Get-Content $Config) -match '^\s*# ProxyCommand ssh spirit1' | Should -HaveCount 1
        }

        It '-ForwardX11, -HeadNode and -IdentityFile with a space' {
            $null = Set-EspriSshConfig -User bob -HeadNode spirit2 -ForwardX11 -IdentityFile '~/.ssh/my key' -ConfigPath $Config
            $s = Invoke-SshG $Config 'spirit2' $Box.Home
            Get-SshGValue $s 'hostname' | Should -Be 'spirit2.ipsl.fr'
            Get-SshGValue $s 'forwardx11' | Should -Be 'yes'
            @(Get-SshGValue $s 'identityfile')[0] | Should -Be '~/.ssh/my key'
        }

        It 'replaces its IdentityFile line when -IdentityFile changes, instead of adding a second one' {
            $null = Set-EspriSshConfig -User bob -JeanZayUser ujz -IdentityFile '~/.ssh/id_first' -ConfigPath $Config
            $change = Set-EspriSshConfig -User bob -JeanZayUser ujz -IdentityFile '~/.ssh/id_second' -ConfigPath $Config
            $change.Changed | Should -BeTrue
            (Get-Content $Config) -match 'IdentityFile' | Should -Be @('    IdentityFile ~/.ssh/id_second', '    IdentityFile ~/.ssh/id_second')
            foreach ($alias in 'spirit1', 'jean-zay') {
                Get-SshGValue (Invoke-SshG $Config $alias $Box.Home) 'identityfile' | Should -Be @('~/.ssh/id_second')
            }
        }

        It '-User alone says how to add jean-zay (-JeanZayUser), in its view too; not once jean-zay is there' {
            $alone = Set-EspriSshConfig -User bob -ConfigPath $Config
            $alone.Hosts | Should -Be @('spirit1')
            $alone.Next | Should -Match 'to reach jean-zay too .*-JeanZayUser <your login there>'
            $view = ($alone | Out-String -Width 80) -split '\r?\n'
            $view | Where-Object Length -GT 80 | Should -BeNullOrEmpty
            $view -match '^Next +: to reach jean-zay too' | Should -HaveCount 1
            $view -match '(^| )-JeanZayUser( |$)' | Should -HaveCount 1 -Because 'wrapped between words, never inside one'
            (Set-EspriSshConfig -User bob -JeanZayUser ujz -ConfigPath $Config).Next | Should -BeNullOrEmpty
            # Its block is left as it is by -User alone: nothing to add.
            (Set-EspriSshConfig -User bob -ConfigPath $Config).Next | Should -BeNullOrEmpty
            Get-SshGValue (Invoke-SshG $Config 'jean-zay' $Box.Home) 'user' | Should -Be 'ujz'
        }

        It 'updates an existing block in place, without duplicating it' {
            Set-Content $Config "Host spirit1`n  User old`n  Port 22`n`nHost *`n  User bob"
            $null = Set-EspriSshConfig -User alice -ConfigPath $Config
            (Get-Content $Config) -match '^Host spirit1$' | Should -HaveCount 1
            (Get-Content $Config) | Should -Contain '  User alice'
            (Get-Content $Config) | Should -Not -Contain '  User old'
            Get-SshGValue (Invoke-SshG $Config 'spirit1' $Box.Home) 'user' | Should -Be 'alice'
        }

        It 'moves a block pasted after Host * above it, so ssh really uses it' {
            $original = "Host *`n  User bob`n`n# pasted from the site page`nHost spirit1`n  User alice`n  Port 2222`n"
            [IO.File]::WriteAllText($Config, $original)
            Get-SshGValue (Invoke-SshG $Config 'spirit1' $Box.Home) 'user' | Should -Be 'bob'
            $r = Set-EspriSshConfig -User alice -ConfigPath $Config -WarningVariable w -WarningAction SilentlyContinue
            ($w -join "`n") | Should -Match 'moved above'
            $s = Invoke-SshG $Config 'spirit1' $Box.Home
            Get-SshGValue $s 'user' | Should -Be 'alice'
            Get-SshGValue $s 'port' | Should -Be '2222'
            Get-SshGValue (Invoke-SshG $Config 'other' $Box.Home) 'user' | Should -Be 'bob'
            $now = Get-Content $Config
            $now -match '^Host spirit1$' | Should -HaveCount 1
            foreach ($line in $original -split "`n" | Where-Object { $_ }) { $now | Should -Contain $line }
            # The user's own Port line is kept, and named: ssh will not use the site's port 22.
            $r.Changed | Should -BeTrue
            $r.Overrides.Setting | Should -Be 'Port'
            $r.Overrides[0].Location.ToString() | Should -Be "$Config line 3" -Because "the line as numbered in the file written"
            Test-EspriSshConfig -User alice -ConfigPath $Config -WarningVariable tw -WarningAction SilentlyContinue | Should -BeFalse
            ($tw -join "`n") | Should -Match 'line 3 \(Port 2222\): ssh connects spirit1 to port 2222 instead of 22'
        }

        It 'warns about Host * ForwardAgent yes and comments it out with -DisableForwardAgentAll' {
            Set-Content $Config "Host *`n  ForwardAgent yes"
            $null = Set-EspriSshConfig -User alice -ConfigPath $Config -WarningVariable w -WarningAction SilentlyContinue
            ($w -join "`n") | Should -Match 'ForwardAgent'
            Get-SshGValue (Invoke-SshG $Config 'unrelated.example' $Box.Home) 'forwardagent' | Should -Be 'yes'
            Test-EspriSshConfig -User alice -ConfigPath $Config | Should -BeTrue
            Test-EspriSshConfig -User alice -ConfigPath $Config -DisableForwardAgentAll | Should -BeFalse
            $r = Set-EspriSshConfig -User alice -ConfigPath $Config -DisableForwardAgentAll -WarningAction SilentlyContinue
            $r.Changed | Should -BeTrue
            Get-SshGValue (Invoke-SshG $Config 'unrelated.example' $Box.Home) 'forwardagent' | Should -Be 'no'
            (Get-Content $Config -Raw) | Should -Not -Match '(?m)^\s*ForwardAgent\s+yes'
        }

        It 'never writes ForwardAgent' {
            $null = Set-EspriSshConfig @SetArgs -ConfigPath $Config -ForwardX11
            Get-Content $Config -Raw | Should -Not -Match 'ForwardAgent'
        }

        It 'shows a unified diff with -WhatIf' {
            Set-Content $Config "Host lab`n  User l"
            $r = Invoke-FreshPwsh -Command "Import-Module '$(Get-TestModulePath)'; Set-EspriSshConfig -User alice -ConfigPath '$Config' -WhatIf" -Environment @{ ESPRISSH_HOME = $Box.Home }
            $r.Output | Should -Match '(?m)^\+Host spirit1'
            $r.Output | Should -Match '(?m)^@@ -\d'
            $r.Output | Should -Match 'What if'
            Get-Content $Config -Raw | Should -Be "Host lab`n  User l`n"
            Test-Path "$Config.bak" | Should -BeFalse
        }

        It 'promises a .bak copy only when there is a file to copy' {
            $whatIf = "Import-Module '$(Get-TestModulePath)'; Set-EspriSshConfig -User alice -ConfigPath '$Config' -WhatIf"
            $new = Invoke-FreshPwsh -Command $whatIf -Environment @{ ESPRISSH_HOME = $Box.Home }
            $new.Output | Should -Match 'What if: .*Create the ssh config with spirit1'
            $new.Output | Should -Not -Match '\.bak'
            Set-Content $Config "Host lab`n  User l"
            $update = Invoke-FreshPwsh -Command $whatIf -Environment @{ ESPRISSH_HOME = $Box.Home }
            $update.Output | Should -Match 'What if: .*Update spirit1 \(a \.bak copy is kept\)'
        }

        It 'fails with InvalidParameter for <Case>' -ForEach @(
            @{ Case = 'a host that is not a head node'; Splat = @{ User = 'alice'; HeadNode = 'jean-zay' } }
            @{ Case = 'a login with a space'; Splat = @{ User = 'alice smith' } }
        ) {
            { Set-EspriSshConfig @Splat -ConfigPath $Config -ErrorAction Stop } | Should -Throw -ErrorId 'InvalidParameter,EspriSsh.Commands.SetEspriSshConfigCommand'
            Test-Path $Config | Should -BeFalse
        }
    }

    Context 'configs ssh refuses, lines that override the site, an existing route to Jean Zay' {
        BeforeAll {
            $script:Box = New-TestSandbox
            $env:ESPRISSH_HOME = $Box.Home
            $env:ESPRISSH_NONINTERACTIVE = '1'
            $script:Config = Join-Path $Box.Ssh 'config'
        }
        AfterAll {
            Remove-Item -Recurse -Force $Box.Home -ErrorAction Ignore
            Remove-Item Env:ESPRISSH_HOME, Env:ESPRISSH_NONINTERACTIVE -ErrorAction Ignore
        }

        It 'refuses to edit a file ssh refuses (<Case>): ConfigInvalid with ssh''s reason and line, nothing written; Test-EspriSshConfig is False with the same reason' -ForEach @(
            @{ Case = 'macOS UseKeychain'; Content = "Host *`n  UseKeychain yes`n  AddKeysToAgent yes`n"; Reason = 'Bad configuration option: usekeychain'; Line = 'config line 2' }
            @{ Case = 'a bad port under another host'; Content = "Host lab`n  HostName lab.example.org`n  Port notanumber`n"; Reason = "Bad port 'notanumber'"; Line = 'config line 3' }
            @{ Case = 'Match with a missing criterion'; Content = "Match host`n  User x`n"; Reason = 'Missing Match criteria for host'; Line = 'config line 1' }
            @{ Case = 'a bad line in an included file'; Content = "Include conf.d/*`nHost lab`n  User l`n"; Included = "Host x`n  Junk`n"; Reason = 'no argument after keyword "junk"'; Line = 'bad.conf line 2' }
        ) {
            [IO.File]::WriteAllText($Config, $Content)
            if ($Included) {
                $null = New-Item -ItemType Directory -Force (Join-Path $Box.Ssh 'conf.d')
                [IO.File]::WriteAllText((Join-Path $Box.Ssh 'conf.d/bad.conf'), $Included)
            }
            try {
                Invoke-SshG $Config 'spirit1' $Box.Home | Should -BeNullOrEmpty -Because 'the control: ssh itself refuses the file'
                $before = [IO.File]::ReadAllBytes($Config)
                { Set-EspriSshConfig -User alice -ConfigPath $Config -ErrorAction Stop } | Should -Throw -ErrorId 'ConfigInvalid,EspriSsh.Commands.SetEspriSshConfigCommand'
                $err = $Error[0]
                $err.Exception.Message | Should -Match ([regex]::Escape($Reason))
                $err.Exception.Message | Should -Match ([regex]::Escape($Line))
                [IO.File]::ReadAllBytes($Config) | Should -Be $before
                Test-Path "$Config.bak" | Should -BeFalse
                Test-EspriSshConfig -User alice -ConfigPath $Config -WarningVariable w -WarningAction SilentlyContinue | Should -BeFalse
                ($w -join "`n") | Should -Match ([regex]::Escape($Reason))
            }
            finally { Remove-Item -Recurse -Force (Join-Path $Box.Ssh 'conf.d') -ErrorAction Ignore }
        }

        It 'judges alone when no ssh is installed, with the same verdict and line' {
            [IO.File]::WriteAllText($Config, "Host *`n  UseKeychain yes`n")
            $emptyBin = New-Item -ItemType Directory -Force (Join-Path $Box.Home 'no-ssh-bin')
            $r = Invoke-FreshPwsh -TimeoutSec 60 -Environment @{ PATH = $emptyBin.FullName; ESPRISSH_HOME = $Box.Home; ESPRISSH_NONINTERACTIVE = '1' } -Command @"
Import-Module '$(Get-TestModulePath)'
try { Set-EspriSshConfig -User alice -ConfigPath '$Config' -ErrorAction Stop } catch { `$_.FullyQualifiedErrorId; `$_.Exception.Message }
"@
            $r.Output | Should -Match 'ConfigInvalid,EspriSsh.Commands.SetEspriSshConfigCommand'
            $r.Output | Should -Match "EspriSsh's own reading, no ssh installed"
            $r.Output | Should -Match 'config line 2: Bad configuration option: usekeychain'
            $r.Output | Should -Match "only Apple's ssh"
        }

        It 'names the lines before the block that change what ssh uses for spirit1: <Case>' -ForEach @(
            @{ Case = 'a global Port line'; Content = "Port 4567`nHost *`n  ServerAliveInterval 30`n"; Setting = 'Port'; Key = 'port'; Value = '4567'; Line = 1 }
            @{ Case = 'global IdentityFile lines'; Content = "IdentityFile ~/.ssh/a`nIdentityFile ~/.ssh/b`nIdentityFile ~/.ssh/c`nIdentityFile ~/.ssh/d`n"; Setting = 'IdentityFile'; Key = 'identityfile'; Value = '~/.ssh/a'; Line = 1 }
            @{ Case = 'a global ProxyCommand'; Content = "ProxyCommand nc -X connect -x proxy:3128 %h %p`n"; Setting = 'ProxyCommand'; Key = 'proxycommand'; Value = 'nc -X connect -x proxy:3128 %h %p'; Line = 1 }
        ) {
            [IO.File]::WriteAllText($Config, $Content)
            $r = Set-EspriSshConfig -User alice -ConfigPath $Config -WarningVariable w -WarningAction SilentlyContinue
            $o = $r.Overrides | Where-Object Setting -eq $Setting
            $o | Should -Not -BeNullOrEmpty -Because ($r.Warnings -join "`n")
            $o.Location.ToString() | Should -Be "$Config line $Line"
            $o.Value | Should -Be $Value
            ($w -join "`n") | Should -Match ([regex]::Escape("$Config line $Line"))
            $r.Satisfied | Should -BeFalse
            @(Get-SshGValue (Invoke-SshG $Config 'spirit1' $Box.Home) $Key)[0] | Should -Be $Value -Because 'the control: ssh does use the line named'
            Test-EspriSshConfig -User alice -ConfigPath $Config -WarningVariable tw -WarningAction SilentlyContinue | Should -BeFalse
            ($tw -join "`n") | Should -Match ([regex]::Escape("$Config line $Line"))
        }

        It 'writes Port 22 in the block when a Match all read after it would change the port, and says why' {
            [IO.File]::WriteAllText($Config, "Match all`n  Port 4567`n")
            $r = Set-EspriSshConfig -User alice -ConfigPath $Config -WarningVariable w -WarningAction SilentlyContinue
            $r.Satisfied | Should -BeTrue
            Get-SshGValue (Invoke-SshG $Config 'spirit1' $Box.Home) 'port' | Should -Be '22'
            Get-SshGValue (Invoke-SshG $Config 'elsewhere' $Box.Home) 'port' | Should -Be '4567'
            ($w -join "`n") | Should -Match 'line \d+ \(Port 4567\).*Port 22 is written'
        }

        It 'keeps an existing route to jean-zay through another jump host in a script, and says how to replace it' {
            [IO.File]::WriteAllText($Config, "Host jean-zay`n  HostName jean-zay.idris.fr`n  User ujz01`n  ProxyJump labproxy.example.org`n")
            $r = Set-EspriSshConfig -User alice -JeanZayUser ujz01 -ConfigPath $Config -WarningVariable w -WarningAction SilentlyContinue
            Get-SshGValue (Invoke-SshG $Config 'jean-zay' $Box.Home) 'proxyjump' | Should -Be 'labproxy.example.org'
            $r.KeptRoute.Route | Should -Be 'ProxyJump labproxy.example.org'
            $r.KeptRoute.Location.ToString() | Should -Match 'config line \d+'
            ($w -join "`n") | Should -Match '-ReplaceRoute'
            Test-EspriSshConfig -User alice -JeanZayUser ujz01 -ConfigPath $Config -WarningAction SilentlyContinue | Should -BeFalse

            $r = Set-EspriSshConfig -User alice -JeanZayUser ujz01 -ConfigPath $Config -ReplaceRoute -WarningAction SilentlyContinue
            $r.KeptRoute | Should -BeNullOrEmpty
            Get-SshGValue (Invoke-SshG $Config 'jean-zay' $Box.Home) 'proxyjump' | Should -Be 'spirit1'
            Test-EspriSshConfig -User alice -JeanZayUser ujz01 -ConfigPath $Config | Should -BeTrue
        }
    }
}
