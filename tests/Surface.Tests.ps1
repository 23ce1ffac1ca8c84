# The surface users' scripts are written against: every exported cmdlet's parameters, compared with the
# committed tests/Snapshots/Parameters.txt (as BicepNet keeps a parameter snapshot), so a renamed or
# retyped parameter, a lost alias, position or pipeline binding, a new mandatory parameter, shows in
# review as a change of that file. The ErrorIds are the other half: tests/Snapshots/ErrorIds.txt
# (ErrorIdTests). Written for Windows PowerShell 5.1 too: the same snapshot must hold there.
BeforeAll {
    $script:ModulePath = Join-Path (Split-Path $PSScriptRoot) 'out/EspriSsh'
    Import-Module $ModulePath -Force
    $script:SnapshotPath = Join-Path $PSScriptRoot 'Snapshots/Parameters.txt'

    # Type names without assembly names, identical in Windows PowerShell 5.1 and pwsh 7.
    function script:TypeName([type] $Type) {
        if ($Type.IsArray) { return (TypeName $Type.GetElementType()) + '[]' }
        if ($Type.IsGenericType) {
            $arguments = @($Type.GetGenericArguments() | ForEach-Object { TypeName $_ }) -join ','
            return '{0}.{1}[{2}]' -f $Type.Namespace, $Type.Name.Split('`')[0], $arguments
        }
        $Type.FullName
    }

    # One line per cmdlet, then one per parameter and parameter set, sorted: a change is one line.
    function script:Get-Surface {
        $common = [System.Management.Automation.Cmdlet]::CommonParameters + [System.Management.Automation.Cmdlet]::OptionalCommonParameters
        foreach ($command in Get-Command -Module EspriSsh -CommandType Cmdlet | Sort-Object Name) {
            $cmdlet = $command.ImplementingType.GetCustomAttributes([System.Management.Automation.CmdletAttribute], $false)[0]
            $outputs = @($command.OutputType | ForEach-Object { $_.Name } | Sort-Object) -join ', '
            '{0} | DefaultSet={1} | ShouldProcess={2} ConfirmImpact={3} | Output={4}' -f $command.Name, $cmdlet.DefaultParameterSetName, $cmdlet.SupportsShouldProcess, $cmdlet.ConfirmImpact, $outputs
            $lines = foreach ($set in $command.ParameterSets) {
                foreach ($parameter in $set.Parameters | Where-Object { $common -notcontains $_.Name }) {
                    $binding = @(
                        if ($parameter.IsMandatory) { 'Mandatory' }
                        if ($parameter.Position -ge 0) { "Position=$($parameter.Position)" }
                        if ($parameter.ValueFromPipeline) { 'ValueFromPipeline' }
                        if ($parameter.ValueFromPipelineByPropertyName) { 'ValueFromPipelineByPropertyName' }
                        if ($parameter.ValueFromRemainingArguments) { 'ValueFromRemainingArguments' }
                        if ($parameter.Aliases.Count) { 'Aliases=' + (@($parameter.Aliases | Sort-Object) -join ',') }
                        $parameter.Attributes | Where-Object { $_ -is [System.Management.Automation.ValidateSetAttribute] } | ForEach-Object { 'ValidateSet=' + ($_.ValidValues -join ',') }
                    ) -join ' '
                    if (-not $binding) { $binding = '-' }
                    '{0} -{1} [{2}] | Set={3} | {4}' -f $command.Name, $parameter.Name, (TypeName $parameter.ParameterType), $set.Name, $binding
                }
            }
            $lines | Sort-Object
        }
    }

    # The lines only one side has: '- ' committed and gone, '+ ' new.
    function script:Compare-Surface([string[]] $Committed, [string[]] $Current) {
        @($Committed | Where-Object { $Current -notcontains $_ } | ForEach-Object { "- $_" }) +
        @($Current | Where-Object { $Committed -notcontains $_ } | ForEach-Object { "+ $_" })
    }
}

AfterAll { Remove-Module EspriSsh -ErrorAction SilentlyContinue }

Describe 'Public surface' {
    It 'has the parameters of the committed snapshot (a change here is a change for every script: review it, then update tests/Snapshots/Parameters.txt)' {
        $current = @(Get-Surface)
        $committed = @(Get-Content $SnapshotPath | Where-Object { $_ -and -not $_.StartsWith('#') })
        (Compare-Surface $committed $current) -join "`n" | Should -BeNullOrEmpty
        $current.Count | Should -Be $committed.Count
    }

    It 'shows a planted breaking change: a renamed parameter, a lost alias, a parameter made mandatory' {
        $committed = @(
            'Get-EspriKey -Path [System.String[]] | Set=__AllParameterSets | Position=0 ValueFromPipeline Aliases=FullName,PSPath'
            'Get-EspriKey -SshDirectory [System.String] | Set=__AllParameterSets | -'
            'Test-EspriPublicKey -Line [System.String] | Set=Line | Position=0')
        $planted = @(
            'Get-EspriKey -Path [System.String[]] | Set=__AllParameterSets | Position=0 ValueFromPipeline Aliases=FullName'
            'Get-EspriKey -SshFolder [System.String] | Set=__AllParameterSets | -'
            'Test-EspriPublicKey -Line [System.String] | Set=Line | Mandatory Position=0')
        Compare-Surface $committed $planted | Should -Be @(
            "- $($committed[0])", "- $($committed[1])", "- $($committed[2])", "+ $($planted[0])", "+ $($planted[1])", "+ $($planted[2])")
        Compare-Surface $committed $committed | Should -BeNullOrEmpty
    }

    It 'compares every exported cmdlet' {
        $named = @(Get-Content $SnapshotPath | Where-Object { $_ -match '^\S+ \| DefaultSet=' } | ForEach-Object { ($_ -split ' ')[0] })
        $named | Should -Be @((Get-Command -Module EspriSsh -CommandType Cmdlet).Name | Sort-Object)
    }
}
