# The shipped module in whichever PowerShell runs this file. Written for Windows PowerShell 5.1 too
# (no pwsh-only syntax, no TestHelpers): on Windows, build.ps1 Test also runs it in powershell.exe,
# where it proves that the netstandard2.0 build and its Dependencies/ load through the 5.1 resolver
# and work (BouncyCastle, System.Text.Json, SSH.NET, the owner-only ACL that ssh-keygen accepts), that
# Get-Help reads the generated help, and that a non-interactive session is never prompted.
BeforeDiscovery {
    $script:NoKeygen = -not (Get-Command ssh-keygen -CommandType Application -ErrorAction SilentlyContinue)
    if ($NoKeygen) { Write-Host '[!] skip (WindowsPowerShell.Tests.ps1): ssh-keygen not installed' -ForegroundColor Yellow }
    $script:Cmdlets = (Import-PowerShellDataFile (Join-Path (Split-Path $PSScriptRoot) 'out/EspriSsh/EspriSsh.psd1')).CmdletsToExport
    # The files build.ps1 runs in Windows PowerShell 5.1 (tests/Invoke-PesterSuite.ps1 picks them by this header).
    $script:For51 = @(Get-ChildItem $PSScriptRoot -Filter '*.Tests.ps1' | Where-Object { (Get-Content $_.FullName -TotalCount 6) -match 'Windows PowerShell 5\.1 too' } |
        ForEach-Object { @{ Name = $_.Name; Path = $_.FullName } })
    $script:IsDesktop = $PSVersionTable.PSEdition -eq 'Desktop'
    if ($IsDesktop) { Write-Host '[!] skip (WindowsPowerShell.Tests.ps1): the 5.1 syntax check parses with pwsh 7 (5.1 has no AST for what it looks for)' -ForegroundColor Yellow }
}

BeforeAll {
    $script:ModulePath = Join-Path (Split-Path $PSScriptRoot) 'out/EspriSsh'
    Import-Module $ModulePath -Force
    $script:Sandbox = Join-Path ([IO.Path]::GetTempPath()) ('espri-host-' + [guid]::NewGuid().ToString('N').Substring(0, 10))
    $script:Ssh = Join-Path $Sandbox '.ssh'
    $null = New-Item -ItemType Directory -Force $Ssh
    function script:Secure([string] $Text) { ConvertTo-SecureString $Text -AsPlainText -Force }
    function script:KeyPart([string] $Line) { ($Line.Trim() -split ' ')[0..1] -join ' ' }
}

AfterAll {
    Remove-Module EspriSsh -ErrorAction SilentlyContinue
    Remove-Item -Recurse -Force $Sandbox -ErrorAction SilentlyContinue
}

Describe "EspriSsh in PowerShell $($PSVersionTable.PSVersion) ($($PSVersionTable.PSEdition))" {
    It 'exports exactly the cmdlets of its manifest' {
        $manifest = Import-PowerShellDataFile (Join-Path $ModulePath 'EspriSsh.psd1')
        @((Get-Command -Module EspriSsh).Name | Sort-Object) | Should -Be @($manifest.CmdletsToExport | Sort-Object)
    }

    It 'reads the embedded site profile' {
        $site = Get-EspriSite
        $site.DefaultHeadNode | Should -Be 'spirit1'
        @($site.Hosts).Count | Should -BeGreaterThan 1
    }

    It 'makes an ED25519 key that ssh-keygen opens with the passphrase (the file''s rights are owner-only)' -Skip:$NoKeygen {
        $key = New-EspriKey -SshDirectory $Ssh -Passphrase (Secure 'host test') -Rounds 2 -Comment 'host test'
        $key.Path | Should -Be (Join-Path $Ssh 'id_ed25519')
        $derived = & ssh-keygen -y -P 'host test' -f $key.Path
        $LASTEXITCODE | Should -Be 0
        KeyPart $derived | Should -Be (KeyPart (Get-Content "$($key.Path).pub"))
    }

    It 'converts that key to a .ppk and back to the same public key' -Skip:$NoKeygen {
        $ppk = Convert-PpkKey (Join-Path $Ssh 'id_ed25519') -Passphrase (Secure 'host test') -NewPassphrase (Secure 'ppk pass')
        $ppk.Path | Should -Be (Join-Path $Ssh 'id_ed25519.ppk')
        $back = Join-Path $Sandbox 'back'
        $null = New-Item -ItemType Directory $back
        $openssh = Convert-PpkKey $ppk.Path -Passphrase (Secure 'ppk pass') -SshDirectory $back
        KeyPart (Get-Content "$($openssh.Path).pub") | Should -Be (KeyPart (Get-Content (Join-Path $Ssh 'id_ed25519.pub')))
    }

    It 'checks a public line before it goes into the account form' -Skip:$NoKeygen {
        $line = (Get-Content (Join-Path $Ssh 'id_ed25519.pub')).Trim()
        $check = Test-EspriPublicKey $line
        $check.Valid | Should -BeTrue
        $check.Normalized | Should -BeExactly $line
    }

    It 'stops a connection test at Tcp on a port nothing listens on (SSH.NET loaded)' -Skip:$NoKeygen {
        $listener = [Net.Sockets.TcpListener]::new([Net.IPAddress]::Loopback, 0)
        $listener.Start(); $port = $listener.LocalEndpoint.Port; $listener.Stop()
        $result = Test-EspriConnection 127.0.0.1 -Port $port -User someone -SshDirectory $Ssh -Passphrase (Secure 'host test') -TimeoutSec 10
        $result.FailedStage | Should -Be 'Tcp'
        $result.Reason | Should -Be 'ConnectionRefused'
    }
}

Describe "Help in PowerShell $($PSVersionTable.PSVersion) for <_>" -ForEach $Cmdlets {
    # The MAML build.ps1 makes from docs/ (platyPS or tools/ConvertTo-Maml.ps1), as Get-Help reads it here.
    It 'has a synopsis, a description, an example and a description for every parameter' {
        $help = Get-Help $_ -Full
        $help.Synopsis | Should -Not -Match '^\s*\w+-\w+ \[' -Because 'a generated syntax line means the MAML was not found'
        ($help.Description.Text -join '') | Should -Not -BeNullOrEmpty
        @($help.Examples.Example).Count | Should -BeGreaterThan 0
        $common = [System.Management.Automation.Cmdlet]::CommonParameters + [System.Management.Automation.Cmdlet]::OptionalCommonParameters
        foreach ($name in (Get-Command $_).Parameters.Keys | Where-Object { $common -notcontains $_ }) {
            $entry = $help.Parameters.Parameter | Where-Object Name -eq $name
            ($entry.Description.Text -join '') | Should -Not -BeNullOrEmpty -Because "parameter -$name needs a description"
        }
    }
}

Describe "A non-interactive PowerShell $($PSVersionTable.PSVersion) session" {
    It 'gets PassphraseRequired from New-EspriKey instead of a prompt, within seconds' {
        $shell = (Get-Process -Id $PID).Path
        $home_ = Join-Path $Sandbox 'noninteractive'
        $command = "`$ErrorActionPreference = 'Stop'; Import-Module '$ModulePath'; " +
            "try { `$null = New-EspriKey -SshDirectory '$home_'; 'RESULT ok' } catch { 'RESULT ' + `$_.FullyQualifiedErrorId }"
        $arguments = @('-NoProfile', '-NonInteractive', '-Command', $command)
        if ($PSVersionTable.PSEdition -eq 'Core' -and (Split-Path -Leaf $shell) -like 'dotnet*') { $arguments = @((Join-Path $PSHOME 'pwsh.dll')) + $arguments }
        $startInfo = New-Object System.Diagnostics.ProcessStartInfo $shell
        $startInfo.Arguments = ($arguments | ForEach-Object { '"' + ($_ -replace '"', '\"') + '"' }) -join ' '
        $startInfo.UseShellExecute = $false
        $startInfo.RedirectStandardOutput = $true
        $startInfo.RedirectStandardInput = $true
        $process = [System.Diagnostics.Process]::Start($startInfo)
        $process.StandardInput.Close()
        $output = $process.StandardOutput.ReadToEndAsync()
        $finished = $process.WaitForExit(60000)
        if (-not $finished) { $process.Kill() }
        $finished | Should -BeTrue -Because 'no prompt may hang a script'
        $output.Result | Should -Match 'RESULT PassphraseRequired,EspriSsh.Commands.NewEspriKeyCommand'
        Test-Path (Join-Path $home_ 'id_ed25519') | Should -BeFalse
    }
}

Describe 'Test files written for Windows PowerShell 5.1 too' -Skip:$IsDesktop {
    BeforeAll {
        # What a file that 5.1 runs may not use: pwsh 7 operators, the $Is* variables (undefined, so
        # $null, in 5.1), and TestHelpers (written with them). Each as "line N: text".
        function script:Find-Pwsh7Only([string] $File) {
            $errors = $null
            $ast = [System.Management.Automation.Language.Parser]::ParseFile($File, [ref]$null, [ref]$errors)
            $errors | Should -BeNullOrEmpty
            $ast.FindAll({
                    param($node)
                    $node -is [System.Management.Automation.Language.TernaryExpressionAst] -or
                    $node -is [System.Management.Automation.Language.PipelineChainAst] -or
                    ($node -is [System.Management.Automation.Language.BinaryExpressionAst] -and $node.Operator -eq 'QuestionQuestion') -or
                    ($node -is [System.Management.Automation.Language.AssignmentStatementAst] -and $node.Operator -eq 'QuestionQuestionEquals') -or
                    ($node -is [System.Management.Automation.Language.MemberExpressionAst] -and $node.NullConditional) -or
                    ($node -is [System.Management.Automation.Language.VariableExpressionAst] -and $node.VariablePath.UserPath -in 'IsWindows', 'IsLinux', 'IsMacOS', 'IsCoreCLR') -or
                    ($node -is [System.Management.Automation.Language.CommandAst] -and $node.GetCommandName() -eq 'Import-Module' -and $node.Extent.Text -match 'TestHelpers')
                }, $true) | ForEach-Object { "line $($_.Extent.StartLineNumber): $($_.Extent.Text)" }
        }
    }

    It '<Name> is ASCII and uses no syntax or variable that Windows PowerShell 5.1 lacks' -ForEach $For51 {
        # 5.1 reads a script without a byte order mark as ANSI: any other byte changes the text.
        @([IO.File]::ReadAllBytes($Path) | Where-Object { $_ -gt 127 }).Count | Should -Be 0
        @(Find-Pwsh7Only $Path) | Should -BeNullOrEmpty
    }

    It 'finds each pwsh 7 construct planted in a file' {
        $planted = Join-Path $TestDrive 'planted.ps1'
        Set-Content $planted -Value @('$a = $b ?? 1', '$c ??= 2', '$d = ${x}?.Name', 'if ($IsWindows) { 1 }', 'git status && ls', '$e = $true ? 1 : 2', 'Import-Module ./TestHelpers/TestHelpers.psm1', '$fine = @(1, 2) -join ","')
        @(Find-Pwsh7Only $planted) | Should -Be @(
            'line 1: $b ?? 1', 'line 2: $c ??= 2', 'line 3: ${x}?.Name', 'line 4: $IsWindows', 'line 5: git status && ls', 'line 6: $true ? 1 : 2', 'line 7: Import-Module ./TestHelpers/TestHelpers.psm1')
    }

    It 'include this file, ErrorIds and the public surface' {
        @($For51 | ForEach-Object { $_.Name }) | Should -Contain 'WindowsPowerShell.Tests.ps1'
        @($For51 | ForEach-Object { $_.Name }) | Should -Contain 'ErrorIds.Tests.ps1'
        @($For51 | ForEach-Object { $_.Name }) | Should -Contain 'Surface.Tests.ps1'
    }
}
