#Requires -Version 5.1
#Requires -PSEdition Desktop
#Requires -RunAsAdministrator
<#
.SYNOPSIS
    Installs or upgrades NodeAgent as the Windows service "NodeAgent".
.DESCRIPTION
    Copies a win-x64 publish folder to "$env:ProgramFiles\NodeAgent", writes a starter configuration (never over
    an existing one) and a data directory that only the service, SYSTEM and Administrators can open to
    "$env:ProgramData\NodeAgent", registers the service (automatic start, virtual account NT SERVICE\NodeAgent,
    restart on failure), the Event Log source and a firewall rule for the DICOM port, and starts the service.
    Run it again to upgrade. For Windows PowerShell 5.1 (powershell.exe; pwsh lacks New-EventLog) on Windows
    Server 2019/2022 and Windows 10/11.
.EXAMPLE
    .\install.ps1 -PublishDir C:\build\nodeagent-win-x64 -Port 11112 -RemoteAddress 10.1.2.3
#>
param(
    [Parameter(Mandatory = $true)] [string] $PublishDir,  # from dotnet publish -r win-x64 --self-contained
    [ValidateRange(1, 65535)] [int] $Port = 11112,          # in a new configuration, and opened in the firewall
    [string[]] $RemoteAddress = @('Any')                     # who may reach the port, e.g. the PACS address
)
$ErrorActionPreference = 'Stop'

$name = 'NodeAgent'
$account = "NT SERVICE\$name"
$appDir = Join-Path $env:ProgramFiles $name
$configDir = Join-Path $env:ProgramData $name
$configFile = Join-Path $configDir 'appsettings.json'
$dataDir = Join-Path $configDir 'data'
$exe = Join-Path $appDir 'nodeagent.exe'

function Invoke-Sc {
    # sc.exe, not sc: in PowerShell "sc" is Set-Content. Native commands do not throw, so check the exit code.
    $output = & sc.exe @args
    if ($LASTEXITCODE -ne 0) { throw "sc.exe $args failed with exit code ${LASTEXITCODE}: $output" }
}

function Set-PrivateAcl([string] $Path, [string] $Rights) {
    # No inherited entries (drops BUILTIN\Users); SYSTEM and Administrators by SID, as their names are localised.
    $acl = New-Object System.Security.AccessControl.DirectorySecurity
    $acl.SetAccessRuleProtection($true, $false)
    $inherit = 'ContainerInherit, ObjectInherit'
    foreach ($sid in 'S-1-5-18', 'S-1-5-32-544') {
        $who = New-Object System.Security.Principal.SecurityIdentifier($sid)
        $acl.AddAccessRule((New-Object System.Security.AccessControl.FileSystemAccessRule($who, 'FullControl', $inherit, 'None', 'Allow')))
    }
    $serviceAccount = New-Object System.Security.Principal.NTAccount($account)
    $acl.AddAccessRule((New-Object System.Security.AccessControl.FileSystemAccessRule($serviceAccount, $Rights, $inherit, 'None', 'Allow')))
    Set-Acl -Path $Path -AclObject $acl
}

if (-not (Test-Path (Join-Path $PublishDir 'nodeagent.exe'))) {
    throw "$PublishDir does not hold nodeagent.exe: publish with -r win-x64 first."
}

# An upgrade: stop the service, and wait for its process to end, before its files are replaced.
$service = Get-Service -Name $name -ErrorAction SilentlyContinue
if ($service -and $service.Status -ne 'Stopped') {
    $servicePid = (Get-CimInstance Win32_Service -Filter "Name='$name'").ProcessId
    Stop-Service -Name $name -Force
    Wait-Process -Id $servicePid -Timeout 120 -ErrorAction SilentlyContinue
}

$firstInstall = -not (Test-Path $dataDir)
New-Item -ItemType Directory -Force -Path $appDir, $configDir, $dataDir | Out-Null
Copy-Item -Path (Join-Path $PublishDir '*') -Destination $appDir -Recurse -Force

if (-not (Test-Path $configFile)) {
    $starter = @"
// Overrides $appDir\appsettings.json, which documents every key. Check: & '$exe' check-config
{
  "NodeAgent": {
    "Dicom": {
      // 127.0.0.1 accepts only this machine. For the PACS to reach the node set "0.0.0.0", and narrow
      // AllowedCallers first, for example: "AllowedCallers": [ { "AeTitle": "ORTHANC", "Addresses": [ "10.1.2.3" ] } ],
      "BindAddress": "127.0.0.1",
      "Port": $Port
    },
    "Storage": {
      "DataDirectory": "$($dataDir.Replace('\', '\\'))"
    },
    "Telemetry": { "MetricsPort": 9464 }
  }
}
"@
    Set-Content -Path $configFile -Value $starter -Encoding Ascii  # 5.1's UTF8 would add a byte order mark
}

if (-not $service) {
    New-Service -Name $name -BinaryPathName "`"$exe`" run" -DisplayName 'NodeAgent DICOM node' `
        -Description 'Receives DICOM studies from the PACS and answers federated queries with aggregates.' `
        -StartupType Automatic | Out-Null
}
# The virtual account NT SERVICE\NodeAgent needs no password and exists once the service does.
Invoke-Sc config $name obj= $account start= auto
Invoke-Sc sidtype $name unrestricted
# Restart after 60 s on each failure; the failure count resets after a day without one.
Invoke-Sc failure $name reset= 86400 actions= restart/60000/restart/60000/restart/60000
Invoke-Sc failureflag $name 1
# The service reads its data directory from its own environment, as the systemd unit does on Linux.
Set-ItemProperty -Path "HKLM:\SYSTEM\CurrentControlSet\Services\$name" -Name Environment -Type MultiString `
    -Value "NodeAgent__Storage__DataDirectory=$dataDir"
# On first install only: setting an inheritable ACL re-walks the whole tree, and the data may be millions of files.
if ($firstInstall) {
    Set-PrivateAcl -Path $configDir -Rights 'ReadAndExecute'
    Set-PrivateAcl -Path $dataDir -Rights 'Modify'
}

# The host logs to the Application log under the application name; registering needs Administrator rights.
if (-not [System.Diagnostics.EventLog]::SourceExists($name)) {
    New-EventLog -LogName Application -Source $name
}

Remove-NetFirewallRule -Name 'NodeAgent-DICOM' -ErrorAction SilentlyContinue
New-NetFirewallRule -Name 'NodeAgent-DICOM' -DisplayName 'NodeAgent DICOM' -Direction Inbound -Action Allow `
    -Protocol TCP -LocalPort $Port -RemoteAddress $RemoteAddress -Program $exe | Out-Null

Start-Service -Name $name
Write-Host "NodeAgent is running. Configuration: $configFile; data: $dataDir; logs: Event Viewer, Application."
