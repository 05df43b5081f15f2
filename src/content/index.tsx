// The content script: decides whether this page is a TASS article, asks the background what it
// mentions, marks the mentions and mounts the sidebar. It never opens IndexedDB (that would belong
// to the page's origin) and never lets an exception of ours reach the page.

import { render } from 'preact';
import { type DetectedArticle, detectArticle } from '../core/detect';
import { extractText } from '../core/extract';
import { isTabCommand, type Reply } from '../core/messages';
import { DEFAULT_SETTINGS, parseSettings, SETTINGS_KEY, type Settings } from '../core/settings';
import { todayIso } from '../core/status';
import type { Entity } from '../core/types';
import { Sidebar } from '../ui/Sidebar';
import { browser } from './extension-api';
import { installHoverCards } from './hover';
import { paintMentions, revealMention, setMarksVisible } from './paint';
import { createShadowHost } from './shadow-host';

const SIDEBAR_WIDTH = 360;
/** Below this window width the sidebar overlays the page instead of pushing it aside. */
const PUSH_MIN_WIDTH = 1100;
/** How long to wait for an article that the page renders with script after load. */
const DETECT_GIVE_UP_MS = 30_000;

async function loadSettings(): Promise<Settings> {
  try {
    const stored = await browser.storage.local.get(SETTINGS_KEY);
    return parseSettings(stored[SETTINGS_KEY]);
  } catch {
    return { ...DEFAULT_SETTINGS };
  }
}

function saveSettings(settings: Settings): void {
  browser.storage.local.set({ [SETTINGS_KEY]: settings }).catch(() => undefined);
}

/** Resolves with the article once detection succeeds, retrying with back-off as the page mutates. */
function waitForArticle(): Promise<DetectedArticle | null> {
  const attempt = () => detectArticle(document, location.href);
  const found = attempt();
  if (found) return Promise.resolve(found);
  return new Promise((resolve) => {
    let delay = 200;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const finish = (article: DetectedArticle | null) => {
      observer.disconnect();
      clearTimeout(timer);
      clearTimeout(giveUp);
      resolve(article);
    };
    const observer = new MutationObserver(() => {
      if (timer !== undefined) return;
      timer = setTimeout(() => {
        timer = undefined;
        const article = attempt();
        if (article) finish(article);
        else delay = Math.min(delay * 2, 3000);
      }, delay);
    });
    observer.observe(document.documentElement, { childList: true, subtree: true });
    const giveUp = setTimeout(() => finish(null), DETECT_GIVE_UP_MS);
  });
}

/** Pushes the page aside while the sidebar is open on a wide window; restores it otherwise. */
function pushPage(open: boolean): void {
  const style = document.documentElement.style;
  const push = open && window.innerWidth >= PUSH_MIN_WIDTH;
  style.setProperty('margin-right', push ? `${SIDEBAR_WIDTH}px` : '');
}

async function run(): Promise<void> {
  // Never inject twice, even if the script is evaluated again in the same page.
  if (document.querySelector('backstory-sidebar')) return;
  const article = await waitForArticle();
  if (!article || document.querySelector('backstory-sidebar')) return;

  const extracted = extractText(article.blocks);
  const reply = (await browser.runtime.sendMessage({
    type: 'annotate',
    text: extracted.text,
    lang: article.lang,
    date: article.date,
  })) as Reply<'annotate'>;
  if (!reply?.ok) {
    console.warn('[Backstory]', reply?.error ?? 'no answer from the background');
    return;
  }
  const { mentions, entities, dataset } = reply.result;
  const byId = new Map<string, Entity>(entities.map((entity) => [entity.id, entity]));
  const firstMention = paintMentions(document, extracted, mentions);
  const mentionCounts: Record<string, number> = {};
  for (const mention of mentions)
    mentionCounts[mention.entityId] = (mentionCounts[mention.entityId] ?? 0) + 1;

  let settings = await loadSettings();
  setMarksVisible(document, settings.marks);
  const today = todayIso();
  const update = (change: Partial<Settings>) => {
    settings = { ...settings, ...change };
    saveSettings(settings);
    draw();
  };

  const sidebar = createShadowHost(document, 'backstory-sidebar');
  sidebar.host.dataset.backstoryDataset = dataset.version;
  const toggle = () => update({ sidebarOpen: !settings.sidebarOpen });
  const showEntity = (id: string) => {
    const index = mentions.findIndex((mention) => mention.entityId === id);
    const wrapper = index >= 0 ? firstMention[index] : undefined;
    if (wrapper) revealMention(wrapper);
  };
  const draw = () => {
    pushPage(settings.sidebarOpen);
    render(
      <Sidebar
        article={article}
        entities={entities}
        mentionCounts={mentionCounts}
        lang={article.lang}
        today={today}
        open={settings.sidebarOpen}
        datasetVersion={dataset.version}
        onToggle={toggle}
        onShowEntity={showEntity}
      />,
      sidebar.mount,
    );
  };
  draw();

  installHoverCards(document, {
    entities: byId,
    lang: article.lang,
    articleDate: article.date,
    today,
    enabled: () => settings.hoverCards,
    onDisable: () => update({ hoverCards: false }),
  });

  document.addEventListener('keydown', (event) => {
    // Inside the panel the Sidebar component handles Escape itself.
    if (event.composedPath().includes(sidebar.host)) return;
    if (event.key === 'Escape' && settings.sidebarOpen && !event.defaultPrevented) toggle();
  });
  window.addEventListener('resize', () => pushPage(settings.sidebarOpen), { passive: true });
  browser.runtime.onMessage.addListener((message: unknown) => {
    if (isTabCommand(message)) toggle();
    return undefined;
  });
  browser.storage.onChanged.addListener((changes, area) => {
    // Options changed in another tab or on the options page: follow them here too.
    if (area === 'local' && SETTINGS_KEY in changes) {
      settings = parseSettings(changes[SETTINGS_KEY]?.newValue);
      setMarksVisible(document, settings.marks);
      draw();
    }
  });
}

run().catch((error: unknown) => console.warn('[Backstory] could not give context on this page:', error));
