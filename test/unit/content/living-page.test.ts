// @vitest-environment happy-dom
// The living-page watcher on pages built to be expensive: its work must follow what the page
// changed, not how big the page is, appended articles are annotated within a budget, and containers
// that left the page are forgotten.

import { afterEach, describe, expect, it } from 'vitest';
import {
  APPENDED_BURST,
  type LivingPage,
  MAX_TRIES,
  watchLivingPage,
} from '../../../src/content/living-page';

const settle = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A LivingPage that counts what it is asked; containers with class `article` hold an article. */
function countingPage(finish?: Promise<void>) {
  const calls = { known: 0, annotate: 0, forgotten: 0 };
  const annotated: Element[] = [];
  const page: LivingPage = {
    selector: '.news',
    stale: () => false,
    repaint: () => false,
    known: () => {
      calls.known++;
      return false;
    },
    annotateAppended(container) {
      calls.annotate++;
      if (!container.classList.contains('article')) return false;
      annotated.push(container);
      return (finish ?? Promise.resolve()).then(() => () => {
        calls.forgotten++;
      });
    },
  };
  return { page, calls, annotated };
}

let stop: (() => void) | undefined;
afterEach(() => {
  stop?.();
  document.body.innerHTML = '';
});

describe('watchLivingPage', () => {
  it('looks only at the containers a mutation touched, not at every container of the page', {
    timeout: 30_000,
  }, async () => {
    const many = Array.from({ length: 3_000 }, () => '<div class="news"><p>not an article</p></div>').join(
      '',
    );
    document.body.innerHTML = many;
    const { page, calls } = countingPage();
    stop = watchLivingPage(document, page);
    const touched = document.querySelectorAll('.news')[123]!;
    for (let i = 0; i < 10; i++) {
      touched.append(document.createElement('span'));
      await settle(30);
    }
    await settle(400);
    // One container was touched: it is looked at (a bounded number of times), the other 2,999 never.
    expect(calls.annotate).toBeGreaterThan(0);
    expect(calls.annotate).toBeLessThanOrEqual(MAX_TRIES);
    expect(calls.known).toBeLessThanOrEqual(MAX_TRIES);
  });

  it('annotates appended articles one at a time and within a budget, however fast the page adds them', async () => {
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const { page, annotated } = countingPage(gate);
    stop = watchLivingPage(document, page);
    for (let i = 0; i < 40; i++) {
      const container = document.createElement('div');
      container.className = 'news article';
      document.body.append(container);
    }
    await settle(400);
    expect(annotated, 'one in flight').toHaveLength(1);
    release();
    await settle(1_200);
    expect(annotated.length).toBeLessThanOrEqual(APPENDED_BURST);
  });

  it('forgets appended articles (their marks’ observers) once their containers leave the page', async () => {
    const { page, calls, annotated } = countingPage();
    stop = watchLivingPage(document, page);
    const container = document.createElement('div');
    container.className = 'news article';
    document.body.append(container);
    await settle(400);
    expect(annotated).toEqual([container]);
    expect(calls.forgotten).toBe(0);
    container.remove();
    await settle(400);
    expect(calls.forgotten).toBe(1);
  });
});
