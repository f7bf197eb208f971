# Ejects the USB stick or memory card that holds one drive letter, as "Safely Remove Hardware" does, and prints one
# line of JSON: {"ok":…,"method":"cfgmgr"|"shell"|"none","vetoType":…,"vetoName":…,"detail":…}.
#
# UNTESTED: this script was written without a Windows machine to run it on. Try it on Windows 10 and Windows 11
# (a USB stick, an SD card in a USB reader, and a stick with a file open in Explorer or Notepad) before relying on it.
#
# Run by Handover as:
#   powershell -NoProfile -NonInteractive -ExecutionPolicy Bypass -File eject-drive.ps1 -DriveLetter E
# Handover closes its own files on the drive first. It always exits 0 after printing its JSON line, so the caller
# reads the outcome from the JSON, not from the exit code.
param(
  [Parameter(Mandatory = $true)]
  [ValidatePattern('^[A-Za-z]$')]
  [string]$DriveLetter
)

$ErrorActionPreference = 'Stop'
$ProgressPreference = 'SilentlyContinue'
# Volume and program names may be in any language; without this PowerShell 5.1 writes the OEM code page to a pipe.
[Console]::OutputEncoding = [System.Text.Encoding]::UTF8

function Write-Result {
  param([bool]$Ok, [string]$Method, $VetoType, $VetoName, [string]$Detail)
  $result = [ordered]@{ ok = $Ok; method = $Method; vetoType = $VetoType; vetoName = $VetoName; detail = $Detail }
  [pscustomobject]$result | ConvertTo-Json -Compress
}

# PNP_VETO_TYPE, in order (cfgmgr32.h). Index 0 with CR_SUCCESS means the eject went through.
$VetoTypes = @(
  'Unknown', 'LegacyDevice', 'PendingClose', 'WindowsApp', 'WindowsService', 'OutstandingOpen', 'Device', 'Driver',
  'IllegalDeviceRequest', 'InsufficientPower', 'NonDisableable', 'LegacyDriver', 'InsufficientRights', 'AlreadyRemoved'
)

function Get-DiskInstanceId {
  param([int]$DiskNumber, [string]$DiskPath)
  # Win32_DiskDrive.Index is the disk number; its PNPDeviceID is the disk's device instance, e.g.
  # USBSTOR\DISK&VEN_KINGSTON&PROD_DATATRAVELER_3.0&REV_PMAP\60A44C3FAD3EBF00B9A1004F&0
  try {
    $drive = Get-CimInstance -ClassName Win32_DiskDrive -Filter "Index = $DiskNumber" -ErrorAction Stop | Select-Object -First 1
    if ($drive -and $drive.PNPDeviceID) { return [string]$drive.PNPDeviceID }
  } catch { }
  # Otherwise from the disk's interface path: \\?\usbstor#disk&ven_…#60a4…&0#{53f56307-…} → usbstor\disk&ven_…\60a4…&0
  if ($DiskPath -match '^\\\\\?\\(.+)#\{[0-9a-fA-F-]+\}$') { return ($Matches[1] -replace '#', '\') }
  return $null
}

function Get-DeviceId {
  param([uint32]$DevInst)
  $buffer = New-Object System.Text.StringBuilder 1024
  if ([HandoverEject]::CM_Get_Device_IDW($DevInst, $buffer, $buffer.Capacity, 0) -eq 0) { return $buffer.ToString() }
  return ''
}

function Invoke-CfgMgrEject {
  param([string]$InstanceId)
  $devInst = [uint32]0
  $code = [HandoverEject]::CM_Locate_DevNodeW([ref]$devInst, $InstanceId, 0)
  if ($code -ne 0) { throw "CM_Locate_DevNodeW($InstanceId) returned $code" }
  # A USB stick is ejected at its USB device (the disk's parent), as Windows' own tray icon does; a card in a
  # built-in SD slot has the reader's controller as parent, which must not be ejected, so the disk itself is.
  $parent = [uint32]0
  $target = $devInst
  if ([HandoverEject]::CM_Get_Parent([ref]$parent, $devInst, 0) -eq 0 -and (Get-DeviceId -DevInst $parent) -like 'USB\*') { $target = $parent }
  $targetId = Get-DeviceId -DevInst $target

  # Windows often vetoes the first try while it is still closing its own handles (indexer, thumbnail cache).
  $last = $null
  for ($attempt = 1; $attempt -le 3; $attempt++) {
    $vetoType = 0
    $vetoName = New-Object System.Text.StringBuilder 520
    $result = [HandoverEject]::CM_Request_Device_EjectW($target, [ref]$vetoType, $vetoName, $vetoName.Capacity, 0)
    if ($result -eq 0 -and $vetoType -eq 0) {
      return @{ ok = $true; vetoType = $null; vetoName = $null; detail = "Ejected $targetId (attempt $attempt)." }
    }
    $typeName = if ($vetoType -ge 0 -and $vetoType -lt $VetoTypes.Count) { $VetoTypes[$vetoType] } else { "$vetoType" }
    $last = @{ ok = $false; vetoType = $typeName; vetoName = $vetoName.ToString(); detail = "CM_Request_Device_EjectW($targetId) returned $result, veto $typeName." }
    Start-Sleep -Milliseconds 700
  }
  return $last
}

function Invoke-ShellEject {
  # Explorer's own "Eject" on the drive in This PC (shell namespace 17). It reports nothing, so success is the drive
  # letter going away. The verb is looked up by its canonical name, which may not work on every language of Windows.
  $shell = New-Object -ComObject Shell.Application
  $item = $shell.Namespace(17).ParseName("$($DriveLetter):")
  if ($null -eq $item) { return @{ ok = $false; detail = "Explorer does not show drive $($DriveLetter):." } }
  $item.InvokeVerb('Eject')
  for ($i = 0; $i -lt 20; $i++) {
    Start-Sleep -Milliseconds 500
    if (-not (Test-Path -LiteralPath "$($DriveLetter):\")) { return @{ ok = $true; detail = 'Explorer ejected the drive.' } }
  }
  return @{ ok = $false; detail = "Explorer was asked to eject $($DriveLetter): but it is still there." }
}

$notes = @()
try {
  # Flush what Windows still holds for the volume; the eject would flush too, but this makes a veto less likely.
  try { Write-VolumeCache -DriveLetter $DriveLetter -ErrorAction Stop } catch { $notes += "Write-VolumeCache: $($_.Exception.Message)" }

  $disk = Get-Partition -DriveLetter $DriveLetter -ErrorAction Stop | Get-Disk -ErrorAction Stop
  $instanceId = Get-DiskInstanceId -DiskNumber $disk.Number -DiskPath ([string]$disk.Path)
  if (-not $instanceId) { throw "No device instance found for disk $($disk.Number)." }

  Add-Type -ErrorAction Stop -TypeDefinition @'
using System;
using System.Runtime.InteropServices;
using System.Text;
public static class HandoverEject {
  [DllImport("cfgmgr32.dll", CharSet = CharSet.Unicode)]
  public static extern int CM_Locate_DevNodeW(out uint pdnDevInst, string pDeviceID, int ulFlags);
  [DllImport("cfgmgr32.dll")]
  public static extern int CM_Get_Parent(out uint pdnDevInst, uint dnDevInst, int ulFlags);
  [DllImport("cfgmgr32.dll", CharSet = CharSet.Unicode)]
  public static extern int CM_Get_Device_IDW(uint dnDevInst, StringBuilder Buffer, int BufferLen, int ulFlags);
  [DllImport("cfgmgr32.dll", CharSet = CharSet.Unicode)]
  public static extern int CM_Request_Device_EjectW(uint dnDevInst, out int pVetoType, StringBuilder pszVetoName, int ulNameLength, int ulFlags);
}
'@

  $outcome = Invoke-CfgMgrEject -InstanceId $instanceId
  $notes += $outcome.detail
  Write-Result -Ok $outcome.ok -Method 'cfgmgr' -VetoType $outcome.vetoType -VetoName $outcome.vetoName -Detail ($notes -join ' ')
} catch {
  # No device found, or Add-Type refused (constrained language mode on a locked-down PC): ask Explorer instead.
  $notes += "cfgmgr eject not possible: $($_.Exception.Message)"
  try {
    $shellOutcome = Invoke-ShellEject
    $notes += $shellOutcome.detail
    Write-Result -Ok $shellOutcome.ok -Method 'shell' -VetoType $null -VetoName $null -Detail ($notes -join ' ')
  } catch {
    $notes += "Explorer eject failed: $($_.Exception.Message)"
    Write-Result -Ok $false -Method 'none' -VetoType $null -VetoName $null -Detail ($notes -join ' ')
  }
}
exit 0
