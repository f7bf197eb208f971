import fs from 'node:fs';
import { RENDERER_CSP, contentTypeFor, resolveStaticFile } from '../bridge/static-files';

/** Answers app://handover/... requests from the built renderer folder, with the same CSP the bridge sends. */
export async function serveAppRequest(options: { request: Request; rendererDir: string }): Promise<Response> {
  const url = new URL(options.request.url);
  const file = resolveStaticFile({ root: options.rendererDir, urlPath: url.pathname });
  if (!file) return new Response('Not found', { status: 404 });
  const body = await fs.promises.readFile(file);
  return new Response(body, {
    headers: { 'content-type': contentTypeFor(file), 'content-security-policy': RENDERER_CSP, 'x-content-type-options': 'nosniff' },
  });
}
