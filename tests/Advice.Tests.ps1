# Advice, next steps and messages name only parameters the command has (issue 24 item 6: the setup
# told scripts to pass -NoPassphrase, which Start-EspriSetup does not have). Every string literal of the
# source that names a command is checked with PowerShell's own parser, then what the cmdlets really
# say in a sandbox: a "-Parameter" that no command of its sentence leads is the speaking cmdlet's.
BeforeDiscovery {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers/TestHelpers.psm1') -Force
    $script:NoSshd = Test-Skip -Tool ssh, ssh-keygen, sshd
}

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers/TestHelpers.psm1') -Force
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers/AdviceText.psm1') -Force
    Import-Module (Get-TestModulePath) -Force
    $script:Saved = @{ Home = $env:ESPRISSH_HOME; Agent = $env:SSH_AUTH_SOCK; NonInteractive = $env:ESPRISSH_NONINTERACTIVE; Location = Get-Location }
    $env:ESPRISSH_NONINTERACTIVE = '1'
    $env:SSH_AUTH_SOCK = $null
    $script:Pass = 'Espri-Advice-Passphrase-5'
    function script:Get-WrongParameter([string[]] $Texts, [string] $Speaker) {
        # "Command -Parameter" pairs of the texts that the command does not have.
        foreach ($text in $Texts | Where-Object { $_ }) {
            foreach ($named in Get-NamedParameter $text -DefaultCommand $Speaker) {
                if ((Find-Command $named.Command) -and -not (Test-ParameterExists $named.Command $named.Parameter)) {
                    "$($named.Command) has no -$($named.Parameter), yet this says it: $($named.Text)"
                }
            }
        }
    }
    function script:Get-StepText($Result) { $Result.Steps | ForEach-Object { $_.Detail; $_.Next } }
}

AfterAll {
    Set-Location $Saved.Location
    $env:ESPRISSH_HOME = $Saved.Home
    $env:SSH_AUTH_SOCK = $Saved.Agent
    $env:ESPRISSH_NONINTERACTIVE = $Saved.NonInteractive
}

Describe 'The commands EspriSsh tells people to type' {
    It 'in the source: every parameter a string literal gives a command exists on that command' {
        $checked = 0
        $wrong = foreach ($file in Get-ChildItem (Join-Path (Get-RepoRoot) 'src') -Recurse -Filter *.cs | Where-Object FullName -NotMatch '[\\/](bin|obj)[\\/]') {
            # Only a literal with a Verb-Noun in it can name a command's parameter (the parse is the slow part).
            foreach ($literal in Get-CSharpStringLiteral (Get-Content -Raw $file.FullName) | Where-Object { $_ -match '\w-[A-Za-z]' }) {
                foreach ($named in Get-NamedParameter $literal) {
                    if (-not (Find-Command $named.Command)) { continue }
                    $checked++
                    if (-not (Test-ParameterExists $named.Command $named.Parameter)) { "$($file.Name): $($named.Command) has no -$($named.Parameter): $literal" }
                }
            }
        }
        $wrong | Should -BeNullOrEmpty
        $checked | Should -BeGreaterThan 40 -Because 'the scan must find the advice it checks'
    }

    It 'the check itself catches a parameter the command lacks, in a command and in a bare "pass -X"' {
        $planted = 'Name it: Start-EspriSetup -KeyPath ''k'' -NoPassphrase. Or pass -IdentityFile.'
        Get-WrongParameter $planted -Speaker 'Start-EspriSetup' | Should -HaveCount 2
        Get-WrongParameter 'Install-EspriKey -Path ''k'' -NewPassphrase (Read-Host -AsSecureString ''New'') -Force' -Speaker 'Start-EspriSetup' | Should -BeNullOrEmpty
    }
}

Describe 'What the cmdlets say names their own parameters' {
    BeforeEach {
        $script:Box = New-TestSandbox
        $env:ESPRISSH_HOME = $Box.Home
        Set-Location $Box.Home
    }
    AfterEach {
        Set-Location $Saved.Location
        Remove-Item -Recurse -Force $Box.Home -ErrorAction Ignore
    }

    It 'Start-EspriSetup in a script: the key needs a passphrase, then several keys to choose from' {
        $fresh = Start-EspriSetup -User jdupont -Confirm:$false
        ($fresh.Steps | Where-Object Name -eq Key).Status | Should -Be 'NeedsYou'
        ssh-keygen -q -t ed25519 -a 2 -N $Pass -f (Join-Path $Box.Ssh 'work_ed25519')
        ssh-keygen -q -t ed25519 -a 2 -N $Pass -f (Join-Path $Box.Ssh 'home_ed25519')
        $several = Start-EspriSetup -User jdupont -Confirm:$false
        ($several.Steps | Where-Object Name -eq Key).Next | Should -Match '-KeyPath'
        Get-WrongParameter (@(Get-StepText $fresh) + @(Get-StepText $several)) -Speaker 'Start-EspriSetup' | Should -BeNullOrEmpty
    }

    It 'the errors of the key cmdlets in a script' {
        $errors = @(
            { New-EspriKey -ErrorAction Stop }
            { Install-EspriKey -Path (Join-Path $Box.Home 'missing') -ErrorAction Stop }
            { Test-EspriConnection spirit1 -SshDirectory (Join-Path $Box.Home 'none') -TimeoutSec 1 -ErrorAction Stop }
        ) | ForEach-Object { try { & $_; $null } catch { [pscustomobject]@{ Text = $_.Exception.Message; Speaker = $_.InvocationInfo.MyCommand.Name } } }
        $errors | Should -Not -BeNullOrEmpty
        foreach ($e in $errors) { Get-WrongParameter $e.Text -Speaker $e.Speaker | Should -BeNullOrEmpty }
    }

    It 'Start-EspriSetup, Test-EspriConnection and Get-EspriDebugReport when the login is refused' -Skip:$NoSshd {
        $sshd = Start-TestSshd
        try {
            $siteFile = New-TestSiteProfile (Join-Path $Box.Home 'site.json') -Hosts @(@{ alias = 'spirit1'; hostName = '127.0.0.1'; role = 'HeadNode'; port = $sshd.Port })
            $env:ESPRISSH_SITE_PROFILE = $siteFile
            ssh-keygen -q -t ed25519 -a 2 -N $Pass -f (Join-Path $Box.Ssh 'id_ed25519')
            $secure = ConvertTo-SecureString $Pass -AsPlainText -Force
            $setup = Start-EspriSetup -User $sshd.User -Passphrase $secure -TestConnection -AcceptNewHostKey -Confirm:$false -WarningAction SilentlyContinue 6>$null
            ($setup.Steps | Where-Object Name -eq Connection).Status | Should -Be 'Failed'
            $test = Test-EspriConnection spirit1 -Passphrase $secure -WarningAction SilentlyContinue
            $report = Get-EspriDebugReport -Force -WarningAction SilentlyContinue 6>$null
            $test.Succeeded | Should -BeFalse
            Get-WrongParameter (Get-StepText $setup) -Speaker 'Start-EspriSetup' | Should -BeNullOrEmpty
            Get-WrongParameter (@($test.Hint) + @($test.Stages.Hint)) -Speaker 'Test-EspriConnection' | Should -BeNullOrEmpty
            Get-WrongParameter ($report.Findings | ForEach-Object { $_.Problem; $_.Fix }) -Speaker 'Get-EspriDebugReport' | Should -BeNullOrEmpty
        }
        finally {
            $env:ESPRISSH_SITE_PROFILE = $null
            Stop-TestSshd $sshd
        }
    }
}
