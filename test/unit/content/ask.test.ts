// @vitest-environment happy-dom
// An article's annotation comes on a port in two parts: the marks must not wait for the cards' data,
// and whatever goes wrong on the way must end in a reason the toggle can give, never in a wait
// without end.

import { beforeEach, describe, expect, it, vi } from 'vitest';
import { type PortPart, REQUEST_PORT } from '../../../src/shared/messages';

/** A port as the browser gives it: what the content script posted, and the background's side. */
interface FakePort {
  posted: unknown[];
  disconnected: boolean;
  /** The background posts a part. */
  deliver(part: PortPart): void;
  /** The background's side goes away (the worker stopped, the extension was reloaded). */
  drop(): void;
}

const extension = vi.hoisted(() => ({
  id: 'backstory' as string | undefined,
  connect: (() => {
    throw new Error('no port');
  }) as (info: { name: string }) => unknown,
}));

vi.mock('../../../src/content/extension-api', () => ({
  browser: {
    runtime: {
      get id() {
        return extension.id;
      },
      connect: (info: { name: string }) => extension.connect(info),
    },
  },
}));

import { ask, askAnnotation, lastFailure } from '../../../src/content/ask';
import { onContextLost } from '../../../src/content/context-lost';
import { DATASET_INFO as dataset, NATO_MENTIONS as mentions, NATO as nato } from '../shared/annotation-reply';

function openPort(): FakePort & { name?: string } {
  const onMessage: ((message: unknown) => void)[] = [];
  const onDisconnect: (() => void)[] = [];
  const port: FakePort & { name?: string } = {
    posted: [],
    disconnected: false,
    deliver: (part) => {
      for (const listener of onMessage) listener(part);
    },
    drop: () => {
      for (const listener of onDisconnect) listener();
    },
  };
  extension.connect = ({ name }) => {
    port.name = name;
    return {
      postMessage: (message: unknown) => port.posted.push(message),
      disconnect: () => {
        port.disconnected = true;
      },
      onMessage: { addListener: (listener: (message: unknown) => void) => onMessage.push(listener) },
      onDisconnect: { addListener: (listener: () => void) => onDisconnect.push(listener) },
    };
  };
  return port;
}

const request = { type: 'annotate' as const, text: 'NATO met.', lang: 'en' as const, date: '2022-01-14' };
beforeEach(() => {
  extension.id = 'backstory';
  vi.spyOn(console, 'warn').mockImplementation(() => undefined);
});

describe('asking the background', () => {
  it('hands over the mentions before the cards\u2019 data has come, then the data', async () => {
    const port = openPort();
    const asking = askAnnotation(request);
    expect(port.name).toBe(REQUEST_PORT);
    expect(port.posted).toEqual([request]);
    port.deliver({ part: 'mentions', reply: { ok: true, result: { mentions, dataset } } });
    const answer = await asking;
    expect(answer?.mentions.mentions).toEqual(mentions);
    let details: unknown = 'pending';
    void answer?.details.then((d) => {
      details = d;
    });
    await Promise.resolve();
    expect(details).toBe('pending');
    port.deliver({ part: 'details', result: { entities: [nato], related: [] } });
    expect(await answer?.details).toEqual({ entities: [nato], related: [] });
    expect(port.disconnected).toBe(true);
  });

  it('says why when the background refuses the article', async () => {
    const port = openPort();
    const asking = askAnnotation(request);
    port.deliver({ part: 'mentions', reply: { ok: false, error: 'too big', reason: 'too-large' } });
    expect(await asking).toBeNull();
    expect(lastFailure()).toBe('problemTooLarge');
  });

  it('takes a background that went away before answering as no answer', async () => {
    const port = openPort();
    const asking = askAnnotation(request);
    port.drop();
    expect(await asking).toBeNull();
    expect(lastFailure()).toBe('problemNoAnswer');
  });

  it('gives up on cards\u2019 data that never comes, keeping the mentions', async () => {
    const port = openPort();
    const asking = askAnnotation(request);
    port.deliver({ part: 'mentions', reply: { ok: true, result: { mentions, dataset } } });
    const answer = await asking;
    port.drop();
    expect(answer?.mentions.dataset.version).toBe('v1');
    expect(await answer?.details).toBeNull();
  });

  it('waits no longer than its time limit', async () => {
    vi.useFakeTimers();
    try {
      openPort();
      const asking = askAnnotation(request);
      await vi.advanceTimersByTimeAsync(30_000);
      expect(await asking).toBeNull();
      expect(lastFailure()).toBe('problemNoAnswer');
    } finally {
      vi.useRealTimers();
    }
  });

  it('other requests get their one reply, or the reason there is none', async () => {
    const port = openPort();
    const asking = ask({ type: 'open-options' });
    port.deliver({ part: 'reply', reply: { ok: true, result: null } });
    expect(await asking).toBeNull();
    expect(port.disconnected).toBe(true);
    const refused = openPort();
    const refusing = ask({ type: 'page-ui' });
    refused.deliver({ part: 'reply', reply: { ok: false, error: 'broken', reason: 'internal' } });
    expect(await refusing).toBeNull();
    expect(lastFailure()).toBe('problemRepair');
  });

  it('takes our interface out of the page when the extension is gone', async () => {
    extension.connect = () => {
      throw new Error('Extension context invalidated.');
    };
    const teardown = vi.fn();
    onContextLost(teardown);
    expect(await askAnnotation(request)).toBeNull();
    expect(teardown).toHaveBeenCalledTimes(1);
  });
});
