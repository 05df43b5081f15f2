// The command line over the engine and the dataset, for curators and tests:
//   node dist/cli.mjs annotate FILE [--date YYYY-MM-DD] [--url URL]
//   node dist/cli.mjs dataset [--stats]
// Bad input gets one line on stderr and a non-zero exit, never a stack trace.

import bundle from 'backstory:dataset';
import { readFileSync, statSync } from 'node:fs';
import { parseHTML } from 'linkedom';
import { annotateArticle, entityLookup } from '../engine/annotate-article';
import { compileMatcher } from '../engine/matcher/compile';
import type { ArticleInfo, Entity, Mention } from '../shared/types';
import { detectArticle, detectPlainText } from '../site/detect';
import { extractText } from '../site/extract';
import { TASS } from '../site/tass';

/** Larger inputs are refused: no article is this long, and parsing them would take minutes. */
const MAX_INPUT_BYTES = 10 * 1024 * 1024;

const USAGE = `usage:
  backstory annotate FILE [--date YYYY-MM-DD] [--url URL]
  backstory dataset [--stats]`;

class UsageError extends Error {}
class InputError extends Error {}

function parseFlags(args: string[], allowed: string[]): { positional: string[]; flags: Map<string, string> } {
  const positional: string[] = [];
  const flags = new Map<string, string>();
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (!arg.startsWith('--')) {
      positional.push(arg);
      continue;
    }
    const [name, inline] = arg.slice(2).split(/=(.*)/s, 2) as [string, string | undefined];
    if (!allowed.includes(name)) throw new UsageError(`unknown option --${name}`);
    if (name === 'stats') {
      flags.set(name, 'true');
      continue;
    }
    const value = inline ?? args[++i];
    if (value === undefined) throw new UsageError(`--${name} needs a value`);
    flags.set(name, value);
  }
  return { positional, flags };
}

function readInput(path: string): string {
  let size: number;
  try {
    const stat = statSync(path);
    if (!stat.isFile()) throw new InputError(`${path}: not a file`);
    size = stat.size;
  } catch (error) {
    if (error instanceof InputError) throw error;
    throw new InputError(`${path}: no such file or not readable`);
  }
  if (size > MAX_INPUT_BYTES)
    throw new InputError(`${path}: ${size} bytes is over the ${MAX_INPUT_BYTES}-byte limit`);
  const bytes = readFileSync(path);
  if (bytes.includes(0)) throw new InputError(`${path}: looks like a binary file, not HTML or text`);
  const text = new TextDecoder('utf-8', { fatal: false }).decode(bytes);
  const replaced = text.split('\uFFFD').length - 1;
  if (replaced > 16 && replaced > text.length / 100) throw new InputError(`${path}: not UTF-8 text`);
  return text;
}

function looksLikeHtml(path: string, text: string): boolean {
  return /\.x?html?$/i.test(path) || /^\s*(<!doctype html|<html[\s>])/i.test(text);
}

/** The page's own idea of its address, for pages saved without one. */
function pageUrl(doc: Document): string | null {
  const canonical = doc.querySelector('link[rel="canonical"]')?.getAttribute('href');
  const og = doc.querySelector('meta[property="og:url"]')?.getAttribute('content');
  return canonical || og || null;
}

function annotateFile(path: string, dateFlag: string | undefined, urlFlag: string | undefined) {
  if (dateFlag !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(dateFlag))
    throw new UsageError('--date must be YYYY-MM-DD');
  if (urlFlag !== undefined && !URL.canParse(urlFlag)) throw new UsageError(`--url is not a URL: ${urlFlag}`);
  const input = readInput(path);
  let article: ArticleInfo;
  let text = '';
  if (looksLikeHtml(path, input)) {
    const { document } = parseHTML(input);
    const lang = (document.documentElement?.getAttribute('lang') ?? '').startsWith('ru') ? 'ru' : 'en';
    // A page saved without its address is taken to be an article page of the TASS site of its
    // language; detection still requires an article's structure.
    const url = urlFlag ?? pageUrl(document) ?? TASS.savedPageUrl[lang];
    const detected = detectArticle(document, url);
    if (detected) {
      const { blocks, ...info } = detected;
      article = info;
      text = extractText(blocks).text;
    } else {
      article = { detected: false, title: null, date: null, lang };
    }
  } else {
    text = input;
    article = detectPlainText(text, dateFlag ?? null);
  }
  if (dateFlag) article = { ...article, date: dateFlag };

  let mentions: Mention[] = [];
  let entities: Entity[] = [];
  if (article.detected || !looksLikeHtml(path, input)) {
    const matcher = compileMatcher(bundle.entities);
    ({ mentions, entities } = annotateArticle(
      matcher,
      text,
      { date: article.date, lang: article.lang },
      entityLookup(bundle.entities),
    ));
  }
  return { article, mentions, entities };
}

function datasetStats() {
  // Null-prototype counters: a type is only ever one of ENTITY_TYPES, but no key should reach
  // Object.prototype.
  const byType: Record<string, number> = Object.create(null);
  let sourced = 0;
  let english = 0;
  let russian = 0;
  let series = 0;
  let editions = 0;
  for (const entity of bundle.entities) {
    byType[entity.type] = (byType[entity.type] ?? 0) + 1;
    if (entity.sources.length > 0) sourced++;
    if (entity.name.en && entity.summary.en && entity.aliases.en.length > 0) english++;
    if (entity.name.ru && entity.summary.ru && entity.aliases.ru.length > 0) russian++;
    if (entity.editions) series++;
    if (entity.series) editions++;
  }
  const total = bundle.entities.length;
  return {
    version: bundle.version,
    date: bundle.date,
    total,
    byType: { ...byType },
    byLanguage: { en: english, ru: russian },
    /** Recurring events: the series entities, and their editions (counted in byType as events). */
    series,
    editions,
    sourcedShare: total === 0 ? 0 : sourced / total,
  };
}

function main(argv: string[]): number {
  const [command, ...rest] = argv;
  if (command === 'annotate') {
    const { positional, flags } = parseFlags(rest, ['date', 'url']);
    if (positional.length !== 1) throw new UsageError('annotate takes exactly one FILE');
    const result = annotateFile(positional[0]!, flags.get('date'), flags.get('url'));
    process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
    return 0;
  }
  if (command === 'dataset') {
    const { positional, flags } = parseFlags(rest, ['stats']);
    if (positional.length > 0) throw new UsageError('dataset takes no arguments');
    const output = flags.has('stats') ? datasetStats() : bundle.entities;
    process.stdout.write(`${JSON.stringify(output, null, 2)}\n`);
    return 0;
  }
  if (command === undefined || command === '--help' || command === 'help') {
    process.stdout.write(`${USAGE}\n`);
    return command === undefined ? 2 : 0;
  }
  throw new UsageError(`unknown command ${command}`);
}

try {
  process.exitCode = main(process.argv.slice(2));
} catch (error) {
  if (error instanceof UsageError) {
    process.stderr.write(`backstory: ${error.message}\n${USAGE}\n`);
    process.exitCode = 2;
  } else {
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`backstory: ${message.split('\n')[0]}\n`);
    process.exitCode = 1;
  }
}
