import type { create as Create } from 'xmlbuilder2';
import type { PresentedEvent } from '../present/history';

/** Where an event's subject can be read (stable permalinks of the site). */
export function subjectPath(e: Pick<PresentedEvent, 'subject'>, billId: string): string {
  switch (e.subject.type) {
    case 'amendment': return `/amendements/${e.subject.id}`;
    case 'article': return `/articles/${e.subject.id}`;
    case 'user': return `/contributeurs/${e.subject.id}`;
    default: return `/textes/${billId}`;
  }
}

/**
 * An Atom 1.0 feed (RFC 4287) of events, newest first. Entry ids are tag URIs built from the event
 * id, which never changes, so feed readers never show an event twice.
 */
export function atomFeed(feed: { id: string; title: string; selfUrl: string; siteUrl: string; origin: string; billId: string; events: readonly PresentedEvent[] }): string {
  // loaded on the first feed (history pages import this module for `subjectPath` alone)
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { create } = require('xmlbuilder2') as { create: typeof Create };
  const doc = create({ version: '1.0', encoding: 'UTF-8' }).ele('http://www.w3.org/2005/Atom', 'feed').att('xml:lang', 'fr');
  doc.ele('id').txt(feed.id).up();
  doc.ele('title').txt(feed.title).up();
  doc.ele('updated').txt(feed.events[0]?.at ?? new Date(0).toISOString()).up();
  doc.ele('link').att('rel', 'self').att('type', 'application/atom+xml').att('href', feed.selfUrl).up();
  doc.ele('link').att('rel', 'alternate').att('type', 'text/html').att('href', feed.siteUrl).up();
  doc.ele('author').ele('name').txt('Palimpseste').up().up();
  doc.ele('generator').txt('Palimpseste').up();
  for (const e of feed.events) {
    const entry = doc.ele('entry');
    entry.ele('id').txt(`tag:palimpseste,2026:event:${e.id}`).up();
    entry.ele('title').txt(e.label).up();
    entry.ele('updated').txt(e.at).up();
    entry.ele('link').att('rel', 'alternate').att('type', 'text/html').att('href', `${feed.origin}${subjectPath(e, feed.billId)}`).up();
    if (e.actor) entry.ele('author').ele('name').txt(e.actor.displayName).up().up();
    entry.ele('category').att('term', e.type).up();
    entry.ele('summary').txt(e.actor ? `${e.label} — ${e.actor.displayName}` : e.label).up();
  }
  return doc.end({ prettyPrint: true });
}
