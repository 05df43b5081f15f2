// The small card shown while the reader hovers or focuses a mention in the article.

import type { Lang } from '../shared/languages';
import type { Theme } from '../shared/settings';
import type { Entity, IsoDate } from '../shared/types';
import { EntityHead } from './EntityCard';
import { t } from './strings';

export interface HoverCardProps {
  entity: Entity;
  lang: Lang;
  articleDate: IsoDate | null;
  today: IsoDate;
  /** Viewport coordinates (the card is position: fixed), e.g. from ui/layout/card-layout's placeCard. */
  left: number;
  top: number;
  onDisable?: () => void;
  id?: string;
  theme?: Theme;
}

export function HoverCard(props: HoverCardProps) {
  const { entity, lang, onDisable, id } = props;
  const nameId = `${id ?? 'backstory-card'}-name`;
  return (
    <div
      id={id}
      class="bs-root bs-hover"
      role="dialog"
      aria-labelledby={nameId}
      data-entity-id={entity.id}
      data-theme={props.theme}
      lang={lang}
      style={{ left: `${props.left}px`, top: `${props.top}px` }}
    >
      <EntityHead
        entity={entity}
        lang={lang}
        articleDate={props.articleDate}
        today={props.today}
        nameId={nameId}
      />
      {onDisable && (
        <button type="button" class="bs-off" title={t(lang, 'hoverOffHint')} onClick={onDisable}>
          {t(lang, 'hoverOff')}
        </button>
      )}
    </div>
  );
}
