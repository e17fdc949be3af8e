// A fresh engine answers its first hundred or so questions two to four times slower than
// later ones: V8 has not yet compiled the hot paths, and the caches of recurring text are
// empty. An engine thread warms up on questions of our own (the key tips' questions) before
// it reports ready, so a `serve` replica that a load balancer adds does not start by falling
// behind and shedding load.
import type { AnswerEngineContract } from '../engine-contract.ts';

/** Rounds over the key tips' questions: about a hundred answers, a second or two. */
const rounds = 4;
const autocompletePrefixes = ['Io', 'Wdf', 'irp', 'Ke', 'bug check'];

export function warmUp(engine: AnswerEngineContract): void {
  const questions = engine.keyTips().map((tip) => tip.question);
  for (let round = 0; round < rounds; round += 1) {
    for (const question of questions) engine.ask(question);
    for (const prefix of autocompletePrefixes) {
      engine.suggestTitles(prefix);
      engine.suggestApis(prefix);
    }
  }
}
