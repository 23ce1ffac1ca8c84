# The ErrorIds and categories users' scripts see, through the shipped module.
# Written for Windows PowerShell 5.1 too (no pwsh-only syntax, no TestHelpers): the Windows CI job runs it there.
BeforeAll {
    $script:ModulePath = Join-Path (Split-Path $PSScriptRoot) 'out/EspriSsh'
    Import-Module $ModulePath -Force
    $script:Sandbox = Join-Path ([IO.Path]::GetTempPath()) ('espri-ids-' + [guid]::NewGuid().ToString('N').Substring(0, 10))
    $null = New-Item -ItemType Directory -Force $Sandbox
    # The committed ErrorId table (tests/Snapshots/ErrorIds.txt): id -> category.
    $script:Snapshot = @{}
    Get-Content (Join-Path $PSScriptRoot 'Snapshots/ErrorIds.txt') | Where-Object { $_ -and -not $_.StartsWith('#') } | ForEach-Object {
        $id, $category = $_ -split "`t"
        $Snapshot[$id] = $category
    }
    $map = (Get-Module EspriSsh).ImplementingAssembly.GetType('EspriSsh.ErrorCategories').GetMethod('ToPowerShell')
    $script:CoreCategories = $map.GetParameters()[0].ParameterType.GetEnumValues()
    function script:ToPowerShell($Category) { $map.Invoke($null, @($Category)) }
    # The error record a call stops with ($null when it does not fail, which every assertion on it rejects).
    function script:ErrorOf([scriptblock] $Call) {
        $ErrorActionPreference = 'Stop'
        try { $null = & $Call; $null } catch { $_ }
    }
}

AfterAll {
    Remove-Module EspriSsh -ErrorAction SilentlyContinue
    Remove-Item -Recurse -Force $Sandbox -ErrorAction SilentlyContinue
}

Describe 'Error categories' {
    It 'maps every core category to the PowerShell ErrorCategory of the same name, none silently to NotSpecified' {
        $CoreCategories.Count | Should -BeGreaterThan 10
        foreach ($category in $CoreCategories) {
            (ToPowerShell $category).ToString() | Should -BeExactly $category.ToString()
        }
    }

    It 'has a PowerShell category for every category of the ErrorId table' {
        $names = @($CoreCategories | ForEach-Object { $_.ToString() })
        $unknown = @($Snapshot.Values | Where-Object { $names -notcontains $_ })
        $unknown | Should -BeNullOrEmpty
        [enum]::GetNames([System.Management.Automation.ErrorCategory]) | Should -Contain 'ProtocolError'
    }

    It 'gives KeyTypeRefused the one category of the table whether a -Type or a key file is refused' {
        $byType = ErrorOf { New-EspriKey -Type Dsa -SshDirectory (Join-Path $Sandbox 'new') -NoPassphrase }
        $byType.FullyQualifiedErrorId | Should -Be 'KeyTypeRefused,EspriSsh.Commands.NewEspriKeyCommand'
        $byType.CategoryInfo.Category | Should -Be $Snapshot['KeyTypeRefused']

        $dsa = Join-Path (Split-Path $PSScriptRoot) 'tests/EspriSsh.Core.Tests/Fixtures/id_dsa'
        $byFile = ErrorOf { Install-EspriKey -Path $dsa -Destination (Join-Path $Sandbox 'copy') }
        $byFile.FullyQualifiedErrorId | Should -Be 'KeyTypeRefused,EspriSsh.Commands.InstallEspriKeyCommand'
        $byFile.CategoryInfo.Category | Should -Be $Snapshot['KeyTypeRefused']
    }

    It 'reports a missing key file as ObjectNotFound with the path as target' {
        $missing = Join-Path $Sandbox 'no-such-key'
        $err = ErrorOf { Install-EspriKey -Path $missing -Destination (Join-Path $Sandbox 'copy') }
        $err.FullyQualifiedErrorId | Should -Be 'KeyFileNotFound,EspriSsh.Commands.InstallEspriKeyCommand'
        $err.CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $err.TargetObject | Should -Be $missing
    }
}
