/**
 * The data mmplan ships beside its code (measurements, aliases, engines, the fitted calibration,
 * quality evidence, examples) and the loaders for it. Paths shown to people are relative to the
 * project ("data/calibrated.yaml"), never a machine's absolute path.
 */
import { existsSync, readdirSync } from 'node:fs';
import { isAbsolute, join, relative } from 'node:path';
import { aliasesSchema, recordScenarioSchema, type Aliases, type RecordScenarios } from '../core/measurements.js';
import { engineProfileSchema, calibrationSchema, type Calibration, type EngineProfile } from '../core/schema/index.js';
import { InputError } from '../core/errors.js';
import { DATA_DIRS, PACKAGE_ROOT, enforcePlausible, readDataFile, validate, unknownText } from './load.js';
import { enginePlausibility } from '../core/plausibility.js';

export const SHIPPED = {
  measurements: [join(PACKAGE_ROOT, 'data', 'measurements.yaml'), join(PACKAGE_ROOT, 'data', 'measurements-multimodal.yaml'), join(PACKAGE_ROOT, 'data', 'measurements-2025.yaml'), join(PACKAGE_ROOT, 'data', 'measurements-energy.yaml')],
  aliases: join(PACKAGE_ROOT, 'data', 'aliases.yaml'),
  recordScenarios: join(PACKAGE_ROOT, 'data', 'record-scenarios.yaml'),
  calibration: join(PACKAGE_ROOT, 'data', 'calibrated.yaml'),
  engines: join(DATA_DIRS.device, 'engines'),
  quality: join(DATA_DIRS.model, 'quality'),
  reportInput: join(PACKAGE_ROOT, 'examples', 'bluelm-quant-sweep.yaml'),
};

/** A file as people should read it: relative to the project when it is shipped, else as given. */
export function fileLabel(file: string): string {
  if (!isAbsolute(file)) return file;
  const rel = relative(PACKAGE_ROOT, file);
  return rel.startsWith('..') || isAbsolute(rel) ? file : rel;
}

export function listEngineIds(): string[] {
  return readdirSync(SHIPPED.engines)
    .filter((f) => f.endsWith('.yaml'))
    .map((f) => f.slice(0, -5))
    .sort();
}

export function engineExists(id: string): boolean {
  return existsSync(join(SHIPPED.engines, `${id}.yaml`));
}

export function loadEngine(id: string): EngineProfile {
  const file = join(SHIPPED.engines, `${id}.yaml`);
  if (!existsSync(file)) {
    const ids = listEngineIds();
    throw new InputError(unknownText('engine', id, ids, `one of ${ids.join(', ')}`), undefined, '--engine');
  }
  const engine = validate(engineProfileSchema, readDataFile(file), file, 'engine profile').value;
  enforcePlausible(enginePlausibility(engine), file);
  return engine;
}

export function loadAliases(file = SHIPPED.aliases): Aliases {
  return validate(aliasesSchema, readDataFile(file), file, 'alias table').value;
}

export function loadRecordScenarios(file = SHIPPED.recordScenarios): RecordScenarios {
  const parsed = recordScenarioSchema.safeParse(readDataFile(file));
  if (!parsed.success) throw new InputError(parsed.error.issues[0].message, file, parsed.error.issues[0].path.join('.'));
  return parsed.data;
}

export function loadCalibration(file: string): Calibration {
  return validate(calibrationSchema, readDataFile(file), file, 'calibration').value;
}

/** The calibration to use: the given file, else the shipped one if present; with its label. */
export function calibrationFor(profiles?: string): { cal: Calibration; label: string } | undefined {
  const file = profiles ?? (existsSync(SHIPPED.calibration) ? SHIPPED.calibration : undefined);
  return file ? { cal: loadCalibration(file), label: fileLabel(file) } : undefined;
}
