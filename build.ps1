#Requires -Version 7.2
<#
.SYNOPSIS
    The one entry point: Build | Test | Docs | Package | Demo | Bench (default: Build).
.DESCRIPTION
    Build    compiles and assembles a complete module in out/EspriSsh (works from any directory).
    Docs     generates en-US help (MAML) from docs/*.md (platyPS when importable, else our converter).
    Test     builds, runs the xUnit and Pester suites and the .NET Framework compile check, prints
             each summary and a closing line "N passed, N failed"; exits 1 on any failure.
    Package  publishes out/EspriSsh to a local PSResourceGet repository (out/repo).
    Demo     shows the module working in a sandbox (never touches your ~/.ssh).
    Bench    runs the benchmarks in bench/ (performance targets of the issues).
#>
[CmdletBinding()]
param(
    [Parameter(Position = 0)]
    [ValidateSet('Build', 'Test', 'Docs', 'Package', 'Demo', 'Bench')]
    [string] $Task = 'Build',

    [string] $Configuration = 'Release'
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version 3.0
$Root = $PSScriptRoot
$Out = Join-Path $Root 'out'
$ModuleOut = Join-Path $Out 'EspriSsh'

# A fresh pwsh process: this one's executable, or "dotnet pwsh.dll" when run as the dotnet tool.
$PwshCommand = if ((Split-Path -Leaf ([Environment]::ProcessPath)) -like 'pwsh*') { @([Environment]::ProcessPath) }
               else { @([Environment]::ProcessPath, (Join-Path $PSHOME 'pwsh.dll')) }
function Invoke-Pwsh {
    & $PwshCommand[0] @($PwshCommand | Select-Object -Skip 1) -NoProfile @args
}

function Invoke-Native([string] $What, [scriptblock] $Command) {
    & $Command
    if ($LASTEXITCODE -ne 0) { throw "$What failed (exit code $LASTEXITCODE)." }
}

function Get-ProjectVersion {
    (Select-Xml -Path (Join-Path $Root 'Directory.Build.props') -XPath '/Project/PropertyGroup/Version').Node.InnerText
}

function Invoke-Build {
    Invoke-Native 'dotnet build' { dotnet build (Join-Path $Root 'EspriSsh.slnx') -c $Configuration --nologo -v q -clp:NoSummary }

    $manifest = Import-PowerShellDataFile (Join-Path $Root 'EspriSsh.psd1')
    $version = Get-ProjectVersion
    if ($manifest.ModuleVersion -ne $version) {
        throw "EspriSsh.psd1 ModuleVersion ($($manifest.ModuleVersion)) differs from Directory.Build.props Version ($version)."
    }

    if (Test-Path $ModuleOut) { Remove-Item -Recurse -Force $ModuleOut }
    $deps = New-Item -ItemType Directory -Force (Join-Path $ModuleOut 'Dependencies')
    $null = New-Item -ItemType Directory -Force (Join-Path $deps 'net8.0')

    $cmdletBin = Join-Path $Root "src/EspriSsh/bin/$Configuration/netstandard2.0"
    $coreModern = Join-Path $Root "src/EspriSsh.Core/bin/$Configuration/net8.0/EspriSsh.Core.dll"
    Copy-Item (Join-Path $cmdletBin 'EspriSsh.dll'), (Join-Path $cmdletBin 'EspriSsh.Core.dll') $ModuleOut
    Copy-Item $coreModern (Join-Path $deps 'net8.0')
    # Third-party dlls go where normal probing never looks; the PowerShell reference assembly never ships.
    Get-ChildItem $cmdletBin -Filter *.dll |
        Where-Object Name -NotIn 'EspriSsh.dll', 'EspriSsh.Core.dll', 'System.Management.Automation.dll' |
        Copy-Item -Destination $deps
    Copy-Item (Join-Path $Root 'EspriSsh.psd1'), (Join-Path $Root 'EspriSsh.Format.ps1xml') $ModuleOut
    Copy-Item (Join-Path $Root 'LICENSE') $ModuleOut

    Invoke-Docs

    $expected = 'EspriSsh.psd1', 'EspriSsh.dll', 'EspriSsh.Core.dll', 'EspriSsh.Format.ps1xml',
        'en-US/EspriSsh.dll-Help.xml', 'en-US/about_EspriSsh.help.txt', 'Dependencies/net8.0/EspriSsh.Core.dll',
        'Dependencies/Renci.SshNet.dll', 'Dependencies/BouncyCastle.Cryptography.dll'
    $missing = $expected | Where-Object { -not (Test-Path (Join-Path $ModuleOut $_)) }
    if ($missing) { throw "Build is incomplete, missing: $($missing -join ', ')" }
    Write-Host "Module built: $ModuleOut (version $version)"
}

function Invoke-Docs {
    $helpDir = New-Item -ItemType Directory -Force (Join-Path $ModuleOut 'en-US')
    $docs = Join-Path $Root 'docs'
    if (Get-Module -ListAvailable platyPS) {
        Import-Module platyPS
        $null = New-ExternalHelp -Path (Get-ChildItem $docs -Filter '*-*.md').FullName -OutputPath $helpDir -Force
    }
    else {
        & (Join-Path $Root 'tools/ConvertTo-Maml.ps1') -DocsPath $docs -OutputPath (Join-Path $helpDir 'EspriSsh.dll-Help.xml')
    }
    # Conceptual help: Get-Help about_EspriSsh reads about_*.help.txt beside the manifest's culture folder.
    Get-ChildItem $docs -Filter 'about_*.md' | ForEach-Object {
        Copy-Item $_.FullName (Join-Path $helpDir ($_.BaseName + '.help.txt'))
    }
}

function Get-PesterPath {
    Invoke-Native 'dotnet restore tools' { dotnet restore (Join-Path $Root 'tools/tools.csproj') --nologo -v q }
    $nugetRoot = if ($env:NUGET_PACKAGES) { $env:NUGET_PACKAGES } else { Join-Path ([Environment]::GetFolderPath('UserProfile')) '.nuget/packages' }
    Join-Path $nugetRoot 'pester/5.7.1/tools/Pester.psd1'
}

function Invoke-Test {
    Invoke-Build
    $failed = 0; $passed = 0

    Write-Host "`n=== .NET Framework 4.7.2 compile check (Windows PowerShell 5.1 API surface) ==="
    dotnet build (Join-Path $Root 'src/EspriSsh.Core/EspriSsh.Core.csproj') -c $Configuration -p:EspriCompatCheck=true --nologo -v q -clp:ErrorsOnly
    if ($LASTEXITCODE -eq 0) { $passed++; Write-Host 'net472 compile check: passed' } else { $failed++; Write-Host 'net472 compile check: FAILED' }

    Write-Host "`n=== xUnit (EspriSsh.Core.Tests) ==="
    $xunitOutput = dotnet test (Join-Path $Root 'tests/EspriSsh.Core.Tests/EspriSsh.Core.Tests.csproj') -c $Configuration -f net10.0 --no-build --nologo 2>&1
    $xunitOutput | Write-Host
    $summary = $xunitOutput | Select-String -Pattern 'Failed:\s*(\d+),\s*Passed:\s*(\d+),\s*Skipped:\s*(\d+)' | Select-Object -Last 1
    if ($summary) {
        $failed += [int]$summary.Matches[0].Groups[1].Value
        $passed += [int]$summary.Matches[0].Groups[2].Value
        Write-Host "xUnit: $($summary.Matches[0].Groups[2].Value) passed, $($summary.Matches[0].Groups[1].Value) failed, $($summary.Matches[0].Groups[3].Value) skipped"
    }
    else {
        $failed++
        Write-Host 'xUnit: no summary found (the test run crashed); counted as a failure'
    }

    Write-Host "`n=== Pester (cmdlets, against out/EspriSsh in a fresh process) ==="
    $pester = Get-PesterPath
    $resultFile = Join-Path $Out 'pester-result.json'
    Remove-Item $resultFile -ErrorAction Ignore
    Invoke-Pwsh -NonInteractive -File (Join-Path $Root 'tests/Invoke-PesterSuite.ps1') -PesterPath $pester -ResultFile $resultFile
    if (Test-Path $resultFile) {
        $pesterResult = Get-Content -Raw $resultFile | ConvertFrom-Json
        $passed += $pesterResult.Passed
        $failed += $pesterResult.Failed
        Write-Host "Pester: $($pesterResult.Passed) passed, $($pesterResult.Failed) failed, $($pesterResult.Skipped) skipped"
    }
    else {
        $failed++
        Write-Host 'Pester: no result (the run crashed); counted as a failure'
    }

    Write-Host ''
    Write-Host "$passed passed, $failed failed"
    if ($failed -gt 0) { exit 1 }
}

function Invoke-Package {
    if (-not (Test-Path (Join-Path $ModuleOut 'EspriSsh.psd1'))) { Invoke-Build }
    $repoPath = Join-Path $Out 'repo'
    $null = New-Item -ItemType Directory -Force $repoPath
    Get-ChildItem $repoPath -Filter 'EspriSsh.*.nupkg' | Remove-Item
    & (Join-Path $Root 'tools/Publish-LocalRepository.ps1') -ModulePath $ModuleOut -RepositoryPath $repoPath
}

function Invoke-Demo {
    Invoke-Build
    Invoke-Pwsh -File (Join-Path $Root 'tools/Demo.ps1') -ModulePath $ModuleOut
    if ($LASTEXITCODE -ne 0) { throw "Demo failed (exit code $LASTEXITCODE)." }
}

function Invoke-Bench {
    Invoke-Build
    foreach ($bench in Get-ChildItem (Join-Path $Root 'bench') -Filter '*.ps1' | Sort-Object Name) {
        Write-Host "`n=== $($bench.BaseName) ==="
        Invoke-Pwsh -File $bench.FullName -ModulePath $ModuleOut
    }
}

switch ($Task) {
    'Build' { Invoke-Build }
    'Docs' { if (-not (Test-Path $ModuleOut)) { Invoke-Build } else { Invoke-Docs } }
    'Test' { Invoke-Test }
    'Package' { Invoke-Package }
    'Demo' { Invoke-Demo }
    'Bench' { Invoke-Bench }
}
