/**
 * The spec model: what `br-guard spec parse --json` prints (CONTRACT.md), plus the parts of the
 * spec that other systems read (file structure, endpoints named in the text, gates).
 */

export interface SpecItem {
  /** Stable id: the feature's id plus a part derived from kind and content. */
  id: string;
  text: string;
  line: number;
}

export interface SpecFeature {
  /** Slug of the name. */
  id: string;
  name: string;
  complexity: string | null;
  description: string;
  requirements: SpecItem[];
  files: string[];
  /** Line of each entry of `files`, same order. */
  fileLines: number[];
  acceptanceCriteria: SpecItem[];
  /** Resolved feature ids. */
  dependsOn: string[];
  /** The dependency texts as written, with their lines, for validation messages. */
  dependencyTexts: Array<{ text: string; line: number; resolved: string | null }>;
  /** `**Gate:** message`, when the feature declares one. */
  gate: string | null;
  line: number;
}

export interface SpecTechStack {
  dependencies: string[];
  tools: string[];
}

export interface SpecWarning {
  line: number;
  message: string;
}

export interface Spec {
  /** Path of the spec relative to the repo root, with `/`. */
  file: string;
  title: string;
  overview: string;
  features: SpecFeature[];
  techStack: SpecTechStack;
  performanceRequirements: string[];
  /** Files listed in the File Structure code block, relative paths with `/`. */
  fileStructure: string[];
  warnings: SpecWarning[];
}

export type ManifestItemKind = 'requirement' | 'file' | 'acceptance';

export interface ManifestItem {
  id: string;
  featureId: string;
  kind: ManifestItemKind;
  text: string;
}

export interface Manifest {
  specHash: string;
  items: ManifestItem[];
}

export interface SpecValidationError {
  line: number;
  message: string;
}

export interface SpecValidation {
  valid: boolean;
  errors: SpecValidationError[];
  warnings: SpecWarning[];
}
