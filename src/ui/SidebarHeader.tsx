// The top of the sidebar's panel: what the reader is looking at (the article's date, the outlet,
// the dataset and its date), the filter box and the close button.

import type { Lang } from '../shared/languages';
import type { IsoDate } from '../shared/types';
import { formatDate } from './layout/format-date';
import { t } from './strings';

export interface SidebarHeaderProps {
  lang: Lang;
  articleDate: IsoDate | null;
  datasetVersion: string;
  datasetDate?: IsoDate;
  query: string;
  onQuery: (query: string) => void;
  onClose: () => void;
}

export function SidebarHeader(props: SidebarHeaderProps) {
  const { lang, articleDate, datasetDate } = props;
  return (
    <header class="bs-head">
      <h2>{t(lang, 'title')}</h2>
      <p class="bs-meta">
        {articleDate ? t(lang, 'published', formatDate(articleDate, lang)) : t(lang, 'noDate')}
      </p>
      <p class="bs-meta">{t(lang, 'outlet')}</p>
      {props.datasetVersion && (
        <p class="bs-meta">
          {t(lang, 'dataset', props.datasetVersion, datasetDate ? formatDate(datasetDate, lang) : '').replace(
            ' ()',
            '',
          )}
        </p>
      )}
      <input
        class="bs-filter"
        type="search"
        aria-label={t(lang, 'filter')}
        placeholder={t(lang, 'filterPlaceholder')}
        value={props.query}
        onInput={(event) => props.onQuery(event.currentTarget.value)}
      />
      <button
        type="button"
        class="bs-close"
        aria-label={t(lang, 'close')}
        title={t(lang, 'close')}
        onClick={props.onClose}
      >
        ×
      </button>
    </header>
  );
}
