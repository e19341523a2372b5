// The diagnosis template the browser tests answer, and which of its questions
// a set of answers shows (the engine's rule, core/diagnosis/response.cpp):
// shared by diagnosis.test.mjs and scenario.test.mjs.
import { readFileSync } from 'node:fs';

export const TEMPLATE = JSON.parse(readFileSync(
  new URL('../../assets/questionnaires/diagnostic-innovation-croissance.v1.json', import.meta.url), 'utf8'));

const questions = TEMPLATE.sections.flatMap((s, si) => s.questions.map((q) => ({ ...q, section: si })));
const byId = Object.fromEntries(questions.map((q) => [q.id, q]));

// The questions shown, in order, for the answers given so far
// ({ question id: option index or indexes, or a value as typed }).
export function visible(answers) {
  const shown = new Set();
  const out = [];
  for (const q of questions) {
    const c = q.condition;
    let ok = !c;
    if (c && shown.has(c.question) && c.question in answers) {
      const ctl = byId[c.question];
      const a = answers[c.question];
      const ids = ctl.options ? [].concat(a).map((i) => ctl.options[i].id) : [];
      if ('equals' in c) ok = ids.length === 1 && ids[0] === c.equals;
      else if ('includes' in c) ok = ids.includes(c.includes);
      else if ('at_least' in c) ok = Number(a) >= c.at_least;
    }
    if (ok) { shown.add(q.id); out.push(q); }
  }
  return out;
}
