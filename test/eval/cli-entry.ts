// `npm run eval`: scores the matcher on the evaluation corpus and prints every miss and false hit.
// Bundled in memory and run by test/eval/run.mjs.

import { annotateText } from '../../src/engine/annotate';
import { compileMatcher } from '../../src/engine/matcher/compile';
import { evaluateCorpus, formatReport, validateCorpus } from './evaluate';
import { loadCorpus, loadDataset } from './load';

/** Prints the report; returns the exit code (non-zero only when the inputs themselves are broken). */
export function main(root: string): number {
  const { entities, errors } = loadDataset(root);
  if (entities.length === 0) {
    console.error('The dataset has no usable entities.');
    return 1;
  }
  if (errors.length > 0) {
    // The dataset's own tests and the build report these; the evaluation still measures the matcher.
    console.warn(
      `Warning: the dataset has ${errors.length} problems (the build would refuse it), for example:`,
    );
    for (const line of errors.slice(0, 5)) console.warn(`  ${line}`);
    console.warn('');
  }
  const items = loadCorpus(root);
  const problems = validateCorpus(items, new Set(entities.map((e) => e.id)));
  if (problems.length > 0) {
    console.error(`The corpus is invalid (${problems.length} problems):`);
    for (const line of problems) console.error(`  ${line}`);
    return 1;
  }
  const matcher = compileMatcher(entities);
  const report = evaluateCorpus(items, (text, date, lang) => annotateText(matcher, text, { date, lang }));
  console.log(formatReport(report));
  return 0;
}
