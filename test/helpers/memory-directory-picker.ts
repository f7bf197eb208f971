import type { Page } from 'playwright-core';

/**
 * Headless Chromium cannot show a folder picker, so `window.showDirectoryPicker` is replaced (through
 * `page.addInitScript`) by one that returns an in-memory folder. Like the real File System Access API, a file's data
 * only appears once its writable is closed, and an aborted writable leaves nothing behind.
 *
 * This function runs in the browser: it must not use anything from its module.
 */
export function installMemoryDirectoryPicker(): void {
  interface MemoryFolder {
    kind: 'directory';
    children: Map<string, MemoryFolder | MemoryFile>;
  }
  interface MemoryFile {
    kind: 'file';
    data: Uint8Array | null;
  }
  const root: MemoryFolder = { kind: 'directory', children: new Map() };
  const failure = (name: string, message: string): DOMException => new DOMException(message, name);

  const fileHandle = (name: string, node: MemoryFile) => ({
    kind: 'file' as const,
    name,
    createWritable(options?: { keepExistingData?: boolean }) {
      const chunks: Uint8Array[] = options?.keepExistingData === true && node.data !== null ? [node.data] : [];
      let state: 'open' | 'closed' | 'aborted' = 'open';
      return Promise.resolve({
        write(data: unknown) {
          if (state !== 'open') return Promise.reject(new TypeError('The writable is not open'));
          if (!(data instanceof Uint8Array)) return Promise.reject(new TypeError('The page should write Uint8Arrays'));
          chunks.push(data.slice());
          return Promise.resolve();
        },
        close() {
          if (state !== 'open') return Promise.reject(new TypeError('The writable is not open'));
          state = 'closed';
          const size = chunks.reduce((sum, chunk) => sum + chunk.length, 0);
          const joined = new Uint8Array(size);
          let at = 0;
          for (const chunk of chunks) {
            joined.set(chunk, at);
            at += chunk.length;
          }
          node.data = joined;
          return Promise.resolve();
        },
        abort() {
          state = 'aborted';
          chunks.length = 0;
          return Promise.resolve();
        },
      });
    },
  });

  const folderHandle = (name: string, folder: MemoryFolder): unknown => ({
    kind: 'directory' as const,
    name,
    getDirectoryHandle(child: string, options?: { create?: boolean }) {
      const existing = folder.children.get(child);
      if (existing?.kind === 'file') return Promise.reject(failure('TypeMismatchError', `${child} is a file`));
      if (existing?.kind === 'directory') return Promise.resolve(folderHandle(child, existing));
      if (options?.create !== true) return Promise.reject(failure('NotFoundError', `${child} not found`));
      const made: MemoryFolder = { kind: 'directory', children: new Map() };
      folder.children.set(child, made);
      return Promise.resolve(folderHandle(child, made));
    },
    getFileHandle(child: string, options?: { create?: boolean }) {
      const existing = folder.children.get(child);
      if (existing?.kind === 'directory') return Promise.reject(failure('TypeMismatchError', `${child} is a folder`));
      if (existing?.kind === 'file') return Promise.resolve(fileHandle(child, existing));
      if (options?.create !== true) return Promise.reject(failure('NotFoundError', `${child} not found`));
      const made: MemoryFile = { kind: 'file', data: null };
      folder.children.set(child, made);
      return Promise.resolve(fileHandle(child, made));
    },
    queryPermission: () => Promise.resolve('granted'),
    requestPermission: () => Promise.resolve('granted'),
  });

  /** Every committed file as path → base64, for the test to collect. */
  const savedFiles = (): Record<string, string> => {
    const out: Record<string, string> = {};
    const walk = (folder: MemoryFolder, prefix: string): void => {
      for (const [name, node] of folder.children) {
        if (node.kind === 'directory') walk(node, `${prefix}${name}/`);
        else if (node.data !== null) {
          let binary = '';
          for (let at = 0; at < node.data.length; at += 0x8000) binary += String.fromCharCode(...node.data.subarray(at, at + 0x8000));
          out[prefix + name] = btoa(binary);
        }
      }
    };
    walk(root, '');
    return out;
  };

  Object.assign(window, {
    showDirectoryPicker: () => Promise.resolve(folderHandle('Chosen folder', root)),
    __memoryFolderFiles: savedFiles,
  });
}

/** The files the page saved through the fake picker, by path inside the chosen folder. */
export async function readMemoryFolder(page: Page): Promise<Map<string, Buffer>> {
  const files = await page.evaluate(() => (window as unknown as { __memoryFolderFiles: () => Record<string, string> }).__memoryFolderFiles());
  return new Map(Object.entries(files).map(([name, base64]) => [name, Buffer.from(base64, 'base64')]));
}
