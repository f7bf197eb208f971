/** How much room a bundle takes on a drive, and sizes in the words the checklist uses. */

/** The largest file FAT can hold is 4 GiB − 1; one byte less leaves no doubt about drivers that differ by one. */
export const FAT_MAX_FILE_BYTES = 4 * 1024 ** 3 - 2;

/** Used for the sum when the drive does not say its cluster size: a common size, and the smallest likely one. */
const FALLBACK_CLUSTER_BYTES = 4096;

/**
 * Room for the folder entries themselves (the bundle folder, long names, the temporary names used while writing):
 * a few clusters, whatever the cluster size.
 */
const DIRECTORY_CLUSTERS = 8;

/** 5 % spare: file systems keep some space back, and a stick that is filled to the last byte is slow and fragile. */
const MARGIN = 0.05;

/** "3.4 GB", "812.5 MB": decimal units, as USB sticks are sold, one decimal. */
export function formatSize(options: { bytes: number }): string {
  const { bytes } = options;
  if (bytes >= 999_950_000) return `${(bytes / 1e9).toFixed(1)} GB`;
  return `${(bytes / 1e6).toFixed(1)} MB`;
}

/**
 * Bytes the bundle takes on the drive: every file rounded up to whole clusters (a 1-byte file takes a whole 32 KB
 * cluster on a big FAT32 stick), the folder's own entries, and the margin.
 */
export function spaceNeeded(options: { sizes: number[]; clusterBytes: number | null }): number {
  const cluster = options.clusterBytes && options.clusterBytes > 0 ? options.clusterBytes : FALLBACK_CLUSTER_BYTES;
  const inClusters = options.sizes.reduce((sum, size) => sum + Math.ceil(size / cluster) * cluster, 0);
  return Math.ceil(inClusters * (1 + MARGIN)) + DIRECTORY_CLUSTERS * cluster;
}

/** Free bytes from statfs, or null when the drive cannot say (fusefat reports 0 blocks in all, which is not "full"). */
export function freeSpace(options: { bsize: number; bavail: number; blocks: number }): number | null {
  if (!(options.blocks > 0) || !(options.bsize > 0) || !(options.bavail >= 0)) return null;
  return options.bavail * options.bsize;
}
