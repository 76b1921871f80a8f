#Requires -Version 5.1
#Requires -PSEdition Desktop
#Requires -RunAsAdministrator
<#
.SYNOPSIS
    Removes the NodeAgent Windows service that install.ps1 installed.
.DESCRIPTION
    Stops and deletes the service, its firewall rule and "$env:ProgramFiles\NodeAgent". The configuration and
    the data in "$env:ProgramData\NodeAgent" (the spool, the pseudonymised store, the index) and the Event Log
    source are kept, so a reinstall carries on, unless -Purge is given: then they are deleted too.
    For Windows PowerShell 5.1 (powershell.exe; pwsh lacks Remove-EventLog) on Windows Server 2019/2022 and
    Windows 10/11.
.EXAMPLE
    .\uninstall.ps1 -Purge
#>
param(
    # Also delete the configuration, all received data and the Event Log source.
    [switch] $Purge
)
$ErrorActionPreference = 'Stop'

$name = 'NodeAgent'
$appDir = Join-Path $env:ProgramFiles $name
$configDir = Join-Path $env:ProgramData $name

$service = Get-Service -Name $name -ErrorAction SilentlyContinue
if ($service) {
    if ($service.Status -ne 'Stopped') { Stop-Service -Name $name -Force }
    # sc.exe, not sc (Set-Content); Remove-Service needs PowerShell 6 or later.
    $output = & sc.exe delete $name
    if ($LASTEXITCODE -ne 0) { throw "sc.exe delete $name failed with exit code ${LASTEXITCODE}: $output" }
}

Remove-NetFirewallRule -Name 'NodeAgent-DICOM' -ErrorAction SilentlyContinue
if (Test-Path $appDir) { Remove-Item -Path $appDir -Recurse -Force }

if ($Purge) {
    if (Test-Path $configDir) { Remove-Item -Path $configDir -Recurse -Force }
    if ([System.Diagnostics.EventLog]::SourceExists($name)) { Remove-EventLog -Source $name }
    Write-Host "NodeAgent is removed, with its configuration, its data and its Event Log source."
} else {
    Write-Host "NodeAgent is removed. Kept the configuration and the data in $configDir (-Purge deletes them)."
}
