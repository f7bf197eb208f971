/** Writes resources/bundle/manifest.schema.json from the zod schema: `npx tsx scripts/generate-manifest-schema.ts`. */
import fs from 'node:fs';
import path from 'node:path';
import { MANIFEST_SCHEMA_FILE, manifestJsonSchemaText } from '../src-main/services/bundle/manifest/manifest-json-schema';

const target = path.join(__dirname, '..', MANIFEST_SCHEMA_FILE);
fs.writeFileSync(target, manifestJsonSchemaText());
process.stdout.write(`wrote ${target}\n`);
