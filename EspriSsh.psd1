@{
    RootModule           = 'EspriSsh.dll'
    ModuleVersion        = '0.1.0'
    GUID                 = 'd4ef340a-226e-4f34-8222-4eb4384d8e87'
    Author               = 'ESPRI / IPSL'
    CompanyName          = 'IPSL ESPRI'
    Copyright            = '(c) IPSL ESPRI. MIT License.'
    Description          = 'SSH-key access to the IPSL/ESPRI computing centre (spirit1/spirit2, spiritx1/2, hal) and to IDRIS Jean Zay through it: make the right key, convert PuTTY keys, write ~/.ssh/config aliases, test the connection stage by stage and produce the support report.'
    CompatiblePSEditions = @('Desktop', 'Core')
    PowerShellVersion    = '5.1'
    DotNetFrameworkVersion = '4.7.2'
    CmdletsToExport      = @(
        'Start-EspriSetup'
        'Get-EspriDebugReport'
        'Convert-PpkKey'
        'Get-EspriSite'
        'Test-EspriPublicKey'
        'New-EspriKey'
        'Get-EspriKey'
        'Install-EspriKey'
        'Repair-EspriKeyPermission'
        'Set-EspriSshConfig'
        'Test-EspriSshConfig'
        'Test-EspriConnection'
    )
    FunctionsToExport    = @()
    AliasesToExport      = @()
    VariablesToExport    = @()
    FormatsToProcess     = @('EspriSsh.Format.ps1xml')
    PrivateData          = @{
        PSData = @{
            Tags         = @('SSH', 'OpenSSH', 'PuTTY', 'ppk', 'ed25519', 'IPSL', 'ESPRI', 'IDRIS', 'JeanZay', 'Windows', 'Linux', 'MacOS', 'PSEdition_Desktop', 'PSEdition_Core')
            ProjectUri   = 'https://github.com/ipsl-espri/EspriSsh'
            LicenseUri   = 'https://github.com/ipsl-espri/EspriSsh/blob/main/LICENSE'
            ReleaseNotes = 'First release: Start-EspriSetup (the whole page in one command), Get-EspriSite, New-EspriKey, Convert-PpkKey, Test-EspriPublicKey, Set-/Test-EspriSshConfig, Test-EspriConnection, Get-EspriDebugReport, Install-EspriKey, Get-EspriKey, Repair-EspriKeyPermission.'
        }
    }
}
