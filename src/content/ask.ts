// How the content script asks the background: each request on a port of its own (REQUEST_PORT in
// shared/messages.ts), an article's annotation in two parts whose mentions arrive before the cards'
// data. What went wrong is kept in the words the reader will be told, and an extension that went
// away under the page takes our interface with it.

import type { Runtime } from 'webextension-polyfill';
import { benchMark } from '../shared/bench';
import {
  type AnnotatedDetails,
  type AnnotatedMentions,
  type BenchTiming,
  type Failed,
  type PortPart,
  REQUEST_PORT,
  type Reply,
  type Request,
  type Results,
} from '../shared/messages';
import { contextLost, extensionAlive, isContextLost } from './context-lost';
import { browser } from './extension-api';

/** A background that has not answered by then is taken as not answering (it may be stuck). */
const ANSWER_TIMEOUT_MS = 30_000;

/** Why a request failed, as the reader is told: each a plain-words string with a way forward. */
export type Failure = 'problemRepair' | 'problemTooLarge' | 'problemNoAnswer';

let failed: Failure | null = null;

/** The last failure of a request, for the toggle to say why there is no context. */
export function lastFailure(): Failure | null {
  return failed;
}

/** A failure found without asking (an article too large to send). */
export function noteProblem(failure: Failure): void {
  failed = failure;
}

/** Keeps why a request failed, for the toggle to say; no reply at all is a failure too. */
function noteFailure(reply: Failed | undefined): void {
  console.warn('[Backstory]', reply?.error ?? 'no answer from the background');
  // The background's typed reason (shared/messages.ts, Unavailable); no answer at all is a failure
  // of the extension's own side too, which Options can repair.
  failed = !reply ? 'problemNoAnswer' : reply.reason === 'too-large' ? 'problemTooLarge' : 'problemRepair';
}

/** Bench build only: the background's moments, from a reply. */
function benchReply(type: Request['type'], bench: BenchTiming | undefined): void {
  benchMark(`${type}:replied`);
  if (!bench) return;
  benchMark(`${type}:received`, bench.received);
  benchMark(`${type}:answered`, bench.answered);
  benchMark('background:started', bench.started);
  if (bench.loaded) benchMark('background:loaded', bench.loaded);
  for (const [step, at] of Object.entries(bench.steps ?? {})) benchMark(`background:${step}`, at);
}

/**
 * Sends `request` on a port of its own (REQUEST_PORT) and hands each part of the answer to `take`,
 * which says when the answer is complete. Resolves when it is, or when the port closed or stayed
 * silent too long first; an extension that went away under the page takes our interface with it.
 */
function converse(request: Request, take: (part: PortPart) => boolean): Promise<void> {
  return new Promise((resolve) => {
    let port: Runtime.Port;
    try {
      port = browser.runtime.connect({ name: REQUEST_PORT });
    } catch (error) {
      if (isContextLost(error)) contextLost();
      return resolve();
    }
    const end = () => {
      clearTimeout(timer);
      port.disconnect();
      if (!extensionAlive()) contextLost();
      resolve();
    };
    const timer = setTimeout(end, ANSWER_TIMEOUT_MS);
    port.onDisconnect.addListener(end);
    port.onMessage.addListener((part: unknown) => {
      if (take(part as PortPart)) end();
    });
    port.postMessage(request);
  });
}

export async function ask<T extends Request['type']>(
  request: Extract<Request, { type: T }>,
): Promise<Results[T] | null> {
  if (__BENCH__) benchMark(`${request.type}:sent`);
  let reply: Reply<T> | undefined;
  await converse(request, (part) => {
    if (part.part === 'reply') reply = part.reply as Reply<T>;
    return true;
  });
  if (__BENCH__) benchReply(request.type, reply?.bench);
  if (reply?.ok) return reply.result;
  noteFailure(reply);
  return null;
}

/** An article's annotation as it arrives: the mentions, and the cards' data that follows them. */
export interface AnnotationAnswer {
  mentions: AnnotatedMentions;
  /** Null when it never comes (the background went away or did not answer in time). */
  details: Promise<AnnotatedDetails | null>;
}

/** Asks for an article's annotation: the answer is there as soon as its mentions are. */
export function askAnnotation(
  request: Extract<Request, { type: 'annotate' }>,
): Promise<AnnotationAnswer | null> {
  if (__BENCH__) benchMark('annotate:sent');
  let settleDetails: (details: AnnotatedDetails | null) => void = () => undefined;
  const details = new Promise<AnnotatedDetails | null>((settle) => {
    settleDetails = settle;
  });
  return new Promise((resolve) => {
    let answered = false;
    void converse(request, (part) => {
      if (part.part === 'details') {
        // Bench build only: the background's moments after the mentions (reading the cards).
        if (__BENCH__)
          for (const [step, at] of Object.entries(part.bench?.steps ?? {}))
            benchMark(`background:${step}`, at);
        settleDetails(part.result);
      }
      if (part.part !== 'mentions' || answered) return true;
      answered = true;
      if (__BENCH__) benchReply('annotate', part.reply.bench);
      if (part.reply.ok) resolve({ mentions: part.reply.result, details });
      else noteFailure(part.reply);
      return !part.reply.ok;
    }).then(() => {
      if (!answered) noteFailure(undefined);
      resolve(null);
      settleDetails(null);
    });
  });
}
