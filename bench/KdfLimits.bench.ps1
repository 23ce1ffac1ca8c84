<#
.SYNOPSIS
    Issue 14 item 4 targets: the worst key file EspriSsh accepts costs at most 3 s to open, and Ctrl+C
    (StopProcessing, here PowerShell.Stop()) ends a key derivation within 1 s. Worst accepted files:
    bcrypt 500 rounds with chacha20-poly1305 (64 bytes of key: ssh-keygen -a 500), Argon2id 256 MiB x 8
    passes (puttygen), PBKDF2-HMAC-SHA-224 with 200000 iterations and an AES-256 key (two PBKDF2 blocks,
    openssl). Each is opened by Install-EspriKey -Passphrase (which checks the passphrase) or
    Convert-PpkKey; then the same command is stopped after 300 ms and the time to stop is measured.
#>
param(
    [Parameter(Mandatory)] [string] $ModulePath,
    [int] $Repetitions = 3
)
$ErrorActionPreference = 'Stop'
Import-Module (Join-Path $PSScriptRoot '../tests/TestHelpers/TestHelpers.psm1')
Import-Module $ModulePath
foreach ($tool in 'ssh-keygen', 'puttygen', 'openssl') {
    if (-not (Get-Command $tool -ErrorAction Ignore)) { Write-Host "$tool not found: benchmark skipped."; return }
}

$dir = Join-Path ([IO.Path]::GetTempPath()) ('espri-bench-' + [guid]::NewGuid().ToString('N').Substring(0, 8))
$null = New-Item -ItemType Directory $dir
$pass = 'bench pass phrase'
$secure = ConvertTo-SecureString $pass -AsPlainText -Force

try {
    Write-Host 'Making the worst accepted files (ssh-keygen -a 500 and puttygen at 256 MiB x 8 take a few seconds)...'
    $bcrypt = Join-Path $dir 'bcrypt500'
    & ssh-keygen -q -t ed25519 -a 500 -Z chacha20-poly1305@openssh.com -N $pass -f $bcrypt
    $passFile = Join-Path $dir 'pass'
    [IO.File]::WriteAllText($passFile, $pass)
    $argon = Join-Path $dir 'argon.ppk'
    & puttygen -q -t ed25519 -o $argon --ppk-param memory=262144,passes=8 --new-passphrase $passFile
    $rsa = Join-Path $dir 'rsa.pem'
    & openssl genrsa -out $rsa 2048 2>$null
    $pbkdf2 = Join-Path $dir 'pbkdf2.pem'
    & openssl pkcs8 -topk8 -in $rsa -v2 aes-256-cbc -v2prf hmacWithSHA224 -iter 200000 -passout "pass:$pass" -out $pbkdf2
    if (-not $IsWindows) { chmod 600 $bcrypt $pbkdf2 }

    $cases = @(
        @{ Name = 'bcrypt 500 rounds (chacha20-poly1305)'; Script = "Install-EspriKey -Path '$bcrypt' -Passphrase `$p -Destination '$dir/out-{0}' -Force" }
        @{ Name = 'Argon2id 256 MiB x 8 passes (.ppk)'; Script = "Convert-PpkKey -Path '$argon' -Passphrase `$p -NoPassphrase -Destination '$dir/out-{0}' -Force -WarningAction SilentlyContinue" }
        @{ Name = 'PBKDF2-HMAC-SHA-224 200000 iterations'; Script = "Install-EspriKey -Path '$pbkdf2' -Passphrase `$p -Destination '$dir/out-{0}' -Force -WarningAction SilentlyContinue" }
    )

    $runspace = [runspacefactory]::CreateRunspace()
    $runspace.Open()
    $setup = [powershell]::Create(); $setup.Runspace = $runspace
    $null = $setup.AddScript("Import-Module '$ModulePath'; `$p = ConvertTo-SecureString '$pass' -AsPlainText -Force").Invoke()
    $run = 0
    foreach ($case in $cases) {
        $open = [Collections.Generic.List[double]]::new()
        $stop = [Collections.Generic.List[double]]::new()
        for ($i = 0; $i -lt $Repetitions; $i++) {
            $ps = [powershell]::Create(); $ps.Runspace = $runspace
            $null = $ps.AddScript(($case.Script -f $run++))
            $sw = [Diagnostics.Stopwatch]::StartNew()
            $null = $ps.Invoke()
            $open.Add($sw.Elapsed.TotalMilliseconds)
            if ($ps.HadErrors) { throw "$($case.Name): $($ps.Streams.Error[0])" }
            $ps.Dispose()

            $ps = [powershell]::Create(); $ps.Runspace = $runspace
            $null = $ps.AddScript(($case.Script -f $run++))
            $async = $ps.BeginInvoke()
            Start-Sleep -Milliseconds 300
            $sw = [Diagnostics.Stopwatch]::StartNew()
            $ps.Stop()
            $stop.Add($sw.Elapsed.TotalMilliseconds)
            $ps.Dispose()
        }

        $o = Get-Median $open; $s = Get-Median $stop
        Write-Host ('{0,-42} open: median {1,6:N0} ms (target <= 3000: {2})   stop: median {3,5:N0} ms (target <= 1000: {4})' -f $case.Name, $o, $(if ($o -le 3000) { 'MET' } else { 'NOT MET' }), $s, $(if ($s -le 1000) { 'MET' } else { 'NOT MET' }))
    }
}
finally {
    Remove-Item -Recurse -Force $dir -ErrorAction Ignore
}
