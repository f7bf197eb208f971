/** Tests only: a USB stick as the drive list reports it, for the UI, CLI and format tests. */
import type { Drive } from './drives';

export const SAMPLE_STICK: Drive = {
  driveId: '/dev/sdb1',
  label: 'KINGSTON',
  model: 'Kingston DataTraveler 3.0',
  serial: '60A44C413C3BF1A0B9A3013D',
  sizeBytes: 15_931_539_456,
  filesystem: 'FAT32',
  displayPath: '/media/shop/KINGSTON',
  freeBytes: 12_300_000_000,
  bus: 'usb',
  offered: true,
  reason: null,
};

export const SAMPLE_COMPUTER_DISK: Drive = {
  ...SAMPLE_STICK,
  driveId: '/dev/nvme0n1p2',
  label: 'Root',
  model: 'Samsung SSD',
  bus: 'nvme',
  offered: false,
  reason: "This is the computer's own disk, so Handover will not write to it.",
};
