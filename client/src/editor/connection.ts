/**
 * The connection indicator (aria-live="polite"): what the person needs to know to trust that
 * their words reach their co-authors. While offline, y-websocket keeps local changes in the
 * Y.Doc and sends them when it reconnects, where Yjs merges them with everyone else's.
 */
import type { WebsocketProvider } from 'y-websocket';
import { WS_CLOSE } from '../../../shared/errors';
import { msg, t } from '../i18n';

export type Phase = 'connecting' | 'connected' | 'synced' | 'offline' | 'closed';

export const STATUS_TEXT: Record<Exclude<Phase, 'closed'>, string> = {
  connecting: msg('Connexion…'),
  connected: msg('Connecté'),
  synced: msg('Synchronisé'),
  offline: msg('Hors ligne — vos modifications seront envoyées à la reconnexion'),
};

/** Refusals from the server (shared/errors.ts WS_CLOSE): reconnecting would not help. */
export function closedText(code: number): string {
  if (code === WS_CLOSE.unauthenticated) return t('Votre session a expiré : reconnectez-vous, puis rouvrez ce brouillon pour continuer à le rédiger.');
  if (code === WS_CLOSE.forbidden) return t('Vous ne pouvez plus modifier ce brouillon (il a peut-être été déposé, ou vous n’en êtes plus co-auteur). Rechargez la page.');
  if (code === WS_CLOSE.not_found) return t('Ce brouillon n’existe plus. Rechargez la page.');
  if (code === WS_CLOSE.refused) return t('Votre dernière modification a été refusée (texte trop long, ou caractère interdit) : rechargez la page pour reprendre là où le texte a été enregistré.');
  if (code === WS_CLOSE.too_many) return t('Trop de modifications envoyées en peu de temps : la rédaction en direct s’est arrêtée. Rechargez la page.');
  return t('La rédaction en direct a été interrompue. Rechargez la page.');
}

export interface ConnectionEvents {
  /** Each time the provider has synced with the server (first load and every reconnection). */
  onSynced(): void;
  /** The server refused the connection for good: the provider has stopped reconnecting. */
  onClosed(code: number): void;
}

/** Shows the provider's phase in `status`; returns the current phase on demand. */
export function watchConnection(provider: WebsocketProvider, status: HTMLElement, events: ConnectionEvents): () => Phase {
  let phase: Phase = 'connecting';
  let everSynced = false;
  const show = (next: Phase, text: string) => {
    phase = next;
    status.dataset.phase = next;
    // re-setting the same text would make some screen readers announce it again
    if (status.textContent !== text) status.textContent = text;
  };
  const set = (next: Exclude<Phase, 'closed'>) => {
    // once closed for good, late events of the dying socket must not hide the reason
    if (phase !== 'closed') show(next, t(STATUS_TEXT[next]));
  };

  provider.on('status', ({ status: s }) => {
    // after a first sync, a reconnection attempt is still « hors ligne » for the person
    if (s === 'connecting') set(everSynced ? 'offline' : 'connecting');
    else if (s === 'connected') set('connected');
    else set(everSynced ? 'offline' : 'connecting');
  });
  provider.on('sync', (synced: boolean) => {
    if (!synced) return;
    everSynced = true;
    set('synced');
    events.onSynced();
  });
  provider.on('closed', ({ code }) => {
    show('closed', closedText(code));
    events.onClosed(code);
  });
  return () => phase;
}
