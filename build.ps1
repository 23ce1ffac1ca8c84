#Requires -Version 7.2
<#
.SYNOPSIS
    The one entry point: Build | Test | Docs | Package | Demo | Bench (default: Build).
.DESCRIPTION
    Build    compiles and assembles a complete module in out/EspriSsh (works from any directory).
    Docs     generates en-US help (MAML) from docs/*.md (platyPS when importable, else our converter).
    Test     builds, runs the .NET Framework compile check, xUnit on .NET 10 and on net472 (Mono on
             Linux/macOS when mono is on PATH, .NET Framework on Windows) and Pester, prints each
             summary and a closing line "N passed, N failed, N skipped"; exits 1 on any failure.
    Package  publishes out/EspriSsh to a local PSResourceGet repository (out/repo).
    Demo     shows the module working in a sandbox (never touches your ~/.ssh).
    Bench    runs the benchmarks in bench/ (performance targets of the issues).
#>
[CmdletBinding()]
param(
    [Parameter(Position = 0)]
    [ValidateSet('Build', 'Test', 'Docs', 'Package', 'Demo', 'Bench')]
    [string] $Task = 'Build',

    [string] $Configuration = 'Release',

    # Platforms (runtime identifiers) whose pwsh 7.6+ gets native (ReadyToRun) images of the core and
    # SSH.NET; any other platform runs the same IL through the JIT. None: -NativeImagePlatforms @().
    [string[]] $NativeImagePlatforms = @('win-x64', 'linux-x64', 'osx-arm64')
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version 3.0
$Root = $PSScriptRoot
$Out = Join-Path $Root 'out'
$ModuleOut = Join-Path $Out 'EspriSsh'
# What Test leaves for CI to keep (uploaded even when a test fails): TRX, xUnit XML, Pester NUnit XML.
$TestResults = Join-Path $Out 'test-results'

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
    $coreModern = Join-Path $Root "src/EspriSsh.Core/bin/$Configuration/net8.0"
    Copy-Item (Join-Path $cmdletBin 'EspriSsh.dll'), (Join-Path $cmdletBin 'EspriSsh.Core.dll') $ModuleOut
    Copy-Item (@('EspriSsh.Core.dll') + $ModernDependencies | ForEach-Object { Join-Path $coreModern $_ }) (Join-Path $deps 'net8.0')
    # Third-party dlls go where normal probing never looks, exactly those of the allow-list.
    $allowed = Get-ShippedDependencies
    $built = Get-ChildItem $cmdletBin -Filter *.dll | Where-Object Name -NotIn 'EspriSsh.dll', 'EspriSsh.Core.dll', 'System.Management.Automation.dll'
    $unexpected = $built.Name | Where-Object { $_ -notin $allowed }
    $absent = $allowed | Where-Object { $_ -notin $built.Name }
    if ($unexpected -or $absent) {
        throw "Dependencies differ from tools/ShippedDependencies.txt: not listed: $($unexpected -join ', '); missing: $($absent -join ', ')."
    }
    $built | Copy-Item -Destination $deps
    Copy-Item (Join-Path $Root 'EspriSsh.psd1'), (Join-Path $Root 'EspriSsh.Format.ps1xml') $ModuleOut
    Copy-Item (Join-Path $Root 'LICENSE') $ModuleOut

    Invoke-Docs
    Add-NativeImages

    $expected = 'EspriSsh.psd1', 'EspriSsh.dll', 'EspriSsh.Core.dll', 'EspriSsh.Format.ps1xml',
        'en-US/EspriSsh.dll-Help.xml', 'en-US/about_EspriSsh.help.txt', 'en-US/about_EspriSsh_Deployment.help.txt', 'Dependencies/net8.0/EspriSsh.Core.dll',
        'Dependencies/net8.0/Renci.SshNet.dll'
    $missing = $expected | Where-Object { -not (Test-Path (Join-Path $ModuleOut $_)) }
    if ($missing) { throw "Build is incomplete, missing: $($missing -join ', ')" }
    Write-Host "Module built: $ModuleOut (version $version)"
}

# The dependencies pwsh 7 takes in their net8.0 build (Dependencies/net8.0/, beside the core's), not the
# netstandard2.0 one of Dependencies/. SSH.NET's matches its line to the server's greeting with a
# source-generated regex where the netstandard2.0 build compiles one through Reflection.Emit at the
# first connection (~7 ms of the first Test-EspriConnection's Banner stage). BouncyCastle stays
# netstandard2.0: its net6.0 build's vector code (curve25519 fields, ed25519 tables) is left out of the
# ReadyToRun images at their instruction-set baseline, and the JIT's unoptimised first pass over it made
# the first call's Config and HostKey stages slower than they are with the plain build precompiled.
$ModernDependencies = @('Renci.SshNet.dll')

# The dlls compiled ahead of time: what the first call of a cmdlet runs (tools/ReadyToRun/ReadyToRun.csproj).
# BouncyCastle (the key exchange, host key and key signatures) is the largest, about 11 MB a platform
# (4.9 MB of IL): the first Test-EspriConnection then JIT-compiles ~235 fewer methods and uses ~30 ms
# less CPU (bench/FirstCall counts). Drop it from this list to trade that time for package size.
$NativeImageFiles = 'EspriSsh.Core.dll', 'Renci.SshNet.dll', 'Microsoft.Extensions.Logging.Abstractions.dll', 'BouncyCastle.Cryptography.dll'

function Add-NativeImages {
    <#
    Dependencies/ReadyToRun/<platform>/: the same IL as the plain dlls plus native code for that
    platform and .NET 10, which DependencyLoader prefers on pwsh 7.6+ (the first call then waits for
    the JIT on about a fifth as many methods). Crossgen2 runs only when an input dll changed: the
    images of the last inputs are kept in tools/ReadyToRun/obj/native, keyed by their hashes.
    #>
    if (-not $NativeImagePlatforms) { return }
    $inputs = @($NativeImageFiles | ForEach-Object { $modern = Join-Path $ModuleOut "Dependencies/net8.0/$_"; if (Test-Path $modern) { $modern } else { Join-Path $ModuleOut "Dependencies/$_" } })
    $key = (@($inputs | ForEach-Object { (Get-FileHash $_ -Algorithm SHA256).Hash }) + $NativeImagePlatforms) -join ','
    $project = Join-Path $Root 'tools/ReadyToRun/ReadyToRun.csproj'
    $cache = Join-Path $Root 'tools/ReadyToRun/obj/native'
    $stamp = Join-Path $cache 'inputs.txt'
    if (-not (Test-Path $stamp) -or (Get-Content -Raw $stamp).Trim() -ne $key) {
        Remove-Item -Recurse -Force $cache -ErrorAction Ignore
        Invoke-Native 'ReadyToRun compilation' {
            dotnet msbuild $project -restore -t:PublishPlatforms -p:Configuration=Release "-p:NativeImagePlatforms=$($NativeImagePlatforms -join ' ')" `
                "-p:ModuleFolder=$ModuleOut" "-p:NativeImageOut=$cache" -nologo -v:q -clp:NoSummary
        }
        Set-Content $stamp $key
    }
    foreach ($platform in $NativeImagePlatforms) {
        $target = New-Item -ItemType Directory -Force (Join-Path $ModuleOut "Dependencies/ReadyToRun/$platform")
        foreach ($file in $NativeImageFiles) {
            $image = Join-Path $cache "$platform/$file"
            if (-not (Test-ReadyToRunImage $image)) { throw "ReadyToRun compilation made no native image $image." }
            Copy-Item $image $target
        }
    }
}

function Test-ReadyToRunImage([string] $Path) {
    if (-not (Test-Path $Path)) { return $false }
    $stream = [IO.File]::OpenRead($Path)
    try { [Reflection.PortableExecutable.PEReader]::new($stream).PEHeaders.CorHeader.ManagedNativeHeaderDirectory.Size -gt 0 }
    finally { $stream.Dispose() }
}

function Get-ShippedDependencies {
    Get-Content (Join-Path $Root 'tools/ShippedDependencies.txt') | Where-Object { $_ -and -not $_.StartsWith('#') }
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

function Get-NuGetRoot {
    if ($env:NUGET_PACKAGES) { $env:NUGET_PACKAGES } else { Join-Path ([Environment]::GetFolderPath('UserProfile')) '.nuget/packages' }
}

function Restore-TestTools {
    # Pester and the xUnit console runner, as NuGet packages (tools/tools.csproj).
    Invoke-Native 'dotnet restore tools' { dotnet restore (Join-Path $Root 'tools/tools.csproj') --nologo -v q }
}

function New-SuiteResult([string] $Name, [int] $Passed, [int] $Failed, [int] $Skipped) {
    # The summary line has exactly this form; skips (each listed above with its reason) get their own.
    Write-Host "${Name}: $Passed passed, $Failed failed"
    if ($Skipped) { Write-Host "${Name}: $Skipped skipped" }
    [pscustomobject]@{ Name = $Name; Passed = $Passed; Failed = $Failed; Skipped = $Skipped }
}

function Invoke-CompatCheck {
    Write-Host "`n=== .NET Framework 4.7.2 compile check (Windows PowerShell 5.1 API surface) ==="
    dotnet build (Join-Path $Root 'src/EspriSsh.Core/EspriSsh.Core.csproj') -c $Configuration -p:EspriCompatCheck=true --nologo -v q -clp:ErrorsOnly | Write-Host
    $ok = $LASTEXITCODE -eq 0
    New-SuiteResult 'net472 compile check' ([int]$ok) ([int](-not $ok)) 0
}

function Invoke-XunitNet {
    Write-Host "`n=== xUnit net10.0 (EspriSsh.Core.Tests) ==="
    $trx = Join-Path $TestResults 'xunit-net10.trx'
    Remove-Item $trx -ErrorAction Ignore
    dotnet test (Join-Path $Root 'tests/EspriSsh.Core.Tests/EspriSsh.Core.Tests.csproj') -c $Configuration -f net10.0 --no-build --nologo `
        --logger "trx;LogFileName=$trx" --logger 'console;verbosity=minimal' | Write-Host
    if (-not (Test-Path $trx)) { return New-SuiteResult 'xUnit net10.0 (no TRX: the run crashed)' 0 1 0 }
    # Counted from the TRX results themselves: its Counters leave skipped tests out.
    [xml] $doc = Get-Content -Raw $trx
    $results = @($doc.TestRun.Results.UnitTestResult)
    $skipped = @($results | Where-Object outcome -eq 'NotExecuted')
    $skipped | ForEach-Object { Write-Host "  skipped: $($_.testName): $($_.Output.ErrorInfo.Message)" }
    $passed = @($results | Where-Object outcome -eq 'Passed').Count
    $failed = $results.Count - $passed - $skipped.Count
    if ($doc.TestRun.ResultSummary.outcome -notin 'Completed', 'Passed' -and $failed -eq 0) { $failed = 1 } # aborted run
    New-SuiteResult 'xUnit net10.0' $passed $failed $skipped.Count
}

# The net472 run takes one item in this many of the whole-corpus sweeps against the real ssh
# (tests/EspriSsh.Core.Tests/SweepSample.cs): the net10.0 run of the same Test sweeps them whole.
# Under Mono they were half of the run. Why 2 and not more: docs/ARCHITECTURE.md (Tests).
$Net472SweepStride = 2

function Start-XunitNet472 {
    <#
    The net472 build of the tests over the shipped netstandard2.0 closure (out/EspriSsh's core and
    Dependencies/ replace the test build's copies), as Windows PowerShell 5.1 loads it: on .NET
    Framework on Windows, under Mono elsewhere. Mono-only failures are skipped by NotOnMono.
    It runs beside the net10.0 run (its output goes to a log shown whole when it ends), so that
    each run's single-threaded stretches leave the other core to the other.
    #>
    $runtime = if ($IsWindows) { '.NET Framework' } elseif (Get-Command mono -CommandType Application -ErrorAction Ignore) { 'Mono' }
    $script:Net472Run = @{ Runtime = $runtime; Log = (Join-Path $TestResults 'xunit-net472-console.log'); Xml = (Join-Path $TestResults 'xunit-net472.xml') }
    if (-not $runtime) { return }
    $run = Join-Path $Out 'test-net472'
    Remove-Item -Recurse -Force $run -ErrorAction Ignore
    Copy-Item -Recurse (Join-Path $Root "tests/EspriSsh.Core.Tests/bin/$Configuration/net472") $run
    Copy-Item (Join-Path $ModuleOut 'EspriSsh.Core.dll'), (Join-Path $ModuleOut 'Dependencies/*.dll') $run -Force
    $console = Join-Path (Get-NuGetRoot) 'xunit.runner.console/2.4.1/tools/net472/xunit.console.exe'
    Remove-Item $Net472Run.Xml -ErrorAction Ignore
    $arguments = @((Join-Path $run 'EspriSsh.Core.Tests.dll'), '-xml', $Net472Run.Xml, '-noshadow', '-nologo', '-nocolor')
    # Under Mono a message sent after the test AppDomain unloads can abort the report: no app domain
    # there (Mono binds without the test's binding redirects; .NET Framework needs them, and its own).
    $command = if ($runtime -eq 'Mono') { @('mono', $console) + $arguments + '-noappdomain' } else { @($console) + $arguments }
    # Read by the net472 test build only (SweepSample): the net10.0 run started after this one sweeps whole.
    $env:ESPRISSH_TEST_SWEEP_STRIDE = $Net472SweepStride
    $Net472Run.Job = Start-ThreadJob { param($command, $log) & $command[0] @($command | Select-Object -Skip 1) *> $log } -ArgumentList $command, $Net472Run.Log
}

function Complete-XunitNet472 {
    $runtime = $Net472Run.Runtime
    Write-Host "`n=== xUnit net472 ($(if ($runtime) { "$runtime; ran beside the net10.0 run" } else { 'not run: no mono on PATH' })) ==="
    if (-not $runtime) { return }
    $null = Wait-Job $Net472Run.Job
    Receive-Job $Net472Run.Job | Write-Host
    if (Test-Path $Net472Run.Log) { Get-Content $Net472Run.Log | Write-Host }
    Write-Host "(the net472 run took $(Get-JobSeconds $Net472Run.Job) s)"
    Remove-Job $Net472Run.Job
    $xml = $Net472Run.Xml
    $name = "xUnit net472 ($runtime)"
    if (-not (Test-Path $xml)) { return New-SuiteResult "$name (no result: the run crashed)" 0 1 0 }
    # The console listed each skip with its reason. A run that did not finish has no totals, and
    # its fatal errors are <error> elements: each counts as a failure.
    [xml] $doc = Get-Content -Raw $xml
    $assembly = $doc.assemblies.assembly
    $count = { param($attribute) [int]$assembly.GetAttribute($attribute) }
    $errors = @($assembly.SelectNodes('errors/error')).Count
    if (-not $assembly.HasAttribute('total')) { $errors = [Math]::Max($errors, 1) }
    New-SuiteResult $name (& $count passed) ((& $count failed) + $errors) (& $count skipped)
}

# The Pester files, longest first (measured): run by two processes side by side, the last file to
# start is a short one. A file not listed runs after these; the order changes the time, never a result.
$PesterLongestFirst = 'Agent', 'Terminal', 'SupportTruth', 'Deployment', 'Module', 'HostileInput', 'New-EspriKey',
    'Convert-PpkKey', 'Set-EspriSshConfig', 'Test-EspriConnection', 'Advice', 'RealWorldKeys'
$PesterProcesses = 2

function Start-PesterTests {
    <#
    Pester's run mostly waits (sshd, agents, a person's 12 s answer, tmux), the xUnit runs mostly compute:
    one after the other they took 12 minutes on 2 cores, side by side well under 10. Pester runs in
    $PesterProcesses fresh processes sharing a queue of the test files (tests/Invoke-PesterSuite.ps1
    -Queue), so that one file's waits overlap another's; each process's output goes to a log shown
    whole when it ends, never interleaved with another's.
    #>
    $queue = New-Item -ItemType Directory -Force (Join-Path $TestResults 'pester-queue')
    $files = Get-ChildItem (Join-Path $Root 'tests') -Filter '*.Tests.ps1' |
        Sort-Object { $rank = [array]::IndexOf($PesterLongestFirst, $_.Name -replace '\.Tests\.ps1$'); if ($rank -lt 0) { 1000 } else { $rank } }, Name
    $n = 0
    foreach ($file in $files) { Set-Content (Join-Path $queue ('{0:d3}-{1}.queued' -f $n++, $file.Name)) $file.FullName }
    $script:PesterRuns = foreach ($i in 1..$PesterProcesses) {
        $resultFile = Join-Path $TestResults "pester-$i.json"
        $command = @($PwshCommand) + @('-NoProfile', '-NonInteractive', '-File', (Join-Path $Root 'tests/Invoke-PesterSuite.ps1')) +
            (Get-PesterArguments $resultFile) + @('-Queue', $queue.FullName)
        $log = Join-Path $TestResults "pester-$i-console.log"
        @{
            Job = Start-ThreadJob { param($command, $log) & $command[0] @($command | Select-Object -Skip 1) *> $log } -ArgumentList $command, $log
            Log = $log
            ResultFile = $resultFile
        }
    }
}

function Complete-PesterTests {
    Write-Host "`n=== Pester (cmdlets, against out/EspriSsh in $PesterProcesses fresh processes; ran beside the xUnit runs) ==="
    $results = for ($i = 0; $i -lt $PesterRuns.Count; $i++) {
        $run = $PesterRuns[$i]
        $null = Wait-Job $run.Job
        Receive-Job $run.Job | Write-Host
        if (Test-Path $run.Log) { Get-Content $run.Log | Write-Host }
        Write-Host "(Pester process $($i + 1) took $(Get-JobSeconds $run.Job) s)"
        Remove-Job $run.Job
        Read-PesterResult "Pester process $($i + 1)" $run.ResultFile
    }
    # A file still queued was never run: it counts as a failure, never as nothing.
    $queue = Join-Path $TestResults 'pester-queue'
    $notRun = @(Get-ChildItem $queue -Filter '*.queued' -ErrorAction Ignore)
    $notRun | ForEach-Object { Write-Host "  not run: $($_.Name)" }
    Remove-Item -Recurse -Force $queue -ErrorAction Ignore
    New-SuiteResult 'Pester' ($results | Measure-Object Passed -Sum).Sum (($results | Measure-Object Failed -Sum).Sum + $notRun.Count) ($results | Measure-Object Skipped -Sum).Sum
}

function Invoke-PesterWindowsPowerShell {
    # The test files written for 5.1 too (Invoke-PesterSuite.ps1 picks them in Windows PowerShell),
    # in Windows PowerShell itself: the module as most users load it.
    $powershell = if ($IsWindows) { Get-Command powershell.exe -CommandType Application -ErrorAction Ignore }
    Write-Host "`n=== Pester in Windows PowerShell 5.1$(if (-not $powershell) { ' (not run: Windows only)' }) ==="
    if (-not $powershell) { return }
    Invoke-PesterSuite 'Pester (Windows PowerShell 5.1)' 'pester-windows-powershell' {
        param($suite) & $powershell.Source -NoProfile -NonInteractive -ExecutionPolicy Bypass -File $suite @args
    }
}

function Invoke-PesterSuite([string] $Name, [string] $ResultName, [scriptblock] $Runner) {
    # $Runner starts tests/Invoke-PesterSuite.ps1 in a fresh PowerShell process and passes it the arguments;
    # it writes the counts to <ResultName>.json and Pester's NUnit report beside it.
    $resultFile = Join-Path $TestResults "$ResultName.json"
    Remove-Item $resultFile -ErrorAction Ignore
    # To the console: a suite function returns only its result object.
    & $Runner (Join-Path $Root 'tests/Invoke-PesterSuite.ps1') @(Get-PesterArguments $resultFile) | Write-Host
    Read-PesterResult $Name $resultFile
}

function Get-PesterArguments([string] $ResultFile) {
    @('-PesterPath', (Join-Path (Get-NuGetRoot) 'pester/5.7.1/tools/Pester.psd1'), '-ResultFile', $ResultFile)
}

function Read-PesterResult([string] $Name, [string] $ResultFile) {
    if (-not (Test-Path $ResultFile)) { return New-SuiteResult "$Name (no result: the run crashed)" 0 1 0 }
    $result = Get-Content -Raw $ResultFile | ConvertFrom-Json
    New-SuiteResult $Name $result.Passed $result.Failed $result.Skipped
}

function Get-JobSeconds($Job) { [int]($Job.PSEndTime - $Job.PSBeginTime).TotalSeconds }

function Invoke-Test {
    $clock = [Diagnostics.Stopwatch]::StartNew()
    Invoke-Build
    Write-Host "(Invoke-Build took $([int]$clock.Elapsed.TotalSeconds) s)"
    Restore-TestTools
    Remove-Item -Recurse -Force $TestResults -ErrorAction Ignore
    $null = New-Item -ItemType Directory $TestResults
    # Pester (waiting mostly) and the net472 run start first and run in the background; the compile
    # check and the net10.0 run go meanwhile; each background run is shown whole when it ends.
    $suites = foreach ($suite in 'Start-PesterTests', 'Start-XunitNet472', 'Invoke-CompatCheck', 'Invoke-XunitNet', 'Complete-XunitNet472', 'Complete-PesterTests', 'Invoke-PesterWindowsPowerShell') {
        $clock = [Diagnostics.Stopwatch]::StartNew()
        # Only result objects are counted; any other output is shown, never silently summed away.
        & $suite | ForEach-Object { if ($_.PSObject.Properties['Failed']) { $_ } else { Write-Host $_ } }
        Write-Host "($suite took $([int]$clock.Elapsed.TotalSeconds) s)"
    }
    $passed = ($suites | Measure-Object Passed -Sum).Sum
    $failed = ($suites | Measure-Object Failed -Sum).Sum
    $skipped = ($suites | Measure-Object Skipped -Sum).Sum
    Write-Host ''
    Write-Host "$passed passed, $failed failed, $skipped skipped"
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
