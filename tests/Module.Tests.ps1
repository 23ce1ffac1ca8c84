# The module as shipped: manifest, exports, help from docs/, dependency isolation, packaging.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers/TestHelpers.psm1') -Force
    $script:ModulePath = Get-TestModulePath
    Import-Module $script:ModulePath -Force
    $script:Module = Get-Module EspriSsh
    $script:Manifest = Import-PowerShellDataFile (Join-Path $script:ModulePath 'EspriSsh.psd1')
    # -WhatIf and -Confirm are documented (platyPS writes them): they say what the cmdlet would change.
    $script:CommonParameters = [System.Management.Automation.Cmdlet]::CommonParameters + 'UseTransaction'
}

Describe 'Manifest' {
    It 'exports exactly the cmdlets the dll defines' {
        $defined = [System.Reflection.Assembly]::LoadFrom((Join-Path $ModulePath 'EspriSsh.dll')).GetTypes() |
            Where-Object { $_.IsPublic -and -not $_.IsAbstract -and $_.GetCustomAttributes([System.Management.Automation.CmdletAttribute], $false) } |
            ForEach-Object { $a = $_.GetCustomAttributes([System.Management.Automation.CmdletAttribute], $false)[0]; "$($a.VerbName)-$($a.NounName)" }
        @($Manifest.CmdletsToExport | Sort-Object) | Should -Be @($defined | Sort-Object)
        @($Module.ExportedCmdlets.Keys | Sort-Object) | Should -Be @($defined | Sort-Object)
    }

    It 'has no wildcard exports and declares both editions and PowerShell 5.1' {
        $Manifest.CmdletsToExport | Should -Not -Contain '*'
        $Manifest.FunctionsToExport.Count | Should -Be 0
        $Manifest.CompatiblePSEditions | Should -Be @('Desktop', 'Core')
        $Manifest.PowerShellVersion | Should -Be '5.1'
        $Manifest.RootModule | Should -Be 'EspriSsh.dll'
        $Manifest.PrivateData.PSData.ProjectUri | Should -Match '^https://'
        $Manifest.PrivateData.PSData.LicenseUri | Should -Match '^https://'
        $Manifest.PrivateData.PSData.ReleaseNotes | Should -Not -BeNullOrEmpty
        $Manifest.PrivateData.PSData.Tags | Should -Contain 'SSH'
    }

    It 'carries the same version as the assemblies' {
        [version]$Manifest.ModuleVersion | Should -Be ([System.Reflection.AssemblyName]::GetAssemblyName((Join-Path $ModulePath 'EspriSsh.dll')).Version.ToString(3))
        $runtimeInfo = (Get-EspriSite).GetType().Assembly.GetType('EspriSsh.Core.Diagnostics.RuntimeInfo')
        $runtimeInfo::ModuleVersion | Should -Be $Manifest.ModuleVersion
    }

    It 'imports from another directory' {
        $r = Invoke-FreshPwsh -Command "Set-Location ([IO.Path]::GetTempPath()); Import-Module '$ModulePath'; (Get-EspriSite).Name"
        $r.ExitCode | Should -Be 0 -Because $r.Output
        $r.Output.Trim() | Should -Be 'IPSL ESPRI'
    }
}

BeforeDiscovery {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers/TestHelpers.psm1') -Force
    $script:ExportedCmdlets = (Import-PowerShellDataFile (Join-Path $PSScriptRoot '../out/EspriSsh/EspriSsh.psd1')).CmdletsToExport
}

Describe 'Help for <_>' -ForEach $ExportedCmdlets {
    BeforeAll {
        $script:Help = Get-Help $_ -Full
        $script:Command = Get-Command $_
        $script:Page = Join-Path (Get-RepoRoot) "docs/$_.md"
    }

    It 'has a synopsis, a description and at least one example' {
        $Help.Synopsis | Should -Not -BeNullOrEmpty
        $Help.Synopsis | Should -Not -Match '^\s*\w+-\w+ \[' -Because 'a generated syntax line means the MAML was not found'
        ($Help.Description.Text -join '') | Should -Not -BeNullOrEmpty
        @($Help.Examples.Example).Count | Should -BeGreaterThan 0
        $Help.Examples.Example[0].Code | Should -Match $_
    }

    It 'describes every parameter' {
        foreach ($name in $Command.Parameters.Keys | Where-Object { $_ -notin $CommonParameters }) {
            $p = $Help.Parameters.Parameter | Where-Object Name -eq $name
            $p | Should -Not -BeNullOrEmpty -Because "parameter -$name needs a help entry"
            ($p.Description.Text -join '') | Should -Not -BeNullOrEmpty -Because "parameter -$name needs a description"
        }
    }

    It 'has a docs page listing exactly the real parameters' {
        $Page | Should -Exist
        $documented = Select-String -Path $Page -Pattern '^### -(\w+)' | ForEach-Object { $_.Matches[0].Groups[1].Value }
        $real = $Command.Parameters.Keys | Where-Object { $_ -notin $CommonParameters }
        @($documented | Sort-Object) | Should -Be @($real | Sort-Object)
    }
}

Describe 'Help of <_> read in an 80-column terminal' -ForEach $ExportedCmdlets {
    BeforeAll {
        # Get-Help cuts lines at the last column, in the middle of words: text that fits prints the
        # same at any width. Left out: what PowerShell writes itself (SYNTAX, the common parameters
        # paragraph) and the links, which hold long URLs.
        function script:Render([int] $Width) {
            $text = (Get-Help $_ -Full | Out-String -Width $Width) -replace '\r', ''
            $text = $text -replace '(?ms)^SYNTAX\n.*?(?=^\S)', '' -replace '(?ms)^RELATED LINKS\n.*', '' -replace '(?ms)^\s*<CommonParameters>\n.*?about_CommonParameters[^\n]*\n', ''
            $text -split '\n' | ForEach-Object TrimEnd | Where-Object Length
        }
    }

    It 'prints every line of text whole: nothing wider than 79 columns' {
        $wide = Render 250
        $wide | Where-Object Length -GT 79 | Should -BeNullOrEmpty
        Render 80 | Should -Be $wide
    }

    It 'lists -WhatIf and -Confirm in SYNTAX when it supports them' {
        $command = Get-Command $_
        $syntax = (Get-Help $_).Syntax | Out-String -Width 1000
        if ($command.Parameters.ContainsKey('WhatIf')) {
            $syntax | Should -Match ([regex]::Escape('[-WhatIf] [-Confirm]'))
        }
        else {
            $syntax | Should -Not -Match 'WhatIf'
        }
    }

    It 'has an absolute URI first for Get-Help -Online' {
        $uri = @((Get-Help $_).relatedLinks.navigationLink | Where-Object { $_.uri } | ForEach-Object uri)[0]
        [uri]::IsWellFormedUriString($uri, [UriKind]::Absolute) | Should -BeTrue -Because "'$uri' is what -Online opens"
        $uri | Should -Match '^https://'
    }
}

Describe 'Errors outside the taxonomy' -Skip:(Test-Skip -CoreClrOnly) {
    It 'a failure that is not an EspriException is UnexpectedError with the exception kept, never a bare .NET type name' {
        # A cmdlet built on EspriCmdlet whose engine call fails the way a bug would.
        $script = @"
Import-Module '$ModulePath'
`$source = 'using System; using System.Management.Automation; [Cmdlet(VerbsDiagnostic.Test, "Boom")] public sealed class TestBoomCommand : EspriSsh.EspriCmdlet { protected override void ProcessRecord() => TryRun(() => throw new InvalidOperationException("the engine broke")); }'
`$references = (Join-Path '$ModulePath' 'EspriSsh.dll'), [psobject].Assembly.Location, (Join-Path ([IO.Path]::GetDirectoryName([object].Assembly.Location)) 'netstandard.dll'), 'System.Runtime'
Import-Module -Assembly (Add-Type -TypeDefinition `$source -ReferencedAssemblies `$references -IgnoreWarnings -WarningAction SilentlyContinue -PassThru)[0].Assembly
try { Test-Boom -ErrorAction Stop } catch { 'ID=' + `$_.FullyQualifiedErrorId; 'INNER=' + `$_.Exception.InnerException.GetType().FullName; 'MESSAGE=' + `$_.Exception.Message }
"@
        $r = Invoke-FreshPwsh -Command $script
        $r.Output | Should -Match 'ID=UnexpectedError,TestBoomCommand'
        $r.Output | Should -Match 'INNER=System.InvalidOperationException'
        $r.Output | Should -Match 'MESSAGE=EspriSsh failed unexpectedly: the engine broke .*This is a bug'
    }
}

Describe 'Conceptual help' {
    It 'shows about_EspriSsh' {
        $r = Invoke-FreshPwsh -Command "Import-Module '$ModulePath'; Get-Help about_EspriSsh | Out-String -Width 200"
        $r.Output | Should -Match 'New-EspriKey'
        $r.Output | Should -Match 'Set-EspriSshConfig'
        $r.Output | Should -Match 'about_EspriSsh_Deployment'
    }

    It 'ships the Intune/GPO deployment guide as about_EspriSsh_Deployment' {
        $r = Invoke-FreshPwsh -Command "Import-Module '$ModulePath'; Get-Help about_EspriSsh_Deployment | Out-String -Width 200"
        $r.Output | Should -Match 'Detect-EspriSsh\.ps1'
        $r.Output | Should -Match 'Remediate-EspriSsh\.ps1'
    }

    It '<_> fits 80 columns' -ForEach @(Get-ChildItem (Join-Path $PSScriptRoot '../docs') -Filter 'about_*.md' | ForEach-Object BaseName) {
        $file = Join-Path (Get-TestModulePath) "en-US/$_.help.txt"
        $file | Should -Exist
        Get-Content $file | Where-Object Length -GT 79 | Should -BeNullOrEmpty
    }
}

Describe 'Dependency isolation' -Skip:(Test-Skip -CoreClrOnly) {
    It 'works next to a module that already loaded another SSH.NET version' {
        $nuget = if ($env:NUGET_PACKAGES) { $env:NUGET_PACKAGES } else { Join-Path ([Environment]::GetFolderPath('UserProfile')) '.nuget/packages' }
        $old = Join-Path $nuget 'ssh.net/2024.2.0/lib/netstandard2.0/Renci.SshNet.dll'
        $old | Should -Exist -Because 'tools/tools.csproj downloads SSH.NET 2024.2.0 for this test'
        $script = @"
Add-Type -Path '$old'
`$other = [Renci.SshNet.ConnectionInfo].Assembly
Import-Module '$ModulePath'
# Core types live in the module's private load context: reach them through an object it returned.
`$ours = (Get-EspriSite).GetType().Assembly.GetType('EspriSsh.Core.Diagnostics.RuntimeInfo')
'OTHER=' + `$other.GetName().Version
'OURS=' + `$ours::SshLibraryVersion
'CONTEXT=' + `$ours::SshLibraryLoadContext
'LOCATION=' + `$ours::SshLibraryLocation
'FLAVOR=' + `$ours::CoreFlavor
'STILL=' + [Renci.SshNet.ConnectionInfo].Assembly.GetName().Version
"@
        $r = Invoke-FreshPwsh -Command $script
        $r.ExitCode | Should -Be 0 -Because $r.Output
        $r.Output | Should -Match 'OTHER=2024\.2\.0'
        $r.Output | Should -Match 'OURS=2026\.0\.0'
        $r.Output | Should -Match 'CONTEXT=EspriSsh'
        $r.Output | Should -Match ([regex]::Escape((Join-Path $ModulePath 'Dependencies')))
        $r.Output | Should -Match 'FLAVOR=net8\.0'
        $r.Output | Should -Match 'STILL=2024\.2\.0'
    }

    It 'answers the default context for EspriSsh.Core only: nobody else is handed its SSH.NET or BouncyCastle' {
        $script = @"
Import-Module '$ModulePath'
`$null = Get-EspriSite
foreach (`$name in 'Renci.SshNet', 'BouncyCastle.Cryptography') {
    try { `$a = [Reflection.Assembly]::Load(`$name); 'GOT=' + `$name + '@' + [Runtime.Loader.AssemblyLoadContext]::GetLoadContext(`$a).Name } catch { 'REFUSED=' + `$name }
}
'CORE=' + [Runtime.Loader.AssemblyLoadContext]::GetLoadContext((Get-EspriSite).GetType().Assembly).Name
"@
        $r = Invoke-FreshPwsh -Command $script
        $r.Output | Should -Match 'REFUSED=Renci\.SshNet'
        $r.Output | Should -Match 'REFUSED=BouncyCastle\.Cryptography'
        $r.Output | Should -Match 'CORE=EspriSsh'
    }

    It 'keeps its SSH.NET out of the default load context when imported first' {
        $r = Invoke-FreshPwsh -Command "Import-Module '$ModulePath'; `$null = (Get-EspriSite).GetType().Assembly.GetType('EspriSsh.Core.Diagnostics.RuntimeInfo')::SshLibraryVersion; [AppDomain]::CurrentDomain.GetAssemblies() | Where-Object { `$_.GetName().Name -eq 'Renci.SshNet' } | ForEach-Object { [Runtime.Loader.AssemblyLoadContext]::GetLoadContext(`$_).Name }"
        $r.Output.Trim() | Should -Be 'EspriSsh'
    }
}

Describe 'Native images (ReadyToRun)' -Skip:(Test-Skip -CoreClrOnly) {
    BeforeAll {
        $os = if ($IsWindows) { 'win' } elseif ($IsMacOS) { 'osx' } else { 'linux' }
        $script:Platform = "$os-$([Runtime.InteropServices.RuntimeInformation]::ProcessArchitecture.ToString().ToLowerInvariant())"
        $script:Images = Join-Path $ModulePath "Dependencies/ReadyToRun/$Platform"
        # Where the core, SSH.NET and BouncyCastle were loaded from, once a command has used them.
        $script:WhereLoaded = @"
`$runtime = (Get-EspriSite).GetType().Assembly.GetType('EspriSsh.Core.Diagnostics.RuntimeInfo')
`$null = `$runtime::SshLibraryVersion
'CORE=' + `$runtime.Assembly.Location
'SSH=' + `$runtime::SshLibraryLocation
'BC=' + [Runtime.Loader.AssemblyLoadContext]::GetLoadContext(`$runtime.Assembly).LoadFromAssemblyName([Reflection.AssemblyName]::new('BouncyCastle.Cryptography')).Location
"@
        function script:Test-NativeImage([string] $Path) {
            $stream = [IO.File]::OpenRead($Path)
            try { [Reflection.PortableExecutable.PEReader]::new($stream).PEHeaders.CorHeader.ManagedNativeHeaderDirectory.Size -gt 0 }
            finally { $stream.Dispose() }
        }
    }

    It 'loads the core and SSH.NET compiled for this platform, in the private context' -Skip:([Environment]::Version.Major -lt 10) {
        $Images | Should -Exist -Because "build.ps1 makes images for $Platform (-NativeImagePlatforms)"
        foreach ($file in 'EspriSsh.Core.dll', 'Renci.SshNet.dll', 'BouncyCastle.Cryptography.dll') { Test-NativeImage (Join-Path $Images $file) | Should -BeTrue -Because "$file holds native code" }
        $r = Invoke-FreshPwsh -Command "Import-Module '$ModulePath'; $WhereLoaded"
        $r.ExitCode | Should -Be 0 -Because $r.Output
        $r.Output | Should -Match ('CORE=' + [regex]::Escape((Join-Path $Images 'EspriSsh.Core.dll')))
        $r.Output | Should -Match ('SSH=' + [regex]::Escape((Join-Path $Images 'Renci.SshNet.dll')))
        $r.Output | Should -Match ('BC=' + [regex]::Escape((Join-Path $Images 'BouncyCastle.Cryptography.dll')))
    }

    It 'falls back to the plain IL when an image is for another platform' {
        $other = Get-ChildItem (Join-Path $ModulePath 'Dependencies/ReadyToRun') -Directory | Where-Object Name -ne $Platform | Select-Object -First 1
        $other | Should -Not -BeNullOrEmpty -Because 'the build makes images for several platforms'
        $copy = New-TestFolder 'espri-r2r-'
        try {
            Copy-Item -Recurse $ModulePath $copy
            $module = Join-Path $copy 'EspriSsh'
            # This platform's folder now holds another platform's images, which the runtime refuses to load.
            $images = New-Item -ItemType Directory -Force (Join-Path $module "Dependencies/ReadyToRun/$Platform")
            Copy-Item (Join-Path $other.FullName '*') $images -Force
            $r = Invoke-FreshPwsh -Command "Import-Module '$module'; $WhereLoaded"
            $r.ExitCode | Should -Be 0 -Because $r.Output
            $r.Output | Should -Match ('CORE=' + [regex]::Escape((Join-Path $module 'Dependencies/net8.0/EspriSsh.Core.dll')))
            $r.Output | Should -Match ('SSH=' + [regex]::Escape((Join-Path $module 'Dependencies/net8.0/Renci.SshNet.dll')))
            $r.Output | Should -Match ('BC=' + [regex]::Escape((Join-Path $module 'Dependencies/BouncyCastle.Cryptography.dll')))
        }
        finally { Remove-Item -Recurse -Force $copy -ErrorAction Ignore }
    }
}

Describe 'Package and install' {
    It 'publishes to a local repository, then Install-PSResource and Import-Module by name work' {
        $root = Get-RepoRoot
        # A throw-away home: the repository registration and the user module path live under it.
        $tempHome = New-TestFolder 'espri-home-'
        $repo = Join-Path $tempHome 'repo'
        try {
            $script = @"
`$ErrorActionPreference = 'Stop'
& '$root/tools/Publish-LocalRepository.ps1' -ModulePath '$ModulePath' -RepositoryPath '$repo' | Out-Null
Install-PSResource -Name EspriSsh -Repository EspriSshLocal -Scope CurrentUser -TrustRepository
Import-Module EspriSsh
'FROM=' + (Get-Module EspriSsh).ModuleBase
'SITE=' + (Get-EspriSite).DefaultHeadNode
'HELP=' + (Get-Help Get-EspriSite).Synopsis
"@
            $r = Invoke-FreshPwsh -Command $script -TimeoutSec 120 -WorkingDirectory $tempHome -Environment @{ HOME = $tempHome; LOCALAPPDATA = "$tempHome/.local/share"; APPDATA = "$tempHome/.config"; XDG_DATA_HOME = "$tempHome/.local/share"; XDG_CONFIG_HOME = "$tempHome/.config"; XDG_CACHE_HOME = "$tempHome/.cache" }
            $r.ExitCode | Should -Be 0 -Because $r.Output
            $r.Output | Should -Match ('FROM=' + [regex]::Escape($tempHome))
            $r.Output | Should -Match 'SITE=spirit1'
            $r.Output | Should -Match 'HELP=Shows the computing site'
            Get-ChildItem $repo -Filter 'EspriSsh.*.nupkg' | Should -Not -BeNullOrEmpty
        }
        finally {
            Remove-Item -Recurse -Force $tempHome -ErrorAction Ignore
        }
    }
}
