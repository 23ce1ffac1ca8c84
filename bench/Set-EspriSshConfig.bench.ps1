<#
.SYNOPSIS
    Target (issue 6): a 5,000-line ssh config is updated in under 100 ms in-process.
#>
param([Parameter(Mandatory)] [string] $ModulePath)
$ErrorActionPreference = 'Stop'
Import-Module $ModulePath
$dir = Join-Path ([IO.Path]::GetTempPath()) ('espri-bench-' + [guid]::NewGuid().ToString('N').Substring(0, 8))
$null = New-Item -ItemType Directory $dir
$env:ESPRISSH_HOME = $dir
try {
    # 1,000 five-line blocks, with a catch-all near the end so placement and verification have work to do.
    $lines = foreach ($i in 1..999) { "# host $i"; "Host node$i node$i.example.org"; "    HostName 10.0.$([math]::Floor($i / 250)).$($i % 250)"; "    User user$i"; "    IdentityFile ~/.ssh/key_$i" }
    $lines += '# catch-all', 'Host *', '    User bob', '    ServerAliveInterval 30', ''
    $original = ($lines -join "`n") + "`n"
    $config = Join-Path $dir 'config'
    $times = foreach ($run in 1..12) {
        [IO.File]::WriteAllText($config, $original)
        Remove-Item "$config.bak*" -ErrorAction Ignore
        $sw = [Diagnostics.Stopwatch]::StartNew()
        $r = Set-EspriSshConfig -User alice -JeanZayUser ujz01 -ConfigPath $config
        $sw.Stop()
        if (-not $r.Changed) { throw 'expected a change' }
        $sw.Elapsed.TotalMilliseconds
    }
    $lineCount = (Get-Content $config).Count
    $warm = $times | Select-Object -Skip 2 | Sort-Object
    $median = $warm[[int]($warm.Count / 2)]
    "Set-EspriSshConfig on a $($lines.Count)-line config (now $lineCount lines): first run $([math]::Round($times[0], 1)) ms, median of warm runs $([math]::Round($median, 1)) ms (target < 100 ms): $(if ($median -lt 100) { 'OK' } else { 'SLOW' })"
    $sw = [Diagnostics.Stopwatch]::StartNew()
    $null = Test-EspriSshConfig -User alice -JeanZayUser ujz01 -ConfigPath $config
    "Test-EspriSshConfig on the same file: $([math]::Round($sw.Elapsed.TotalMilliseconds, 1)) ms"
}
finally { Remove-Item -Recurse -Force $dir -ErrorAction Ignore }
