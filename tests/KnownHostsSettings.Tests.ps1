# The known_hosts settings of a user's ssh config (HostKeyAlias, UserKnownHostsFile none or /dev/null,
# a link, a file nobody may write, several files), on a jump host too, against real sshd servers. For
# each case the control is what the real ssh does with the same config and files.
BeforeDiscovery {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers/TestHelpers.psm1') -Force
    $script:NoSshd = Test-Skip -Tool ssh, ssh-keygen, sshd
    $script:NoProc = -not (Test-Path /proc/version)
    $script:Root = (& id -u) -eq '0'
}

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers/TestHelpers.psm1') -Force
    Import-Module (Get-TestModulePath) -Force
    $env:ESPRISSH_NONINTERACTIVE = '1'
}

AfterAll { Remove-Item Env:ESPRISSH_NONINTERACTIVE -ErrorAction Ignore }

Describe 'Host keys as the config tells ssh to check them' -Skip:$NoSshd {
    BeforeAll {
        $script:Box = New-TestSandbox
        $env:ESPRISSH_HOME = $Box.Home
        $script:Key = Join-Path $Box.Ssh 'id_ed25519'
        ssh-keygen -q -t ed25519 -N '' -f $Key | Out-Null
        $authorized = Get-Content "$Key.pub"
        $script:Real = Start-TestSshd -AuthorizedKeys $authorized
        $script:Other = Start-TestSshd -AuthorizedKeys $authorized
        $script:NoGlobal = Join-Path $Box.Home 'no_global_known_hosts'
        $script:Counter = 0

        function Get-KeyLine($Sshd, [string] $Name) { "$Name $($Sshd.HostKeyType) $($Sshd.HostKeyBase64)" }
        function New-File([string] $Name, [string[]] $Lines) {
            $path = Join-Path $Box.Home $Name
            if ($Lines) { [IO.File]::WriteAllText($path, ($Lines -join "`n") + "`n") }
            $path
        }
        # A config with one alias per server, each with its settings; ssh and EspriSsh read the same one.
        function New-Config([hashtable] $Hosts) {
            $path = Join-Path $Box.Home ('config-' + (++$script:Counter))
            $lines = foreach ($name in $Hosts.Keys) {
                $spec = $Hosts[$name]
                "Host $name", '  HostName 127.0.0.1', "  Port $($spec.Sshd.Port)", "  User $($spec.Sshd.User)", "  IdentityFile $Key", '  IdentitiesOnly yes', '  BatchMode yes'
                $spec.Settings | ForEach-Object { "  $_" }
            }
            Set-Content -Path $path -Value $lines
            $path
        }
        function Invoke-Ssh([string] $Config, [string] $Alias, [string] $Strict = 'yes') {
            $out = ssh -F $Config -o "StrictHostKeyChecking=$Strict" $Alias true 2>&1 | Out-String
            [pscustomobject]@{ ExitCode = $LASTEXITCODE; Output = $out }
        }
        function Test-Espri([string] $Config, [string] $Alias, [switch] $AcceptNew) {
            Test-EspriConnection $Alias -ConfigPath $Config -SshDirectory $Box.Ssh -TimeoutSec 10 -AcceptNewHostKey:$AcceptNew -WarningAction SilentlyContinue
        }
    }
    AfterAll {
        Stop-TestSshd $Real
        Stop-TestSshd $Other
        Remove-Item -Recurse -Force $Box.Home -ErrorAction Ignore
        Remove-Item Env:ESPRISSH_HOME -ErrorAction Ignore
    }

    It 'HostKeyAlias: a key known under the alias as another key has changed, for ssh and EspriSsh alike, even with -AcceptNewHostKey' {
        $kh = New-File 'kh-alias-changed' (Get-KeyLine $Other 'labalias')
        $bytes = [IO.File]::ReadAllBytes($kh)
        $config = New-Config @{ 'real-alias' = @{ Sshd = $Real; Settings = 'HostKeyAlias LabAlias', "UserKnownHostsFile $kh", "GlobalKnownHostsFile $NoGlobal" } }
        $ssh = Invoke-Ssh $config 'real-alias' 'accept-new'
        $ssh.ExitCode | Should -Be 255
        $ssh.Output | Should -Match 'HOST IDENTIFICATION HAS CHANGED'
        $r = Test-Espri $config 'real-alias' -AcceptNew
        $r.Reason | Should -Be 'HostKeyMismatch'
        ($r.Stages | Where-Object Name -eq HostKey).Detail | Should -Match 'labalias \(its HostKeyAlias\)'
        [IO.File]::ReadAllBytes($kh) | Should -Be $bytes

        # Without -AcceptNewHostKey too: a changed key, never "First connection".
        (Invoke-Ssh $config 'real-alias' 'yes').Output | Should -Match 'HOST IDENTIFICATION HAS CHANGED'
        $r = Test-Espri $config 'real-alias'
        $r.Reason | Should -Be 'HostKeyMismatch'
        ($r.Stages | Out-String) | Should -Not -Match 'First connection'
        [IO.File]::ReadAllBytes($kh) | Should -Be $bytes
    }

    It 'HostKeyAlias: a new key is recorded under the alias alone, where ssh then finds it' {
        $kh = New-File 'kh-alias-new' @()
        $config = New-Config @{ 'real-alias-new' = @{ Sshd = $Real; Settings = 'HostKeyAlias labalias', "UserKnownHostsFile $kh", "GlobalKnownHostsFile $NoGlobal" } }
        $r = Test-Espri $config 'real-alias-new' -AcceptNew
        $r.Succeeded | Should -BeTrue -Because ($r | Out-String)
        Get-Content $kh | Should -Be (Get-KeyLine $Real 'labalias')
        (Invoke-Ssh $config 'real-alias-new' 'yes').ExitCode | Should -Be 0 -Because 'ssh finds the key EspriSsh recorded'
    }

    It 'HostKeyAlias of a jump host is what its key is checked under' {
        $kh = New-File 'kh-jump-alias' (Get-KeyLine $Other 'jumpalias'), (Get-KeyLine $Real "[127.0.0.1]:$($Real.Port)")
        $config = New-Config @{
            'jump-with-alias' = @{ Sshd = $Other; Settings = 'HostKeyAlias jumpalias', "UserKnownHostsFile $kh", "GlobalKnownHostsFile $NoGlobal" }
            'behind-jump' = @{ Sshd = $Real; Settings = 'ProxyJump jump-with-alias', "UserKnownHostsFile $kh", "GlobalKnownHostsFile $NoGlobal" }
        }
        (Invoke-Ssh $config 'behind-jump').ExitCode | Should -Be 0 -Because 'ssh checks the jump host under its alias'
        $r = Test-Espri $config 'behind-jump'
        $r.Succeeded | Should -BeTrue -Because ($r | Out-String)
        $jumpStage = $r.Stages | Where-Object { $_.Name -eq 'HostKey' -and $_.Host -eq 'jump-with-alias' }
        $jumpStage.Detail | Should -Match 'kh-jump-alias line 1'

        # The same jump host known under its alias with the other server's key: ssh stops at the jump.
        $bad = New-File 'kh-jump-alias-bad' (Get-KeyLine $Real 'jumpalias'), (Get-KeyLine $Real "[127.0.0.1]:$($Real.Port)")
        $config = New-Config @{
            'jump-with-alias' = @{ Sshd = $Other; Settings = 'HostKeyAlias jumpalias', "UserKnownHostsFile $bad", "GlobalKnownHostsFile $NoGlobal" }
            'behind-jump' = @{ Sshd = $Real; Settings = 'ProxyJump jump-with-alias', "UserKnownHostsFile $bad", "GlobalKnownHostsFile $NoGlobal" }
        }
        (Invoke-Ssh $config 'behind-jump').Output | Should -Match 'HOST IDENTIFICATION HAS CHANGED'
        $r = Test-Espri $config 'behind-jump'
        $r.Reason | Should -Be 'HostKeyMismatch'
        $r.FailedHost | Should -Be 'jump-with-alias'
    }

    It 'UserKnownHostsFile none: a key known nowhere is refused as ssh refuses it, even with -AcceptNewHostKey' {
        $config = New-Config @{ 'real-none' = @{ Sshd = $Real; Settings = 'UserKnownHostsFile none', "GlobalKnownHostsFile $NoGlobal" } }
        $ssh = Invoke-Ssh $config 'real-none' 'accept-new'
        $ssh.ExitCode | Should -Be 255
        $ssh.Output | Should -Match 'Host key verification failed'
        $r = Test-Espri $config 'real-none' -AcceptNew
        $r.Reason | Should -Be 'HostKeyUnknown'
        ($r.Stages | Where-Object Name -eq HostKey).Detail | Should -Match 'UserKnownHostsFile none.*line \d+'
        Test-Path (Join-Path $Box.Home 'none') | Should -BeFalse -Because '"none" is no file name'
    }

    It 'UserKnownHostsFile none: a key the system file knows is trusted, as by ssh' {
        $global = New-File 'global-knows' (Get-KeyLine $Real "[127.0.0.1]:$($Real.Port)")
        $config = New-Config @{ 'real-none-global' = @{ Sshd = $Real; Settings = 'UserKnownHostsFile none', "GlobalKnownHostsFile $global" } }
        (Invoke-Ssh $config 'real-none-global').ExitCode | Should -Be 0
        (Test-Espri $config 'real-none-global').Succeeded | Should -BeTrue
    }

    It '/dev/null: read as empty, a new key is accepted with -AcceptNewHostKey and kept nowhere; a report is written' {
        $config = New-Config @{ 'real-devnull' = @{ Sshd = $Real; Settings = 'UserKnownHostsFile /dev/null', 'GlobalKnownHostsFile /dev/null' } }
        (Invoke-Ssh $config 'real-devnull' 'accept-new').ExitCode | Should -Be 0 -Because 'ssh writes the key to /dev/null and goes on'
        (Invoke-Ssh $config 'real-devnull' 'yes').Output | Should -Match 'Host key verification failed' -Because 'and the next time it is a first connection again'
        $r = Test-Espri $config 'real-devnull' -AcceptNew
        $r.Succeeded | Should -BeTrue -Because ($r | Out-String)
        $stage = $r.Stages | Where-Object Name -eq HostKey
        $stage.Status | Should -Be 'Warning'
        $stage.Detail | Should -Match '/dev/null keeps nothing'
        (Test-Espri $config 'real-devnull').Reason | Should -Be 'HostKeyUnknown'
        $report = Join-Path $Box.Home 'report-devnull.txt'
        Get-EspriDebugReport -HostName 'real-devnull' -ConfigPath $config -SshDirectory $Box.Ssh -OutFile $report -NoConnectionTest -WarningAction SilentlyContinue | Out-Null
        Get-Content -Raw $report | Should -Match '/dev/null \(always empty: nothing is kept\)'
    }

    It 'a known_hosts that is a symbolic link gets the new line in the file it names, and stays a link' -Skip:$IsWindows {
        $null = New-Item -ItemType Directory (Join-Path $Box.Home 'dotfiles')
        $target = New-File 'dotfiles/known_hosts' '# my dotfiles'
        $link = Join-Path $Box.Home 'kh-link'
        $null = New-Item -ItemType SymbolicLink -Path $link -Target $target
        $config = New-Config @{ 'real-link' = @{ Sshd = $Real; Settings = "UserKnownHostsFile $link", "GlobalKnownHostsFile $NoGlobal" } }
        $r = Test-Espri $config 'real-link' -AcceptNew
        $r.Succeeded | Should -BeTrue -Because ($r | Out-String)
        (Get-Item $link).LinkType | Should -Be 'SymbolicLink'
        (Get-Content $target)[0] | Should -Be '# my dotfiles'
        (Get-Content $target)[1] | Should -Be (Get-KeyLine $Real "[127.0.0.1]:$($Real.Port)")
        (Invoke-Ssh $config 'real-link' 'yes').ExitCode | Should -Be 0
    }

    It 'a known_hosts nobody may write: ssh says "Failed to add the host" and goes on; so does the test' -Skip:$NoProc {
        $config = New-Config @{ 'real-unwritable' = @{ Sshd = $Real; Settings = 'UserKnownHostsFile /proc/version', "GlobalKnownHostsFile $NoGlobal" } }
        $ssh = Invoke-Ssh $config 'real-unwritable' 'accept-new'
        $ssh.ExitCode | Should -Be 0
        $ssh.Output | Should -Match 'Failed to add the host to the list of known hosts \(/proc/version\)'
        $r = Test-Espri $config 'real-unwritable' -AcceptNew
        $r.Succeeded | Should -BeTrue -Because ($r | Out-String)
        $stage = $r.Stages | Where-Object Name -eq HostKey
        $stage.Status | Should -Be 'Warning'
        $stage.Detail | Should -Match 'Failed to add the host to the list of known hosts \(/proc/version\)'
    }

    It 'a read-only known_hosts is left as it is and reported as ssh reports it' -Skip:($Root -or $IsWindows) {
        $kh = New-File 'kh-readonly' '# read only'
        chmod 444 $kh
        $config = New-Config @{ 'real-readonly' = @{ Sshd = $Real; Settings = "UserKnownHostsFile $kh", "GlobalKnownHostsFile $NoGlobal" } }
        (Invoke-Ssh $config 'real-readonly' 'accept-new').Output | Should -Match 'Failed to add the host'
        $r = Test-Espri $config 'real-readonly' -AcceptNew
        ($r.Stages | Where-Object Name -eq HostKey).Detail | Should -Match 'Failed to add the host'
        Get-Content $kh | Should -Be '# read only'
        Get-UnixMode $kh | Should -Be '444'
    }

    It 'several UserKnownHostsFile: all are read, a new key goes to the first, as ssh does' {
        $first = Join-Path $Box.Home 'kh-several-first'
        $second = New-File 'kh-several-second' '# nothing about this host'
        $config = New-Config @{ 'real-several' = @{ Sshd = $Real; Settings = "UserKnownHostsFile $first $second", "GlobalKnownHostsFile $NoGlobal" } }
        $r = Test-Espri $config 'real-several' -AcceptNew
        $r.Succeeded | Should -BeTrue -Because ($r | Out-String)
        Get-Content $first | Should -Be (Get-KeyLine $Real "[127.0.0.1]:$($Real.Port)")
        Get-Content $second | Should -Be '# nothing about this host'
        (Invoke-Ssh $config 'real-several' 'yes').ExitCode | Should -Be 0

        # A key only the second file knows is known: nothing asked, nothing written to the first.
        $firstOther = Join-Path $Box.Home 'kh-several-first-other'
        $secondKnows = New-File 'kh-several-second-knows' (Get-KeyLine $Real "[127.0.0.1]:$($Real.Port)")
        $config = New-Config @{ 'real-several-second' = @{ Sshd = $Real; Settings = "UserKnownHostsFile $firstOther $secondKnows", "GlobalKnownHostsFile $NoGlobal" } }
        (Invoke-Ssh $config 'real-several-second' 'yes').ExitCode | Should -Be 0 -Because 'the control: ssh reads the second file'
        $r = Test-Espri $config 'real-several-second'
        $r.Succeeded | Should -BeTrue -Because ($r | Out-String)
        Test-Path $firstOther | Should -BeFalse
    }
}
