// The HTTP transport's interaction: a payload's facts plus an HttpResponder (or, for
// autocomplete, a `respond` that becomes the HTTP response).
import type { Interaction } from '../transport/interaction.ts';
import { CallbackType, HttpResponder, type HttpResponderOptions } from './http-responder.ts';
import type { PayloadFacts } from './interaction-payload.ts';

export interface HttpInteraction {
  interaction: Interaction;
  responder: HttpResponder;
}

export function toHttpInteraction(
  facts: Exclude<PayloadFacts, { kind: 'ping' }>,
  options: Omit<HttpResponderOptions, 'applicationId' | 'token'>,
): HttpInteraction {
  const responder = new HttpResponder({ ...options, applicationId: facts.applicationId, token: facts.token });
  const { applicationId: _app, token: _token, ...what } = facts;
  if (what.kind === 'autocomplete') {
    return {
      responder,
      interaction: {
        ...what,
        respond: async (choices) => responder.respondWith({ type: CallbackType.Autocomplete, data: { choices } }),
      },
    };
  }
  // The responder carries the live state (deferred, replied…) as own fields; the facts join it.
  return { responder, interaction: Object.assign(responder, what) as Interaction };
}
