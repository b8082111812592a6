import type { ManifestItem } from '../domain/spec.js';
import type { CodeIndex } from './code-index.js';
import type { ItemEvaluation } from './item-evaluation.js';
import { codeTermsOf } from './retrieval.js';
import { describeObjection, objectionsTo, recordsFor, withObjections, type EvidenceMemory } from './evidence-memory.js';

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
  if (!evaluation.judgement) return;
  const objections = remembered && remembered.text === item.text ? objectionsTo(remembered, index) : [];
  if (objections.length > 0) {
    evaluation.status = withObjections(evaluation.status, objections);
    evaluation.notes.push(...objections.map(describeObjection));
    evaluation.judgement.reason += `; remembered evidence: ${objections.map(describeObjection).join('; ')}`;
    memory[item.id] = remembered as EvidenceMemory[string];
    return;
  }
  if (evaluation.status === 'done') {
    // A whole file as evidence is remembered with the definition in it that matched best, so
    // deleting that one function is noticed even though the file stays.
    const files = new Set(evaluation.evidence.filter((e) => !e.symbol).map((e) => e.file));
    const head = new Set(evaluation.judgement.terms);
    const inner = [...files].flatMap((file) => {
      const best = evaluation.judgement?.candidates.find((c) => c.file === file && c.symbol);
      const exported = (index.scans.get(file)?.symbols ?? [])
        .filter((symbol) => symbol.exported && [...codeTermsOf(symbol.name)].some((term) => head.has(term)))
        .slice(0, 3)
        .map((symbol) => ({ file, line: symbol.line, symbol: symbol.name }));
      return [...(best?.symbol ? [{ file, line: best.line, symbol: best.symbol }] : []), ...exported];
    });
    // And the best definition in the feature's Files that is named after the item (`clone` for
    // "Clone a template"), even when a caller's doc comment scored higher: deleting it is deleting the thing.
    const named = evaluation.judgement.candidates.find((c) => c.own && c.symbol && c.source === 'name' && !c.hollow);
    const byName = named?.symbol ? [{ file: named.file, line: named.line, symbol: named.symbol }] : [];
    const records = recordsFor([...evaluation.evidence, ...inner, ...byName], index);
    if (records.length > 0) {
      memory[item.id] = { text: item.text, records };
      return;
    }
  }
  if (remembered && remembered.text === item.text) memory[item.id] = remembered;
}
