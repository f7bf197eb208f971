/** manifest.json's JSON Schema, generated from the zod schema so the two cannot drift; committed for police IT. */
import path from 'node:path';
import { z } from 'zod';
import { MANIFEST_SCHEMA_VERSION, bundleManifestSchema } from '../../../../src-shared/domain/bundle';

export const MANIFEST_SCHEMA_FILE = path.join('resources', 'bundle', 'manifest.schema.json');

export function manifestJsonSchema(): Record<string, unknown> {
  return {
    $id: `https://handover.invalid/schemas/manifest-v${MANIFEST_SCHEMA_VERSION}.json`,
    title: `Handover evidence bundle manifest, version ${MANIFEST_SCHEMA_VERSION}`,
    ...z.toJSONSchema(bundleManifestSchema, { target: 'draft-2020-12' }),
  };
}

export function manifestJsonSchemaText(): string {
  return `${JSON.stringify(manifestJsonSchema(), null, 2)}\n`;
}
