/**
 * Reading a preset file: size, JSON syntax, format, version, then the schema — each failure is
 * one sentence that names the problem (where in the file, what is wrong), for the import dialog
 * and the CLI.
 */
import type { z } from 'zod';
import { badInput } from '../../../common/errors.js';
import { MAX_PRESET_BYTES, PRESET_FORMAT, PRESET_VERSIONS, PresetJson, type PresetDoc } from '../../../common/presets/schema.js';

/** `offsets[12][0]`, `gains.eyes`: a path as a reader of the file would write it. */
function where(path: readonly PropertyKey[]): string {
  return path.reduce<string>((s, k) => (typeof k === 'number' ? `${s}[${k}]` : s ? `${s}.${String(k)}` : String(k)), '');
}

function describe(issue: z.core.$ZodIssue): string {
  if (issue.code === 'unrecognized_keys') {
    const at = where(issue.path);
    return `it has an unknown field ${issue.keys.map((k) => `"${k}"`).join(', ')}${at ? ` in ${at}` : ''}`;
  }
  const at = where(issue.path);
  return at ? `${at}: ${issue.message}` : issue.message;
}

export function parsePreset(text: string, label = 'The preset'): PresetDoc {
  if (new TextEncoder().encode(text).byteLength > MAX_PRESET_BYTES) {
    throw badInput(`${label} is larger than ${MAX_PRESET_BYTES / 1024} KB, far more than a preset needs.`);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text.replace(/^\uFEFF/, '')); // editors on Windows save a BOM
  } catch (e) {
    // V8's message quotes the offending text, newlines included: keep it to one line.
    const detail = (e as Error).message.replace(/\s+/g, ' ').replace(/ is not valid JSON$/, '').trim();
    throw badInput(`${label} is not valid JSON (it may be truncated): ${detail}.`);
  }
  return checkPreset(raw, label);
}

/** Validates an already-parsed value (a file's JSON, or a preset the renderer built). */
export function checkPreset(raw: unknown, label = 'The preset'): PresetDoc {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw badInput(`${label} is not a JSON object.`);
  const obj = raw as Record<string, unknown>;
  if (obj.format !== PRESET_FORMAT) throw badInput(`${label} is not a Caricature Studio preset (its format is not "${PRESET_FORMAT}").`);
  if (!PRESET_VERSIONS.includes(obj.version as number)) {
    throw badInput(`${label} has version ${JSON.stringify(obj.version) ?? 'missing'}; this app reads versions ${PRESET_VERSIONS.join(' and ')}.`);
  }
  const r = PresetJson.safeParse(obj);
  if (!r.success) throw badInput(`${label} is invalid: ${describe(r.error.issues[0]!)}.`);
  return r.data;
}

/** The file form: pretty-printed, one offset per line. */
export function presetToJson(doc: PresetDoc): string {
  const round = (v: number) => Math.round(v * 1e4) / 1e4;
  const clean: PresetDoc = { ...doc, offsets: doc.offsets.map(([x, y]) => [round(x) || 0, round(y) || 0]) };
  return `${JSON.stringify(clean, null, 2).replace(/\[\s+(-?[\d.e+-]+),\s+(-?[\d.e+-]+)\s+\]/g, '[$1, $2]')}\n`;
}
