// Unit tests of the corpus tokenizer: identifiers whole and in parts, hex normalisation,
// stop words, stemming, term frequency, and the prefix tokenizer used for autocomplete.
import { describe, expect, it } from 'vitest';
import { createOramaTokenizer, createPrefixTokenizer, isStopWord, queryTokens, stemWord, tokenize } from '../../indexer/tokenizer.ts';

describe('identifiers give their whole form and their parts', () => {
  it('splits CamelCase: IoQueueWorkItem', () => {
    const tokens = tokenize('IoQueueWorkItem');
    expect(tokens[0]).toBe('ioqueueworkitem');
    expect(tokens).toEqual(expect.arrayContaining(['ioqueueworkitem', 'io', 'queue', 'work', 'item']));
  });

  it('splits on underscores: DO_DEVICE_INITIALIZING', () => {
    const tokens = tokenize('DO_DEVICE_INITIALIZING');
    expect(tokens).toContain('do_device_initializing');
    // The parts are plain words: stemmed like the prose that mentions them ("devices", "initializing").
    expect(tokens).toContain(stemWord('device'));
    expect(tokens).toContain(stemWord('initializing'));
    expect(tokens).toEqual(expect.arrayContaining(tokenize('device initializing')));
    // "do" is a stop word as a part, but the whole identifier keeps it.
    expect(tokens).not.toContain('do');
  });

  it('splits IRP_MJ_DEVICE_CONTROL into irp, mj, device, control', () => {
    const tokens = tokenize('IRP_MJ_DEVICE_CONTROL');
    expect(tokens).toContain('irp_mj_device_control');
    expect(tokens).toEqual(expect.arrayContaining(['irp', 'mj', stemWord('device'), stemWord('control')]));
  });

  it('splits KeAcquireSpinLock into ke, acquire, spin, lock', () => {
    const tokens = tokenize('KeAcquireSpinLock');
    expect(tokens).toContain('keacquirespinlock');
    expect(tokens).toEqual(expect.arrayContaining(['ke', stemWord('acquire'), 'spin', 'lock']));
  });

  it('keeps hyphenated words whole and in parts: kernel-mode', () => {
    expect(tokenize('kernel-mode')).toEqual(['kernel-mode', 'kernel', 'mode']);
  });

  it('a query made of the parts shares tokens with the identifier', () => {
    const identifier = new Set(tokenize('IoQueueWorkItem'));
    for (const token of queryTokens('queue a work item')) expect(identifier.has(token)).toBe(true);
  });

  it('lower-cases identifiers so any spelling matches', () => {
    expect(tokenize('ioqueueworkitem')[0]).toBe(tokenize('IoQueueWorkItem')[0]);
    expect(tokenize('irp_mj_device_control')[0]).toBe('irp_mj_device_control');
  });
});

describe('hex numbers', () => {
  it('normalises leading zeros and case: 0x0000009F → 0x9f', () => {
    expect(tokenize('0x0000009F')).toEqual(['0x9f']);
    expect(tokenize('0x9F')).toEqual(['0x9f']);
    expect(tokenize('Bug Check 0x9F')).toContain('0x9f');
  });

  it('keeps different values apart', () => {
    expect(tokenize('0x133')).toEqual(['0x133']);
    expect(tokenize('0x00000133')).not.toEqual(tokenize('0x13'));
  });
});

describe('plain English', () => {
  it('drops stop words', () => {
    expect(tokenize('a the of and is')).toEqual([]);
    expect(isStopWord('the')).toBe(true);
    expect(isStopWord('queue')).toBe(false);
    expect(tokenize('the drivers are in a queue')).toEqual(['driver', 'queue']);
  });

  it('stems: drivers → driver, queues → queue', () => {
    expect(tokenize('drivers')).toEqual(['driver']);
    expect(tokenize('queues')).toEqual(tokenize('queue'));
    expect(tokenize('Completing')).toEqual(tokenize('complete'));
  });

  it('drops possessive s', () => {
    expect(tokenize("driver's")).toEqual(['driver']);
  });

  it('returns nothing for punctuation and whitespace', () => {
    expect(tokenize('  ?!... ---  \n\t')).toEqual([]);
    expect(queryTokens('')).toEqual([]);
  });
});

describe('term frequency', () => {
  it('tokenize keeps duplicates', () => {
    expect(tokenize('drivers driver Driver')).toEqual(['driver', 'driver', 'driver']);
    expect(tokenize('IoQueueWorkItem queue').filter((t) => t === 'queue')).toHaveLength(2);
  });

  it('queryTokens keeps each token once, in first-seen order', () => {
    expect(queryTokens('drivers driver Driver')).toEqual(['driver']);
    expect(queryTokens('queue IoQueueWorkItem queue')).toEqual(['queue', 'ioqueueworkitem', 'io', 'work', 'item']);
  });

  it('the Orama tokenizer is the same tokenizer (duplicates kept)', () => {
    const tokenizer = createOramaTokenizer();
    expect(tokenizer.tokenize('drivers driver IoQueueWorkItem', undefined, undefined, false)).toEqual(
      tokenize('drivers driver IoQueueWorkItem'),
    );
  });
});

describe('prefix tokenizer (autocomplete)', () => {
  const prefix = createPrefixTokenizer();
  // Indexed text names its property; a query does not.
  const tokens = (text: string) => prefix.tokenize(text, undefined, 'title', false);
  const queryTokensOf = (text: string) => prefix.tokenize(text, undefined, undefined, false);

  it('keeps a query to its whole words, each matched as a prefix', () => {
    expect(queryTokensOf('KeAcquire spin')).toEqual(['keacquire', 'spin']);
  });

  it('gives the suffixes of an identifier from each part boundary', () => {
    const result = tokens('IoCreateDevice');
    expect(result).toEqual(expect.arrayContaining(['iocreatedevice', 'createdevice', 'device']));
  });

  it('does not stem (prefixes of typed text must match)', () => {
    expect(tokens('Initializing Drivers')).toEqual(['initializing', 'drivers']);
  });

  it('de-duplicates', () => {
    const result = tokens('queue queue QueueWorkItem');
    expect(result.filter((t) => t === 'queue')).toHaveLength(1);
    expect(result).toEqual(expect.arrayContaining(['queueworkitem', 'workitem', 'item']));
  });
});
