/**
 * What a multimodal family importer returns: the sections of a model config it can fill from the
 * family's config.json and modeling code, and notes on anything it filled by convention.
 */
import type { Fields, Json } from '../fields.js';

/** `vision` is a section, or the id of a shipped encoder the loader reads (models/encoders/). */
export type Parts = { name?: string; vision?: Json | string; compression?: Json; projector?: Json; llm: Json; tiling?: Json; notes: string[] };

/** A family importer: the config (its `model_type` chose it) to the model's sections. */
export type FamilyImporter = (f: Fields) => Parts;
