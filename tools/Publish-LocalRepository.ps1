<#
.SYNOPSIS
    Publishes a built module to a folder repository with PSResourceGet: our stand-in for the Gallery.
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory)] [string] $ModulePath,
    [Parameter(Mandatory)] [string] $RepositoryPath,
    [string] $RepositoryName = 'EspriSshLocal'
)
$ErrorActionPreference = 'Stop'
Import-Module Microsoft.PowerShell.PSResourceGet
$null = New-Item -ItemType Directory -Force $RepositoryPath
if (-not (Get-PSResourceRepository -Name $RepositoryName -ErrorAction Ignore)) {
    Register-PSResourceRepository -Name $RepositoryName -Uri $RepositoryPath -Trusted
}
else {
    Set-PSResourceRepository -Name $RepositoryName -Uri $RepositoryPath -Trusted
}
Publish-PSResource -Path $ModulePath -Repository $RepositoryName -SkipDependenciesCheck
Get-ChildItem $RepositoryPath -Filter '*.nupkg' | ForEach-Object { Write-Host "Published $($_.FullName)" }
