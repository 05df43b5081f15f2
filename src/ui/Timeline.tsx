// A timeline picture: the dated steps on one axis, with the article's date marked among them.
// Drawn as SVG by hand (no chart library: the content script stays small); where things go
// is decided by layout/timeline-layout.

import type { Lang } from '../shared/languages';
import type { IsoDate } from '../shared/types';
import { formatDate } from './layout/format-date';
import { layoutTimeline } from './layout/timeline-layout';
import { t } from './strings';

export interface TimelinePoint {
  date: IsoDate;
  /** What happened, for the point's tooltip. */
  text: string;
}

const W = 300;
const AXIS = 22;
const ROW = 11;

export function Timeline(props: {
  points: TimelinePoint[];
  articleDate: IsoDate | null;
  lang: Lang;
  /** The picture's accessible name. */
  label: string;
}) {
  const { points, articleDate, lang } = props;
  if (points.length === 0) return null;
  const article = articleDate ? [{ date: articleDate, label: '', text: '', article: true }] : [];
  let lastYear = '';
  const marks = [
    ...points
      .slice()
      .sort((a, b) => (a.date < b.date ? -1 : 1))
      .map((point) => {
        // One year label per year: the first step of that year carries it.
        const year = point.date.slice(0, 4);
        const label = year === lastYear ? '' : year;
        lastYear = year;
        return { ...point, label, article: false };
      }),
    ...article,
  ];
  const placed = layoutTimeline(marks, { width: W, padding: 16, charWidth: 6 });
  const marker = placed.find((p) => p.mark.article);
  const articleLabel = t(lang, 'thisArticle');
  // Keep the marker's label inside the picture.
  const half = (articleLabel.length * 6) / 2;
  const labelX = marker ? Math.min(W - half, Math.max(half, marker.x)) : 0;
  return (
    <svg class="bs-tl" viewBox={`0 0 ${W} 50`} role="img" aria-label={props.label}>
      <line x1="8" x2={W - 8} y1={AXIS} y2={AXIS} class="bs-tl-axis" />
      {marker && (
        <>
          <line x1={marker.x} x2={marker.x} y1="12" y2={AXIS + 6} class="bs-tl-now" />
          <text x={labelX} y="9" text-anchor="middle" class="bs-tl-now-t">
            {articleLabel}
          </text>
        </>
      )}
      {placed.map(({ mark, x, row }) =>
        mark.article ? null : (
          <g key={`${mark.date}-${x}-${mark.text}`}>
            <circle
              cx={x}
              cy={AXIS}
              r="3.5"
              class={articleDate && mark.date > articleDate ? 'bs-tl-after' : 'bs-tl-dot'}
            >
              <title>{`${formatDate(mark.date, lang)}: ${mark.text}`}</title>
            </circle>
            {row >= 0 && (
              <text x={x} y={AXIS + 14 + row * ROW} text-anchor="middle" class="bs-tl-y">
                {mark.label}
              </text>
            )}
          </g>
        ),
      )}
    </svg>
  );
}
