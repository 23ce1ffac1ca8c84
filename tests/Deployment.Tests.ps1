# The Intune/GPO detection and remediation scripts of docs/examples, run as Intune runs them:
# a fresh non-interactive PowerShell, the module found by name, the user's home a sandbox.
BeforeDiscovery {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers/TestHelpers.psm1') -Force
    $script:NoTools = Test-Skip -Tool ssh-keygen
}

Describe 'Intune detection and remediation scripts' -Skip:$NoTools {
    BeforeAll {
        Import-Module (Join-Path $PSScriptRoot 'TestHelpers/TestHelpers.psm1') -Force
        $script:Examples = Join-Path (Get-RepoRoot) 'docs/examples'
        function script:Invoke-DeploymentScript([string] $Name, $Box, [string[]] $Arguments = @('-User', 'jdupont')) {
            $log = Join-Path $Box.Home "$Name.log"
            # Parameter names stay bare: a quoted '-User' would be bound as a value.
            $argText = ($Arguments | ForEach-Object { if ($_ -like '-*') { $_ } else { "'$_'" } }) -join ' '
            $env = @{
                ESPRISSH_HOME = $Box.Home
                PSModulePath  = (Split-Path (Get-TestModulePath)) + [IO.Path]::PathSeparator + $env:PSModulePath
            }
            $r = Invoke-FreshPwsh -Command "& '$Examples/$Name.ps1' $argText -LogPath '$log'; exit `$LASTEXITCODE" -Environment $env -TimeoutSec 90
            $r | Add-Member -PassThru Log $(if (Test-Path $log) { Get-Content $log -Raw } else { '' })
        }
        function script:New-CompliantBox {
            $box = New-TestSandbox
            ssh-keygen -q -t ed25519 -a 2 -N 'pass phrase' -f (Join-Path $box.Ssh 'id_ed25519') | Out-Null
            $box
        }
    }
    # Each test's $box (BeforeEach, It and AfterEach share one scope).
    AfterEach { if ($box) { Remove-Item -Recurse -Force $box.Home -ErrorAction Ignore } }

    It 'detects a missing config (exit 1), remediation writes it (exit 0), then detection passes (exit 0)' {
        $box = New-CompliantBox
        $first = Invoke-DeploymentScript 'Detect-EspriSsh' $box
        $first.ExitCode | Should -Be 1 -Because $first.Output
        $first.Log | Should -Match 'not compliant: ssh config'

        $fix = Invoke-DeploymentScript 'Remediate-EspriSsh' $box
        $fix.ExitCode | Should -Be 0 -Because ($fix.Output + $fix.Log)
        Get-Content (Join-Path $box.Ssh 'config') -Raw | Should -Match 'Host spirit1'

        $after = Invoke-DeploymentScript 'Detect-EspriSsh' $box
        $after.ExitCode | Should -Be 0 -Because ($after.Output + $after.Log)
        $after.Output | Should -Match 'EspriSsh: compliant'
    }

    It 'detects a private key readable by others and remediation repairs it' -Skip:(Test-Skip -UnixOnly) {
        $box = New-CompliantBox
        $null = Invoke-DeploymentScript 'Remediate-EspriSsh' $box
        $key = Join-Path $box.Ssh 'id_ed25519'
        chmod 644 $key
        $detect = Invoke-DeploymentScript 'Detect-EspriSsh' $box
        $detect.ExitCode | Should -Be 1
        $detect.Log | Should -Match ([regex]::Escape("key rights too open: $key"))

        (Invoke-DeploymentScript 'Remediate-EspriSsh' $box).ExitCode | Should -Be 0
        Get-UnixMode $key | Should -Be '600'
        (Invoke-DeploymentScript 'Detect-EspriSsh' $box).ExitCode | Should -Be 0
    }

    It 'keeps reporting a key of a refused type, which only the user can replace' {
        $box = New-CompliantBox
        ssh-keygen -q -t rsa -b 2048 -N 'pass phrase' -f (Join-Path $box.Ssh 'id_rsa') | Out-Null
        $fix = Invoke-DeploymentScript 'Remediate-EspriSsh' $box
        $fix.ExitCode | Should -Be 0
        $fix.Log | Should -Match 'needs the user: .*id_rsa'
        $detect = Invoke-DeploymentScript 'Detect-EspriSsh' $box
        $detect.ExitCode | Should -Be 1
        $detect.Log | Should -Match 'key refused by the site: .*id_rsa'
    }

    It 'checks the jean-zay alias too when an IDRIS login is given' {
        $box = New-CompliantBox
        $null = Invoke-DeploymentScript 'Remediate-EspriSsh' $box
        (Invoke-DeploymentScript 'Detect-EspriSsh' $box -Arguments @('-User', 'jdupont', '-JeanZayUser', 'ufoo123')).ExitCode | Should -Be 1
        (Invoke-DeploymentScript 'Remediate-EspriSsh' $box -Arguments @('-User', 'jdupont', '-JeanZayUser', 'ufoo123')).ExitCode | Should -Be 0
        (Invoke-DeploymentScript 'Detect-EspriSsh' $box -Arguments @('-User', 'jdupont', '-JeanZayUser', 'ufoo123')).ExitCode | Should -Be 0
    }

    It 'reports a user without key, which only the user can make (exit 1), and remediation still writes the aliases' {
        $box = New-TestSandbox
        $detect = Invoke-DeploymentScript 'Detect-EspriSsh' $box
        $detect.ExitCode | Should -Be 1
        $detect.Log | Should -Match 'not compliant: key: Would create a new Ed25519 key'
        $fix = Invoke-DeploymentScript 'Remediate-EspriSsh' $box
        $fix.ExitCode | Should -Be 0 -Because ($fix.Output + $fix.Log)
        $fix.Log | Should -Match 'Key: NeedsYou'
        $fix.Log | Should -Match 'needs the user: Run Start-EspriSetup in a PowerShell window'
        Get-Content (Join-Path $box.Ssh 'config') -Raw | Should -Match 'IdentityFile ~/.ssh/id_ed25519'
        @(Get-ChildItem $box.Ssh -Filter 'id_*') | Should -HaveCount 0
    }

    It 'exits 1 with the reason logged when no login is given (<_>)' -ForEach @('Detect-EspriSsh', 'Remediate-EspriSsh') {
        $box = New-CompliantBox
        $r = Invoke-DeploymentScript $_ $box -Arguments @()
        $r.ExitCode | Should -Be 1
        $r.Log | Should -Match 'No ESPRI login'
    }
}
