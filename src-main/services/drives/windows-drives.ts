/**
 * Windows: one PowerShell call lists the volumes that have a drive letter, each with its partition and disk
 * (Get-Volume, Get-Partition, Get-Disk: no wmic, which Windows 11 24H2 removed). Eject runs the bundled
 * resources/drives/eject-drive.ps1 (CM_Request_Device_EjectW, which names who vetoed; Explorer's "Eject" as fallback).
 *
 * The eject script has not been run on Windows yet; the listing script's output shape is from Microsoft's docs.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { RunTool } from '../bundle/destination/filesystem-type';
import { filesystemFromGetVolume } from '../bundle/destination/filesystem-parse';
import { electronResourcesPath, isExistingFile, selfAndAncestors } from '../resource-paths';
import { cleanText, describeToolFailure, type DriveSource, type EjectOutcome, type RawDrive } from './drive-source';

// PowerShell can take several seconds just to start on a slow shop PC, and the Storage cmdlets are slow too.
const POWERSHELL_LIST_TIMEOUT_MS = 30_000;
// The script retries a vetoed eject and may wait for Explorer; it finishes well inside this.
const POWERSHELL_EJECT_TIMEOUT_MS = 60_000;

/**
 * One line, no double quotes: Node quotes the argument for the Windows command line, and PowerShell's own reading of
 * embedded quotes differs between versions. UTF-8 out, so labels in any language survive the pipe.
 */
export const WINDOWS_LIST_SCRIPT = [
  "$ErrorActionPreference = 'Stop'",
  "$ProgressPreference = 'SilentlyContinue'",
  '[Console]::OutputEncoding = [System.Text.Encoding]::UTF8',
  '$rows = @(foreach ($volume in @(Get-Volume)) { ' +
    '$letter = [string]$volume.DriveLetter; ' +
    "if ($letter -notmatch '^[A-Za-z]$') { continue }; " +
    '$partition = $null; $disk = $null; ' +
    'try { $partition = Get-Partition -DriveLetter $letter -ErrorAction Stop; $disk = $partition | Get-Disk -ErrorAction Stop } catch { }; ' +
    '[pscustomobject]@{ ' +
    'DriveLetter = $letter; ' +
    'Volume = [pscustomobject]@{ FileSystemLabel = $volume.FileSystemLabel; FileSystem = $volume.FileSystem; FileSystemType = [string]$volume.FileSystemType; DriveType = [string]$volume.DriveType; Size = $volume.Size; SizeRemaining = $volume.SizeRemaining }; ' +
    'Partition = $(if ($partition) { [pscustomobject]@{ DiskNumber = $partition.DiskNumber; PartitionNumber = $partition.PartitionNumber; IsReadOnly = $partition.IsReadOnly; IsSystem = $partition.IsSystem; IsBoot = $partition.IsBoot } } else { $null }); ' +
    'Disk = $(if ($disk) { [pscustomobject]@{ Number = $disk.Number; BusType = [string]$disk.BusType; IsSystem = $disk.IsSystem; IsBoot = $disk.IsBoot; IsReadOnly = $disk.IsReadOnly; FriendlyName = $disk.FriendlyName; SerialNumber = $disk.SerialNumber; Size = $disk.Size } } else { $null }) ' +
    '} })',
  'ConvertTo-Json -InputObject $rows -Depth 4',
].join('; ');

export const WINDOWS_LIST_ARGS = ['-NoProfile', '-NonInteractive', '-Command', WINDOWS_LIST_SCRIPT];

// MSFT_Disk.BusType and MSFT_Volume.DriveType, for when PowerShell hands over the number instead of the name.
const BUS_TYPES = ['Unknown', 'SCSI', 'ATAPI', 'ATA', '1394', 'SSA', 'Fibre Channel', 'USB', 'RAID', 'iSCSI', 'SAS', 'SATA', 'SD', 'MMC', 'Virtual', 'File Backed Virtual', 'Storage Spaces', 'NVMe'];
const DRIVE_TYPES = ['Unknown', 'Invalid Root Path', 'Removable', 'Fixed', 'Remote', 'CD-ROM', 'RAM Disk'];

function enumName(value: unknown, names: string[]): string | null {
  const text = typeof value === 'number' ? String(value) : cleanText(value);
  if (text === null) return null;
  return /^\d+$/.test(text) ? (names[Number(text)] ?? text) : text;
}

function bool(value: unknown): boolean {
  return value === true || value === 'True' || value === 'true' || value === 1;
}

function num(value: unknown): number | null {
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

type Row = Record<string, unknown>;

function asRow(value: unknown): Row | null {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Row) : null;
}

const REMOVABLE_BUSES = new Set(['usb', 'sd', 'mmc']);

/** Pure: the listing script's JSON to one entry per drive letter. ConvertTo-Json gives a lone object for one item. */
export function parseWindowsVolumes(options: { json: string }): RawDrive[] {
  const text = options.json.replace(/^\uFEFF/, '').trim();
  const start = text.search(/[[{]/);
  if (start < 0) return [];
  const parsed = JSON.parse(text.slice(start)) as unknown;
  const rows = (Array.isArray(parsed) ? (parsed as unknown[]) : [parsed]).map(asRow).filter((row): row is Row => row !== null);
  const drives: RawDrive[] = [];
  for (const row of rows) {
    const letter = cleanText(row.DriveLetter)?.toUpperCase() ?? null;
    if (letter === null || !/^[A-Z]$/.test(letter)) continue;
    const volume = asRow(row.Volume) ?? {};
    const partition = asRow(row.Partition) ?? {};
    const disk = asRow(row.Disk);
    const diskNumber = num(disk?.Number) ?? num(partition.DiskNumber);
    const bus = enumName(disk?.BusType, BUS_TYPES)?.toLowerCase() ?? null;
    const driveType = enumName(volume.DriveType, DRIVE_TYPES);
    // A DVD drive or a mapped network folder is never a place for the evidence.
    if (driveType === 'CD-ROM' || driveType === 'Remote') continue;
    // FileSystemType is the newer, fuller field; FileSystem is on every version ("FAT32", "NTFS").
    const fsType = cleanText(volume.FileSystemType) !== null && !/^unknown$/i.test(String(volume.FileSystemType)) ? cleanText(volume.FileSystemType) : cleanText(volume.FileSystem);
    const busRemovable = bus !== null && REMOVABLE_BUSES.has(bus);
    drives.push({
      driveId: diskNumber === null ? `volume:${letter}` : `disk${diskNumber}:${letter}`,
      device: { volume: letter, disk: diskNumber === null ? null : String(diskNumber) },
      label: cleanText(volume.FileSystemLabel),
      model: cleanText(disk?.FriendlyName),
      // Get-Disk pads some serial numbers with spaces.
      serial: cleanText(disk?.SerialNumber),
      sizeBytes: num(disk?.Size) ?? num(volume.Size),
      fsType,
      filesystemName: fsType === null ? null : (filesystemFromGetVolume({ output: fsType })?.name ?? null),
      mountPath: `${letter}:\\`,
      removable: driveType === 'Removable',
      hotplug: busRemovable,
      bus,
      system: bool(disk?.IsSystem) || bool(partition.IsSystem),
      boot: bool(disk?.IsBoot) || bool(partition.IsBoot),
      readOnly: bool(disk?.IsReadOnly) || bool(partition.IsReadOnly),
    });
  }
  return drives;
}

export const EJECT_SCRIPT_FILE_NAME = 'eject-drive.ps1';
const SCRIPT_FOLDER = ['resources', 'drives'] as const;

/** Every place the eject script may be, in the order tried: unpacked beside the app, then up from this file. */
export function ejectScriptCandidates(options: { resourcesPath?: string; searchFrom?: string } = {}): string[] {
  const resourcesPath = options.resourcesPath ?? electronResourcesPath();
  const candidates: string[] = [];
  if (resourcesPath !== undefined) candidates.push(path.join(resourcesPath, 'app.asar.unpacked', ...SCRIPT_FOLDER, EJECT_SCRIPT_FILE_NAME));
  for (const folder of selfAndAncestors(options.searchFrom ?? __dirname)) candidates.push(path.join(folder, ...SCRIPT_FOLDER, EJECT_SCRIPT_FILE_NAME));
  return [...new Set(candidates)];
}

export function resolveEjectScript(options: { resourcesPath?: string; searchFrom?: string; isFile?: (candidate: string) => boolean } = {}): string | null {
  const isFile = options.isFile ?? isExistingFile;
  return ejectScriptCandidates(options).find((candidate) => isFile(candidate)) ?? null;
}

/**
 * PowerShell cannot read a file inside app.asar (only Electron's own fs can). electron-builder.yml unpacks
 * resources/drives, so this is for a build that packed it anyway: the script is copied to a private temporary folder.
 */
async function runnableScript(scriptPath: string): Promise<{ file: string; cleanUp: () => Promise<void> }> {
  if (!/[\\/]app\.asar[\\/]/.test(scriptPath)) return { file: scriptPath, cleanUp: () => Promise.resolve() };
  const dir = await fs.promises.mkdtemp(path.join(os.tmpdir(), 'handover-eject-'));
  const file = path.join(dir, EJECT_SCRIPT_FILE_NAME);
  await fs.promises.writeFile(file, await fs.promises.readFile(scriptPath));
  return { file, cleanUp: () => fs.promises.rm(dir, { recursive: true, force: true }) };
}

export function ejectArgs(options: { scriptPath: string; driveLetter: string }): string[] {
  return ['-NoProfile', '-NonInteractive', '-ExecutionPolicy', 'Bypass', '-File', options.scriptPath, '-DriveLetter', options.driveLetter];
}

// Vetoes that mean "something still has it open" rather than "this device cannot be ejected".
const BUSY_VETOES = new Set(['PendingClose', 'WindowsApp', 'WindowsService', 'OutstandingOpen', 'Device', 'Driver', 'LegacyDevice', 'LegacyDriver']);

/** Pure: the eject script's last JSON line. Only an app's or service's name is worth showing as who refused. */
export function parseEjectOutput(options: { output: string }): EjectOutcome {
  const line = options.output
    .split(/\r?\n/)
    .map((part) => part.trim())
    .filter((part) => part.startsWith('{'))
    .pop();
  if (line === undefined) return { ok: false, vetoedBy: null, busy: false, detail: `The eject script printed no result: ${options.output.trim()}` };
  const result = asRow(JSON.parse(line) as unknown) ?? {};
  const vetoType = cleanText(result.vetoType);
  const vetoName = cleanText(result.vetoName);
  const detail = [cleanText(result.method), cleanText(result.detail), vetoType && `veto ${vetoType}`, vetoName && `by ${vetoName}`].filter(Boolean).join(': ');
  if (result.ok === true && vetoType === null) return { ok: true, vetoedBy: null, busy: false, detail };
  const named = vetoType === 'WindowsApp' || vetoType === 'WindowsService' ? vetoName : null;
  return { ok: false, vetoedBy: named === null ? null : path.win32.basename(named), busy: vetoType !== null && BUSY_VETOES.has(vetoType), detail };
}

export interface WindowsDriveSourceOptions {
  run: RunTool;
  /** Where eject-drive.ps1 is; found beside the app when not given. */
  ejectScriptPath?: string;
}

export function createWindowsDriveSource(options: WindowsDriveSourceOptions): DriveSource {
  const { run } = options;
  return {
    async list() {
      const json = await run({ command: 'powershell.exe', args: WINDOWS_LIST_ARGS, timeoutMs: POWERSHELL_LIST_TIMEOUT_MS });
      return parseWindowsVolumes({ json });
    },
    async eject({ drive }) {
      const scriptPath = options.ejectScriptPath ?? resolveEjectScript();
      if (scriptPath === null) return { ok: false, vetoedBy: null, busy: false, detail: `${EJECT_SCRIPT_FILE_NAME} is missing from Handover's files.` };
      const script = await runnableScript(scriptPath);
      try {
        const output = await run({
          command: 'powershell.exe',
          args: ejectArgs({ scriptPath: script.file, driveLetter: drive.device.volume }),
          timeoutMs: POWERSHELL_EJECT_TIMEOUT_MS,
        });
        return parseEjectOutput({ output });
      } catch (error) {
        const failure = describeToolFailure(error);
        return { ok: false, vetoedBy: null, busy: false, detail: failure.text };
      } finally {
        await script.cleanUp();
      }
    },
  };
}
