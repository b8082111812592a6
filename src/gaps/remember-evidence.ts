import type { ManifestItem } from '../domain/spec.js';
import type { CodeIndex } from './code-index.js';
import type { ItemEvaluation } from './item-evaluation.js';
import { codeTermsOf } from './retrieval.js';
import { endpointsForItem } from './endpoints-for-item.js';
import { describeObjection, endpointRecords, objectionsTo, recordsFor, withObjections, type EvidenceMemory } from './evidence-memory.js';

// Evidence memory across runs, applied to one judged item: objections drop it, a done item is recorded.

/**
 * Checks an item's remembered evidence (deleted, emptied, stubbed: the item drops to partial and
 * says why) and records the evidence of an item judged done for the next run. Evidence that was
 * objected to stays recorded until it is back, so the drop does not vanish on the next run.
 */
export function rememberEvidence(
  item: ManifestItem,
  evaluation: ItemEvaluation,
  index: CodeIndex,
  remembered: EvidenceMemory[string] | undefined,
  memory: EvidenceMemory,
): void {
  if (!evaluation.judgement && !evaluation.implementation) return;
  const objections = remembered && remembered.text === item.text ? objectionsTo(remembered, index) : [];
  if (objections.length > 0) {
    evaluation.status = withObjections(evaluation.status, objections);
    evaluation.notes.push(...objections.map(describeObjection));
    if (evaluation.judgement) evaluation.judgement.reason += `; remembered evidence: ${objections.map(describeObjection).join('; ')}`;
    memory[item.id] = remembered as EvidenceMemory[string];
    return;
  }
  if (evaluation.status === 'done' && evaluation.implementation) {
    const { endpoints, definitions } = evaluation.implementation;
    const records = [...endpointRecords(endpoints, index), ...recordsFor(definitions, index)];
    if (records.length > 0) {
      memory[item.id] = { text: item.text, records };
      return;
    }
  }
  if (evaluation.status === 'done' && evaluation.judgement) {
    // A whole file as evidence is remembered with the definition in it that matched best, so
    // deleting that one function is noticed even though the file stays; and every evidence file
    // with the definitions in it named after the item (`update_user_me` beside `update_password_me`).
    const files = new Set(evaluation.evidence.map((e) => e.file));
    const terms = new Set(evaluation.judgement.terms);
    const inner = [...files].flatMap((file) => {
      const whole = evaluation.evidence.some((e) => e.file === file && !e.symbol);
      const best = whole ? evaluation.judgement?.candidates.find((c) => c.file === file && c.symbol) : undefined;
      // Definitions named after the item: an exported one with one of its terms, or any that carries
      // two of the item's terms (`createProduct`, `updateProduct` for "create, update … products").
      const exported = (index.scans.get(file)?.symbols ?? [])
        .filter((symbol) => {
          if (symbol.kind === 'type') return symbol.exported && sharesTerms(symbol.name, terms, 1);
          return (symbol.exported && sharesTerms(symbol.name, terms, 1)) || sharesTerms(symbol.name, terms, 2);
        })
        .slice(0, MAX_NAMED_PER_FILE)
        .map((symbol) => ({ file, line: symbol.line, symbol: symbol.name }));
      return [...(best?.symbol ? [{ file, line: best.line, symbol: best.symbol }] : []), ...exported];
    });
    // And the best definition in the feature's Files that is named after the item (`clone` for
    // "Clone a template"), even when a caller's doc comment scored higher: deleting it is deleting the thing.
    const named = evaluation.judgement.candidates.find((c) => c.own && c.symbol && c.source === 'name' && !c.hollow);
    const byName = named?.symbol ? [{ file: named.file, line: named.line, symbol: named.symbol }] : [];
    // The endpoints the item's words describe, served from the files that prove it or the
    // feature's own: deleting a route whose handler has no name of its own is seen too.
    const proving = new Set([
      ...evaluation.evidence.map((e) => e.file),
      ...evaluation.judgement.candidates.filter((c) => c.score >= evaluation.judgement!.bar.partial).map((c) => c.file),
      ...evaluation.judgement.ownFiles,
    ]);
    const served = endpointRecords(endpointsForItem(evaluation.judgement.terms, proving, index.endpoints), index);
    const records = [...recordsFor([...evaluation.evidence, ...inner, ...byName], index, evaluation.judgement.terms), ...served];
    if (records.length > 0) {
      memory[item.id] = { text: item.text, records };
      return;
    }
  }
  if (remembered && remembered.text === item.text) memory[item.id] = remembered;
}

/** Enough for the handlers of a CRUD resource (list, read, create, update, delete, and a few). */
const MAX_NAMED_PER_FILE = 8;

function sharesTerms(name: string, terms: ReadonlySet<string>, atLeast: number): boolean {
  let shared = 0;
  for (const term of codeTermsOf(name)) if (terms.has(term) && ++shared >= atLeast) return true;
  return false;
}
