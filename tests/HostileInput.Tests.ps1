# Hostile input: each case ends with an ErrorId (or a finding) and nothing written or run. Real peers
# where there is one: ssh's own reading, sshd, the file system's devices and links.
BeforeDiscovery {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers/TestHelpers.psm1') -Force
    $script:NoSsh = -not (Test-Tool ssh)
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
    Remove-Item Env:ESPRISSH_HOME -ErrorAction Ignore
}

Describe 'Host names and logins never reach a program as options' -Skip:$NoSsh {
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

    It 'ssh itself would have run the injected command (the threat is real)' {
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
