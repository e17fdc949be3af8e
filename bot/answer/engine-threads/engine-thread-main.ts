// Entry point of an engine thread: loads the index file named in workerData into its own
// answer engine, says so with the index's meta, then answers engine calls one at a time.
// A call that throws is answered with the error's message; the thread keeps serving.
import { parentPort, workerData } from 'node:worker_threads';
import type { AnswerEngineContract } from '../engine-contract.ts';
import { openServedEngine } from '../served-engine.ts';
import { ENGINE_LANES, type EngineCall, type EngineReply, type EngineThreadData, type EngineThreadReady } from './engine-calls.ts';
import { warmUp } from './warm-up.ts';

const port = parentPort;
if (!port) throw new Error('engine-thread-main.ts runs as a worker thread (see engine-pool.ts)');
const { indexFile } = workerData as EngineThreadData;
const served = openServedEngine(indexFile);
// The local engine answers synchronously: the served wrapper's type allows promises only for
// engines in threads, which this one is not.
const engine = served.engine as AnswerEngineContract;
warmUp(engine);
port.postMessage({ ready: true, meta: served.meta } satisfies EngineThreadReady);

port.on('message', (call: EngineCall) => {
  const reply = answer(call);
  try {
    port.postMessage(reply);
  } catch (error) {
    // A result that cannot be cloned is a bug in the engine, not a reason to leave the caller waiting.
    port.postMessage({ id: call.id, error: `engine result could not be sent: ${messageOf(error)}` } satisfies EngineReply);
  }
});

function answer(call: EngineCall): EngineReply {
  if (!Object.hasOwn(ENGINE_LANES, call.method)) return { id: call.id, error: `no engine method ${String(call.method)}` };
  try {
    const method = engine[call.method] as (...args: unknown[]) => unknown;
    return { id: call.id, result: method.apply(engine, call.args) };
  } catch (error) {
    return { id: call.id, error: messageOf(error) };
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
